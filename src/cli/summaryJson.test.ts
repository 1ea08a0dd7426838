import { snapshotOf } from "../../test/support/planFixture";
import { checkSnapshot } from "../domain/check";
import { SAMPLE_PLAN } from "../domain/sample/samplePlan";
import { buildSummaryReport } from "../domain/summary";
import { summaryJson } from "./report";

function json(withIndicators: boolean) {
  const snapshot = snapshotOf(SAMPLE_PLAN);
  const check = checkSnapshot(withIndicators ? snapshot : { ...snapshot, tables: snapshot.tables.filter((t) => t.name !== "Indicators") });
  return summaryJson(buildSummaryReport(check.plan, check.period!, check.history, check.indicators), "plan.xlsx");
}

describe("summary --json indicators (issue 15)", () => {
  it("lists each indicator by priority with its value, RAG, reason and sentence", () => {
    expect(json(true).indicators?.[0].lines[0]).toMatchObject({
      indicator: "ASB calls for service", rating: "Amber", value: "4,190", baseline: "5,838", baselineYear: "2012/13", target: "-5%",
      reason: "4.3% down on 2012/13 to Q3 against a 5% reduction target, within tolerance",
      sentence: "ASB calls for service fell by 4.3% in Q1 to Q3 against 2012/13, short of the 5% reduction targeted.",
    });
  });

  it("has no indicators key for a plan without an Indicators table", () => {
    expect(json(false)).not.toHaveProperty("indicators");
  });
});
