import { memoryPlan, seedWith } from "../../test/support/planFixture";
import { rollupRowOf } from "./rollupPlan";

describe("rollupRowOf", () => {
  it("gives the plan's row from Plan Settings: name, year and current quarter, no indicators yet", async () => {
    const workbook = await memoryPlan(seedWith([{ status: "Complete" }, { status: "On target" }], { name: "North CSP plan" }));
    const outcome = await rollupRowOf(workbook, "north.xlsx");
    expect(outcome).toMatchObject({ done: true, row: { file: "north.xlsx", planName: "North CSP plan", year: "2014/15", quarter: "Q3", expected: 2, completeTenths: 500, hasIndicators: false } });
  });

  it("says why, in words, when structure errors would stop the plan's summary", async () => {
    const outcome = await rollupRowOf(await memoryPlan(seedWith([{}], { year: "next year" })), "broken.xlsx");
    expect(outcome.done).toBe(false);
    if (!outcome.done) expect(outcome.reason).toMatch(/^The plan has 1 structure error to fix first \(Plan Settings.*\); run csp-plan check broken\.xlsx for them all\.$/);
  });
});
