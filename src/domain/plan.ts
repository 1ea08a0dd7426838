import { a1, CellValue, cellText, isBlank } from "./cells";
import {
  ACTION_COLUMNS, ACTION_PLAN, ActionColumn, DEFAULT_MAX_OPEN_ACTIONS, LEAD_OFFICERS, normaliseHeader, OFFICER_COLUMNS,
  parseQuarter, parseStatus, PLAN_SETTINGS, PRIORITIES, PRIORITY_COLUMNS, Quarter, QUARTERS, SETTINGS, SETTINGS_COLUMNS, Status,
  UPDATE_COLUMN,
} from "./contract";
import { DateReading, readDate } from "./dates";
import { FinancialYear, parseFinancialYear } from "./quarters";
import { findTable, TableSnapshot, WorkbookSnapshot } from "./snapshot";

/** One row of the ActionPlan table, read leniently: rules decide what is wrong with it. */
export interface PlanAction {
  /** Zero-based index among the table's data rows. */
  readonly row: number;
  readonly id: string;
  readonly priority: string;
  readonly action: string;
  readonly outcome: string;
  readonly measure: string;
  readonly leadOfficer: string;
  readonly leadAgency: string;
  readonly targetDate: DateReading;
  readonly status: Status | undefined;
  readonly statusText: string;
  readonly updates: Readonly<Record<Quarter, string>>;
  readonly notes: string;
  readonly values: readonly CellValue[];
}

export interface Officer {
  readonly row: number;
  readonly name: string;
  readonly agency: string;
  readonly email: string;
  readonly active: boolean;
}

export interface Priority {
  readonly row: number;
  readonly no: number | undefined;
  readonly name: string;
}

export interface PlanSettings {
  readonly name: string;
  readonly yearText: string;
  readonly year: FinancialYear | undefined;
  readonly quarterText: string;
  readonly currentQuarter: Quarter | undefined;
  readonly maxOpenActions: number;
}

/** A table found in the workbook, with its headers mapped to the contract's column keys. */
export interface MappedTable<K extends string> {
  readonly table: TableSnapshot;
  readonly columns: Partial<Record<K, number>>;
}

export interface Plan {
  readonly actionTable: MappedTable<ActionColumn> | undefined;
  readonly officerTable: MappedTable<keyof typeof OFFICER_COLUMNS> | undefined;
  readonly priorityTable: MappedTable<keyof typeof PRIORITY_COLUMNS> | undefined;
  readonly settingsTable: MappedTable<keyof typeof SETTINGS_COLUMNS> | undefined;
  /** Non-blank rows only, in table order. */
  readonly actions: readonly PlanAction[];
  readonly officers: readonly Officer[];
  readonly priorities: readonly Priority[];
  readonly settings: PlanSettings;
}

export function mapColumns<K extends string>(table: TableSnapshot, names: Record<K, string>): MappedTable<K> {
  const byHeader = new Map<string, number>();
  table.headers.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (!byHeader.has(key)) byHeader.set(key, i);
  });
  const columns: Partial<Record<K, number>> = {};
  for (const key of Object.keys(names) as K[]) {
    const index = byHeader.get(normaliseHeader(names[key]));
    if (index !== undefined) columns[key] = index;
  }
  return { table, columns };
}

function mapped<K extends string>(snapshot: WorkbookSnapshot, name: string, names: Record<K, string>): MappedTable<K> | undefined {
  const table = findTable(snapshot, name);
  return table ? mapColumns(table, names) : undefined;
}

/** A1 reference of one cell of a mapped table, by data row and column key. */
export function cellRef<K extends string>(mappedTable: MappedTable<K>, row: number, column: K): string {
  const index = mappedTable.columns[column] ?? 0;
  return a1(mappedTable.table.top + 1 + row, mappedTable.table.left + index);
}

function getter<K extends string>(m: MappedTable<K>, values: readonly CellValue[]) {
  return {
    value: (key: K): CellValue => {
      const i = m.columns[key];
      return i === undefined ? null : (values[i] ?? null);
    },
    text: (key: K): string => {
      const i = m.columns[key];
      return i === undefined ? "" : cellText(values[i]);
    },
  };
}

function readActions(m: MappedTable<ActionColumn>): PlanAction[] {
  const actions: PlanAction[] = [];
  m.table.rows.forEach((values, row) => {
    if (values.every(isBlank)) return;
    const get = getter(m, values);
    const statusText = get.text("status");
    const updates = Object.fromEntries(QUARTERS.map((q) => [q, get.text(UPDATE_COLUMN[q])])) as Record<Quarter, string>;
    actions.push({
      row,
      id: get.text("id"),
      priority: get.text("priority"),
      action: get.text("action"),
      outcome: get.text("outcome"),
      measure: get.text("measure"),
      leadOfficer: get.text("leadOfficer"),
      leadAgency: get.text("leadAgency"),
      targetDate: readDate(get.value("targetDate")),
      status: parseStatus(statusText),
      statusText,
      updates,
      notes: get.text("notes"),
      values,
    });
  });
  return actions;
}

