/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Node's export conditions: under jsdom's default ("browser"), ExcelJS's uuid resolves to an ES module jest cannot load.
import "../../../test/support/jsdomSetup";
import { screen } from "@testing-library/react";
import { renderPane } from "../../../test/support/pane";
import { memoryPlan, snapshotOf, withTable } from "../../../test/support/planFixture";
import { ExcelJsWorkbook } from "../../adapters/exceljs/excelJsWorkbook";
import { MemoryWorkbook } from "../../adapters/memory/memoryWorkbook";
import { checkSnapshot } from "../../domain/check";
import { CARRIED_OVER_SETTING, PLAN_SETTINGS } from "../../domain/contract";
import { blockingFindings } from "../../domain/findings";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";

const OPEN = SAMPLE_PLAN.actions.filter((a) => a.status !== "Complete" && a.status !== "Removed").map((a) => a.id);

/** The sample plan with a `Carried over` row in Plan Settings, in memory. */
function sampleWithCarriedOverRow(): MemoryWorkbook {
  const snapshot = withTable(snapshotOf(SAMPLE_PLAN), PLAN_SETTINGS.table, (t) => ({ ...t, rows: [...t.rows, [CARRIED_OVER_SETTING, null]] }));
  const workbook = new MemoryWorkbook();
  for (const t of snapshot.tables) workbook.addTable(t.sheet, t.name, t.top, t.left, t.headers, t.rows);
  return workbook;
}

describe("Plan: Start next year's plan (issue 14, year-end carry-over)", () => {
  it("says what will be carried, then opens the new plan as a new workbook and notes it in Plan Settings", async () => {
    const workbook = sampleWithCarriedOverRow();
    const { host, user } = await renderPane(workbook, "plan", { today: new Date(2015, 2, 20) });
    expect(await screen.findByText(/^30 actions will be carried: 1\.1, /)).toBeTruthy();
    expect(screen.getByText(/Staying in this plan: 15 complete, 3 removed\./)).toBeTruthy();
    expect((screen.getByRole("textbox", { name: /New plan's year/ }) as HTMLInputElement).value).toBe("2015/16");

    await user.click(screen.getByRole("button", { name: "Start next year's plan" }));
    expect(await screen.findByText(/Opened next year's plan \(2015\/16\) in a new workbook: 30 actions carried from 2014\/15\. Noted in this plan's Plan Settings: To 2015\/16 on 20 March 2015\./)).toBeTruthy();
    expect(host.opened).toHaveLength(1);
    expect(host.opened[0].fileName).toBe("community safety action plan 2015-16.xlsx");
    const next = checkSnapshot(await (await ExcelJsWorkbook.load(Buffer.from(host.opened[0].bytes))).read());
    expect(blockingFindings(next.findings)).toEqual([]);
    expect(next.plan.actions.map((a) => a.id)).toEqual(OPEN);
    expect(next.plan.settings.yearText).toBe("2015/16");

    const settings = (await workbook.read()).tables.find((t) => t.name === PLAN_SETTINGS.table)!;
    expect(settings.rows.at(-1)).toEqual([CARRIED_OVER_SETTING, "To 2015/16 on 20 March 2015"]);
    expect(workbook.applyCount).toBe(1);
  });

  it("keeps statuses when the box is ticked, and leaves a plan without a Carried over row as it was, saying so", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    const before = JSON.stringify(workbook.dump());
    const { host, user } = await renderPane(workbook, "plan");
    await user.click(await screen.findByRole("checkbox", { name: /Keep each action's status/ }));
    await user.click(screen.getByRole("button", { name: "Start next year's plan" }));
    expect(await screen.findByText(/Plan Settings has no "Carried over" row, so this plan was left as it was\./)).toBeTruthy();
    expect(JSON.stringify(workbook.dump())).toBe(before);
    const next = checkSnapshot(await (await ExcelJsWorkbook.load(Buffer.from(host.opened[0].bytes))).read());
    expect(next.plan.actions.map((a) => a.statusText)).toEqual(SAMPLE_PLAN.actions.filter((a) => OPEN.includes(a.id)).map((a) => a.status));
  });

  it("refuses a year that is not later than the plan's", async () => {
    const { host, user } = await renderPane(await memoryPlan(SAMPLE_PLAN), "plan");
    const year = await screen.findByRole("textbox", { name: /New plan's year/ });
    await user.clear(year);
    await user.type(year, "2014/15");
    expect(await screen.findByText(/must come after this plan's 2014\/15, not 2014\/15/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Start next year's plan" }));
    expect(host.opened).toHaveLength(0);
  });

  it("where the host cannot open a new workbook, says so and points to the command line", async () => {
    const unavailable = "This version of Excel cannot open a new workbook from an add-in. Run csp-plan carry-over on the plan's file instead.";
    await renderPane(await memoryPlan(SAMPLE_PLAN), "plan", { newWorkbook: { unavailable } });
    expect(await screen.findByText(unavailable)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Start next year's plan" })).toBeNull();
  });
});
