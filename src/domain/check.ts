import { HistoryTable, readHistory } from "./history";
import { Finding, hasErrors, sortFindings } from "./findings";
import { hiddenHeaderRowFindings } from "./headerRow";
import { indicatorFindings } from "./indicatorChecks";
import { IndicatorTable, readIndicators } from "./indicators";
import { Period, PeriodChoice, resolvePeriod } from "./period";
import { Plan, readPlan } from "./plan";
import { smartFindings } from "./smart";
import { WorkbookSnapshot } from "./snapshot";
import { otherActionTables, structureFindings } from "./structure";

export interface PlanCheck {
  readonly plan: Plan;
  readonly period: Period | undefined;
  /** Errors first. */
  readonly findings: readonly Finding[];
  /** False when structure or settings errors stop any write. */
  readonly writable: boolean;
  /** The workbook's Status History, when it has one (issue 14): for movement and each action's quarters. */
  readonly history?: HistoryTable;
  /** The workbook's Indicators table, when it has one (issue 15): rated in the summary, checked here. */
  readonly indicators?: IndicatorTable;
}

/** Every rule of brief §4 over one snapshot. Reads only. */
export function checkSnapshot(snapshot: WorkbookSnapshot, choice: PeriodChoice = {}): PlanCheck {
  const plan = readPlan(snapshot);
  const structure = [...structureFindings(plan), ...otherActionTables(snapshot), ...hiddenHeaderRowFindings(snapshot)];
  const { period, findings: settings } = resolvePeriod(plan, choice);
  const blocking = [...structure, ...settings];
  const smart = period ? smartFindings(plan, period) : [];
  const history = readHistory(snapshot);
  const indicators = readIndicators(snapshot);
  // Indicator findings never block a write (their rules start `indicator.`), whatever the period.
  return {
    plan, period, findings: sortFindings([...blocking, ...smart, ...indicatorFindings(indicators)]), writable: period !== undefined && !hasErrors(blocking),
    ...(history ? { history } : {}), ...(indicators ? { indicators } : {}),
  };
}
