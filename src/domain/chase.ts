/**
 * The chase list (issue 13 part 4): for a quarter, each lead officer's open actions that still lack the
 * quarter's update, and a short, polite message the CSP manager can send them. Nothing is sent from here.
 */
import { ACTION_COLUMNS, Quarter, UPDATE_COLUMN } from "./contract";
import { formatLongDate, IsoDate } from "./dates";
import { Period } from "./period";
import { findOfficer, isOpen, Plan, PlanAction } from "./plan";
import { formatFinancialYear, quarterEnd } from "./quarters";
import { joinList, numberWords, plural } from "./wording";

/** How much of an action's text a chase names: enough to recognise it, short enough for a message. */
export const CHASE_ACTION_CHARS = 60;

/** How many actions one message names before "and 12 more": a person can act on that many. */
export const CHASE_MESSAGE_ACTIONS = 20;

export interface ChaseAction {
  readonly id: string;
  /** The action's text on one line, shortened at a word with "…" past {@link CHASE_ACTION_CHARS}. */
  readonly action: string;
  /** The target date as `YYYY-MM-DD`, or null when it is blank or not a date. */
  readonly targetDate: IsoDate | null;
  /** The target date in words: `31 March 2015`, `no target date`, or the text as written ("end of March"). */
  readonly targetDateText: string;
}

export interface ChaseOfficer {
  /** The name as the plan gives it; "" for actions with no lead officer. */
  readonly leadOfficer: string;
  /** In the Lead Officers register. */
  readonly registered: boolean;
  /** In the register and not marked inactive (false for an unregistered or missing officer). */
  readonly active: boolean;
  /** By ID (2.9 before 2.10). */
  readonly actions: readonly ChaseAction[];
  /** Ready to paste into an e-mail: plain en-GB, one paragraph. */
  readonly message: string;
}

/**
 * Whether an action is on the chase list for a quarter: open (not Complete or Removed) and with no update
 * for that quarter. The summary's missing updates and the check's `update.missing` ask the same question.
 */
export function needsUpdate(action: PlanAction, quarter: Quarter): boolean {
  return isOpen(action) && !action.updates[quarter];
}

/** IDs in plan order: numbers compared as numbers (2.9 before 2.10), blank IDs last. */
export function compareIds(a: string, b: string): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return a.localeCompare(b, "en-GB", { numeric: true });
}

/**
 * An action's text as a message names it: on one line, and past `max` characters cut at the last whole
 * word with "…" (a single long word is cut where it must be). Blank text reads "no action text".
 */
export function shortenAction(text: string, max: number = CHASE_ACTION_CHARS): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (!line) return "no action text";
  if (line.length <= max) return line;
  const room = line.slice(0, max - 1);
  const space = room.lastIndexOf(" ");
  const cut = space >= max / 2 ? room.slice(0, space) : room;
  // Never end on half a surrogate pair, nor on punctuation that would sit oddly before the "…".
  const whole = /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  return `${whole.replace(/[\s,;:.\-–—(]+$/, "")}…`;
}

function targetDate(action: PlanAction): { targetDate: IsoDate | null; targetDateText: string } {
  const t = action.targetDate;
  switch (t.kind) {
    case "date":
    case "serial":
      return { targetDate: t.date, targetDateText: formatLongDate(t.date) };
    case "blank":
      return { targetDate: null, targetDateText: "no target date" };
    case "invalid":
      return { targetDate: null, targetDateText: t.text ? `"${shortenAction(t.text, 40)}" (not a date)` : "not a date" };
  }
}

/**
 * When the update is wanted. No date is invented: before the quarter has ended it is due by the quarter's
 * last day; from that day on, "as soon as you can".
 */
export function chaseDeadline(period: Period): string {
  const end = quarterEnd(period.year, period.quarter);
  return period.asOf < end ? `by ${formatLongDate(end)}, the end of the quarter` : "as soon as you can";
}

function listed(actions: readonly ChaseAction[]): string {
  const shown = actions.slice(0, CHASE_MESSAGE_ACTIONS).map((a) => `${a.id || "(no ID)"} (${a.action})`);
  const more = actions.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${numberWords(more)} more` : joinList(shown, CHASE_MESSAGE_ACTIONS);
}

function message(officer: string, actions: readonly ChaseAction[], plan: Plan, period: Period): string {
  const quarter = `${period.quarter} ${formatFinancialYear(period.year)}`;
  const planName = plan.settings.name.trim() || "action plan";
  const n = actions.length;
  const which = `${numberWords(n)} ${plural(n, "action", "actions")} in the ${planName}: ${listed(actions)}`;
  const column = ACTION_COLUMNS[UPDATE_COLUMN[period.quarter]];
  if (!officer) {
    return (
      `No lead officer is named for ${which}, so nobody has been asked for the ${quarter} update. ` +
      `Name a lead officer for ${plural(n, "it", "each")} in the Lead officer column.`
    );
  }
  return (
    `Dear ${officer}, the ${quarter} update is still needed for ${which}. ` +
    `Please add ${plural(n, "it", "each one")} in the ${column} column ${chaseDeadline(period)}. Thank you.`
  );
}

/**
 * The chase list for a period: one entry per lead officer (as the plan names them, sorted by name, with
 * actions that name nobody last) holding their open actions that lack the quarter's update, sorted by ID,
 * and a message for them. Officers the register marks inactive, or does not hold, are flagged
 * (`active`, `registered`) so the manager can reassign their actions. Pure: reads the plan, sends nothing.
 */
export function buildChaseList(plan: Plan, period: Period): ChaseOfficer[] {
  const groups = new Map<string, PlanAction[]>();
  for (const action of plan.actions) {
    if (!needsUpdate(action, period.quarter)) continue;
    const officer = action.leadOfficer.trim();
    groups.set(officer, [...(groups.get(officer) ?? []), action]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (!a || !b ? (a ? -1 : b ? 1 : 0) : a.localeCompare(b, "en-GB")))
    .map(([leadOfficer, planActions]) => {
      const registered = leadOfficer ? findOfficer(plan.officers, leadOfficer) : undefined;
      const actions = [...planActions]
        .sort((a, b) => compareIds(a.id, b.id))
        .map((a) => ({ id: a.id, action: shortenAction(a.action), ...targetDate(a) }));
      return {
        leadOfficer,
        registered: registered !== undefined,
        active: registered?.active ?? false,
        actions,
        message: message(leadOfficer, actions, plan, period),
      };
    });
}

/** A chase entry's flag in words, or "" for an active registered officer. */
export function chaseFlag(entry: ChaseOfficer): string {
  if (!entry.leadOfficer) return "no lead officer named";
  if (!entry.registered) return "not in the Lead Officers register";
  return entry.active ? "" : "inactive in the Lead Officers register: reassign these actions, or send this to whoever covers the role";
}
