import { memoryPlan, seedWith, snapshotOf, withTable } from "../../test/support/planFixture";
import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { checkSnapshot } from "../domain/check";
import { CARRIED_OVER_SETTING, PLAN_SETTINGS } from "../domain/contract";
import { blockingFindings } from "../domain/findings";
import { SAMPLE_PLAN } from "../domain/sample/samplePlan";
import { WorkbookSnapshot } from "../domain/snapshot";
import { carryOver, planCarryOver } from "./carryOver";
import { recordCarriedOver } from "./recordCarriedOver";

/** A memory workbook holding a snapshot's tables, each on its own sheet at A1. */
function memoryOf(snapshot: WorkbookSnapshot): MemoryWorkbook {
  const workbook = new MemoryWorkbook();
  for (const t of snapshot.tables) workbook.addTable(t.sheet, t.name, t.top, t.left, t.headers, t.rows);
  return workbook;
}

describe("year-end carry-over over the port (issue 14)", () => {
  it("writes next year's plan in one change set and leaves the old plan as it was", async () => {
    const old = await memoryPlan(SAMPLE_PLAN);
    const before = JSON.stringify(old.dump());
    const next = new MemoryWorkbook();
    const outcome = await carryOver(old, next);
    if (!outcome.done) throw new Error(outcome.reason);
    expect(JSON.stringify(old.dump())).toBe(before);
    expect(old.applyCount).toBe(1); // set-up only
    expect(next.applyCount).toBe(1);
    const check = checkSnapshot(await next.read());
    expect(blockingFindings(check.findings)).toEqual([]);
    expect(check.plan.settings.yearText).toBe("2015/16");
    expect(check.plan.settings.quarterText).toBe("Q1");
    const open = SAMPLE_PLAN.actions.filter((a) => a.status !== "Complete" && a.status !== "Removed").map((a) => a.id);
    expect(check.plan.actions.map((a) => a.id)).toEqual(open);
    const table = check.plan.actionTable!.table;
    const from = table.headers.indexOf("Carried from");
    expect(table.rows.map((r) => r[from])).toEqual(open.map((id) => `${id} (2014/15)`));
  });

  it("refuses a plan with structure errors, and a year not later than the plan's, writing nothing", async () => {
    const broken = memoryOf(withTable(snapshotOf(seedWith([{}])), PLAN_SETTINGS.table, () => undefined));
    const next = new MemoryWorkbook();
    const refused = await carryOver(broken, next);
    expect(refused.done).toBe(false);
    if (!refused.done) expect(refused.findings.length).toBeGreaterThan(0);
    const sameYear = await planCarryOver(await memoryPlan(seedWith([{}])), { to: { startYear: 2014 } });
    expect(sameYear).toEqual({ done: false, reason: expect.stringContaining("must come after"), findings: [] });
    expect(next.applyCount).toBe(0);
  });

  it("notes the carry-over in the old plan's Carried over setting, and changes nothing else", async () => {
    const snapshot = withTable(snapshotOf(seedWith([{}])), PLAN_SETTINGS.table, (t) => ({ ...t, rows: [...t.rows, [CARRIED_OVER_SETTING, null]] }));
    const old = memoryOf(snapshot);
    const outcome = await recordCarriedOver(old, "2015/16", "2026-12-01");
    expect(outcome).toEqual({ done: true, note: "To 2015/16 on 1 December 2026" });
    const after = await old.read();
    const expected = withTable(snapshot, PLAN_SETTINGS.table, (t) => ({ ...t, rows: [...t.rows.slice(0, -1), [CARRIED_OVER_SETTING, "To 2015/16 on 1 December 2026"]] }));
    expect(after.tables).toEqual(expected.tables);
  });

  it("writes nothing when Plan Settings has no Carried over row, and says what to add", async () => {
    const old = await memoryPlan(seedWith([{}]));
    const before = JSON.stringify(old.dump());
    const outcome = await recordCarriedOver(old, "2015/16", "2026-12-01");
    expect(outcome).toEqual({ done: false, noRow: true, note: "To 2015/16 on 1 December 2026", reason: expect.stringContaining('add a row "Carried over"') });
    expect(JSON.stringify(old.dump())).toBe(before);
    expect(old.applyCount).toBe(1);
  });
});
