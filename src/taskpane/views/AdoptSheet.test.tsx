/** @jest-environment jsdom */
import "../../../test/support/jsdomSetup";
import { screen, within } from "@testing-library/react";
import { renderPane } from "../../../test/support/pane";
import { MemoryWorkbook } from "../../adapters/memory/memoryWorkbook";
import { CellValue } from "../../domain/cells";
import { checkPlan } from "../../usecases/checkPlan";

const SHEET = "ASB plan";

/** A plan kept by hand: a merged title, sections, a month-only date, UK date text, and one status word nobody knows. */
function handKeptPlan(): MemoryWorkbook {
  const workbook = new MemoryWorkbook();
  const sheet = workbook.addSheet(SHEET);
  const rows: CellValue[][] = [
    ["Anti-social behaviour action plan 2015/16"],
    [],
    ["Ref", "Action", "Lead officer", "Target date", "Status", "Comments"],
    ["Priority 1: Reduce anti-social behaviour in the town centre"],
    ["1.1", "Run monthly joint patrols in the town centre with the police", "ASB Coordinator", new Date(Date.UTC(2016, 2, 31)), "Done", "Went well"],
    ["1.2", "Review CCTV coverage of the park and the bus station", "CCTV Manager", "March 2016", "Waiting on partners", null],
    [],
    ["Priority 2: Reduce repeat victims"],
    ["2.1", "Offer every repeat victim a visit within five working days", "Victim Lead", "31/12/2015", "On track", null],
  ];
  rows.forEach((row, r) => row.forEach((value, c) => workbook.setCell(SHEET, r, c, value)));
  sheet.merges = [{ top: 0, left: 0, bottom: 0, right: 5 }];
  sheet.fills = new Map([["2,0", "#D9E1F2"]]);
  return workbook;
}

/** The original sheet as stored: its cells, merged areas and fills. */
function original(workbook: MemoryWorkbook) {
  const sheet = workbook.sheet(SHEET)!;
  return JSON.stringify({ cells: [...sheet.cells.entries()].sort(), merges: sheet.merges, fills: [...(sheet.fills ?? new Map()).entries()], tables: sheet.tables });
}

describe("Plan: adopt this sheet", () => {
  it("proposes, takes a changed status mapping, creates the plan beside the sheet, and leaves the sheet as it was", async () => {
    const workbook = handKeptPlan();
    const before = original(workbook);
    const { user } = await renderPane(workbook, "plan", { today: new Date(2015, 10, 5) });
    expect((screen.getByRole("textbox", { name: /Year of this sheet’s plan/ }) as HTMLInputElement).value).toBe("2015/16");

    await user.click(await screen.findByRole("button", { name: "Adopt this sheet" }));
    const region = await screen.findByRole("region", { name: "How the sheet would be adopted" });
    expect(region.textContent).toContain("the header is on row 3; 3 rows become actions.");
    const columns = within(region).getByRole("table", { name: "Columns and what each becomes" });
    expect(within(columns).getByRole("row", { name: /Ref/ }).textContent).toBe("ARefIDsynonym of ID");
    expect(within(region).getByRole("list", { name: "Dates" }).textContent).toContain("D6: “March 2016” becomes 31 March 2016 (month only: taken as the last day of the month)");
    const skipped = within(region).getByRole("list", { name: "Rows that are not actions" }).textContent;
    expect(skipped).toContain("Row 4: a section heading, “Reduce anti-social behaviour in the town centre”");
    expect(skipped).toContain("Row 7: blank");

    // Every status is a named choice, in words.
    expect((within(region).getByRole("combobox", { name: /“Done” \(1 action\)/ }) as HTMLSelectElement).value).toBe("Complete");
    expect((within(region).getByRole("combobox", { name: /“On track” \(1 action\)/ }) as HTMLSelectElement).value).toBe("On target");

    // Done → On target, then map the unknown word: re-proposed from the same read.
    await user.selectOptions(within(region).getByRole("combobox", { name: /“Done”/ }), "On target");
    await user.selectOptions(within(region).getByRole("combobox", { name: /“Waiting on partners”/ }), "At risk");
    expect(workbook.applyCount).toBe(0);
    await user.click(within(region).getByRole("button", { name: "Create the plan" }));

    expect(await screen.findByText(/Created the plan from the sheet ASB plan: added the sheets Action Plan, Lead Officers, Priorities, Plan Settings, with 3 actions/)).toBeTruthy();
    const check = await checkPlan(workbook);
    expect(check.plan.actionTable).toBeTruthy();
    expect(check.plan.officerTable && check.plan.priorityTable && check.plan.settingsTable).toBeTruthy();
    expect(check.plan.actions.map((a) => [a.id, a.status])).toEqual([
      ["1.1", "On target"],
      ["1.2", "At risk"],
      ["2.1", "On target"],
    ]);
    expect(original(workbook)).toBe(before);
    expect(workbook.sheets.map((s) => s.name)[0]).toBe(SHEET);
  });

  it("refuses to create the plan, and says why, while a status value is not mapped", async () => {
    const workbook = handKeptPlan();
    const before = JSON.stringify(workbook.dump());
    const { user } = await renderPane(workbook, "plan", { today: new Date(2015, 10, 5) });
    await user.click(await screen.findByRole("button", { name: "Adopt this sheet" }));
    const region = await screen.findByRole("region", { name: "How the sheet would be adopted" });
    const reason = "Choose a status for “Waiting on partners” first: the plan cannot be created while a status value is not mapped.";
    expect(within(region).getByText(reason)).toBeTruthy();
    const create = within(region).getByRole("button", { name: "Create the plan" });
    expect(create.getAttribute("aria-disabled")).toBe("true");
    expect(create.getAttribute("aria-describedby")).toBe(within(region).getByText(reason).id);
    await user.click(create);
    expect(workbook.applyCount).toBe(0);

    // Mapped, the refusal goes; Cancel writes nothing.
    await user.selectOptions(within(region).getByRole("combobox", { name: /“Waiting on partners”/ }), "Complete");
    expect(within(region).queryByText(reason)).toBeNull();
    expect(within(region).getByRole("button", { name: "Create the plan" }).getAttribute("aria-disabled")).toBeNull();
    await user.click(within(region).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("region", { name: "How the sheet would be adopted" })).toBeNull();
    expect(JSON.stringify(workbook.dump())).toBe(before);
  });

  it("is reachable from the keyboard", async () => {
    const workbook = handKeptPlan();
    const { user } = await renderPane(workbook, "plan", { today: new Date(2015, 10, 5) });
    const adopt = await screen.findByRole("button", { name: "Adopt this sheet" });
    adopt.focus();
    await user.keyboard("{Enter}");
    const region = await screen.findByRole("region", { name: "How the sheet would be adopted" });
    within(region).getByRole("combobox", { name: /“Done”/ }).focus();
    await user.tab();
    expect(document.activeElement).toBe(within(region).getByRole("combobox", { name: /“Waiting on partners”/ }));
  });
});
