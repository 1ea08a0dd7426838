/**
 * The copied committee report pasted in a real browser (Debian's chromium through playwright-core): the HTML
 * the pane's "Copy report" builds, written to the clipboard as the Office host writes it (one ClipboardItem,
 * text/html with text/plain), then pasted with Ctrl+V into an editable region, keeps its headings and tables.
 */
import { memoryPlan } from "../support/planFixture";
import { SAMPLE_PLAN } from "../../src/domain/sample/samplePlan";
import { reportForClipboard } from "../../src/report/clipboardReport";
import { Session, startSession } from "./browser";

let session: Session;

beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => session?.close());

it("pastes the copied Q3 report with one heading and a figures table per priority", async () => {
  const result = await reportForClipboard(await memoryPlan(SAMPLE_PLAN), "Q3");
  if (!result.done) throw new Error(result.reason);
  const page = await session.open("help.html");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(session.url).origin });
  await page.evaluate(() => {
    document.body.innerHTML = '<div id="paste" contenteditable="true"></div>';
  });
  await page.evaluate(
    ({ html, text }) =>
      navigator.clipboard.write([
        new ClipboardItem({ "text/html": new Blob([html], { type: "text/html" }), "text/plain": new Blob([text], { type: "text/plain" }) }),
      ]),
    { html: result.html, text: result.text },
  );
  const target = page.locator("#paste");
  await target.focus();
  await page.keyboard.press("Control+V");
  // Waits for the paste to land, whatever it holds (a condition, not a pause): a paste that lost the
  // formatting then fails on the headings below instead of waiting for them.
  await page.waitForFunction(() => (document.querySelector("#paste")?.textContent ?? "").includes("Sign-off"));
  const pasted = await target.evaluate((el) => ({
    h1: el.querySelector("h1")?.textContent,
    h2: [...el.querySelectorAll("h2")].map((h) => h.textContent ?? ""),
    tables: el.querySelectorAll("table").length,
    headedTables: [...el.querySelectorAll("table")].filter((t) => t.querySelector("th")).length,
  }));
  const priorities = pasted.h2.filter((t) => /^\d+\. /.test(t));
  expect(pasted.h1).toMatch(/Q3 progress report$/);
  expect(priorities).toHaveLength(8);
  expect(priorities[0]).toBe("1. Anti-social behaviour");
  expect(pasted.tables).toBeGreaterThanOrEqual(9);
  expect(pasted.headedTables).toBe(pasted.tables);
  await page.context().close();
});
