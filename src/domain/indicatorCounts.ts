import { Quarter } from "./contract";
import { IndicatorRating, rateIndicator } from "./indicatorRag";
import { IndicatorTable } from "./indicators";

/** The ratings an indicator can have (issue 15), in the order tables show them. */
export const INDICATOR_RATINGS: readonly IndicatorRating[] = ["Green", "Amber", "Red", "Grey"];
export type IndicatorRagCounts = Readonly<Record<IndicatorRating, number>>;

/**
 * How many of a plan's indicators have each rating for `quarter` (rateIndicator, the summary's own rule), or
 * undefined when the plan has no Indicators table or no indicator rows in it. `table` is the one the check
 * read (PlanCheck.indicators). The county roll-up's one source of indicator figures.
 */
export function indicatorRagCounts(table: IndicatorTable | undefined, quarter: Quarter): IndicatorRagCounts | undefined {
  if (!table || table.indicators.length === 0) return undefined;
  const counts: Record<IndicatorRating, number> = { Green: 0, Amber: 0, Red: 0, Grey: 0 };
  for (const indicator of table.indicators) counts[rateIndicator(indicator, quarter).rating] += 1;
  return counts;
}
