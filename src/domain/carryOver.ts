import { cellText, CellValue } from "./cells";
import { CARRY_COLUMNS, normaliseHeader, Quarter, QUARTERS, Status } from "./contract";
import { readDate } from "./dates";
import { isOpen, mapColumns, Plan, PlanAction } from "./plan";
import { SeedAction } from "./planSeed";
import { FinancialYear, formatFinancialYear } from "./quarters";
import { AdoptedSeed } from "./sheetProposal";

/** Why an action is not carried to next year's plan. */
export type LeftReason = "complete" | "removed" | "not marked";

/** An action that stays behind, and why. */
export interface LeftAction {
  readonly action: PlanAction;
  readonly reason: LeftReason;
}

/** Which actions go on to next year's plan, and which stay behind. */
export interface CarrySelection {
  /** True when the plan has a `Carry over` column: then only the actions marked in it are carried. */
  readonly marked: boolean;
  /** In table order. */
  readonly carried: readonly PlanAction[];
  /** In table order, each with its reason. */
  readonly left: readonly LeftAction[];
}

/** The words taken as "carry this one" in a `Carry over` column (trimmed, any case); anything else, blank included, is not. */
export const CARRY_MARKS: readonly string[] = ["yes", "y", "true", "x"];

/** The action table's column index of `Carry over`, if the plan has one. */
function carryOverColumn(plan: Plan): number | undefined {
  return plan.actionTable ? mapColumns(plan.actionTable.table, CARRY_COLUMNS).columns.carryOver : undefined;
}

/**
 * Sorts the plan's actions for the year-end carry-over (issue 14). An action is carried when its status is
 * neither Complete nor Removed (a blank or unknown status counts as open) and, if the plan has a `Carry over`
 * column, that column holds yes, y, true or x (any case). Reads only the plan; never fails.
 */
export function carrySelection(plan: Plan): CarrySelection {
  const column = carryOverColumn(plan);
  const carried: PlanAction[] = [];
  const left: LeftAction[] = [];
  for (const action of plan.actions) {
    if (action.status === "Complete") left.push({ action, reason: "complete" });
    else if (action.status === "Removed") left.push({ action, reason: "removed" });
    else if (column !== undefined && !CARRY_MARKS.includes(cellText(action.values[column]).toLowerCase())) left.push({ action, reason: "not marked" });
    else if (isOpen(action)) carried.push(action);
  }
  return { marked: column !== undefined, carried, left };
}

/**
 * The actions carried to next year's plan, in table order: those not Complete or Removed, or, when the plan
 * has a `Carry over` column, only those of them marked yes/y/true/x there. See carrySelection for the
 * actions left behind and why.
 */
export function actionsToCarry(plan: Plan): PlanAction[] {
  return [...carrySelection(plan).carried];
}

/** What carry-over may be asked: the year of the new plan, and whether statuses are kept. */
export interface CarryOptions {
  /** The new plan's year; default the financial year after the plan's. */
  readonly to?: FinancialYear;
  /** Keep each carried action's status instead of setting it to Not started. */
  readonly keepStatus?: boolean;
}

/** The new plan, as the set-up use-case writes it, with what was carried and left. */
export interface CarriedPlan {
  /** Contract tables plus the `Carried from` column (always present in a carried plan) and the old plan's own extra columns. */
  readonly seed: AdoptedSeed;
  readonly from: string;
  readonly to: string;
  readonly selection: CarrySelection;
}

/**
 * The year a plan carries over to: `to`, or the year after the plan's. Returns the reason in words when the
 * plan has no readable year or `to` is not later than it.
 */
export function carryYear(plan: Plan, to?: FinancialYear): { readonly year: FinancialYear } | { readonly refused: string } {
  const from = plan.settings.year;
  if (!from) return { refused: `Plan Settings has no plan year to carry over from ("${plan.settings.yearText}"). Write it like 2014/15.` };
  const year = to ?? { startYear: from.startYear + 1 };
  if (year.startYear <= from.startYear) {
    return {
      refused: `The new plan's year must come after this plan's ${formatFinancialYear(from)}, not ${formatFinancialYear(year)}: carry-over starts next year's plan.`,
    };
  }
  return { year };
}

