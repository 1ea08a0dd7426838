import { Quarter, QUARTERS } from "./contract";
import { formatPercent } from "./figures";
import { formatAmount, Indicator, looksLikeFraction, NumberReading } from "./indicators";

/** An indicator's rating: Green, Amber, Red, or Grey while it has no value to rate (issue 15, part 2). */
export type IndicatorRating = "Green" | "Amber" | "Red" | "Grey";

/** The figures a rating was reached from, all "to date" for the quarter: what the sentence (indicatorWording.ts) says. */
export interface IndicatorComparison {
  readonly quarter: Quarter;
  /** Quarters elapsed, 1 (Q1) to 4 (Q4). */
  readonly quarters: number;
  /** Counts: the latest cumulative value, or the sum of the quarters so far. Rates (%): the latest quarter's value. */
  readonly actual: number;
  /** The baseline to date (counts: baseline × quarters / 4; rates: the baseline); undefined when there is none. */
  readonly baselineToDate: number | undefined;
  /** The target to date (counts: the year's target × quarters / 4; rates: the target). */
  readonly targetToDate: number;
  /** The year's target value: the Target, or baseline × (1 + change / 100). */
  readonly targetForYear: number;
  /** How far worse than target is still Amber, to date (0 without a tolerance). */
  readonly band: number;
  /** Tenths of a per cent, signed, that `actual` differs from `baselineToDate`, rounded half up; undefined without a baseline (or a zero one). */
  readonly changeTenths: number | undefined;
  /** True when the target is met or bettered (exactly on target counts as met). */
  readonly met: boolean;
}

/** Always a word and a reason, as every RAG (brief §4); `comparison` when the indicator could be rated. */
export interface IndicatorRag {
  readonly rating: IndicatorRating;
  readonly reason: string;
  readonly comparison?: IndicatorComparison;
}

/** Relative slack for floating-point sums, so 237.5 + 237.5 is exactly on a target of 475. */
const EPSILON = 1e-9;

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Tenths of a per cent that `value` differs from `base`, signed, rounded half up on the size (5.45% → 5.5%). */
export function changeTenths(value: number, base: number): number | undefined {
  if (base === 0) return undefined;
  const scaled = (Math.abs(value - base) * 1000) / Math.abs(base);
  const tenths = Math.floor(scaled + 0.5 + EPSILON * Math.max(1, scaled));
  return (value - base) * Math.sign(base) < 0 ? -tenths : tenths;
}

function grey(reason: string): IndicatorRag {
  return { rating: "Grey", reason };
}

/** Why an indicator cannot be rated, before its values are looked at; undefined when it can be. */
function cannotRate(ind: Indicator): string | undefined {
  if (!ind.direction) return ind.directionText ? `Direction "${ind.directionText}" is not lower or higher is better` : "No direction";
  if (!ind.unit) return `Unit "${ind.unitText}" is not number or %`;
  if (!ind.valuesAre) return `Values are "${ind.valuesAreText}" is not cumulative or per quarter`;
  if (ind.target.kind === "blank") return "No target";
  if (ind.target.kind === "invalid") return "Target is not a number or a change such as -5%";
  if (ind.tolerance.kind === "invalid") return "Tolerance is not a number or a per cent such as 5%";
  if (ind.target.kind === "change" && ind.baseline.kind !== "number") return ind.baseline.kind === "blank" ? "No baseline for the target's change" : "Baseline is not a number";
  if (ind.baseline.kind === "invalid") return "Baseline is not a number";
  return undefined;
}

/** The value to date, or why there is none: per-quarter counts need every quarter so far. */
function actualToDate(ind: Indicator, upTo: readonly Quarter[]): number | string {
  const latest = upTo[upTo.length - 1];
  const readings: readonly [Quarter, NumberReading][] =
    ind.unit === "number" && ind.valuesAre === "per quarter" ? upTo.map((q) => [q, ind.values[q]]) : [[latest, ind.values[latest]]];
  let sum = 0;
  for (const [q, r] of readings) {
    if (r.kind === "blank") return `No ${q} value yet`;
    if (r.kind === "invalid") return `${q} value is not a number`;
    // A % above 100, or a fraction where per cent is written as a number of per cent, is an entry mistake
    // (check names the cell): not rated, rather than rated on a wrong figure.
    if (ind.unit === "%" && r.value > 100) return `${q} value ${formatAmount(r.value)} is above 100%`;
    if (looksLikeFraction(ind, r.value)) return `${q} value ${formatAmount(r.value)} looks like ${formatAmount(r.value * 100)}% typed as a fraction`;
    sum += r.value;
  }
  return sum;
}

