/**
 * The task pane in a real browser (Debian's chromium through playwright-core), over the built dist/:
 * the production page starts, and the preview's journeys work by mouse and by keyboard, in light and dark
 * themes, with no serious or critical accessibility violations. Screenshots go to test-output/screenshots/.
 */
import { expect as playwrightExpect } from "./expect";
import { Page } from "playwright-core";
import { openPreview as openPreviewIn, screenshot, seriousViolations, Session, settled, startSession } from "./browser";

let session: Session;

beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => session?.close());
afterEach(() => {
  // Every test ends with no page errors, failed loads, unexpected console errors or network calls.
  const problems = session.problems.splice(0);
  expect(problems).toEqual([]);
});

const pane = (page: Page) => page.locator("main");
const gridCell = (page: Page, cell: string) => page.locator(`[role=gridcell][data-cell="${cell}"]`);

const openPreview = (query = "", colorScheme: "light" | "dark" = "light") => openPreviewIn(session, query, colorScheme);

describe("the production task pane", () => {
  it("starts from the built bundle with office.js from the CDN's address, outside Office, over an empty workbook", async () => {
    const page = await session.open("taskpane.html", { routeOfficeCdn: true });
    await page.getByRole("heading", { name: "This workbook does not hold a plan yet" }).waitFor();
    for (const name of ["Plan", "Check", "My actions", "Summary"]) expect(await page.getByRole("tab", { name, exact: true }).count()).toBe(1);
    expect(await page.locator("#unsupported").isVisible()).toBe(false);
    await page.context().close();
  });

  it("says which versions of Excel can run it, instead of a blank pane, in a webview that cannot (Internet Explorer 11, Edge Legacy)", async () => {
    const page = await session.open("about:blank", { routeOfficeCdn: true });
    // A webview without ES2022's Array.prototype.at, as Trident and EdgeHTML are, from before any script runs.
    await page.addInitScript(() => {
      delete (Array.prototype as { at?: unknown }).at;
    });
    await page.goto(new URL("taskpane.html", session.url).toString());
    await page.getByRole("heading", { name: "CSP Action Plan cannot run in this version of Excel" }).waitFor();
    await playwrightExpect(page.getByRole("alert")).toContainText("Excel for Microsoft 365 on Mac");
    // The bundle still starts; once Office is ready (its own handler has run) it has rendered nothing.
    await page.evaluate(() => Office.onReady());
    expect(await page.locator("main").count()).toBe(0);
    await screenshot(page, "unsupported-webview");
    await page.context().close();
  });

  it("notices a bundle that does not load (these tests fail on a missing chunk or a start-up error)", async () => {
    const page = await session.open("about:blank", { routeOfficeCdn: true });
    await page.route(/\/taskpane\.[0-9a-f]+\.js$/, (route) => route.fulfill({ status: 404, body: "" }));
    const refused = page.waitForEvent("response", (r) => /\/taskpane\.[0-9a-f]+\.js$/.test(r.url()) && r.status() === 404);
    await page.goto(new URL("taskpane.html", session.url).toString(), { waitUntil: "load" });
    await refused;
    // Every script has run by the load event; office.js's onReady settles on the next task.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(await page.getByRole("heading", { name: "CSP Action Plan" }).count()).toBe(0);
    const seen = session.problems.splice(0);
    expect(seen.some((p) => /HTTP 404: .*taskpane\.[0-9a-f]+\.js/.test(p))).toBe(true);
    await page.context().close();
  });
});

