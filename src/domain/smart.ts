import { isCellError } from "./cells";
import { ACTION_COLUMNS, ACTION_PLAN, ActionColumn, normaliseHeader, UPDATE_COLUMN } from "./contract";
import { formatCellDate, formatLongDate } from "./dates";
import { Finding, Severity } from "./findings";
import { Period } from "./period";
import { cellRef, findOfficer, findPriority, isOpen, Plan, PlanAction } from "./plan";
import { yearEnd, yearStart, formatFinancialYear } from "./quarters";
import { nearestName } from "./textMatch";
import { cappedList, quoted, shortText } from "./wording";

const HEDGING = /\b(try|tries|trying|consider|considering|explore|exploring|look(?:ing)? into|where possible|as appropriate|hope to|hoping to)\b/i;
const MIN_ACTION_WORDS = 4;
// A measure is quantifiable when it has a number, a rate or count, or a yes/no deliverable.
const QUANTIFIABLE =
  /\d|%|\b(number|numbers|count|counts|rate|rates|percentage|proportion|per ?cent|reduc\w*|increas\w*|yes\/no|y\/n|delivered|published|agreed|completed|in place|launched|implemented|adopted|produced|signed|held|established|achieved|recruited|trained|opened|installed)\b/i;

type Emit = (severity: Severity, rule: string, column: ActionColumn, message: string) => void;
type Suggest = (typed: string) => string | undefined;

/** The nearest registered name, found once for each misspelling however often it is repeated down the plan. */
function suggester(names: readonly string[]): Suggest {
  const found = new Map<string, string | undefined>();
  return (typed) => {
    if (!found.has(typed)) found.set(typed, nearestName(typed, names));
    return found.get(typed);
  };
}

/** SMART, lead-officer and update-discipline rules (brief §4), one finding per fault. */
export function smartFindings(plan: Plan, period: Period): Finding[] {
  const m = plan.actionTable;
  if (!m) return [];
  const findings: Finding[] = [];
  const suggestOfficer = suggester(plan.officers.map((o) => o.name));
  const suggestPriority = suggester(plan.priorities.map((p) => p.name));
  for (const action of plan.actions) {
    const emit: Emit = (severity, rule, column, message) => {
      // A missing column, or an error value in the cell, is reported once by the structure rules: saying
      // "has no measure" for every action as well would bury that one fault.
      const index = m.columns[column];
      if (index === undefined || isCellError(action.values[index])) return;
      findings.push({ severity, rule, message, sheet: m.table.sheet, cell: cellRef(m, action.row, column), actionId: action.id || null });
    };
    const name = action.id ? `Action ${shortText(action.id)}` : `The action in row ${m.table.top + 2 + action.row}`;
    specific(action, name, emit);
    measurable(action, name, emit);
    assignable(plan, action, name, emit, suggestOfficer);
    relevant(plan, action, name, emit, suggestPriority);
    timely(action, name, period, emit);
    updates(plan, action, name, period, emit);
  }
  findings.push(...overloaded(plan));
  return findings;
}

function specific(action: PlanAction, name: string, emit: Emit): void {
  if (!action.action) {
    emit("error", "smart.specific.missing", "action", `${name} has no action text. Say what will be done.`);
    return;
  }
  const words = action.action.split(/\s+/).filter(Boolean).length;
  if (words < MIN_ACTION_WORDS) {
    emit("warning", "smart.specific.too-short", "action", `${name} says only ${quoted(action.action)}. Say specifically what will be done, and where.`);
  }
  const hedge = HEDGING.exec(action.action);
  if (hedge) {
    emit("warning", "smart.specific.hedging", "action", `${name} hedges (${quoted(hedge[0])}). State what will be done rather than what might be.`);
  }
}

function measurable(action: PlanAction, name: string, emit: Emit): void {
  if (!action.measure) {
    emit("error", "smart.measurable.missing", "measure", `${name} has no measure. Say how success will be counted.`);
  } else if (!QUANTIFIABLE.test(action.measure)) {
    emit("warning", "smart.measurable.not-quantifiable", "measure",
      `${name}'s measure ${quoted(action.measure)} cannot be counted. Use a number, a percentage, a count or a yes/no deliverable.`);
  }
}

