import { formatPercent } from "./figures";
import { IndicatorRag } from "./indicatorRag";
import { formatAmount, Indicator, nameInSentence } from "./indicators";
import { capitalise } from "./wording";

/** Counts are to date: ` in Q1 to Q3` (` in Q1`); rates and the full year need no period. */
function period(ind: Indicator, rag: IndicatorRag): string {
  const c = rag.comparison!;
  if (ind.unit !== "number" || c.quarters === 4) return "";
  return c.quarters === 1 ? " in Q1" : ` in Q1 to ${c.quarter}`;
}

/** `better than`, `in line with` or `short of`: how the value stands against the target. */
function standing(rag: IndicatorRag): "better than" | "in line with" | "short of" {
  const c = rag.comparison!;
  if (!c.met) return "short of";
  return Math.abs(c.actual - c.targetToDate) <= 1e-9 * Math.max(1, Math.abs(c.actual)) ? "in line with" : "better than";
}

/**
 * The committee's sentence for one indicator in the quarter (issue 15, part 3), in house style:
 *
 * - a change target: `Domestic burglary fell by 9.1% in Q1 to Q3 against 2013/14, better than the 5%
 *   reduction targeted.`; `…, in line with …` exactly on target; `…, short of …` when it moved the right way
 *   but not far enough; `Secondary fires rose by 3.2% against 2013/14, against a 5% reduction targeted.`
 *   when it moved the wrong way (or `was unchanged on 2013/14, against …`);
 * - a value target: `MARAC repeat rate was 24.5% in Q3, better than the target of 25%.` (`short of`,
 *   `in line with` as above; counts say `in Q1 to Q3` and the target to date);
 * - no value yet: `No Q3 value yet for domestic burglary.`; anything else that cannot be rated:
 *   `Domestic burglary cannot be rated: no target.`
 *
 * Percentages are to one decimal place, rounded half up (figures.ts); names keep their capitals at the
 * start and are lower-cased mid-sentence unless they start with an abbreviation (`ASB`, `MARAC`).
 */
export function indicatorSentence(ind: Indicator, rag: IndicatorRag): string {
  const name = ind.name || "This indicator";
  if (!rag.comparison) {
    const noValue = /^No (Q[1-4]) value yet$/.exec(rag.reason);
    if (noValue) return `No ${noValue[1]} value yet for ${ind.name ? nameInSentence(ind.name) : "this indicator"}.`;
    // The reason lower-cased for the middle of the sentence, but not a quarter's name ("Q3 value …").
    const reason = /^Q[1-4]\b/.test(rag.reason) ? rag.reason : `${rag.reason.charAt(0).toLowerCase()}${rag.reason.slice(1)}`;
    return `${capitalise(name)} cannot be rated: ${reason}.`;
  }
  const c = rag.comparison;
  const when = period(ind, rag);
  if (ind.target.kind === "change" && c.changeTenths !== undefined) {
    const size = `${formatAmount(Math.abs(ind.target.percent))}% ${ind.target.percent < 0 ? "reduction" : "increase"}`;
    const on = ind.baselineYear || "the baseline";
    const moved = c.changeTenths === 0 ? `was unchanged${when} on ${on}` : `${c.changeTenths < 0 ? "fell" : "rose"} by ${formatPercent(Math.abs(c.changeTenths))}${when} against ${on}`;
    const rightWay = ind.direction === "lower is better" ? c.changeTenths < 0 : c.changeTenths > 0;
    const judged = c.met || rightWay ? `${standing(rag)} the ${size} targeted` : `against a ${size} targeted`;
    return `${capitalise(name)} ${moved}, ${judged}.`;
  }
  const when2 = ind.unit === "%" ? ` in ${c.quarter}` : when;
  const target = formatAmount(ind.unit === "%" || c.quarters === 4 ? c.targetForYear : c.targetToDate, ind.unit);
  const toDate = ind.unit === "number" && c.quarters < 4 ? " to date" : "";
  return `${capitalise(name)} was ${formatAmount(c.actual, ind.unit)}${when2}, ${standing(rag)} the target of ${target}${toDate}.`;
}
