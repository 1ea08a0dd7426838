/** @jest-environment jsdom */
import { copyRich } from "./clipboard";

/** A clipboard that records what was written, as text or as items. */
function fakeClipboard(options: { refuseWrite?: boolean } = {}) {
  const texts: string[] = [];
  const items: unknown[][] = [];
  const clipboard = {
    writeText: async (text: string) => {
      texts.push(text);
    },
    write: async (written: unknown[]) => {
      if (options.refuseWrite) throw new DOMException("Write permission denied.", "NotAllowedError");
      items.push(written);
    },
  };
  Object.defineProperty(navigator, "clipboard", { value: clipboard, configurable: true });
  return { texts, items };
}

class FakeClipboardItem {
  constructor(readonly data: Record<string, Blob>) {}
}

const blobText = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });

describe("the Office host's formatted copy", () => {
  const global = globalThis as { ClipboardItem?: unknown };
  afterEach(() => {
    delete global.ClipboardItem;
    Reflect.deleteProperty(navigator, "clipboard");
  });

  it("writes one item with the HTML as text/html and the plain text as text/plain", async () => {
    global.ClipboardItem = FakeClipboardItem;
    const { texts, items } = fakeClipboard();
    expect(await copyRich("<h2>1. ASB</h2>", "1. ASB\n------")).toBe("html");
    expect(texts).toEqual([]);
    expect(items).toHaveLength(1);
    const [item] = items[0] as FakeClipboardItem[];
    expect(Object.keys(item.data).sort()).toEqual(["text/html", "text/plain"]);
    expect(item.data["text/html"].type).toBe("text/html");
    expect(await blobText(item.data["text/html"])).toBe("<h2>1. ASB</h2>");
    expect(await blobText(item.data["text/plain"])).toBe("1. ASB\n------");
  });

  it("copies the plain text, and says so, where there is no ClipboardItem", async () => {
    expect(global.ClipboardItem).toBeUndefined();
    const { texts, items } = fakeClipboard();
    expect(await copyRich("<h2>1. ASB</h2>", "1. ASB")).toBe("text");
    expect(texts).toEqual(["1. ASB"]);
    expect(items).toEqual([]);
  });

  it("copies the plain text where the webview refuses to write an item", async () => {
    global.ClipboardItem = FakeClipboardItem;
    const { texts, items } = fakeClipboard({ refuseWrite: true });
    expect(await copyRich("<h2>1. ASB</h2>", "1. ASB")).toBe("text");
    expect(texts).toEqual(["1. ASB"]);
    expect(items).toEqual([]);
  });
});
