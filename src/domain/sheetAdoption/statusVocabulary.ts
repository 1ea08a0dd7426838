import { parseStatus, Status } from "../contract";

/**
 * How a status column speaks (issue 11, "Bring in the plans people already keep"): a `Complete Y/N` column
 * answers yes or no, a RAG column uses colours and letters (`C` = complete), any other column uses words.
 */
export type StatusColumnKind = "words" | "yesNo" | "rag";

/** A proposed contract status for a value found in someone's plan, and why. */
export interface StatusWord {
  readonly status: Status;
  readonly why: string;
}

/**
 * The words plans use for each contract status (normalised: lower case, single spaces). `Behind schedule`,
 * amber, red, overdue and blocked all become At risk: the contract keeps `Incomplete` for work that ended
 * undone, and none of these says the work has ended.
 */
const WORDS: readonly (readonly [Status, readonly string[]])[] = [
  ["Complete", ["complete", "completed", "done", "finished", "closed", "achieved", "delivered", "blue", "c"]],
  ["On target", ["on target", "on track", "in progress", "in hand", "ongoing", "underway", "under way", "started", "green", "g", "progressing"]],
  ["At risk", ["at risk", "behind schedule", "behind", "delayed", "overdue", "late", "blocked", "slipped", "amber", "yellow", "red", "a", "r", "off track", "off target", "slipping", "slippage", "some slippage", "minor slippage", "significant slippage"]],
  ["Not started", ["not started", "not yet started", "to do", "todo", "open", "planned", "not begun"]],
  ["Incomplete", ["incomplete", "not completed", "not achieved", "not delivered"]],
  ["Removed", ["removed", "cancelled", "canceled", "withdrawn", "deleted", "superseded", "no longer required"]],
];

const LOOKUP = new Map(WORDS.flatMap(([status, words]) => words.map((w) => [w, status] as const)));

function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s_]+/g, " ").replace(/[.!]+$/, "").trim();
}

/**
 * The contract status a value found in a plan stands for, or undefined when it is not known. `kind` says
 * how the column speaks: `Y` in a `Complete Y/N` column is Complete and `N` is Not started (it says only
 * that the work is not done, so it claims no progress); a RAG value marked `(C)` (`Green (C)`) is Complete;
 * `Done (March 2004)` reads as its leading word.
 */
export function statusForWord(value: string, kind: StatusColumnKind = "words"): StatusWord | undefined {
  const text = normalise(value);
  if (text === "") return undefined;
  const contract = parseStatus(text);
  if (contract) return { status: contract, why: "already a contract status" };
  if (kind === "yesNo") {
    if (["y", "yes", "true"].includes(text)) return { status: "Complete", why: "yes in a completion column" };
    if (["n", "no", "false"].includes(text)) return { status: "Not started", why: "no in a completion column: not done, no progress claimed" };
  }
  if (/\(\s*c\s*\)/.test(text)) return { status: "Complete", why: "marked (C), complete" };
  const direct = LOOKUP.get(text);
  // Single letters (C, G, A, R) are status codes only in a RAG column.
  if (direct && (text.length > 1 || kind === "rag")) return { status: direct, why: `a word for ${direct}` };
  // "Done (March 2004)", "Complete - see note": the leading words carry the status.
  const lead = normalise(text.replace(/\(.*$/, "").split(/\s[-–:]\s|[,;]/)[0]);
  if (lead !== text && lead.length > 1) {
    const found = LOOKUP.get(lead) ?? parseStatus(lead);
    if (found) return { status: found, why: `begins with a word for ${found}` };
  }
  return undefined;
}

/** The status a fill colour stands for where status is carried only as colour: blue, green, amber, red. */
export function statusForColour(hue: ColourName): Status | undefined {
  return hue === "blue" ? "Complete" : hue === "green" ? "On target" : hue === "amber" || hue === "red" ? "At risk" : undefined;
}

export type ColourName = "blue" | "green" | "amber" | "red" | "other";

/**
 * The colour family of a `#RRGGBB` fill, or undefined for white, black, grey and pale tints that are not
 * status colours (a banded or header fill).
 */
export function colourName(fill: string): ColourName | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill);
  if (!m) return undefined;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  const lightness = (max + min) / 2;
  const saturation = delta === 0 ? 0 : delta / (1 - Math.abs(2 * lightness - 1));
  if (saturation < 0.35 || lightness < 0.15 || lightness > 0.9) return undefined;
  let hue = 0;
  if (max === r) hue = 60 * (((g - b) / delta) % 6);
  else if (max === g) hue = 60 * ((b - r) / delta + 2);
  else hue = 60 * ((r - g) / delta + 4);
  if (hue < 0) hue += 360;
  if (hue < 18 || hue >= 330) return "red";
  if (hue < 70) return "amber";
  if (hue < 170) return "green";
  if (hue < 260) return "blue";
  return "other";
}

/**
 * For the check (issue 11 item 6): the contract status an unknown status word would be adopted as, so the
 * error can suggest it; undefined when the adopter would not know it either.
 */
export function suggestedStatus(value: string): Status | undefined {
  return statusForWord(value)?.status;
}