/** `YYYY-MM-DD` for a date cell; the text as it is for anything else (`check` reports it); null for blank. */
function dateText(value: CellValue): string | null {
  const reading = readDate(value);
  if (reading.kind === "date" || reading.kind === "serial") return reading.date;
  if (reading.kind === "blank") return null;
  return cellText(value);
}

/** The last quarter with an update, latest first. */
function lastUpdate(action: PlanAction): { quarter: Quarter; text: string } | undefined {
  const quarter = [...QUARTERS].reverse().find((q) => action.updates[q] !== "");
  return quarter ? { quarter, text: action.updates[quarter] } : undefined;
}

/**
 * An action's Notes in the new plan: its notes as they were, then its last quarterly update as
 * `Last update (Q3 2014/15): …` on a line of its own. Unchanged when it has no update.
 */
export function carriedNotes(action: PlanAction, fromYear: string): string {
  const last = lastUpdate(action);
  if (!last) return action.notes;
  const line = `Last update (${last.quarter} ${fromYear}): ${last.text}`;
  return action.notes ? `${action.notes}\n${line}` : line;
}

/** The old plan's own columns (not the contract's, not carry-over's), by index, to copy as text. */
function ownColumns(plan: Plan): { index: number; header: string }[] {
  const table = plan.actionTable;
  if (!table) return [];
  const contract = new Set(Object.values(table.columns));
  const carry = new Set(Object.values(CARRY_COLUMNS).map(normaliseHeader));
  return table.table.headers
    .map((header, index) => ({ index, header }))
    .filter((c) => c.header.trim() !== "" && !contract.has(c.index) && !carry.has(normaliseHeader(c.header)));
}

/**
 * Next year's plan from this one (issue 14): the carried actions (carrySelection) with their IDs, each with
 * `Carried from` = `ID (2014/15)`; Q1–Q4 updates, RAG, RAG reason and Last updated cleared; the last update
 * kept in Notes (carriedNotes); status Not started unless `keepStatus` (an unknown status becomes Not
 * started either way); start and target dates as they were. Lead Officers and Priorities copied as they are;
 * the same plan name, the new year, current quarter Q1. The old plan's own extra columns are copied as text.
 * Returns `refused` (carryYear) for a plan without a year or a `to` that is not later. Pure.
 */
export function carryOverPlan(plan: Plan, options: CarryOptions = {}): CarriedPlan | { readonly refused: string } {
  const target = carryYear(plan, options.to);
  if ("refused" in target) return target;
  const from = plan.settings.year ? formatFinancialYear(plan.settings.year) : plan.settings.yearText;
  const to = formatFinancialYear(target.year);
  const selection = carrySelection(plan);
  const columns = plan.actionTable?.columns ?? {};
  const value = (a: PlanAction, index: number | undefined): CellValue => (index === undefined ? null : (a.values[index] ?? null));
  const own = ownColumns(plan);
  const actions: SeedAction[] = selection.carried.map((a) => ({
    id: a.id,
    priority: a.priority,
    action: a.action,
    outcome: a.outcome,
    measure: a.measure,
    leadOfficer: a.leadOfficer,
    leadAgency: a.leadAgency,
    startDate: dateText(value(a, columns.startDate)),
    targetDate: dateText(value(a, columns.targetDate)) ?? "",
    status: (options.keepStatus && a.status ? a.status : "Not started") as Status,
    updates: {},
    notes: carriedNotes(a, from),
  }));
  return {
    from,
    to,
    selection,
    seed: {
      name: plan.settings.name,
      year: to,
      currentQuarter: "Q1",
      priorities: plan.priorities.map((p, i) => ({ no: p.no ?? i + 1, name: p.name })),
      officers: plan.officers.map((o) => ({ name: o.name, agency: o.agency, email: o.email, active: o.active })),
      actions,
      extraColumns: [CARRY_COLUMNS.carriedFrom, ...own.map((c) => c.header)],
      extra: selection.carried.map((a) => [`${a.id} (${from})`, ...own.map((c) => cellText(value(a, c.index)))]),
    },
  };
}

/** The note the add-in keeps in the old plan's Plan Settings: `To 2015/16 on 1 December 2026`. */
export function carriedOverNote(to: string, onLongDate: string): string {
  return `To ${to} on ${onLongDate}`;
}
