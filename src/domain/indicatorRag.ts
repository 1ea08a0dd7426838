import { WorkbookSnapshot } from "./snapshot";

/** The ratings an indicator can have (the optional Indicators table, issue 15). */
export const INDICATOR_RATINGS = ["Green", "Amber", "Red", "Grey"] as const;
export type IndicatorRating = (typeof INDICATOR_RATINGS)[number];
export type IndicatorRagCounts = Readonly<Record<IndicatorRating, number>>;

/**
 * How many of a plan's indicators have each rating, or undefined when the plan has no Indicators table.
 * The one place the roll-up learns about indicators.
 *
 * TODO(issue 15): the optional `Indicators` table and its RAG are being added in parallel; once merged,
 * read the table from `snapshot` and count its ratings here. Until then every plan has "no indicators".
 */
export function indicatorRagCounts(snapshot: WorkbookSnapshot): IndicatorRagCounts | undefined {
  void snapshot;
  return undefined;
}
