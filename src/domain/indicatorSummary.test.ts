import { snapshotOf } from "../../test/support/planFixture";
import { checkSnapshot } from "./check";
import { buildCommitteeReport, committeeReportText } from "./committeeReport";
import { SAMPLE_PLAN } from "./sample/samplePlan";
import { buildSummaryReport } from "./summary";
import { summarySheet } from "./summarySheet";

function sampleReport(withIndicators = true) {
  const snapshot = snapshotOf(SAMPLE_PLAN);
  const check = checkSnapshot(withIndicators ? snapshot : { ...snapshot, tables: snapshot.tables.filter((t) => t.name !== "Indicators") });
  return { check, report: buildSummaryReport(check.plan, check.period!, check.history, check.indicators) };
}

describe("indicators in the summary (issue 15, part 3)", () => {
  it("rates the sample plan's indicators at Q3, grouped by priority, with no findings", () => {
    const { check, report } = sampleReport();
    expect(check.findings.filter((f) => f.rule.startsWith("indicator."))).toEqual([]);
    expect(report.indicators.map((g) => [g.name, g.lines.map((l) => `${l.indicator}: ${l.rating}`)])).toMatchSnapshot();
    expect(report.indicators.flatMap((g) => g.lines.map((l) => l.sentence))).toMatchSnapshot();
  });

  it("shows them on the summary sheet and in the committee report", () => {
    const { report } = sampleReport();
    const cells = summarySheet(report).rows.flat().map((c) => c.value);
    expect(cells).toContain("Performance indicators");
    expect(cells).toContain("Domestic burglaries fell by 9.1% in Q1 to Q3 against 2013/14, better than the 5% reduction targeted.");
    const text = committeeReportText(buildCommitteeReport(report));
    expect(text).toContain("Performance indicators\n");
    expect(text).toContain("ASB (secondary) fires rose by 2.4% in Q1 to Q3 against 2012/13, against a 5% reduction targeted.");
    expect(text).toContain("No Q3 value yet for thefts of and from motor vehicles.");
  });

  it("leaves a plan without an Indicators table exactly as before", () => {
    const { report } = sampleReport(false);
    expect(report.indicators).toEqual([]);
    expect(summarySheet(report).rows.flat().map((c) => c.value)).not.toContain("Performance indicators");
    expect(committeeReportText(buildCommitteeReport(report))).not.toContain("Performance indicators");
  });
});