function targetPhrase(ind: Indicator, c: IndicatorComparison): string {
  if (ind.target.kind === "change") {
    const size = formatAmount(Math.abs(ind.target.percent));
    return `a ${size}% ${ind.target.percent < 0 ? "reduction" : "increase"} target`;
  }
  return ind.unit === "%" || c.quarters === 4
    ? `a target of ${formatAmount(c.targetForYear, ind.unit)}`
    : `a target of ${formatAmount(c.targetToDate)} to ${c.quarter} (${formatAmount(c.targetForYear)} for the year)`;
}

function changePhrase(ind: Indicator, c: IndicatorComparison): string {
  const on = ind.baselineYear || "the baseline";
  const toDate = ind.unit === "number" && c.quarters < 4 ? ` to ${c.quarter}` : "";
  if (c.changeTenths === undefined) return `${formatAmount(c.actual, ind.unit)}${toDate}`;
  if (c.changeTenths === 0) return `Unchanged on ${on}${toDate}`;
  return `${formatPercent(Math.abs(c.changeTenths))} ${c.changeTenths < 0 ? "down" : "up"} on ${on}${toDate}`;
}

/**
 * Rates one indicator for `quarter` (issue 15, part 2). The rule, with n the quarters elapsed (Q3: 3):
 *
 * - Counts (unit `number`) are compared to date. The value to date is the quarter's value when values are
 *   `cumulative`, or Q1 + … + Qn when they are `per quarter`. The baseline and the year's target are
 *   pro-rated: baseline × n/4 and target × n/4 (the year assumed even across its quarters).
 * - Rates (unit `%`) compare the quarter's value with the baseline and target directly: rates do not add up
 *   or pro-rate, whatever `Values are` says.
 * - The year's target is the Target value, or baseline × (1 + change/100) for a change such as `-5%`.
 * - Green: the value to date is on or better than the target to date (lower is better: ≤; higher: ≥).
 *   Amber: worse, by no more than the tolerance: a relative tolerance (`5%`) is that share of the target to
 *   date; an absolute one (a number, for the year) is pro-rated like the target for counts. Exactly on the
 *   tolerance is Amber. Red: worse than that (with no tolerance, any shortfall). Grey: no value for the
 *   quarter yet (per quarter: for any quarter so far), a value that is not a number, or no direction,
 *   target (or baseline for a change target) to rate against; the reason says which.
 *
 * The reason reads `5.4% down on 2013/14 to Q3 against a 5% reduction target`, the change against the
 * baseline to date in per cent to one decimal place rounded half up, with `, within tolerance` (Amber) or
 * `, beyond tolerance` (Red) added.
 */
export function rateIndicator(ind: Indicator, quarter: Quarter): IndicatorRag {
  const why = cannotRate(ind);
  if (why) return grey(why);
  const quarters = QUARTERS.indexOf(quarter) + 1;
  const actual = actualToDate(ind, QUARTERS.slice(0, quarters));
  if (typeof actual === "string") return grey(actual);
  const counts = ind.unit === "number";
  const share = counts ? quarters / 4 : 1;
  const baseline = ind.baseline.kind === "number" ? ind.baseline.value : undefined;
  const target = ind.target as Extract<Indicator["target"], { kind: "value" | "change" }>;
  const targetForYear = target.kind === "value" ? target.value : baseline! + (baseline! * target.percent) / 100;
  const targetToDate = targetForYear * share;
  const tolerance = ind.tolerance;
  const band = tolerance.kind === "relative" ? (Math.abs(targetToDate) * tolerance.percent) / 100 : tolerance.kind === "absolute" ? tolerance.value * share : 0;
  const worseBy = ind.direction === "lower is better" ? actual - targetToDate : targetToDate - actual;
  const met = worseBy <= 0 || near(actual, targetToDate);
  const baselineToDate = baseline === undefined ? undefined : baseline * share;
  const comparison: IndicatorComparison = {
    quarter, quarters, actual, baselineToDate, targetToDate, targetForYear, band, met,
    changeTenths: baselineToDate === undefined ? undefined : changeTenths(actual, baselineToDate),
  };
  const rating: IndicatorRating = met ? "Green" : worseBy <= band || near(worseBy, band) ? "Amber" : "Red";
  const tail = rating === "Amber" ? ", within tolerance" : rating === "Red" ? (band > 0 ? ", beyond tolerance" : ", no tolerance") : "";
  return { rating, reason: `${changePhrase(ind, comparison)} against ${targetPhrase(ind, comparison)}${tail}`, comparison };
}
