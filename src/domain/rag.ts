import { formatLongDate } from "./dates";
import { Period } from "./period";
import { PlanAction } from "./plan";
import { nextQuarter, quarterEnd } from "./quarters";

export const RAG_RATINGS = ["Red", "Amber", "Green", "Blue", "Grey"] as const;
export type RagRating = (typeof RAG_RATINGS)[number];

/** A rating is always a word and a reason (brief §4). */
export interface Rag {
  readonly rating: RagRating;
  readonly reason: string;
}

/**
 * Rates one action as of the period's as-of date; the first matching row of the brief's table wins.
 * Depends only on status, target date and the quarter's update.
 */
export function rateAction(action: Pick<PlanAction, "status" | "targetDate" | "updates">, period: Period): Rag {
  const { status, targetDate } = action;
  if (status === "Removed") return { rating: "Grey", reason: "Removed" };
  if (status === "Complete") return { rating: "Blue", reason: "Complete" };
  if (status === "Incomplete") return { rating: "Red", reason: "Incomplete" };
  const due = targetDate.kind === "date" || targetDate.kind === "serial" ? targetDate.date : undefined;
  if (due !== undefined && due < period.asOf) return { rating: "Red", reason: `Past target date (${formatLongDate(due)})` };
  if (status === "At risk") return { rating: "Amber", reason: "At risk" };
  if (due === undefined) {
    return { rating: "Amber", reason: targetDate.kind === "blank" ? "No target date" : "Target date is not a date" };
  }
  if (!action.updates[period.quarter]) return { rating: "Amber", reason: `No ${period.quarter} update` };
  if (status === "Not started") {
    const next = nextQuarter(period.year, period.quarter);
    if (due <= quarterEnd(next.year, next.quarter)) return { rating: "Amber", reason: `Not started; due ${formatLongDate(due)}` };
  }
  return { rating: "Green", reason: "On target" };
}
