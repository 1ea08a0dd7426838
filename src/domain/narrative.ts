import { Quarter, Status } from "./contract";
import { Figures, formatPercent } from "./figures";
import { cappedList, capitalise, joinList, numberWords, plural } from "./wording";

/** Statuses in the order the narrative names them; Removed gets its own treatment. */
const ORDER: readonly Exclude<Status, "Removed">[] = ["Complete", "On target", "At risk", "Not started", "Incomplete"];

type Phrase = { one: string; many: string };
const PRIORITY_PHRASES: Record<Exclude<Status, "Removed">, Phrase> = {
  Complete: { one: "was complete", many: "were complete" },
  "On target": { one: "was on target to be completed", many: "were on target to be completed" },
  "At risk": { one: "was at risk of not being completed", many: "were at risk of not being completed" },
  "Not started": { one: "had not started", many: "had not started" },
  Incomplete: { one: "was incomplete", many: "were incomplete" },
};
const OVERALL_PHRASES: Record<Status, Phrase> = {
  ...PRIORITY_PHRASES,
  "On target": { one: "was on target for completion", many: "were on target for completion" },
  Removed: { one: "was removed from the action plan", many: "were removed from the action plan" },
};

function phrase(p: Phrase, n: number): string {
  return plural(n, p.one, p.many);
}

function outcomes(n: number): string {
  return `${numberWords(n)} expected ${plural(n, "outcome", "outcomes")}`;
}

/** The committee paragraph for one priority: one or two sentences. */
export function priorityNarrative(figures: Figures, quarter: Quarter): string[] {
  const n = figures.expected;
  const removed = figures.counts.Removed;
  const opening = `At the end of ${quarter},`;
  if (n === 0) return [`${opening} there were no expected outcomes for this priority.`];

  const present = ORDER.filter((s) => figures.counts[s] > 0);
  const sentences: string[] = [];
  if (removed === 0 && present.length === 1) {
    const only = PRIORITY_PHRASES[present[0]];
    sentences.push(n === 1
      ? `${opening} the one expected outcome for this priority ${only.one}.`
      : `${opening} of the ${outcomes(n)} for this priority, all ${numberWords(n)} ${only.many}.`);
  } else if (present.length > 0) {
    const parts = present.map((s) => `${numberWords(figures.counts[s])} ${phrase(PRIORITY_PHRASES[s], figures.counts[s])}`);
    sentences.push(`${opening} of the ${outcomes(n)} for this priority, ${joinList(parts)}.`);
  } else {
    sentences.push(`${opening} this priority had ${outcomes(n)}.`);
  }
  if (removed > 0) {
    const ids = cappedList(figures.removedIds.map((id) => id || "no ID"));
    sentences.push(`${capitalise(outcomes(removed))} ${plural(removed, "was", "were")} removed from the action plan (${ids}).`);
  }
  return sentences;
}

/** The overall paragraph: every category with its percentage of all expected outcomes, removed last. */
export function overallNarrative(figures: Figures, quarter: Quarter, planName: string, planYear: string): string[] {
  const plan = `${planName.trim() || "action plan"} ${planYear}`;
  const n = figures.expected;
  if (n === 0) return [`At the end of ${quarter}, there were no expected outcomes within the ${plan}.`];
  const parts = ([...ORDER, "Removed"] as const)
    .filter((s) => figures.counts[s] > 0)
    .map((s) => {
      const count = figures.counts[s];
      return `${numberWords(count)} ${phrase(OVERALL_PHRASES[s], count)} (${formatPercent(figures.percentTenths[s])})`;
    });
  return [`At the end of ${quarter}, of the ${outcomes(n)} within the ${plan}, ${joinList(parts)}.`];
}