function assignable(plan: Plan, action: PlanAction, name: string, emit: Emit, suggestOfficer: Suggest): void {
  if (!action.leadOfficer) {
    emit("error", "smart.assignable.missing", "leadOfficer", `${name} has no lead officer. Name the person or post that owns it.`);
    return;
  }
  const officer = findOfficer(plan.officers, action.leadOfficer);
  if (!officer) {
    const suggestion = suggestOfficer(action.leadOfficer);
    emit("error", "smart.assignable.unknown-officer", "leadOfficer",
      `${name}'s lead officer ${quoted(action.leadOfficer)} is not in the Lead Officers register.` +
        (suggestion ? ` Did you mean ${quoted(suggestion)}?` : " Add them to the register, or choose a registered name."));
    return;
  }
  if (!officer.active) {
    emit("error", "smart.assignable.inactive-officer", "leadOfficer",
      `${name}'s lead officer ${quoted(officer.name)} is marked inactive in the Lead Officers register. Reassign the action.`);
  }
  if (action.leadAgency && officer.agency &&
      normaliseHeader(action.leadAgency) !== normaliseHeader(officer.agency)) {
    emit("warning", "smart.assignable.agency-mismatch", "leadAgency",
      `${name}'s lead agency ${quoted(action.leadAgency)} disagrees with the register, which has ${quoted(officer.name)} at ${shortText(officer.agency)}.`);
  }
}

function relevant(plan: Plan, action: PlanAction, name: string, emit: Emit, suggestPriority: Suggest): void {
  if (findPriority(plan.priorities, action.priority)) return;
  if (!action.priority) {
    emit("error", "smart.relevant.unknown-priority", "priority", `${name} has no priority. Choose one from the Priorities table.`);
    return;
  }
  const suggestion = suggestPriority(action.priority);
  emit("error", "smart.relevant.unknown-priority", "priority",
    `${name}'s priority ${quoted(action.priority)} is not in the Priorities table.` + (suggestion ? ` Did you mean ${quoted(suggestion)}?` : ""));
}

function timely(action: PlanAction, name: string, period: Period, emit: Emit): void {
  const target = action.targetDate;
  const label = ACTION_COLUMNS.targetDate;
  const example = formatCellDate(yearEnd(period.year));
  switch (target.kind) {
    case "blank":
      emit("error", "smart.timely.missing", "targetDate", `${name} has no ${label.toLowerCase()}. Enter the date it is due, such as ${example}.`);
      return;
    case "invalid":
      emit("error", "smart.timely.not-a-date", "targetDate", `${name}'s ${label.toLowerCase()} ${quoted(target.text)} ${target.why}; enter a date such as ${example}.`);
      return;
    case "serial":
      emit("warning", "smart.timely.number", "targetDate",
        `${name}'s ${label.toLowerCase()} is a plain number, read as ${formatLongDate(target.date)}. Format the cell as a date (dd/mm/yyyy).`);
      break;
    case "date":
      break;
  }
  const start = yearStart(period.year);
  const end = yearEnd(period.year);
  if (target.date < start || target.date > end) {
    emit("warning", "smart.timely.outside-year", "targetDate",
      `${name}'s ${label.toLowerCase()} ${formatCellDate(target.date)} is outside the plan year ${formatFinancialYear(period.year)} (${formatLongDate(start)} to ${formatLongDate(end)}).`);
  }
}

function updates(plan: Plan, action: PlanAction, name: string, period: Period, emit: Emit): void {
  if (action.status === "Removed" && !action.notes) {
    const where = plan.actionTable?.columns.notes === undefined ? " Add a Notes column to the action plan and record it there." : " Record it in Notes.";
    emit("error", "update.removed-without-reason", plan.actionTable?.columns.notes === undefined ? "status" : "notes",
      `${name} is Removed but no reason is recorded.${where}`);
  }
  if (action.status && isOpen(action) && !action.updates[period.quarter]) {
    emit("warning", "update.missing", UPDATE_COLUMN[period.quarter],
      `${name} (lead officer ${action.leadOfficer ? shortText(action.leadOfficer) : "not named"}) has no ${period.quarter} update.`);
  }
}

function overloaded(plan: Plan): Finding[] {
  const m = plan.actionTable;
  if (!m) return [];
  const open = new Map<string, PlanAction[]>();
  for (const action of plan.actions) {
    const officer = findOfficer(plan.officers, action.leadOfficer);
    if (!officer || !action.status || !isOpen(action)) continue;
    const list = open.get(officer.name) ?? [];
    list.push(action);
    open.set(officer.name, list);
  }
  const limit = plan.settings.maxOpenActions;
  return [...open.entries()]
    .filter(([, actions]) => actions.length > limit)
    .map(([officer, actions]) => ({
      severity: "warning" as const, rule: "smart.assignable.overloaded", sheet: m.table.sheet ?? ACTION_PLAN.sheet,
      cell: cellRef(m, actions[0].row, "leadOfficer"), actionId: actions[0].id || null,
      message: `${quoted(officer)} leads ${actions.length} open actions (more than ${limit}): ${cappedList(actions.map((a) => a.id || "no ID"))}. Consider sharing them out.`,
    }));
}
