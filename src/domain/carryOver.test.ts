import { BASE_SEED, seedWith, snapshotOf, withTable } from "../../test/support/planFixture";
import { actionsToCarry, carriedNotes, carriedOverNote, CarriedPlan, carryOverPlan, carrySelection, CarryOptions } from "./carryOver";
import { checkSnapshot } from "./check";
import { CARRY_COLUMNS, PLAN_SETTINGS } from "./contract";
import { blockingFindings } from "./findings";
import { Plan, readPlan } from "./plan";
import { PlanSeed, SeedAction } from "./planSeed";
import { SAMPLE_PLAN } from "./sample/samplePlan";
import { WorkbookSnapshot } from "./snapshot";

const MIXED: Partial<SeedAction>[] = [
  { id: "1.1", status: "On target" },
  { id: "1.2", status: "Complete" },
  { id: "1.3", status: "Removed", notes: "Removed by the RAG in September." },
  { id: "1.4", status: "At risk", notes: "Funding bid in.", updates: { Q1: "Started.", Q2: "", Q3: "Waiting on the bid.", Q4: "" } },
  { id: "1.5", status: "Not started", updates: {} },
];

/** The snapshot with a `Carry over` column added to the ActionPlan table, its values row by row. */
function withCarryColumn(snapshot: WorkbookSnapshot, marks: (string | boolean | null)[]): WorkbookSnapshot {
  return withTable(snapshot, "ActionPlan", (t) => ({
    ...t, headers: [...t.headers, CARRY_COLUMNS.carryOver], rows: t.rows.map((r, i) => [...r, marks[i] ?? null]),
  }));
}

function planOf(seed: PlanSeed): Plan {
  return readPlan(snapshotOf(seed));
}

function carried(plan: Plan, options: CarryOptions = {}): CarriedPlan {
  const result = carryOverPlan(plan, options);
  if ("refused" in result) throw new Error(result.refused);
  return result;
}

describe("what is carried over (issue 14, year-end carry-over)", () => {
  it("carries every action that is not Complete or Removed, saying why the others stay", () => {
    const plan = planOf(seedWith(MIXED));
    expect(actionsToCarry(plan).map((a) => a.id)).toEqual(["1.1", "1.4", "1.5"]);
    const selection = carrySelection(plan);
    expect(selection.marked).toBe(false);
    expect(selection.left.map((l) => [l.action.id, l.reason])).toEqual([["1.2", "complete"], ["1.3", "removed"]]);
  });

  it("with a Carry over column, carries only the open actions marked yes, y, true or x (any case)", () => {
    const plan = readPlan(withCarryColumn(snapshotOf(seedWith([...MIXED, { id: "1.6" }, { id: "1.7" }])), ["Yes", "yes", "", "x", "No", true, "Y"]));
    const selection = carrySelection(plan);
    expect(selection.marked).toBe(true);
    expect(actionsToCarry(plan).map((a) => a.id)).toEqual(["1.1", "1.4", "1.6", "1.7"]);
    expect(selection.left.map((l) => [l.action.id, l.reason])).toEqual([["1.2", "complete"], ["1.3", "removed"], ["1.5", "not marked"]]);
  });

  it("carries the sample plan's 30 open actions", () => {
    const plan = planOf(SAMPLE_PLAN);
    const open = SAMPLE_PLAN.actions.filter((a) => a.status !== "Complete" && a.status !== "Removed").map((a) => a.id);
    expect(open).toHaveLength(30);
    expect(actionsToCarry(plan).map((a) => a.id)).toEqual(open);
  });
});

