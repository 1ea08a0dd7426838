/** @jest-environment jsdom */
import "../../../test/support/jsdomSetup";
import { screen } from "@testing-library/react";
import { renderPane } from "../../../test/support/pane";
import { memoryPlan, seedWith } from "../../../test/support/planFixture";
import { MemoryWorkbook } from "../../adapters/memory/memoryWorkbook";
import { toUtcDate } from "../../domain/dates";
import { checkPlan } from "../../usecases/checkPlan";

function workbookWithOwnTable(): MemoryWorkbook {
  const workbook = new MemoryWorkbook();
  workbook.addTable("Our plan", "Plan2014", 0, 0,
    ["Ref", "Theme", "Action", "Expected outcome", "Measure", "Owner", "Due date", "Status", "Q1", "Q2", "Q3", "Q4", "Comments from us"],
    [["1.1", "Anti-social behaviour", "Run monthly multi-agency patrols in the town centre", "Fewer calls", "Number of ASB calls down 10%", "ASB Coordinator", toUtcDate("2015-03-31"), "On target", "a", "b", "c", null, "ours"]]);
  return workbook;
}

describe("Plan: adopt a table, or repair the plan", () => {
  it("shows every change to adopt a table before writing, then writes them when applied", async () => {
    const workbook = workbookWithOwnTable();
    const { user } = await renderPane(workbook, "plan", { today: new Date(2014, 10, 5) });
    await user.click(await screen.findByRole("button", { name: "Review changes to adopt" }));
    const changes = await screen.findByLabelText("Changes to make");
    expect(changes.textContent).toContain("Rename the column “Ref” to “ID”.");
    expect(changes.textContent).toContain("Rename the column “Owner” to “Lead officer”.");
    expect(changes.textContent).toContain("Keep the column “Comments from us” as it is.");
    expect(changes.textContent).toContain("Add the column “RAG”.");
    expect(changes.textContent).toContain("Rename the table to ActionPlan.");
    expect(workbook.applyCount).toBe(0);

    await user.click(screen.getByRole("button", { name: "Apply these changes" }));
    expect(await screen.findByRole("heading", { name: "This workbook holds a valid plan" })).toBeTruthy();
    expect(screen.getByText("Adopted the table Plan2014 as the action plan.")).toBeTruthy();
    const check = await checkPlan(workbook);
    expect(check.writable).toBe(true);
    expect(check.plan.actions[0]).toMatchObject({ id: "1.1", leadOfficer: "ASB Coordinator" });
  });

  it("cancelling writes nothing", async () => {
    const workbook = workbookWithOwnTable();
    const before = JSON.stringify(workbook.dump());
    const { user } = await renderPane(workbook, "plan");
    await user.click(await screen.findByRole("button", { name: "Review changes to adopt" }));
    await user.click(await screen.findByRole("button", { name: "Cancel" }));
    expect(JSON.stringify(workbook.dump())).toBe(before);
  });

  it("offers to repair a plan missing a register, and repairs it", async () => {
    const workbook = await memoryPlan(seedWith([{}]));
    workbook.sheets.splice(workbook.sheets.findIndex((s) => s.name === "Lead Officers"), 1);
    const { user } = await renderPane(workbook, "plan");
    await user.click(await screen.findByRole("button", { name: "Review changes to repair" }));
    expect((await screen.findByLabelText("Changes to make")).textContent).toContain("Add the sheet “Lead Officers” with the table LeadOfficers");
    await user.click(screen.getByRole("button", { name: "Apply these changes" }));
    expect(await screen.findByText("Repaired the plan.")).toBeTruthy();
    expect((await checkPlan(workbook)).writable).toBe(true);
  });
});
