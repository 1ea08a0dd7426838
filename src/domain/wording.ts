/** Committee house style for numbers and lists (brief §5). */
import { fitText } from "./excelLimits";

const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** One to nine in words, 10 and above in numerals. */
export function numberWords(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < 10 ? WORDS[n] : String(n);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How many items a message names before it says "… and 321 more": enough to act on, short enough to read. */
export const LIST_CAP = 10;

export interface ListCap {
  /** Items named at most (default {@link LIST_CAP}). */
  readonly max?: number;
  /** Characters (UTF-16 code units) the whole text may take, tail included: as many items as fit are named. */
  readonly maxChars?: number;
}

// One to nine in words, as everywhere in the house style: "… and two more", "… and 321 more".
const tail = (more: number) => `… and ${numberWords(more)} more`;

/**
 * Items joined with `, `, naming at most `max` of them (default 10) and then `… and 321 more`; with
 * `maxChars`, only as many as fit in that many characters. Every message that lists IDs, names or cells
 * goes through this (or {@link joinList}), so a plan of 10,000 actions gives messages a person can read.
 * When not even one item fits in `maxChars`, the tail alone is returned (about 20 characters).
 */
export function cappedList(items: readonly string[], cap: ListCap = {}): string {
  const max = Math.max(0, cap.max ?? LIST_CAP);
  const maxChars = cap.maxChars ?? Infinity;
  const whole = items.length <= max ? items.join(", ") : undefined;
  if (whole !== undefined && whole.length <= maxChars) return whole;
  let shown = 0;
  let text = "";
  // Room is kept for the longest tail there could be, so the count's digits never push the text over.
  // ("… and seven more" is the longest tail in words, so it counts too when there are fewer than ten items).
  const room = maxChars - Math.max(tail(items.length).length, tail(7).length) - 1;
  while (shown < Math.min(max, items.length)) {
    const next = shown === 0 ? items[0] : `${text}, ${items[shown]}`;
    if (next.length > room) break;
    text = next;
    shown += 1;
  }
  const rest = tail(items.length - shown);
  return shown === 0 ? rest : `${text} ${rest}`;
}

/**
 * `a, b and c`: no serial comma. More than `max` items (default 10): the first `max` with commas, then
 * `… and 321 more`, as {@link cappedList} does.
 */
export function joinList(items: readonly string[], max: number = LIST_CAP): string {
  if (items.length > max) return cappedList(items, { max });
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** How much of a person's own text a message quotes: enough to recognise it, short enough to read. */
export const QUOTE_CAP = 100;

/**
 * A person's text as a message names it: at most 100 characters (default), ending in `…` when shortened, so
 * a message about a 32,767-character cell stays one readable line. Unquoted, for IDs and names in running text.
 */
export function shortText(text: string, max: number = QUOTE_CAP): string {
  return fitText(text, max);
}

/** {@link shortText} in double quotes: `"Run patrols in the town centre"`. */
export function quoted(text: string, max: number = QUOTE_CAP): string {
  return `"${fitText(text, max)}"`;
}

export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