describe("next year's plan (issue 14)", () => {
  it("keeps IDs, adds Carried from, clears the updates and sets Not started, keeping dates and the last update in Notes", () => {
    const next = carried(planOf(seedWith(MIXED)));
    expect(next.from).toBe("2014/15");
    expect(next.to).toBe("2015/16");
    expect(next.seed.actions.map((a) => a.id)).toEqual(["1.1", "1.4", "1.5"]);
    expect(next.seed.extraColumns[0]).toBe("Carried from");
    expect(next.seed.extra.map((e) => e[0])).toEqual(["1.1 (2014/15)", "1.4 (2014/15)", "1.5 (2014/15)"]);
    for (const a of next.seed.actions) {
      expect(a.updates).toEqual({});
      expect(a.status).toBe("Not started");
      expect(a.startDate).toBe("2014-04-01");
      expect(a.targetDate).toBe("2015-03-31");
    }
    expect(next.seed.actions[0].notes).toBe("Last update (Q3 2014/15): Calls down 8%; on track.");
    expect(next.seed.actions[1].notes).toBe("Funding bid in.\nLast update (Q3 2014/15): Waiting on the bid.");
    expect(next.seed.actions[2].notes).toBe("");
  });

  it("keeps the statuses when asked", () => {
    const next = carried(planOf(seedWith(MIXED)), { keepStatus: true });
    expect(next.seed.actions.map((a) => a.status)).toEqual(["On target", "At risk", "Not started"]);
  });

  it("copies the registers and priorities; Plan Settings gets the same name, the new year and Q1", () => {
    const next = carried(planOf(seedWith(MIXED)), { to: { startYear: 2016 } });
    expect(next.seed.officers).toEqual(BASE_SEED.officers);
    expect(next.seed.priorities).toEqual(BASE_SEED.priorities);
    expect([next.seed.name, next.seed.year, next.seed.currentQuarter]).toEqual([BASE_SEED.name, "2016/17", "Q1"]);
  });

  it("refuses a year that is not later than the plan's, and a plan without a year", () => {
    const plan = planOf(seedWith(MIXED));
    expect(carryOverPlan(plan, { to: { startYear: 2014 } })).toEqual({ refused: expect.stringContaining("must come after this plan's 2014/15, not 2014/15") });
    expect(carryOverPlan(plan, { to: { startYear: 2013 } })).toEqual({ refused: expect.stringContaining("not 2013/14") });
    const noYear = readPlan(withTable(snapshotOf(seedWith(MIXED)), PLAN_SETTINGS.table, (t) => ({ ...t, rows: t.rows.filter((r) => r[0] !== "Plan year") })));
    expect(carryOverPlan(noYear)).toEqual({ refused: expect.stringContaining("no plan year") });
  });

  it("copies the old plan's own columns as text, but not Carry over or an old Carried from", () => {
    let snapshot = withCarryColumn(snapshotOf(seedWith(MIXED)), ["yes", "yes", "yes", "yes", "yes"]);
    snapshot = withTable(snapshot, "ActionPlan", (t) => ({
      ...t, headers: [...t.headers, "Original reference", CARRY_COLUMNS.carriedFrom], rows: t.rows.map((r, i) => [...r, `ASB-${i + 1}`, `${i} (2013/14)`]),
    }));
    const next = carried(readPlan(snapshot));
    expect(next.seed.extraColumns).toEqual(["Carried from", "Original reference"]);
    expect(next.seed.extra).toEqual([["1.1 (2014/15)", "ASB-1"], ["1.4 (2014/15)", "ASB-4"], ["1.5 (2014/15)", "ASB-5"]]);
  });

  it("gives a plan the check finds no structure errors in, for the sample plan", () => {
    const next = carried(planOf(SAMPLE_PLAN));
    const check = checkSnapshot(snapshotOf(next.seed));
    // The sample's deliberate SMART faults (an inactive officer, "end of March") are carried with their actions.
    expect(blockingFindings(check.findings)).toEqual([]);
    expect(check.writable).toBe(true);
    expect(check.plan.actions).toHaveLength(30);
    expect(check.plan.settings.yearText).toBe("2015/16");
  });

  it("words the notes and the old plan's note in en-GB", () => {
    const [action] = planOf(seedWith([{ updates: { Q1: "First.", Q2: "", Q3: "", Q4: "" } }])).actions;
    expect(carriedNotes(action, "2014/15")).toBe("Last update (Q1 2014/15): First.");
    expect(carriedOverNote("2015/16", "1 December 2026")).toBe("To 2015/16 on 1 December 2026");
  });
});
