import { Status } from "../contract";
import { ProposedStatus } from "../sheetProposal";
import { colourName, StatusColumnKind, statusForColour, statusForWord } from "./statusVocabulary";

/** Where an action's status was read from: a word in a cell, a fill colour, or nothing at all. */
export type FoundStatus =
  | { readonly kind: "word"; readonly value: string; readonly column: StatusColumnKind }
  | { readonly kind: "fill"; readonly fill: string }
  | { readonly kind: "none"; readonly value: "(blank)" | "(no status column)" };

/** The value a found status is listed under: the word as found, or `fill #RRGGBB`. */
export function statusValue(found: FoundStatus): string {
  return found.kind === "fill" ? `fill ${found.fill}` : found.value;
}

/**
 * The proposed status of each distinct value (issue 11): the user's `statusMap` first (by value,
 * case-insensitive), then a legend on the sheet for fill colours, then the vocabulary; a blank status, or
 * none at all, is Not started (the contract's starting state: it claims no progress). Null when unknown.
 */
export function resolveStatuses(
  found: readonly FoundStatus[],
  legend: ReadonlyMap<string, Status>,
  statusMap: Readonly<Record<string, Status>> = {},
): { statuses: ProposedStatus[]; of: (f: FoundStatus) => Status | null } {
  const user = new Map(Object.entries(statusMap).map(([k, v]) => [k.trim().toLowerCase(), v] as const));
  const decide = (f: FoundStatus): { status: Status | null; why: string } => {
    const chosen = user.get(statusValue(f).toLowerCase());
    if (chosen) return { status: chosen, why: "chosen by you" };
    if (f.kind === "none") return { status: "Not started", why: f.value === "(blank)" ? "blank: nothing says the work has started" : "no status on the sheet: nothing says the work has started" };
    if (f.kind === "fill") {
      const name = colourName(f.fill);
      const fromLegend = legend.get(f.fill.toUpperCase()) ?? (name && legend.get(name));
      if (fromLegend) return { status: fromLegend, why: `the legend's colour for ${fromLegend}` };
      const byColour = name && statusForColour(name);
      return byColour ? { status: byColour, why: `${name} fill` } : { status: null, why: "a fill colour with no status meaning" };
    }
    const word = statusForWord(f.value, f.column);
    return word ? { status: word.status, why: word.why } : { status: null, why: "not a word the adopter knows" };
  };
  const counts = new Map<string, { value: string; count: number; status: Status | null; why: string }>();
  for (const f of found) {
    const value = statusValue(f);
    const key = value.toLowerCase();
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { value, count: 1, ...decide(f) });
  }
  return { statuses: [...counts.values()], of: (f) => counts.get(statusValue(f).toLowerCase())?.status ?? null };
}
