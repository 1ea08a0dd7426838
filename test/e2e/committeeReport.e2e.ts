/**
 * The committee report from the pane's buttons in a real browser (Debian's chromium through playwright-core),
 * over the built preview, which uses the browser's own clipboard and downloads as Excel on the web does:
 * "Copy Q3 report" then Ctrl+V into an editable region keeps the headings and tables; "Download Q3 report
 * (.docx)" saves a Word document with one heading per priority.
 */
import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { openPreview, screenshot, Session, startSession } from "./browser";

let session: Session;

beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => session?.close());
afterEach(() => {
  const problems = session.problems.splice(0);
  expect(problems).toEqual([]);
});

const openSummary = () => openPreview(session, "?view=summary");

it("Copy report, pasted into a rich-text editor, keeps one heading and a figures table per priority", async () => {
  const page = await openSummary();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(session.url).origin });
  await page.locator("main").getByRole("button", { name: "Copy Q3 report" }).click();
  // The pane says the formatted report was copied (not the plain-text fallback) before anything is pasted.
  await page.getByText("Copied the Q3 report: paste it into Word.").waitFor();
  await screenshot(page, "summary-report-copied");
  await page.evaluate(() => {
    const editor = document.createElement("div");
    editor.id = "paste";
    editor.contentEditable = "true";
    document.body.appendChild(editor);
  });
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

it("Download report saves a Word document with one heading per priority, loading the docx code only then", async () => {
  const page = await openSummary();
  const scripts = () => page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.endsWith(".js")));
  const before = await scripts();
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("main").getByRole("button", { name: "Download Q3 report (.docx)" }).click()]);
  expect(download.suggestedFilename()).toBe("Community safety action plan 2014-15 Q3 progress report.docx");
  const file = await download.path();
  const parts = unzipSync(readFileSync(file));
  const xml = strFromU8(parts["word/document.xml"]);
  const headings = [...xml.matchAll(/<w:pStyle w:val="Heading2"\/><\/w:pPr><w:r><w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((m) => m[1]);
  expect(headings.filter((h) => /^\d+\. /.test(h))).toHaveLength(8);
  expect(Object.keys(parts).some((name) => /^word\/media\/.*\.png$/.test(name))).toBe(true);
  await page.getByText(/^Saved the Q3 report as "Community safety action plan 2014-15 Q3 progress report\.docx"/).waitFor();
  // The Word writer came in a chunk of its own, fetched when the button was pressed.
  const fetched = (await scripts()).filter((name) => !before.includes(name));
  expect(fetched.some((name) => /docx-report/.test(name))).toBe(true);
  await page.context().close();
});
