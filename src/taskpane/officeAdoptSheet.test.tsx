/** @jest-environment jsdom */
import "../../test/support/jsdomSetup";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { createFakeExcel, FakeExcel, installExcelGlobals, uninstallExcelGlobals } from "../../test/support/fakeExcel";
import { createOfficeHost } from "../adapters/office/officeHost";
import { OfficeWorkbook } from "../adapters/office/officeWorkbook";
import { a1 } from "../domain/cells";
import { checkPlan } from "../usecases/checkPlan";
import { App } from "./App";

/** Adopt this sheet in Excel: the Office host and adapter over the test double, from the user's side. */
const SHEET = "ASB plan";
let fake: FakeExcel;

function install(supported: (set: string, version: string) => boolean) {
  installExcelGlobals(fake);
  (globalThis as Record<string, unknown>).Office = {
    context: { requirements: { isSetSupported: supported }, document: { url: "https://example.org/plan.xlsx" } },
  };
}

beforeEach(() => {
  fake = createFakeExcel();
  fake.addSheet("Sheet1");
  fake.addSheet(SHEET);
  fake.setValues(SHEET, "A1", [["Anti-social behaviour action plan 2015/16"]]);
  fake.setValues(
    SHEET,
    "A3",
    [
      ["Ref", "Action", "Lead officer", "Target date", "Status"],
      ["Priority 1: Reduce anti-social behaviour in the town centre", "", "", "", ""],
      ["1.1", "Run monthly joint patrols in the town centre with the police", "ASB Coordinator", 42460, "Done"],
      ["1.2", "Review CCTV coverage of the park and the bus station", "CCTV Manager", "March 2016", "Waiting on partners"],
    ],
    [
      ["@", "@", "@", "@", "@"],
      ["@", "@", "@", "@", "@"],
      ["@", "@", "@", "dd/mm/yyyy", "@"],
      ["@", "@", "@", "@", "@"],
    ],
  );
  fake.merge(SHEET, "A1:E1");
  fake.merge(SHEET, "A4:E4");
  fake.setFill(SHEET, "A3:E3", "#D9E1F2");
  fake.activate(SHEET);
  window.localStorage.clear();
});

afterEach(() => {
  uninstallExcelGlobals();
  delete (globalThis as Record<string, unknown>).Office;
});

/** Every cell of the original sheet with its value, format and fill. */
function originalSheet() {
  const cells: unknown[] = [];
  for (let r = 0; r < 8; r++) for (let c = 0; c < 7; c++) cells.push([a1(r, c), fake.cell(SHEET, a1(r, c)) ?? null]);
  return JSON.stringify(cells);
}

async function open() {
  const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
  render(<App host={createOfficeHost()} initialView="plan" />);
  await waitFor(() => expect(screen.queryAllByText("Reading the workbook…")).toHaveLength(0));
  return user;
}

describe("Adopt this sheet in Excel (Office host over the Excel test double)", () => {
  it("reads the sheet the user is on in two syncs, creates the plan beside it, and leaves it exactly as it was", async () => {
    install(() => true);
    const before = originalSheet();
    const user = await open();
    fake.resetCounters();
    await user.click(await screen.findByRole("button", { name: "Adopt this sheet" }));
    const region = await screen.findByRole("region", { name: "How the sheet would be adopted" });
    expect(fake.syncCount).toBe(2);
    expect(region.textContent).toContain("the header is on row 3; 2 rows become actions.");
    expect(within(region).queryByRole("list", { name: "What could not be read" })).toBeNull();

    await user.selectOptions(within(region).getByRole("combobox", { name: /“Waiting on partners”/ }), "At risk");
    await user.click(within(region).getByRole("button", { name: "Create the plan" }));
    expect(await screen.findByText(/Created the plan from the sheet ASB plan/)).toBeTruthy();

    expect(fake.sheetNames()).toEqual(["Sheet1", SHEET, "Action Plan", "Lead Officers", "Priorities", "Plan Settings"]);
    const check = await checkPlan(new OfficeWorkbook(fake.run));
    expect(check.plan.actions.map((a) => [a.id, a.status])).toEqual([
      ["1.1", "Complete"],
      ["1.2", "At risk"],
    ]);
    expect(originalSheet()).toBe(before);
  });

  it("says what this Excel could not read when it lacks ExcelApi 1.13 and 1.9", async () => {
    install((set, version) => !(set === "ExcelApi" && (version === "1.13" || version === "1.9")));
    const user = await open();
    await user.click(await screen.findByRole("button", { name: "Adopt this sheet" }));
    const region = await screen.findByRole("region", { name: "How the sheet would be adopted" });
    expect(within(region).getByRole("list", { name: "What could not be read" }).textContent).toBe(
      "Merged cells (needs ExcelApi 1.13).Fill colours (needs ExcelApi 1.9).",
    );
  });
});
