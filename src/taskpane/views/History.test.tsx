/** @jest-environment jsdom */
import "../../../test/support/jsdomSetup";
import { cleanup, screen, within } from "@testing-library/react";
import { editActionCell, renderPane } from "../../../test/support/pane";
import { memoryPlan } from "../../../test/support/planFixture";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";
import { buildSummary } from "../../usecases/buildSummary";

/** The sample plan with Q2 and then Q3 built, as the CSP manager would have done at each quarter's end. */
async function builtQ2ThenQ3() {
  const workbook = await memoryPlan(SAMPLE_PLAN);
  for (const quarter of ["Q2", "Q3"] as const) {
    const outcome = await buildSummary(workbook, { quarter, today: "2015-01-20" });
    if (!outcome.done) throw new Error(outcome.reason);
  }
  return workbook;
}

describe("the plan over time in the pane", () => {
  it("Summary: building Q3 after Q2 says what moved since Q2, action by action in words", async () => {
    const workbook = await builtQ2ThenQ3();
    // 1.1 is marked complete in Excel after the Q2 record.
    await editActionCell(workbook, "1.1", "Status", "Complete");
    const { user } = await renderPane(workbook, "summary");
    await user.click(screen.getByRole("button", { name: "Build Q3 summary" }));
    const section = (await screen.findByRole("heading", { name: "Since Q2 2014/15" })).closest("section")!;
    expect(within(section).getByText(/^Since Q2, /).textContent).toMatch(/were completed|was completed/);
    const changes = within(section).getByRole("table", { name: "Changes in RAG rating since Q2 2014/15" });
    const row11 = within(changes).getByRole("rowheader", { name: "1.1" }).closest("tr")!;
    expect(row11.textContent).toMatch(/^1\.1(Green|Amber|Red)Blue \(complete\)$/);
  });

  it("Summary: the first quarter built says no earlier quarter is recorded, rather than invent one", async () => {
    const { user } = await renderPane(await memoryPlan(SAMPLE_PLAN), "summary");
    await user.click(screen.getByRole("button", { name: "Build Q3 summary" }));
    const section = (await screen.findByRole("heading", { name: "Since last quarter" })).closest("section")!;
    expect(within(section).getByText("No quarter before Q3 2014/15 is recorded in Status History, so there is no movement to report yet.")).toBeTruthy();
    expect(within(section).queryByRole("table")).toBeNull();
  });

  it("Summary: the Q4 summary lists what carries over to next year", async () => {
    const { user } = await renderPane(await memoryPlan(SAMPLE_PLAN), "summary");
    await user.selectOptions(screen.getByRole("combobox", { name: /Quarter/ }), "Q4");
    await user.click(screen.getByRole("button", { name: "Build Q4 summary" }));
    const open = SAMPLE_PLAN.actions.filter((a) => a.status !== "Complete" && a.status !== "Removed");
    const section = (await screen.findByRole("heading", { name: `Carried over to next year (${open.length})` })).closest("section")!;
    expect(within(section).getAllByRole("listitem")).toHaveLength(open.length);
  });

  it("My actions: each card shows its recorded quarters; Check looks up any action's", async () => {
    const workbook = await builtQ2ThenQ3();
    const { user } = await renderPane(workbook, "myActions", { settings: { myName: SAMPLE_PLAN.actions[0].leadOfficer } });
    const card = screen.getByRole("form", { name: /^1\.1:/ });
    await user.click(within(card).getByText("History (2 quarters)"));
    const table = within(card).getByRole("table", { name: "Recorded quarters of 1.1" });
    const rows = within(table).getAllByRole("row").slice(1).map((r) => r.textContent);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^Q2 2014\/15/);
    expect(rows[1]).toMatch(/^Q3 2014\/15/);
    cleanup();

    const check = await renderPane(workbook, "check");
    await check.user.selectOptions(screen.getByRole("combobox", { name: "Action" }), "2.2");
    const lookup = screen.getByRole("table", { name: "Recorded quarters of 2.2" });
    expect(within(lookup).getAllByRole("row")).toHaveLength(3);
  });
});
