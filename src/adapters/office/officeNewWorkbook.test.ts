/** @jest-environment jsdom */
import { createOfficeHost } from "./officeHost";

/**
 * Start next year's plan in Excel: the Office host opens the new plan with Excel.createWorkbook(base64)
 * where ExcelApi 1.8 is supported at run time, and says what to do instead where it is not.
 */
const g = globalThis as unknown as Record<string, unknown>;

function installOffice(supports18: boolean, createWorkbook: jest.Mock = jest.fn()): jest.Mock {
  g.Office = {
    context: {
      requirements: { isSetSupported: (name: string, version: string) => !(name === "ExcelApi" && version === "1.8") || supports18 },
      document: { url: "https://example.org/plan.xlsx" },
      platform: "OfficeOnline",
    },
  };
  g.Excel = { run: jest.fn(), createWorkbook };
  return createWorkbook;
}

afterEach(() => {
  delete g.Office;
  delete g.Excel;
});

describe("the Office host's new workbook (issue 14, year-end carry-over)", () => {
  it("opens the .xlsx bytes as a new workbook with Excel.createWorkbook, as Base64", async () => {
    const createWorkbook = installOffice(true, jest.fn().mockResolvedValue(undefined));
    const host = createOfficeHost();
    const bytes = new Uint8Array([80, 75, 3, 4, 0, 255]);
    expect(await host.newWorkbook?.open?.("next.xlsx", bytes)).toBe("opened");
    expect(createWorkbook).toHaveBeenCalledWith(Buffer.from(bytes).toString("base64"));
  });

  it("without ExcelApi 1.8, offers no opener and points to the command line", () => {
    const createWorkbook = installOffice(false);
    const host = createOfficeHost();
    expect(host.newWorkbook?.open).toBeUndefined();
    expect(host.newWorkbook?.unavailable).toMatch(/cannot open a new workbook.*csp-plan carry-over/);
    expect(createWorkbook).not.toHaveBeenCalled();
  });
});
