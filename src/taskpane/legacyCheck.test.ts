/** @jest-environment jsdom */
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * legacy-check.js over the real taskpane.html body: in a webview that can run the pane it changes nothing;
 * in one that lacks what the ES2022 bundle needs (Trident, EdgeHTML) it removes the pane's root and shows
 * the static message. The browser tests (test/e2e) run it in chromium too.
 */
function loadPageBody(): void {
  const html = readFileSync(path.join(__dirname, "taskpane.html"), "utf8");
  const parsed = new DOMParser().parseFromString(html, "text/html");
  document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
}

function runCheck(): void {
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("./legacy-check.js");
  });
}

const message = () => document.getElementById("unsupported")!;

describe("legacy-check.js", () => {
  beforeEach(loadPageBody);

  it("leaves the pane alone where the bundle can run", () => {
    runCheck();
    expect(document.getElementById("root")).not.toBeNull();
    expect(message().hidden).toBe(true);
  });

  it.each([
    ["Array.prototype.at", Array.prototype as unknown as Record<string, unknown>, "at"],
    ["Object.fromEntries", Object as unknown as Record<string, unknown>, "fromEntries"],
  ])("without %s, removes the pane's root and says which versions of Excel can run it", (_, owner, name) => {
    const saved = Object.getOwnPropertyDescriptor(owner, name)!;
    delete owner[name];
    try {
      runCheck();
    } finally {
      Object.defineProperty(owner, name, saved);
    }
    expect(document.getElementById("root")).toBeNull();
    expect(message().hidden).toBe(false);
    expect(message().getAttribute("role")).toBe("alert");
    expect(message().querySelector("h1")?.textContent).toBe("CSP Action Plan cannot run in this version of Excel");
    expect(message().textContent).toContain("Excel for Microsoft 365 on Mac");
  });
});
