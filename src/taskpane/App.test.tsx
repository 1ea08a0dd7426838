/** @jest-environment jsdom */
import "../../test/support/jsdomSetup";
import { act, screen, waitFor, within } from "@testing-library/react";
import { computeAccessibleName } from "dom-accessibility-api";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { changedCells, editActionCell, renderPane } from "../../test/support/pane";
import { memoryPlan, seedWith } from "../../test/support/planFixture";
import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { SAMPLE_PLAN } from "../domain/sample/samplePlan";
import { checkPlan } from "../usecases/checkPlan";

function emptyWorkbook(): MemoryWorkbook {
  const workbook = new MemoryWorkbook();
  workbook.addSheet("Sheet1");
  return workbook;
}

describe("Plan: does this workbook hold a plan?", () => {
  it("sets up a new plan in a blank workbook, after saying what is wrong with the year", async () => {
    const workbook = emptyWorkbook();
    const { user, host } = await renderPane(workbook, "plan", { today: new Date(2014, 10, 5) });
    expect(screen.getByRole("heading", { name: "This workbook does not hold a plan yet" })).toBeTruthy();
    const year = screen.getByRole("textbox", { name: /Plan year/ }) as HTMLInputElement;
    expect(year.value).toBe("2014/15");
    expect((screen.getByRole("combobox", { name: "Current quarter" }) as HTMLSelectElement).value).toBe("Q3");

    await user.clear(year);
    await user.type(year, "next year");
    await user.click(screen.getByRole("button", { name: "Set up a new plan" }));
    expect(screen.getByText("Write the plan year as a financial year, like 2014/15.")).toBeTruthy();
    expect(workbook.applyCount).toBe(0);

    await user.clear(year);
    await user.type(year, "2015/16");
    await user.selectOptions(screen.getByRole("combobox", { name: "Current quarter" }), "Q1");
    await user.click(screen.getByRole("button", { name: "Set up a new plan" }));

    expect(await screen.findByRole("heading", { name: "This workbook holds a valid plan" })).toBeTruthy();
    // The form went away with its button: focus moves to what replaced it.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("heading", { name: "This workbook holds a valid plan" })));
    expect(within(screen.getByRole("status")).getByText(/Set up a new plan: added the sheets Action Plan, Lead Officers, Priorities, Plan Settings, Indicators/)).toBeTruthy();
    expect(workbook.sheets.map((s) => s.name)).toEqual(["Sheet1", "Action Plan", "Lead Officers", "Priorities", "Plan Settings", "Indicators"]);
    const { plan, findings } = await checkPlan(host.workbook);
    expect(plan.settings).toMatchObject({ name: "community safety action plan", yearText: "2015/16", currentQuarter: "Q1" });
    expect(findings).toEqual([]);
    expect(screen.getByText("The check finds nothing to fix.")).toBeTruthy();
  });

  it("says a workbook holds a valid plan, with its size and findings, and opens the check", async () => {
    const { user } = await renderPane(await memoryPlan(SAMPLE_PLAN), "plan");
    expect(screen.getByRole("heading", { name: "This workbook holds a valid plan" })).toBeTruthy();
    expect(screen.getByText(/Community safety action plan 2014\/15, current quarter Q3: 48 actions under 8 priorities/)).toBeTruthy();
    expect(screen.getByText("The check finds 4 errors and 9 warnings.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Set up a new plan" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Open the check" }));
    expect(screen.getByRole("tab", { name: "Check" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("heading", { name: "Errors (4)" })).toBeTruthy();
  });

  it("says what stops the add-in writing to a broken plan", async () => {
    await renderPane(await memoryPlan(seedWith([{ id: "1.1" }, { id: "1.1" }])), "plan");
    expect(screen.getByRole("heading", { name: "This workbook holds a plan that needs repair" })).toBeTruthy();
    expect(screen.getByText(/1 problem stops the add-in writing/)).toBeTruthy();
    expect(screen.getByText(/1\.1/, { selector: "li" })).toBeTruthy();
  });

  it("lists what this version of Excel cannot do", async () => {
    await renderPane(await memoryPlan(SAMPLE_PLAN), "plan", { limitations: ["Drop-down lists need Excel 2019."] });
    expect(screen.getByText("Drop-down lists need Excel 2019.")).toBeTruthy();
  });
});

describe("the pane as a whole", () => {
  it("moves between views with the keyboard alone, keeping what was typed", async () => {
    const { user } = await renderPane(await memoryPlan(SAMPLE_PLAN), "summary");
    const name = screen.getByRole("textbox", { name: "Name" });
    await user.type(name, "Jane Smith");
    screen.getByRole("tab", { name: "Summary" }).focus();
    await user.keyboard("{ArrowLeft}{Enter}");
    expect(screen.getByRole("tab", { name: "My actions" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("tabpanel", { name: "My actions" })).toBeTruthy();
    await user.keyboard("{ArrowRight}{Enter}");
    expect((screen.getByRole("textbox", { name: "Name" }) as HTMLInputElement).value).toBe("Jane Smith");
    // Tab leaves the tab list for the view's first control.
    screen.getByRole("tab", { name: "Summary" }).focus();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("combobox", { name: /Quarter/ }));
  });

  it("gives every control an accessible name, in every view", async () => {
    await renderPane(await memoryPlan(SAMPLE_PLAN), "plan", { settings: { myName: "ASB Coordinator" } });
    const controls = ["button", "tab", "combobox", "textbox"].flatMap((role) => screen.getAllByRole(role, { hidden: true }));
    expect(controls.length).toBeGreaterThan(20);
    for (const control of controls) expect(computeAccessibleName(control).trim()).not.toBe("");
  });

  it.each([
    ["dark", webDarkTheme],
    ["light", webLightTheme],
  ] as const)("follows Office's %s theme", async (theme, tokens) => {
    const { container } = await renderPane(await memoryPlan(SAMPLE_PLAN), "check", { theme });
    expect(container.querySelector(`[data-theme="${theme}"]`)).toBeTruthy();
    const css = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join("\n");
    expect(css).toContain(`--colorNeutralBackground1: ${tokens.colorNeutralBackground1}`);
    expect(screen.getByRole("heading", { name: "Errors (4)" })).toBeTruthy();
  });

  it("leaves the workbook as it was when only looking", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    const before = await workbook.read();
    const { user } = await renderPane(workbook, "plan");
    for (const tab of ["Check", "My actions", "Summary", "Plan"]) await user.click(screen.getByRole("tab", { name: tab }));
    await waitFor(() => expect(screen.getByRole("tab", { name: "Plan" }).getAttribute("aria-selected")).toBe("true"));
    expect(changedCells(before, await workbook.read())).toEqual([]);
    expect(workbook.applyCount).toBe(1);
  });
});

describe("the pane's source", () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
  const sources = files(__dirname).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));

  it("never calls Office directly outside the start-up file, and never sets raw HTML", () => {
    for (const file of sources) {
      const text = readFileSync(file, "utf8");
      expect(text).not.toContain("dangerouslySetInnerHTML");
      if (!file.endsWith("startUp.tsx")) expect(text).not.toMatch(/\b(Office|Excel)\.[a-zA-Z]/);
    }
  });
});

describe("changes made by other people (co-authoring)", () => {
  it.each(["plan", "check", "myActions", "summary"] as const)(
    "refresh the %s view's data but never open anything, move focus, switch view or select a cell",
    async (view) => {
      const workbook = await memoryPlan(SAMPLE_PLAN);
      const { host, user } = await renderPane(workbook, view, { settings: { myName: "ASB Coordinator" } });
      const tab = screen.getByRole("tab", { selected: true });
      await user.click(tab);
      const focused = document.activeElement;
      const selections = host.selections.length;
      const writes = workbook.applyCount;
      const reads = jest.spyOn(workbook, "read");

      await editActionCell(workbook, "1.1", "Status", "Complete");
      host.fireTablesChanged({ remote: true });
      await waitFor(() => expect(reads).toHaveBeenCalled());
      await waitFor(() => expect(screen.queryAllByText("Reading the workbook…")).toHaveLength(0));

      expect(screen.queryAllByRole("dialog")).toHaveLength(0);
      expect(screen.queryAllByRole("alertdialog")).toHaveLength(0);
      expect(document.activeElement).toBe(focused);
      expect(screen.getByRole("tab", { selected: true })).toBe(tab);
      expect(host.selections).toHaveLength(selections);
      expect(workbook.applyCount).toBe(writes);
    },
  );
});

describe("a ribbon button pressed for the open pane", () => {
  it("switches to the view it names, keeping what was typed in the others", async () => {
    const { host, user } = await renderPane(await memoryPlan(SAMPLE_PLAN), "summary");
    await user.type(screen.getByRole("textbox", { name: "Name" }), "Jane Smith");
    expect(host.visibleListenerCount()).toBe(2); // shown again (usePlanCheck), view requests (App)
    act(() => host.requestView("check"));
    expect(screen.getByRole("tab", { name: "Check" }).getAttribute("aria-selected")).toBe("true");
    expect(within(screen.getByRole("tabpanel")).getByRole("heading", { name: "Errors (4)" })).toBeTruthy();
    act(() => host.requestView("summary"));
    expect((screen.getByRole("textbox", { name: "Name" }) as HTMLInputElement).value).toBe("Jane Smith");
  });
});

describe("figures that may be stale", () => {
  it.each(["check", "myActions", "summary"] as const)("the %s view says when it last checked, and offers Check again by keyboard", async (view) => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    const { host, user } = await renderPane(workbook, view, { settings: { myName: "ASB Coordinator" }, today: new Date(2015, 0, 20, 14, 5) });
    const panel = within(screen.getByRole("tabpanel"));
    expect(panel.getByText("Checked at 14:05")).toBeTruthy();
    const again = panel.getByRole("button", { name: "Check again" });
    const reads = host.reads.length;
    again.focus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(host.reads.length).toBe(reads + 1));
    expect(host.reads[reads]).toEqual({});
    await waitFor(() => expect(panel.getByText("Checked at 14:05")).toBeTruthy());
  });

  it("re-checks when the pane is shown again, catching an edit that raised no change event", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    const { host } = await renderPane(workbook, "check");
    // A drop-down choice: the cell changes, and Excel raises no table event (office-js issues 420, 3888).
    await editActionCell(workbook, "6.5", "Target date", "31/03/2015");
    expect(screen.getByRole("heading", { name: "Errors (4)" })).toBeTruthy();
    act(() => host.fireVisible());
    await waitFor(() => expect(screen.getByRole("heading", { name: "Errors (3)" })).toBeTruthy());
    expect(host.reads[host.reads.length - 1]).toEqual({ background: true });
  });

  it("keeps the figures, with no error, when Excel is busy as the pane is shown; Check again then says why", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    const { host, user } = await renderPane(workbook, "check");
    host.setBusy(true);
    act(() => host.fireVisible());
    await waitFor(() => expect(host.reads[host.reads.length - 1]).toEqual({ background: true }));
    await waitFor(() => expect(screen.queryByText("Checking…")).toBeNull());
    expect(screen.getByRole("heading", { name: "Errors (4)" })).toBeTruthy();
    expect(within(screen.getByRole("tabpanel")).queryAllByRole("alert").map((a) => a.textContent)).toEqual([""]);
    await user.click(screen.getByRole("button", { name: "Check again" }));
    const panel = within(screen.getByRole("tabpanel"));
    await waitFor(() => expect(panel.getByText(/^Excel is busy: a cell is being edited\./)).toBeTruthy());
    expect(screen.getByRole("heading", { name: "Errors (4)" })).toBeTruthy();
    host.setBusy(false);
  });
});