function readOfficers(m: MappedTable<keyof typeof OFFICER_COLUMNS>): Officer[] {
  return m.table.rows.flatMap((values, row) => {
    if (values.every(isBlank)) return [];
    const get = getter(m, values);
    const active = get.text("active").toLowerCase();
    return [{ row, name: get.text("name"), agency: get.text("agency"), email: get.text("email"), active: !["no", "n", "false", "inactive"].includes(active) }];
  });
}

function readPriorities(m: MappedTable<keyof typeof PRIORITY_COLUMNS>): Priority[] {
  return m.table.rows.flatMap((values, row) => {
    if (values.every(isBlank)) return [];
    const get = getter(m, values);
    const noText = get.text("no");
    const no = /^\d+$/.test(noText) ? Number(noText) : undefined;
    return [{ row, no, name: get.text("priority") }];
  });
}

function readSettings(m: MappedTable<keyof typeof SETTINGS_COLUMNS> | undefined): PlanSettings {
  const values = new Map<string, string>();
  for (const row of m?.table.rows ?? []) {
    const get = getter(m!, row);
    const key = normaliseHeader(get.text("setting"));
    if (key && !values.has(key)) values.set(key, get.text("value"));
  }
  const setting = (name: string) => values.get(normaliseHeader(name)) ?? "";
  const yearText = setting(SETTINGS.planYear);
  const quarterText = setting(SETTINGS.currentQuarter);
  const max = Number(setting(SETTINGS.maxOpenActions));
  return {
    name: setting(SETTINGS.planName),
    yearText,
    year: parseFinancialYear(yearText),
    quarterText,
    currentQuarter: parseQuarter(quarterText),
    maxOpenActions: Number.isInteger(max) && max > 0 ? max : DEFAULT_MAX_OPEN_ACTIONS,
  };
}

/** Reads the plan from a snapshot. Never fails: missing parts are left for the structure rules to report. */
export function readPlan(snapshot: WorkbookSnapshot): Plan {
  const actionTable = mapped(snapshot, ACTION_PLAN.table, ACTION_COLUMNS);
  const officerTable = mapped(snapshot, LEAD_OFFICERS.table, OFFICER_COLUMNS);
  const priorityTable = mapped(snapshot, PRIORITIES.table, PRIORITY_COLUMNS);
  const settingsTable = mapped(snapshot, PLAN_SETTINGS.table, SETTINGS_COLUMNS);
  return {
    actionTable,
    officerTable,
    priorityTable,
    settingsTable,
    actions: actionTable ? readActions(actionTable) : [],
    officers: officerTable ? readOfficers(officerTable) : [],
    priorities: priorityTable ? readPriorities(priorityTable) : [],
    settings: readSettings(settingsTable),
  };
}

/** Lookups made once per list: a check asks about every action, and plans run to thousands of rows. */
const priorityLookups = new WeakMap<readonly Priority[], Map<string, Priority | undefined>>();
const officerLookups = new WeakMap<readonly Officer[], Map<string, Officer>>();

/** Finds an action's priority: by name, by number, or by `3. Name`. */
export function findPriority(priorities: readonly Priority[], text: string): Priority | undefined {
  let cache = priorityLookups.get(priorities);
  if (!cache) priorityLookups.set(priorities, (cache = new Map()));
  if (!cache.has(text)) cache.set(text, matchPriority(priorities, text));
  return cache.get(text);
}

function matchPriority(priorities: readonly Priority[], text: string): Priority | undefined {
  const wanted = normaliseHeader(text);
  if (wanted === "") return undefined;
  const byName = priorities.find((p) => normaliseHeader(p.name) === wanted);
  if (byName) return byName;
  const numbered = /^(\d+)\s*[.):-]?\s*(.*)$/.exec(wanted);
  if (!numbered) return undefined;
  const no = Number(numbered[1]);
  return priorities.find((p) => p.no === no && (numbered[2] === "" || normaliseHeader(p.name) === numbered[2]));
}

/** Finds a registered officer by name, trimmed and case-insensitive; the first entry wins. */
export function findOfficer(officers: readonly Officer[], name: string): Officer | undefined {
  let byName = officerLookups.get(officers);
  if (!byName) {
    byName = new Map();
    for (const o of officers) if (!byName.has(normaliseHeader(o.name))) byName.set(normaliseHeader(o.name), o);
    officerLookups.set(officers, byName);
  }
  return byName.get(normaliseHeader(name));
}

/** Open actions still need work and quarterly updates. */
export function isOpen(action: PlanAction): boolean {
  return action.status !== "Complete" && action.status !== "Removed";
}
