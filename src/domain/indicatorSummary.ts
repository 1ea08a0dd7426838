import { Quarter } from "./contract";
import { IndicatorRating, rateIndicator } from "./indicatorRag";
import { formatAmount, Indicator, IndicatorTable } from "./indicators";
import { indicatorSentence } from "./indicatorWording";
import { findPriority, Plan } from "./plan";

/** One indicator as the summary, the report, the pane and `summary --json` show it for the quarter. */
export interface IndicatorLine {
  readonly indicator: string;
  readonly priority: string;
  /** `number` or `%` (or the text the plan held). */
  readonly unit: string;
  readonly direction: string;
  readonly baselineYear: string;
  /** The baseline as written for reading: `6,358`, `24%`; "" when blank. */
  readonly baseline: string;
  /** The target as written for reading: `-5%`, `5,500`; "" when blank. */
  readonly target: string;
  readonly tolerance: string;
  /** The quarter's value as written for reading ("" when blank). Counts per quarter show the quarter's own value. */
  readonly value: string;
  readonly rating: IndicatorRating;
  readonly reason: string;
  /** The committee's sentence (indicatorWording.ts). */
  readonly sentence: string;
  readonly leadOfficer: string;
  readonly source: string;
}

/** Indicators under one priority: the Priorities table's order, then priorities not in it, as the figures group actions. */
export interface IndicatorGroup {
  readonly no: number | null;
  readonly name: string;
  readonly lines: readonly IndicatorLine[];
}

function shown(ind: Indicator, reading: Indicator["baseline"]): string {
  return reading.kind === "number" ? formatAmount(reading.value, ind.unit) : reading.kind === "invalid" ? reading.text : "";
}

function targetText(ind: Indicator): string {
  const t = ind.target;
  if (t.kind === "change") return `${t.percent > 0 ? "+" : t.percent < 0 ? "-" : ""}${formatAmount(Math.abs(t.percent))}%`;
  return t.kind === "value" ? formatAmount(t.value, ind.unit) : t.kind === "invalid" ? t.text : "";
}

function toleranceText(ind: Indicator): string {
  const t = ind.tolerance;
  // An absolute tolerance on a % indicator is in percentage points, which "2%" (2% of the target) is not.
  if (t.kind === "absolute" && ind.unit === "%") return `${formatAmount(t.value)} ${t.value === 1 ? "point" : "points"}`;
  return t.kind === "relative" ? `${formatAmount(t.percent)}%` : t.kind === "absolute" ? formatAmount(t.value, ind.unit) : t.kind === "invalid" ? t.text : "";
}

/**
 * The quarter's indicators grouped by priority (issue 15, part 3): each rated (indicatorRag.ts) with its
 * sentence. Empty for a plan without an Indicators table, so such a plan's summary is as it was.
 */
export function summariseIndicators(plan: Plan, table: IndicatorTable | undefined, quarter: Quarter): IndicatorGroup[] {
  if (!table || table.indicators.length === 0) return [];
  const groups = new Map<string, { no: number | null; name: string; lines: IndicatorLine[] }>();
  const ordered = [...plan.priorities].sort((a, b) => (a.no ?? Infinity) - (b.no ?? Infinity));
  for (const p of ordered) groups.set(`p:${p.row}`, { no: p.no ?? null, name: p.name, lines: [] });
  for (const ind of table.indicators) {
    const priority = findPriority(plan.priorities, ind.priority);
    const key = priority ? `p:${priority.row}` : `x:${ind.priority.toLowerCase()}`;
    const group = groups.get(key) ?? { no: null, name: ind.priority || "(no priority)", lines: [] };
    const rag = rateIndicator(ind, quarter);
    group.lines.push({
      indicator: ind.name, priority: ind.priority, unit: ind.unit ?? ind.unitText, direction: ind.direction ?? ind.directionText,
      baselineYear: ind.baselineYear, baseline: shown(ind, ind.baseline), target: targetText(ind), tolerance: toleranceText(ind),
      value: shown(ind, ind.values[quarter]), rating: rag.rating, reason: rag.reason, sentence: indicatorSentence(ind, rag),
      leadOfficer: ind.leadOfficer, source: ind.source,
    });
    groups.set(key, group);
  }
  return [...groups.values()].filter((g) => g.lines.length > 0);
}
