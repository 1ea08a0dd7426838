import { CellValue } from "../../src/domain/cells";
import { INDICATOR_COLUMNS, IndicatorColumn, INDICATORS } from "../../src/domain/contract";
import { Indicator, readIndicators } from "../../src/domain/indicators";
import { TableSnapshot } from "../../src/domain/snapshot";

/** A domestic-burglary-like row: lower is better, baseline 1,000 in 2013/14, a 5% reduction, 5% tolerance, cumulative. */
export const BASE_INDICATOR: Partial<Record<IndicatorColumn, CellValue>> = {
  indicator: "Domestic burglary", priority: "Serious acquisitive crime", unit: "number", direction: "lower is better",
  baselineYear: "2013/14", baseline: 1000, target: "-5%", tolerance: "5%", valuesAre: "cumulative",
  leadOfficer: "Detective Inspector, St Helens CID", source: "Merseyside Police",
};

const KEYS = Object.keys(INDICATOR_COLUMNS) as IndicatorColumn[];

/** The Indicators table (sheet Indicators, A1) with one row per change to {@link BASE_INDICATOR}. */
export function indicatorTable(...changes: Partial<Record<IndicatorColumn, CellValue>>[]): TableSnapshot {
  return {
    name: INDICATORS.table, sheet: INDICATORS.sheet, top: 0, left: 0,
    headers: KEYS.map((k) => INDICATOR_COLUMNS[k]),
    rows: changes.map((c) => KEYS.map((k) => ({ ...BASE_INDICATOR, ...c })[k] ?? null)),
  };
}

/** One indicator read as the hosts read it. */
export function indicator(change: Partial<Record<IndicatorColumn, CellValue>> = {}): Indicator {
  return readIndicators({ sheetNames: [INDICATORS.sheet], tables: [indicatorTable(change)] })!.indicators[0];
}
