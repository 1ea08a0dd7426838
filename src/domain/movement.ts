import { Quarter, QUARTERS } from "./contract";
import { RatedAction } from "./figures";
import { HistoryTable, idKey, previousQuarter, quarterLabel, recordsOfQuarter } from "./history";
import { FinancialYear } from "./quarters";
import { RagRating } from "./rag";
import { cappedList, capitalise, numberWords, plural } from "./wording";

/** An action whose RAG rating changed between two recorded quarters. */
export interface RagMove {
  readonly id: string;
  readonly from: RagRating;
  readonly to: RagRating;
}

/** An open action with no update for two quarters or more, and for how many quarters (this year's columns). */
export interface StaleAction {
  readonly id: string;
  readonly quarters: number;
}

/**
 * What changed since the previous recorded quarter (issue 14): `since` is the latest quarter before this one
 * in Status History, or undefined when none is recorded (then every list but `stale` is empty: nothing is
 * invented). Ratings are compared on the working scale Green < Amber < Red; Blue (complete) and Grey
 * (removed) are their own lists; an action rated Blue or Grey before and Green, Amber or Red now is reopened.
 * Actions not recorded in the earlier quarter (new since) are not compared.
 */
export interface Movement {
  readonly year: FinancialYear;
  readonly quarter: Quarter;
  readonly since: { readonly year: FinancialYear; readonly quarter: Quarter } | undefined;
  readonly worsened: readonly RagMove[];
  readonly improved: readonly RagMove[];
  readonly reopened: readonly RagMove[];
  /** Newly complete: Blue now, not Blue then. */
  readonly completed: readonly RagMove[];
  /** Newly removed: Grey now, not Grey then. */
  readonly removed: readonly RagMove[];
  readonly stale: readonly StaleAction[];
}

const WORKING: readonly RagRating[] = ["Green", "Amber", "Red"];
const CLOSED: readonly RagRating[] = ["Blue", "Grey"];

/** Blank update columns of this year, counted back from `quarter`: 2 or more makes an open action stale. */
function quietQuarters(rated: RatedAction, quarter: Quarter): number {
  let quiet = 0;
  for (const q of QUARTERS.slice(0, QUARTERS.indexOf(quarter) + 1).reverse()) {
    if (rated.action.updates[q]?.trim()) break;
    quiet += 1;
  }
  return quiet;
}

/**
 * The movement of `rated` (this quarter's ratings, as the summary computes them) against the latest quarter
 * recorded before `year`'s `quarter` in `history`. Pure; lists keep the plan's order.
 */
export function computeMovement(rated: readonly RatedAction[], history: HistoryTable | undefined, year: FinancialYear, quarter: Quarter): Movement {
  const stale = rated
    .filter((r) => r.action.id.trim() && r.rag.rating !== "Blue" && r.rag.rating !== "Grey")
    .map((r) => ({ id: r.action.id.trim(), quarters: quietQuarters(r, quarter) }))
    .filter((s) => s.quarters >= 2);
  const since = previousQuarter(history, year, quarter);
  const worsened: RagMove[] = [];
  const improved: RagMove[] = [];
  const reopened: RagMove[] = [];
  const completed: RagMove[] = [];
  const removed: RagMove[] = [];
  if (since) {
    const before = recordsOfQuarter(history, since.year, since.quarter);
    for (const { action, rag } of rated) {
      const then = before.get(idKey(action.id));
      if (!then?.rag || then.rag === rag.rating) continue;
      const move = { id: action.id.trim(), from: then.rag, to: rag.rating };
      if (rag.rating === "Blue") completed.push(move);
      else if (rag.rating === "Grey") removed.push(move);
      else if (CLOSED.includes(then.rag)) reopened.push(move);
      else if (WORKING.indexOf(rag.rating) > WORKING.indexOf(then.rag)) worsened.push(move);
      else improved.push(move);
    }
  }
  return { year, quarter, since, worsened, improved, reopened, completed, removed, stale };
}

/** The order the sentence names moves in: the worst news first, then recoveries. */
const MOVE_ORDER: readonly (readonly [RagRating, RagRating])[] = [
  ["Green", "Red"], ["Amber", "Red"], ["Green", "Amber"], ["Red", "Green"], ["Red", "Amber"], ["Amber", "Green"],
];

function ids(list: readonly string[]): string {
  return cappedList(list);
}

/**
 * The movement in the committee's house style, one or two sentences:
 * "Since Q2, two actions moved from green to amber (3.2, 5.1) and four were completed." then, where any,
 * "One open action has had no update for two quarters or more (2.3)." Numbers one to nine in words; the
 * quarter compared with is named with its year when it is in another year ("Since Q4 2013/14"). With no
 * earlier quarter recorded, says so instead of inventing a comparison.
 */
export function movementSentences(m: Movement): string[] {
  const sentences: string[] = [];
  if (!m.since) {
    sentences.push(`No quarter before ${quarterLabel(m.year, m.quarter)} is recorded in Status History, so there is no movement to report yet.`);
  } else {
    const label = m.since.year.startYear === m.year.startYear ? m.since.quarter : quarterLabel(m.since.year, m.since.quarter);
    const clauses: string[] = [];
    // The first clause names the actions ("two actions moved …"); the rest go on from it ("one moved …").
    const subject = (n: number) => (clauses.length === 0 ? `${numberWords(n)} ${plural(n, "action", "actions")}` : numberWords(n));
    const moves = [...m.worsened, ...m.improved];
    for (const [from, to] of MOVE_ORDER) {
      const group = moves.filter((mv) => mv.from === from && mv.to === to).map((mv) => mv.id);
      if (group.length) clauses.push(`${subject(group.length)} moved from ${from.toLowerCase()} to ${to.toLowerCase()} (${ids(group)})`);
    }
    if (m.reopened.length) clauses.push(`${subject(m.reopened.length)} ${plural(m.reopened.length, "was", "were")} reopened (${ids(m.reopened.map((r) => r.id))})`);
    if (m.completed.length) clauses.push(`${subject(m.completed.length)} ${plural(m.completed.length, "was", "were")} completed`);
    if (m.removed.length) clauses.push(`${subject(m.removed.length)} ${plural(m.removed.length, "was", "were")} removed (${ids(m.removed.map((r) => r.id))})`);
    const body =
      clauses.length === 0
        ? "no action's RAG rating changed, and none was completed or removed"
        : clauses.length === 1
          ? clauses[0]
          : `${clauses.slice(0, -1).join(", ")} and ${clauses[clauses.length - 1]}`;
    sentences.push(`Since ${label}, ${body}.`);
  }
  if (m.stale.length) {
    const n = m.stale.length;
    sentences.push(
      `${capitalise(numberWords(n))} open ${plural(n, "action has", "actions have")} had no update for two quarters or more (${ids(m.stale.map((s) => s.id))}).`,
    );
  }
  return sentences;
}
