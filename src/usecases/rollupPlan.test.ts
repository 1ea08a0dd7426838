import { memoryPlan, seedWith } from "../../test/support/planFixture";
import { checkSnapshot } from "../domain/check";
import { readIndicators } from "../domain/indicators";
import { summariseIndicators } from "../domain/indicatorSummary";
import { SAMPLE_PLAN } from "../domain/sample/samplePlan";
import { rollupRowOf } from "./rollupPlan";

describe("rollupRowOf", () => {
  it("gives the plan's row from Plan Settings: name, year and current quarter, no indicators yet", async () => {
    const workbook = await memoryPlan(seedWith([{ status: "Complete" }, { status: "On target" }], { name: "North CSP plan" }));
    const outcome = await rollupRowOf(workbook, "north.xlsx");
    expect(outcome).toMatchObject({ done: true, row: { file: "north.xlsx", planName: "North CSP plan", year: "2014/15", quarter: "Q3", expected: 2, completeTenths: 500, hasIndicators: false } });
  });

  it("counts the plan's indicators by rating for its quarter, as the summary rates them", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    const outcome = await rollupRowOf(workbook, "sample.xlsx");
    if (!outcome.done) throw new Error(outcome.reason);
    const check = checkSnapshot(await workbook.read());
    const lines = summariseIndicators(check.plan, readIndicators(await workbook.read()), "Q3").flatMap((g) => g.lines);
    const expected = { Green: 0, Amber: 0, Red: 0, Grey: 0 };
    for (const line of lines) expected[line.rating] += 1;
    expect(lines.length).toBeGreaterThan(0);
    expect(outcome.row).toMatchObject({ hasIndicators: true, indicatorRag: expected });
    expect(Object.values(outcome.row.indicatorRag).reduce((a, b) => a + b, 0)).toBe(lines.length);
  });

  it("says why, in words, when structure errors would stop the plan's summary", async () => {
    const outcome = await rollupRowOf(await memoryPlan(seedWith([{}], { year: "next year" })), "broken.xlsx");
    expect(outcome.done).toBe(false);
    if (!outcome.done) expect(outcome.reason).toMatch(/^The plan has 1 structure error to fix first \(Plan Settings.*\); run csp-plan check broken\.xlsx for them all\.$/);
  });
});
