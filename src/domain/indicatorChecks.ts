import { INDICATOR_COLUMNS, INDICATORS, IndicatorColumn, QUARTERS, REQUIRED_INDICATOR_COLUMNS } from "./contract";
import { Finding, Severity } from "./findings";
import { formatAmount, Indicator, IndicatorTable, looksLikeFraction, NumberReading } from "./indicators";
import { cellRef } from "./plan";
import { joinList, quoted } from "./wording";

/**
 * The Indicators table's checks (issue 15, part 2), in the SMART style: one finding per fault, naming its
 * cell, rule ids starting `indicator.` so that none ever blocks a write (findings.ts `blockingFindings`).
 *
 * - `indicator.missing-columns` (warning, whole table): a column the rating needs is missing.
 * - `indicator.missing-name` (warning): a row with figures but no Indicator.
 * - `indicator.missing-direction`, `indicator.invalid-direction` (error): not `lower is better` or `higher is better`.
 * - `indicator.invalid-unit` (error): not `number` or `%` (blank is `number`).
 * - `indicator.missing-target`, `indicator.invalid-target` (error): a value, or a signed change such as `-5%`.
 * - `indicator.missing-baseline` (error when the target is a change against it, otherwise a warning).
 * - `indicator.invalid-tolerance` (error): not a number or a per cent; blank is allowed (no Amber band).
 * - `indicator.invalid-values-are` (warning): not `cumulative` or `per quarter` (blank is cumulative).
 * - `indicator.not-a-number` (error): a Baseline or Q1–Q4 cell that is not a number.
 * - `indicator.over-100` (error): a % indicator's baseline, target or quarter value above 100 (not rated).
 * - `indicator.fraction-percent` (warning): a % indicator's quarter value between 0 and 1 where its baseline
 *   or target is 1 or more: 24% typed into Excel is kept as 0.24 (not rated until written as 24).
 * Returns no findings for a plan without an Indicators table.
 */
export function indicatorFindings(table: IndicatorTable | undefined): Finding[] {
  if (!table) return [];
  const m = table.mapped;
  const sheet = m.table.sheet || INDICATORS.sheet;
  const findings: Finding[] = [];
  const missing = REQUIRED_INDICATOR_COLUMNS.filter((c) => m.columns[c] === undefined);
  if (missing.length > 0) {
    findings.push({
      severity: "warning", rule: "indicator.missing-columns", sheet, cell: "", actionId: null,
      message: `The Indicators table has no ${joinList(missing.map((c) => quoted(INDICATOR_COLUMNS[c])))} ${missing.length === 1 ? "column" : "columns"}, so its indicators cannot all be rated. Add ${missing.length === 1 ? "it" : "them"} to the table.`,
    });
  }
  for (const ind of table.indicators) {
    const name = ind.name ? `Indicator ${quoted(ind.name)}` : `The indicator in row ${m.table.top + 2 + ind.row}`;
    const emit = (severity: Severity, rule: string, column: IndicatorColumn, message: string) => {
      // A column the table lacks is named once, by indicator.missing-columns, not again on every row.
      if (m.columns[column] === undefined && missing.includes(column)) return;
      findings.push({ severity, rule, sheet, cell: m.columns[column] === undefined ? "" : cellRef(m, ind.row, column), actionId: null, message: `${name} ${message}` });
    };
    rowFindings(ind, emit);
  }
  return findings;
}

type Emit = (severity: Severity, rule: string, column: IndicatorColumn, message: string) => void;

function rowFindings(ind: Indicator, emit: Emit): void {
  if (!ind.name) emit("warning", "indicator.missing-name", "indicator", "has no name. Enter what it measures in Indicator.");
  if (!ind.directionText) emit("error", "indicator.missing-direction", "direction", "has no direction. Enter lower is better or higher is better.");
  else if (!ind.direction) emit("error", "indicator.invalid-direction", "direction", `has direction ${quoted(ind.directionText)}. Enter lower is better or higher is better.`);
  if (!ind.unit) emit("error", "indicator.invalid-unit", "unit", `has unit ${quoted(ind.unitText)}. Enter number or %.`);
  if (ind.target.kind === "blank") emit("error", "indicator.missing-target", "target", "has no target. Enter a value, or a change against the baseline such as -5%.");
  if (ind.target.kind === "invalid") {
    emit("error", "indicator.invalid-target", "target", `has target ${quoted(ind.target.text)}. Enter a value, or a change against the baseline with its sign, such as -5% or +3%.`);
  }
  if (ind.baseline.kind === "blank") {
    emit(ind.target.kind === "change" ? "error" : "warning", "indicator.missing-baseline", "baseline",
      ind.target.kind === "change" ? "has no baseline, and its target is a change against it. Enter the baseline year's value." : "has no baseline. Enter the baseline year's value.");
  }
  if (ind.tolerance.kind === "invalid") emit("error", "indicator.invalid-tolerance", "tolerance", `has tolerance ${quoted(ind.tolerance.text)}. Enter a per cent such as 5%, or a number.`);
  if (!ind.valuesAre) emit("warning", "indicator.invalid-values-are", "valuesAre", `has Values are ${quoted(ind.valuesAreText)}. Enter cumulative or per quarter.`);
  const numbers: [IndicatorColumn, string, NumberReading][] = [
    ["baseline", "baseline", ind.baseline],
    ...QUARTERS.map((q): [IndicatorColumn, string, NumberReading] => [q.toLowerCase() as IndicatorColumn, `${q} value`, ind.values[q]]),
  ];
  for (const [column, label, reading] of numbers) {
    if (reading.kind === "invalid") emit("error", "indicator.not-a-number", column, `has ${label} ${quoted(reading.text)}, which is not a number.`);
    if (ind.unit === "%" && reading.kind === "number" && reading.value > 100) emit("error", "indicator.over-100", column, `is a % but its ${label} is ${reading.value}, above 100.`);
    if (column !== "baseline" && reading.kind === "number" && looksLikeFraction(ind, reading.value)) {
      emit("warning", "indicator.fraction-percent", column,
        `is a % but its ${label} is ${reading.value}: if 24% was typed, Excel keeps 0.24. Write the per cent as a number (${formatAmount(reading.value * 100)}) or as text (${formatAmount(reading.value * 100)}%).`);
    }
  }
  if (ind.unit === "%" && ind.target.kind === "value" && ind.target.value > 100) emit("error", "indicator.over-100", "target", `is a % but its target is ${ind.target.value}, above 100.`);
}
