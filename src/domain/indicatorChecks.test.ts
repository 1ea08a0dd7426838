import { indicatorTable } from "../../test/support/indicatorFixture";
import { checkSnapshot } from "./check";
import { blockingFindings } from "./findings";
import { indicatorFindings } from "./indicatorChecks";
import { readIndicators } from "./indicators";
import { TableSnapshot } from "./snapshot";
import { SAMPLE_PLAN } from "./sample/samplePlan";
import { snapshotOf } from "../../test/support/planFixture";
import { CellValue } from "./cells";
import { IndicatorColumn } from "./contract";

function findings(...changes: Partial<Record<IndicatorColumn, CellValue>>[]) {
  return indicatorFindings(readIndicators({ sheetNames: ["Indicators"], tables: [indicatorTable(...changes)] }));
}

describe("indicator checks (issue 15, part 2)", () => {
  it("finds nothing in a complete row", () => {
    expect(findings({ q1: 240 })).toEqual([]);
  });

  it("names the cell of a missing baseline, target or direction", () => {
    // Columns: A Indicator, B Priority, C Unit, D Direction, E Baseline year, F Baseline, G Target, H Tolerance, I-L Q1-Q4.
    expect(findings({ baseline: null })).toEqual([expect.objectContaining({ rule: "indicator.missing-baseline", severity: "error", sheet: "Indicators", cell: "F2", actionId: null })]);
    expect(findings({ baseline: null, target: 900 })).toEqual([expect.objectContaining({ rule: "indicator.missing-baseline", severity: "warning" })]);
    expect(findings({ target: null })).toEqual([expect.objectContaining({ rule: "indicator.missing-target", severity: "error", cell: "G2" })]);
    expect(findings({ direction: null })).toEqual([expect.objectContaining({ rule: "indicator.missing-direction", severity: "error", cell: "D2" })]);
    expect(findings({ direction: "down" })[0]).toMatchObject({ rule: "indicator.invalid-direction", message: 'Indicator "Domestic burglary" has direction "down". Enter lower is better or higher is better.' });
  });

  it("finds a value that is not a number, and a % above 100", () => {
    expect(findings({}, { q2: "about 300" })).toEqual([expect.objectContaining({ rule: "indicator.not-a-number", cell: "J3" })]);
    expect(findings({ unit: "%", baseline: 25, target: 24, q3: 101 })).toEqual([expect.objectContaining({ rule: "indicator.over-100", cell: "K2" })]);
    expect(findings({ unit: "%", baseline: 25, target: 24, q3: 100 })).toEqual([]);
  });

  it("warns, never blocks, when the table lacks columns the rating needs", () => {
    const table: TableSnapshot = { ...indicatorTable({}), headers: ["Indicator", "Priority"], rows: [["Domestic burglary", "Serious acquisitive crime"]] };
    const found = indicatorFindings(readIndicators({ sheetNames: ["Indicators"], tables: [table] }));
    expect(found[0]).toMatchObject({ rule: "indicator.missing-columns", severity: "warning", cell: "" });
    // Named once for the table, not again on every row (no direction, no target…).
    expect(found.filter((f) => f.rule === "indicator.missing-direction" || f.rule === "indicator.missing-target")).toEqual([]);
  });

  it("warns where a rate's value looks like 24% typed into Excel (kept as 0.24), naming the cell", () => {
    expect(findings({ unit: "%", baseline: 25, target: 24, q3: 0.24 })).toEqual([
      expect.objectContaining({ rule: "indicator.fraction-percent", severity: "warning", cell: "K2", message: expect.stringContaining("Write the per cent as a number (24) or as text (24%)") }),
    ]);
    expect(findings({ unit: "%", baseline: 0.8, target: 0.6, q3: 0.5 })).toEqual([]);
  });

  it("are part of check, and never block a write", () => {
    const plan = snapshotOf(SAMPLE_PLAN);
    const withFaults = { ...plan, tables: [...plan.tables.filter((t) => t.name !== "Indicators"), indicatorTable({ target: null, q2: "n/a" })] };
    const check = checkSnapshot(withFaults);
    expect(check.findings.filter((f) => f.rule.startsWith("indicator."))).toHaveLength(2);
    expect(blockingFindings(check.findings)).toEqual([]);
    expect(check.writable).toBe(true);
  });
});
