import { memoryPlan, seedWith } from "../../test/support/planFixture";
import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { SAMPLE_PLAN } from "../domain/sample/samplePlan";
import { buildSummary } from "./buildSummary";
import { checkPlan } from "./checkPlan";
import { refreshRag } from "./refreshRag";
import { setUpPlan } from "./setUpPlan";

function sheetDump(workbook: MemoryWorkbook, name: string) {
  return JSON.stringify((workbook.dump() as { name: string }[]).find((s) => s.name === name));
}

describe("use-cases over the in-memory workbook", () => {
  it("sets up the contract's four sheets, and refuses a workbook that already has them", async () => {
    const workbook = await memoryPlan(seedWith([{}]));
    expect(workbook.sheets.map((s) => s.name)).toEqual(["Action Plan", "Lead Officers", "Priorities", "Plan Settings"]);
    const again = await setUpPlan(workbook, seedWith([{}]));
    expect(again.done).toBe(false);
    expect(workbook.applyCount).toBe(1);
  });

  it("sets up a blank plan whose check is clean and whose summary says there are no outcomes", async () => {
    const workbook = await memoryPlan({ ...seedWith([]), priorities: [], officers: [] });
    expect((await checkPlan(workbook)).findings).toEqual([]);
    const outcome = await buildSummary(workbook);
    expect(outcome.done && outcome.report.narrative.overall[0]).toBe(
      "At the end of Q3, there were no expected outcomes within the community safety action plan 2014/15.",
    );
  });

  it("check never writes", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    const before = JSON.stringify(workbook.dump());
    await checkPlan(workbook);
    expect(JSON.stringify(workbook.dump())).toBe(before);
    expect(workbook.applyCount).toBe(1);
  });

  it("the sample plan has exactly its deliberate faults", async () => {
    const { findings } = await checkPlan(await memoryPlan(SAMPLE_PLAN));
    const byRule = findings.map((f) => `${f.rule} ${f.actionId}`).sort();
    expect(byRule).toEqual([
      "smart.assignable.agency-mismatch 7.3",
      "smart.assignable.inactive-officer 4.3",
      "smart.assignable.unknown-officer 8.4",
      "smart.measurable.not-quantifiable 5.3",
      "smart.specific.hedging 1.5",
      "smart.timely.not-a-date 6.5",
      "smart.timely.outside-year 4.2",
      "update.missing 2.3",
      "update.missing 3.3",
      "update.missing 4.1",
      "update.missing 6.1",
      "update.missing 7.2",
      "update.removed-without-reason 8.5",
    ]);
    expect(SAMPLE_PLAN.actions.length).toBeGreaterThanOrEqual(40);
    expect(SAMPLE_PLAN.actions.length).toBeLessThanOrEqual(60);
    expect(new Set(SAMPLE_PLAN.actions.map((a) => a.status)).size).toBe(6);
    expect(SAMPLE_PLAN.priorities).toHaveLength(8);
  });

  it("builds the summary: RAG written, summary sheet with figures and narrative, in one change set", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    const outcome = await buildSummary(workbook, { quarter: "Q3" });
    if (!outcome.done) throw new Error(outcome.reason);
    expect(workbook.applyCount).toBe(2);
    const sheet = workbook.sheet("Q3 2014-15 Summary")!;
    const texts = [...sheet.cells.values()].map((c) => c.value);
    expect(texts).toContain(outcome.report.narrative.overall[0]);
    expect(texts).toContain("Outcomes by priority");
    expect(outcome.report.narrative.overall[0]).toMatch(/^At the end of Q3, of the 48 expected outcomes within the community safety action plan 2014\/15, /);
    // The RAG column holds a word for every action and a reason beside it.
    const { tables } = await workbook.read();
    const plan = tables.find((t) => t.name === "ActionPlan")!;
    const rag = plan.headers.indexOf("RAG");
    const reason = plan.headers.indexOf("RAG reason");
    for (const row of plan.rows) {
      expect(["Red", "Amber", "Green", "Blue", "Grey"]).toContain(row[rag]);
      expect(String(row[reason]).length).toBeGreaterThan(3);
    }
  });

  it("building twice gives the same workbook as once, and touches no other sheet", async () => {
    const once = await memoryPlan(SAMPLE_PLAN);
    const others = ["Lead Officers", "Priorities", "Plan Settings"].map((s) => sheetDump(once, s));
    await buildSummary(once);
    expect(["Lead Officers", "Priorities", "Plan Settings"].map((s) => sheetDump(once, s))).toEqual(others);
    const twice = await memoryPlan(SAMPLE_PLAN);
    await buildSummary(twice);
    await buildSummary(twice);
    expect(JSON.stringify(twice.dump())).toBe(JSON.stringify(once.dump()));
  });

  it("writes only the RAG and RAG reason cells of the action plan", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    const before = await workbook.read();
    await refreshRag(workbook);
    const after = await workbook.read();
    const plan = (s: typeof before) => s.tables.find((t) => t.name === "ActionPlan")!;
    const owned = new Set(["RAG", "RAG reason"].map((h) => plan(before).headers.indexOf(h)));
    plan(before).rows.forEach((row, r) => row.forEach((value, c) => {
      if (!owned.has(c)) expect(plan(after).rows[r][c]).toEqual(value);
    }));
  });

  it("refuses to write when the structure is broken, and writes nothing", async () => {
    const workbook = await memoryPlan(seedWith([{ id: "1.1" }, { id: "1.1" }]));
    const before = JSON.stringify(workbook.dump());
    const outcome = await buildSummary(workbook);
    expect(outcome.done).toBe(false);
    if (!outcome.done) {
      expect(outcome.reason).toContain("structure error");
      expect(outcome.findings.map((f) => f.rule)).toEqual(["structure.duplicate-id"]);
    }
    expect(JSON.stringify(workbook.dump())).toBe(before);
    expect((await refreshRag(workbook)).done).toBe(false);
    expect(JSON.stringify(workbook.dump())).toBe(before);
  });

  it("keeps the summary sheet's place among the tabs when rebuilt", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    await buildSummary(workbook, { quarter: "Q2" });
    workbook.addSheet("Notes");
    await buildSummary(workbook, { quarter: "Q2" });
    expect(workbook.sheets.map((s) => s.name)).toEqual(["Action Plan", "Lead Officers", "Priorities", "Plan Settings", "Indicators", "Q2 2014-15 Summary", "Status History", "Notes"]);
  });
});
