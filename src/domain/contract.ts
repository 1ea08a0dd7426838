/** The workbook contract (brief §3): sheet, table and column names shared by every host. */

export const STATUSES = ["Not started", "On target", "At risk", "Incomplete", "Complete", "Removed"] as const;
export type Status = (typeof STATUSES)[number];

export const QUARTERS = ["Q1", "Q2", "Q3", "Q4"] as const;
export type Quarter = (typeof QUARTERS)[number];

export const ACTION_PLAN = { sheet: "Action Plan", table: "ActionPlan" } as const;
export const LEAD_OFFICERS = { sheet: "Lead Officers", table: "LeadOfficers" } as const;
export const PRIORITIES = { sheet: "Priorities", table: "Priorities" } as const;
export const PLAN_SETTINGS = { sheet: "Plan Settings", table: "PlanSettings" } as const;
/**
 * The record of every quarter's position (issue 14): a table the tool owns on a sheet of its own, written
 * each time a quarter's summary is built. Optional: a plan without it is a plan with no history yet.
 */
export const STATUS_HISTORY = { sheet: "Status History", table: "StatusHistory" } as const;

/** Status History's columns, in the order the tool writes them. */
export const HISTORY_COLUMNS = {
  quarter: "Quarter",
  year: "Year",
  id: "ID",
  status: "Status",
  rag: "RAG",
  reason: "Reason",
  recordedOn: "Recorded on",
} as const;
export type HistoryColumn = keyof typeof HISTORY_COLUMNS;

/** Keys for the action plan's columns, with their header text. Order is the order `init` writes. */
export const ACTION_COLUMNS = {
  id: "ID",
  priority: "Priority",
  action: "Action",
  outcome: "Outcome",
  measure: "Measure",
  leadOfficer: "Lead officer",
  leadAgency: "Lead agency",
  startDate: "Start date",
  targetDate: "Target date",
  status: "Status",
  q1: "Q1 update",
  q2: "Q2 update",
  q3: "Q3 update",
  q4: "Q4 update",
  rag: "RAG",
  ragReason: "RAG reason",
  notes: "Notes",
  lastUpdated: "Last updated",
} as const;
export type ActionColumn = keyof typeof ACTION_COLUMNS;

/**
 * Year-end carry-over's optional action columns (issue 14). Kept apart from ACTION_COLUMNS, which is the
 * set `init` writes and adoption maps to: a plan has `Carry over` only if its officer adds it (a yes/no
 * column choosing which open actions go on to next year), and `Carried from` only in a plan made by
 * carry-over (the old plan's reference, `3.2 (2014/15)`).
 */
export const CARRY_COLUMNS = { carryOver: "Carry over", carriedFrom: "Carried from" } as const;
export type CarryColumn = keyof typeof CARRY_COLUMNS;

/** The Plan Settings row in which the add-in notes that a plan was carried over: `To 2015/16 on 1 December 2026`. */
export const CARRIED_OVER_SETTING = "Carried over";

export const REQUIRED_ACTION_COLUMNS: readonly ActionColumn[] = [
  "id", "priority", "action", "outcome", "measure", "leadOfficer", "targetDate", "status", "q1", "q2", "q3", "q4", "rag",
];

export const OFFICER_COLUMNS = { name: "Name", agency: "Agency", email: "Email", active: "Active" } as const;
export const PRIORITY_COLUMNS = { no: "No", priority: "Priority" } as const;
export const SETTINGS_COLUMNS = { setting: "Setting", value: "Value" } as const;

export const SETTINGS = {
  planName: "Plan name",
  planYear: "Plan year",
  currentQuarter: "Current quarter",
  maxOpenActions: "Max open actions per officer",
} as const;

export const DEFAULT_MAX_OPEN_ACTIONS = 10;

export const UPDATE_COLUMN: Record<Quarter, ActionColumn> = { Q1: "q1", Q2: "q2", Q3: "q3", Q4: "q4" };

/** Header matching is case- and space-insensitive. */
export function normaliseHeader(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

export function parseStatus(text: string): Status | undefined {
  const wanted = normaliseHeader(text);
  return STATUSES.find((s) => s.toLowerCase() === wanted);
}

export function parseQuarter(text: string): Quarter | undefined {
  const wanted = text.trim().toUpperCase();
  return QUARTERS.find((q) => q === wanted);
}

/**
 * Performance indicators (issue 15): an optional sheet and table the officer keeps. A plan without it is a
 * plan with no indicators, never a structure error; set-up and `init` create it.
 */
export const INDICATORS = { sheet: "Indicators", table: "Indicators" } as const;

/** The Indicators table's columns, in the order set-up writes them. */
export const INDICATOR_COLUMNS = {
  indicator: "Indicator",
  priority: "Priority",
  unit: "Unit",
  direction: "Direction",
  baselineYear: "Baseline year",
  baseline: "Baseline",
  target: "Target",
  tolerance: "Tolerance",
  q1: "Q1",
  q2: "Q2",
  q3: "Q3",
  q4: "Q4",
  valuesAre: "Values are",
  leadOfficer: "Lead officer",
  source: "Source",
} as const;
export type IndicatorColumn = keyof typeof INDICATOR_COLUMNS;

/** The columns without which the Indicators table cannot be read at all (a warning, never blocking). */
export const REQUIRED_INDICATOR_COLUMNS: readonly IndicatorColumn[] = ["indicator", "direction", "baseline", "target", "q1", "q2", "q3", "q4"];
