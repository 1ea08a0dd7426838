import { PLAN_SETTINGS, Quarter, SETTINGS } from "./contract";
import { IsoDate } from "./dates";
import { Finding } from "./findings";
import { Plan } from "./plan";
import { FinancialYear, quarterEnd } from "./quarters";
import { quoted } from "./wording";

/** The quarter a check or summary is about, and the day its ratings are as of. */
export interface Period {
  readonly year: FinancialYear;
  readonly quarter: Quarter;
  /** End of the quarter unless the user chose another day. */
  readonly asOf: IsoDate;
}

export interface PeriodChoice {
  readonly year?: FinancialYear;
  readonly quarter?: Quarter;
  readonly asOf?: IsoDate;
}

/** The user's choice wins; otherwise Plan Settings says. Missing or unreadable settings are errors. */
export function resolvePeriod(plan: Plan, choice: PeriodChoice = {}): { period: Period | undefined; findings: Finding[] } {
  const findings: Finding[] = [];
  const { settings } = plan;
  const year = choice.year ?? settings.year;
  const quarter = choice.quarter ?? settings.currentQuarter;
  const sheet = PLAN_SETTINGS.sheet;
  if (!year) {
    findings.push({
      severity: "error", rule: "settings.plan-year", sheet, cell: "", actionId: null,
      message: settings.yearText
        ? `Plan Settings gives the plan year as ${quoted(settings.yearText)}; write it as a financial year such as 2014/15.`
        : `Plan Settings has no "${SETTINGS.planYear}". Add it, written like 2014/15.`,
    });
  }
  if (!quarter) {
    findings.push({
      severity: "error", rule: "settings.current-quarter", sheet, cell: "", actionId: null,
      message: settings.quarterText
        ? `Plan Settings gives the current quarter as ${quoted(settings.quarterText)}; write Q1, Q2, Q3 or Q4.`
        : `Plan Settings has no "${SETTINGS.currentQuarter}". Add it (Q1, Q2, Q3 or Q4), or choose a quarter.`,
    });
  }
  if (!year || !quarter) return { period: undefined, findings };
  return { period: { year, quarter, asOf: choice.asOf ?? quarterEnd(year, quarter) }, findings };
}
