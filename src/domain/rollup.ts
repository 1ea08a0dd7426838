import { Status, STATUSES } from "./contract";
import { Figures, percentTenths } from "./figures";
import { INDICATOR_RATINGS, IndicatorRagCounts } from "./indicatorCounts";
import { IndicatorRating } from "./indicatorRag";
import { RAG_RATINGS, RagRating } from "./rag";

/** Counts that add up across plans: the roll-up's overall row is their sum. */
export interface RollupCounts {
  /** Every action, removed included, as in the summary's "Expected outcomes". */
  readonly expected: number;
  readonly counts: Readonly<Record<Status, number>>;
  /** Tenths of a per cent of `expected` that are Complete (as `percentTenths`). */
  readonly completeTenths: number;
  readonly rag: Readonly<Record<RagRating, number>>;
  /** Indicator ratings; all zero for a plan without indicators. */
  readonly indicatorRag: IndicatorRagCounts;
}

/** One partnership's plan, as its own summary figures it for the quarter. */
export interface RollupRow extends RollupCounts {
  /** The file as the user named it. */
  readonly file: string;
  /** Plan Settings' plan name and year, as written there. */
  readonly planName: string;
  readonly year: string;
  readonly quarter: string;
  /** False when the plan has no Indicators table ("no indicators"). */
  readonly hasIndicators: boolean;
}

/** Every plan together: the sum of the rows' counts, with % complete worked out from the sums. */
export interface RollupOverall extends RollupCounts {
  readonly plans: number;
  readonly plansWithIndicators: number;
}

/** A file the roll-up could not use, and why in words. */
export interface RollupFailure {
  readonly file: string;
  readonly reason: string;
}

function zero<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/**
 * A plan's roll-up row from the overall figures its summary computes (computeFigures(...).overall) and
 * its indicator counts (indicatorRagCounts: undefined for a plan without indicators, counted as zeros).
 */
export function rollupRow(
  plan: { readonly file: string; readonly planName: string; readonly year: string; readonly quarter: string },
  figures: Pick<Figures, "expected" | "counts" | "rag">,
  indicators: IndicatorRagCounts | undefined,
): RollupRow {
  return {
    ...plan,
    expected: figures.expected,
    counts: { ...figures.counts },
    completeTenths: percentTenths(figures.counts.Complete, figures.expected),
    rag: { ...figures.rag },
    indicatorRag: indicators ? { ...indicators } : zero(INDICATOR_RATINGS),
    hasIndicators: indicators !== undefined,
  };
}

/**
 * The overall row: each count the sum of the rows' counts, and % complete recomputed from the summed
 * Complete and expected counts (never an average of the plans' percentages). No rows: all zeros.
 */
export function rollupOverall(rows: readonly RollupRow[]): RollupOverall {
  const counts = zero(STATUSES);
  const rag = zero(RAG_RATINGS);
  const indicatorRag = zero<IndicatorRating>(INDICATOR_RATINGS);
  let expected = 0;
  for (const row of rows) {
    expected += row.expected;
    for (const s of STATUSES) counts[s] += row.counts[s];
    for (const r of RAG_RATINGS) rag[r] += row.rag[r];
    for (const r of INDICATOR_RATINGS) indicatorRag[r] += row.indicatorRag[r];
  }
  return {
    plans: rows.length,
    plansWithIndicators: rows.filter((r) => r.hasIndicators).length,
    expected,
    counts,
    completeTenths: percentTenths(counts.Complete, expected),
    rag,
    indicatorRag,
  };
}
