/** @jest-environment jsdom */
import "../../../test/support/jsdomSetup";
import { act, screen, waitFor, within } from "@testing-library/react";
import { editActionCell, renderPane } from "../../../test/support/pane";
import { memoryPlan } from "../../../test/support/planFixture";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";

const section = (name: string) => screen.getByRole("heading", { name }).closest("section")!;
const findingButtons = () => within(screen.getByRole("tabpanel")).queryAllByRole("button", { name: /Action Plan!/ });

describe("Check: the plan's findings", () => {
  it("groups findings by severity and by SMART letter, with counts", async () => {
    await renderPane(await memoryPlan(SAMPLE_PLAN), "check");
    expect(screen.getByText(/^4 errors and 9 warnings\. Checked for Q3 2014\/15\./)).toBeTruthy();
    const headings = (name: string) =>
      within(section(name)).getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(headings("Errors (4)")).toEqual(["A: Achievable and assignable (2)", "T: Timely (1)", "Quarterly updates (1)"]);
    expect(headings("Warnings (9)")).toEqual([
      "S: Specific (1)", "M: Measurable (1)", "A: Achievable and assignable (1)", "T: Timely (1)", "Quarterly updates (5)",
    ]);
    const timely = within(section("Errors (4)")).getByRole("list", { name: "T: Timely (1)" });
    expect(within(timely).getByRole("button").textContent).toBe(
      `6.5, Action Plan!I38 Action 6.5's target date "end of March" is not a date; enter a date such as 31/03/2015.`,
    );
  });

  it("selects a finding's cell in the workbook", async () => {
    const { user, host } = await renderPane(await memoryPlan(SAMPLE_PLAN), "check");
    await user.click(screen.getByRole("button", { name: /^1\.5, Action Plan!C6 Action 1\.5 hedges/ }));
    expect(host.selections).toEqual([{ sheet: "Action Plan", cell: "C6" }]);
    await user.click(screen.getByRole("button", { name: /8\.4, Action Plan!F48 .*Did you mean "Community Safety Manager"/ }));
    expect(host.selections[1]).toEqual({ sheet: "Action Plan", cell: "F48" });
  });

  it("says so, without a dialog, when the cell cannot be selected", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    const { user, host } = await renderPane(workbook, "check");
    workbook.sheet("Action Plan")!.name = "Renamed";
    await user.click(screen.getByRole("button", { name: /^1\.5, Action Plan!C6/ }));
    expect(within(screen.getByRole("alert")).getByText(/Could not go to Action Plan!C6: There is no sheet named "Action Plan"/)).toBeTruthy();
    expect(host.selections).toEqual([]);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("filters to one lead officer's actions", async () => {
    const { user } = await renderPane(await memoryPlan(SAMPLE_PLAN), "check");
    const officer = screen.getByRole("combobox", { name: "Lead officer" });
    expect(within(officer).getAllByRole("option").map((o) => o.textContent)).toContain("Comunity Safety Manager");
    await user.selectOptions(officer, "Substance Misuse Commissioning Manager");
    expect(screen.getByText(/^0 errors and 2 warnings in Substance Misuse Commissioning Manager's actions\./)).toBeTruthy();
    expect(screen.queryByRole("heading", { name: /^Errors/ })).toBeNull();
    expect(findingButtons().map((b) => b.textContent!.slice(0, 3))).toEqual(["4.2", "4.1"]);

    await user.selectOptions(officer, "Community Safety Manager");
    expect(findingButtons().map((b) => b.textContent!.slice(0, 3))).toEqual(["5.3"]);
    await user.selectOptions(officer, "All lead officers");
    expect(findingButtons()).toHaveLength(13);
  });

  it("checks again after the tables change, once the edits pause", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    const { host } = await renderPane(workbook, "check");
    expect(host.listenerCount()).toBe(1);
    await editActionCell(workbook, "1.5", "Action", "Hold quarterly ASB surgeries in every ward with councillors and police.");
    expect(screen.getByRole("button", { name: /^1\.5, Action Plan!C6/ })).toBeTruthy();
    act(() => host.fireTablesChanged({ remote: true }));
    await waitFor(() => expect(screen.queryByText(/Action 1\.5 hedges/)).toBeNull());
    expect(screen.getByRole("heading", { name: "Warnings (8)" })).toBeTruthy();
    expect(screen.queryByRole("heading", { name: /S: Specific/ })).toBeNull();
  });

  it("checks again on request", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    const { user } = await renderPane(workbook, "check");
    await editActionCell(workbook, "6.5", "Target date", "31/03/2015");
    await user.click(screen.getByRole("button", { name: "Check again" }));
    await waitFor(() => expect(screen.getByRole("heading", { name: "Errors (3)" })).toBeTruthy());
  });
});
