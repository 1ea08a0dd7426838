import { capitalise } from "../domain/wording";

/** The text of an error thrown by a host, for showing to a person. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === "string" && error ? error : "an unexpected error";
}

/** `3 errors`, `1 warning`. */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The plan's name as a title: `Community safety action plan`. */
export function planTitle(name: string): string {
  return capitalise(name.trim() || "action plan");
}

/** Ends text taken from the plan with a full stop, unless it already ends a sentence. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A time of day on the 24-hour clock, as in "Checked at 14:05". */
export function clockTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
