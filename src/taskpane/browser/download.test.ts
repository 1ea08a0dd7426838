/** @jest-environment jsdom */
import { saveByDownload } from "./download";

describe("saving a file through the browser's download", () => {
  const created: Blob[] = [];
  const clicked: { download: string; href: string; inDocument: boolean }[] = [];
  let click: jest.SpyInstance;
  beforeEach(() => {
    // jsdom has no object URLs and does not download: these record what the browser would be given.
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        created.push(blob);
        return `blob:https://localhost/${created.length}`;
      },
      revokeObjectURL: () => undefined,
    });
    click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href, inDocument: document.body.contains(this) });
    });
  });
  afterEach(() => click.mockRestore());

  it("hands the bytes to the browser under the file's name and media type, and leaves no link behind", async () => {
    await saveByDownload("Q3 2014-15 progress report.docx", new Uint8Array([80, 75, 3, 4]), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(clicked).toEqual([{ download: "Q3 2014-15 progress report.docx", href: "blob:https://localhost/1", inDocument: true }]);
    expect(created[0].type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(created[0].size).toBe(4);
    expect(document.querySelectorAll("a")).toHaveLength(0);
  });
});