describe("journeys in the preview", () => {
  it("sets up a plan in an empty workbook, and its sheets appear in the grid", async () => {
    const page = await openPreview("?workbook=empty");
    await pane(page).getByRole("textbox", { name: "Plan name" }).fill("Safer St Helens action plan");
    await pane(page).getByRole("button", { name: "Set up a new plan" }).click();
    await page.getByRole("tab", { name: "Action Plan" }).waitFor();
    expect(await page.getByRole("tablist", { name: "Sheets" }).getByRole("tab").allTextContents()).toEqual(
      expect.arrayContaining(["Sheet1", "Action Plan", "Lead Officers", "Priorities", "Plan Settings"]),
    );
    await page.getByRole("tab", { name: "Action Plan" }).click();
    await playwrightExpect(gridCell(page, "A1")).toHaveText("ID");
    await screenshot(page, "plan-set-up");
    await page.context().close();
  });

  it("checks the plan, and selecting a finding selects its cell in the grid", async () => {
    const page = await openPreview("?view=check");
    await pane(page).getByRole("heading", { name: /^Errors \(4\)/ }).waitFor();
    await pane(page).getByRole("button", { name: /^6\.5, Action Plan!I38/ }).click();
    await playwrightExpect(page.getByTestId("name-box")).toHaveText("Action Plan!I38");
    await playwrightExpect(gridCell(page, "I38")).toHaveAttribute("aria-selected", "true");
    await playwrightExpect(gridCell(page, "I38")).toHaveText("end of March");
    // The figures say when they were read, with a way to read them again.
    const checkPanel = page.getByRole("tabpanel", { name: "Check" });
    await checkPanel.getByText(/^Checked at \d\d:\d\d$/).waitFor();
    await checkPanel.getByRole("button", { name: "Check again" }).focus();
    await page.keyboard.press("Enter");
    await pane(page).getByRole("heading", { name: /^Errors \(4\)/ }).waitFor();
    await screenshot(page, "check");
    await page.context().close();
  });

  it("a lead officer sets a status and an update, and the RAG word changes", async () => {
    const page = await openPreview("?view=myActions");
    await pane(page).getByRole("combobox", { name: "Your name" }).selectOption("ASB Coordinator");
    await pane(page).getByRole("button", { name: "Remember my name" }).click();
    const card = pane(page).getByRole("form", { name: /^1\.2:/ });
    const rag = card.getByText(/^RAG:/).locator("..");
    const before = await rag.textContent();
    await card.getByRole("combobox", { name: "Status" }).selectOption("Complete");
    await card.getByRole("textbox", { name: "Q3 update" }).fill("Shared case management system live in all three agencies.");
    await card.getByRole("button", { name: "Save 1.2" }).click();
    await card.getByText(/^Saved 1\.2/).waitFor();
    await playwrightExpect(rag).toHaveText(/Blue/);
    expect(before).not.toMatch(/Blue/);
    // The grid shows the officer's words in the plan.
    await page.getByRole("tab", { name: "Action Plan" }).click();
    await playwrightExpect(gridCell(page, "J3")).toHaveText("Complete");
    await playwrightExpect(gridCell(page, "M3")).toHaveText("Shared case management system live in all three agencies.");
    await screenshot(page, "my-actions");
    await page.context().close();
  });

  it("a person edits a cell in the grid, as in Excel: double-click or F2, type, Enter; Escape cancels", async () => {
    const page = await openPreview("?view=check");
    await gridCell(page, "M3").dblclick();
    const editor = page.getByRole("textbox", { name: "Edit M3" });
    await editor.waitFor();
    await editor.fill("Typed in the grid.");
    await editor.press("Enter");
    await playwrightExpect(gridCell(page, "M3")).toHaveText("Typed in the grid.");
    await playwrightExpect(page.getByTestId("name-box")).toHaveText("Action Plan!M4");
    // F2 on the selected cell, then Escape: the cell keeps its text.
    const kept = await gridCell(page, "M4").textContent();
    await page.keyboard.press("F2");
    await page.getByRole("textbox", { name: "Edit M4" }).fill("Not kept");
    await page.keyboard.press("Escape");
    await playwrightExpect(gridCell(page, "M4")).toHaveText(kept ?? "");
    await page.context().close();
  });

  it("builds the Q3 summary, whose sheet appears with the narrative, and records a sign-off on it", async () => {
    const page = await openPreview("?view=summary");
    await pane(page).getByRole("button", { name: "Build Q3 summary" }).click();
    const sheetTab = page.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name: "Q3 2014-15 Summary" });
    await sheetTab.waitFor();
    await sheetTab.click();
    await playwrightExpect(page.getByRole("grid")).toContainText("At the end of Q3, of the 48 expected outcomes within the community safety action plan 2014/15, 15 were complete (31.3%)");
    await screenshot(page, "summary");

    await pane(page).getByRole("textbox", { name: "Name" }).fill("Jane Smith");
    await pane(page).getByRole("textbox", { name: "Role" }).fill("Chair, Responsible Authorities Group");
    await pane(page).getByRole("textbox", { name: "Date" }).fill("20/01/2015");
    await pane(page).getByRole("button", { name: "Record sign-off" }).click();
    await playwrightExpect(gridCell(page, "A3")).toHaveText("Signed off by Jane Smith, Chair, Responsible Authorities Group, on 20 January 2015.");
    await screenshot(page, "sign-off");
    await page.context().close();
  });

  it("is done by keyboard alone: open Check, pick a finding, and its cell is selected", async () => {
    const page = await openPreview();
    await page.getByRole("tab", { name: "Plan", exact: true }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await playwrightExpect(page.getByRole("tab", { name: "Check" })).toHaveAttribute("aria-selected", "true");
    await pane(page).getByRole("heading", { name: /^Errors \(4\)/ }).waitFor();
    // Tab through the view to the first finding and press Enter.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
      if (/^4\.3, Action Plan!F24/.test(focused)) break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent ?? "")).toMatch(/^4\.3, Action Plan!F24/);
    await page.keyboard.press("Enter");
    await playwrightExpect(page.getByTestId("name-box")).toHaveText("Action Plan!F24");
    await screenshot(page, "keyboard-check");
    await page.context().close();
  });
});

describe("accessibility (axe-core): no serious or critical violations", () => {
  for (const theme of ["light", "dark"] as const) {
    it.each(["plan", "check", "myActions", "summary"])(`the %s view in the ${theme} theme`, async (view) => {
      const page = await openPreview(`?view=${view}&theme=${theme}`, theme);
      await settled(page);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `${view}-${theme}`);
      await page.context().close();
    });
  }
});
