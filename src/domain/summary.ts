import { carrySelection } from "./carryOver";
import { needsUpdate } from "./chase";
import { Quarter, QUARTERS } from "./contract";
import { IsoDate } from "./dates";
import { HistoryTable } from "./history";
import { IndicatorGroup, summariseIndicators } from "./indicatorSummary";
import { IndicatorTable } from "./indicators";
import { computeMovement, Movement, movementSentences } from "./movement";
import { computeFigures, PlanFigures, RatedAction, rateAll } from "./figures";
import { overallNarrative, priorityNarrative } from "./narrative";
import { Period } from "./period";
import { Plan, PlanAction } from "./plan";
import { formatFinancialYear, summarySheetName } from "./quarters";
import { RagRating } from "./rag";

export interface ExceptionLine {
  readonly id: string;
  readonly priority: string;
  readonly action: string;
  readonly leadOfficer: string;
  readonly rating: RagRating;
  readonly reason: string;
  readonly latestUpdate: string;
}

export interface ChaseGroup {
  readonly leadOfficer: string;
  readonly actions: readonly { readonly id: string; readonly action: string }[];
}

export interface RemovedLine {
  readonly id: string;
  readonly action: string;
  readonly reason: string;
}

/** Everything the quarterly summary says, computed once from the plan. */
export interface SummaryReport {
  readonly planName: string;
  readonly year: string;
  readonly quarter: Quarter;
  readonly asOf: IsoDate;
  readonly sheetName: string;
  readonly rated: readonly RatedAction[];
  readonly figures: PlanFigures;
  readonly narrative: {
    readonly priorities: readonly { readonly no: number | null; readonly name: string; readonly sentences: readonly string[] }[];
    readonly overall: readonly string[];
  };
  readonly exceptions: readonly ExceptionLine[];
  readonly missingUpdates: readonly ChaseGroup[];
  readonly removed: readonly RemovedLine[];
  /**
   * What changed since the previous quarter recorded in Status History (issue 14), and the committee's
   * sentences for it: `movement.since` is undefined, and the sentence says so, when no earlier quarter is
   * recorded.
   */
  readonly movement: Movement;
  readonly movementSentences: readonly string[];
  /**
   * The year's closing summary (Q4) only: the actions that carry over to next year's plan (carrySelection:
   * not Complete or Removed, or those marked in a `Carry over` column), with the rule in words. Undefined
   * for Q1 to Q3.
   */
  /**
   * The quarter's performance indicators by priority, each rated with its sentence (issue 15). Empty for a
   * plan without an Indicators table: its summary, report and pane show nothing new.
   */
  readonly indicators: readonly IndicatorGroup[];
  readonly carried?: { readonly rule: string; readonly actions: readonly { readonly id: string; readonly action: string; readonly leadOfficer: string; readonly status: string }[] };
}

/** The most recent update written up to and including the quarter. */
export function latestUpdate(action: PlanAction, quarter: Quarter): string {
  for (const q of QUARTERS.slice(0, QUARTERS.indexOf(quarter) + 1).reverse()) {
    if (action.updates[q]) return `${q}: ${action.updates[q]}`;
  }
  return "";
}

function carriedAtYearEnd(plan: Plan): NonNullable<SummaryReport["carried"]> {
  const selection = carrySelection(plan);
  return {
    rule: selection.marked
      ? "Actions not complete or removed and marked Yes in the Carry over column carry over to next year's plan."
      : "Actions not complete or removed carry over to next year's plan.",
    actions: selection.carried.map((a) => ({ id: a.id, action: a.action, leadOfficer: a.leadOfficer, status: a.statusText })),
  };
}

/**
 * Everything the quarter's summary says, from the plan as of the period, compared with `history` (the
 * workbook's Status History as read, if it has one) for the movement since the previous recorded quarter,
 * with the Indicators table (if it has one) rated for the quarter.
 */
export function buildSummaryReport(plan: Plan, period: Period, history?: HistoryTable, indicators?: IndicatorTable): SummaryReport {
  const rated = rateAll(plan, period);
  const movement = computeMovement(rated, history, period.year, period.quarter);
  const figures = computeFigures(plan, rated);
  const year = formatFinancialYear(period.year);
  const exceptions = (["Red", "Amber"] as const).flatMap((rating) =>
    rated.filter((r) => r.rag.rating === rating).map(({ action, rag }) => ({
      id: action.id, priority: action.priority, action: action.action, leadOfficer: action.leadOfficer,
      rating, reason: rag.reason, latestUpdate: latestUpdate(action, period.quarter),
    })));
  const chase = new Map<string, { id: string; action: string }[]>();
  for (const action of plan.actions) {
    if (!needsUpdate(action, period.quarter)) continue;
    const officer = action.leadOfficer || "(no lead officer)";
    chase.set(officer, [...(chase.get(officer) ?? []), { id: action.id, action: action.action }]);
  }
  return {
    planName: plan.settings.name,
    year,
    quarter: period.quarter,
    asOf: period.asOf,
    sheetName: summarySheetName(period.year, period.quarter),
    rated,
    figures,
    narrative: {
      priorities: figures.priorities.map((p) => ({ no: p.no, name: p.name, sentences: priorityNarrative(p, period.quarter) })),
      overall: overallNarrative(figures.overall, period.quarter, plan.settings.name, year),
    },
    exceptions,
    missingUpdates: [...chase.entries()]
      .sort(([a], [b]) => a.localeCompare(b, "en-GB"))
      .map(([leadOfficer, actions]) => ({ leadOfficer, actions })),
    removed: plan.actions.filter((a) => a.status === "Removed").map((a) => ({ id: a.id, action: a.action, reason: a.notes })),
    movement,
    movementSentences: movementSentences(movement),
    indicators: summariseIndicators(plan, indicators, period.quarter),
    ...(period.quarter === "Q4" ? { carried: carriedAtYearEnd(plan) } : {}),
  };
}
