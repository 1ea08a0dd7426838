import { a1, cellText } from "./cells";
import {
  ACTION_COLUMNS, ACTION_PLAN, ActionColumn, LEAD_OFFICERS, normaliseHeader, PLAN_SETTINGS, PRIORITIES, REQUIRED_ACTION_COLUMNS,
} from "./contract";
import { ColumnKind, TableSpec } from "./layout";
import { mapColumns } from "./plan";
import { planTables } from "./planLayout";
import { PlanSeed } from "./planSeed";
import { findTable, TableSnapshot, WorkbookSnapshot } from "./snapshot";
import { overlongTableCells, tooLongToWrite } from "./tableLimits";

/** Other names people give the contract's columns (brief §3: e.g. Ref → ID, Owner → Lead officer). */
export const HEADER_SYNONYMS: Record<ActionColumn, readonly string[]> = {
  id: ["ref", "reference", "ref no", "action no", "action number", "no", "no.", "number"],
  priority: ["theme", "priority area", "strategic priority", "objective"],
  action: ["actions", "task", "activity", "what we will do", "action description"],
  outcome: ["expected outcome", "outcomes", "intended outcome"],
  measure: ["measures", "indicator", "performance measure", "success measure", "kpi", "measure of success"],
  leadOfficer: ["responsible officer", "owner", "lead", "officer", "responsible", "lead person", "action owner"],
  leadAgency: ["agency", "lead organisation", "organisation", "partner", "lead partner"],
  startDate: ["start", "start by"],
  targetDate: ["deadline", "due date", "due", "target", "completion date", "timescale", "by when"],
  status: ["progress status", "current status"],
  q1: ["q1", "q1 progress", "q1 commentary", "quarter 1", "quarter 1 update"],
  q2: ["q2", "q2 progress", "q2 commentary", "quarter 2", "quarter 2 update"],
  q3: ["q3", "q3 progress", "q3 commentary", "quarter 3", "quarter 3 update"],
  q4: ["q4", "q4 progress", "q4 commentary", "quarter 4", "quarter 4 update"],
  rag: ["rag rating", "rag status"],
  ragReason: ["rag reasons", "reason for rag"],
  notes: ["comments", "note", "removal reason"],
  lastUpdated: ["updated", "date updated"],
};

/** The contract column a header stands for, by its own name or a synonym. */
export function contractColumnFor(header: string): ActionColumn | undefined {
  const wanted = normaliseHeader(header);
  if (!wanted) return undefined;
  const keys = Object.keys(ACTION_COLUMNS) as ActionColumn[];
  return keys.find((k) => normaliseHeader(ACTION_COLUMNS[k]) === wanted) ?? keys.find((k) => HEADER_SYNONYMS[k].includes(wanted));
}

export interface HeaderMapping {
  readonly index: number;
  readonly header: string;
  /** The contract column it becomes, or undefined when it is kept as the user's own column. */
  readonly column: ActionColumn | undefined;
}

/** What adopting or repairing would write; shown to the user before anything is written. */
export interface AdoptionProposal {
  readonly table: string;
  readonly sheet: string;
  readonly mapping: readonly HeaderMapping[];
  /** Headers to rename to the contract's names. */
  readonly renames: readonly { readonly index: number; readonly from: string; readonly to: string }[];
  /** Columns to add at the right of the table. */
  readonly added: readonly { readonly header: string; readonly kind: ColumnKind }[];
  /** Renamed to ActionPlan, when it has another name. */
  readonly renameTableTo: string | undefined;
  /** Registers and settings to create, seeded from the plan's own values. */
  readonly created: readonly TableSpec[];
  /** Reasons adoption cannot go ahead (nothing is written while any remain). */
  readonly blockers: readonly string[];
  /**
   * Where Excel makes room for the added columns: the cells to the right of the table, in its rows (header
   * included), shift right as each column is added (TableColumnCollection.add inserts cells). The add-in
   * refuses if any of those cells hold something, so the user can move them first. An A1 area on the
   * table's sheet, such as "P3:XFD5"; undefined when no column is added.
   */
  readonly cellsThatWouldMove: string | undefined;
}

/** Optional columns worth adding: the add-in writes RAG reasons and reads removal reasons from Notes. */
const ADDED_OPTIONAL: readonly ActionColumn[] = ["ragReason", "notes"];

const KINDS: Partial<Record<ActionColumn, ColumnKind>> = {
  targetDate: "date", startDate: "date", lastUpdated: "date", status: "status", leadOfficer: "leadOfficer", priority: "priority", rag: "rag",
};

/** Values once each, first spelling kept, compared as headers are (case and spacing ignored); blanks left out. */
export function distinct(values: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const v of values) if (v && !seen.has(normaliseHeader(v))) seen.set(normaliseHeader(v), v);
  return [...seen.values()];
}

/** Tables that could hold an action plan, best match first: not the contract's own registers. */
export function adoptionCandidates(snapshot: WorkbookSnapshot): TableSnapshot[] {
  const own = new Set([LEAD_OFFICERS.table, PRIORITIES.table, PLAN_SETTINGS.table].map((t) => t.toLowerCase()));
  const score = (t: TableSnapshot) => t.headers.filter((h) => contractColumnFor(h) !== undefined).length;
  return snapshot.tables.filter((t) => !own.has(t.name.toLowerCase()) && score(t) >= 3).sort((a, b) => score(b) - score(a));
}

/**
 * Proposes how to make a table into the contract's action plan (Adopt), or how to complete the existing
 * ActionPlan (Repair): rename headers that are synonyms, add missing columns, create missing registers.
 * Nothing of the user's is deleted: unmatched columns stay as they are.
 */
export function proposeAdoption(snapshot: WorkbookSnapshot, tableName: string, defaults: Pick<PlanSeed, "name" | "year" | "currentQuarter">): AdoptionProposal {
  const table = findTable(snapshot, tableName);
  if (!table) throw new Error(`No table named ${tableName}.`);
  const blockers: string[] = [];
  const taken = new Set<ActionColumn>();
  const mapping: HeaderMapping[] = table.headers.map((header, index) => {
    const column = contractColumnFor(header);
    if (!column || taken.has(column)) return { index, header, column: undefined };
    taken.add(column);
    return { index, header, column };
  });
  const renames = mapping
    .filter((m) => m.column && m.header !== ACTION_COLUMNS[m.column])
    .map((m) => ({ index: m.index, from: m.header, to: ACTION_COLUMNS[m.column!] }));
  const kept = new Set(mapping.filter((m) => !m.column).map((m) => normaliseHeader(m.header)));
  const added = [...REQUIRED_ACTION_COLUMNS, ...ADDED_OPTIONAL]
    .filter((k) => !taken.has(k))
    .map((k) => ({ header: ACTION_COLUMNS[k], kind: KINDS[k] ?? ("text" as ColumnKind) }));
  for (const a of added) {
    if (kept.has(normaliseHeader(a.header))) blockers.push(`The table already has a column called "${a.header}" that is not used as the contract's.`);
  }
  const other = findTable(snapshot, ACTION_PLAN.table);
  if (other && other !== table) blockers.push(`This workbook already has an ActionPlan table (on "${other.sheet}"); adopt only one table.`);

  const mapped = mapColumns({ ...table, headers: table.headers.map((h, i) => { const m = mapping[i]; return m.column ? ACTION_COLUMNS[m.column] : h; }) }, ACTION_COLUMNS);
  const column = (key: ActionColumn) => table.rows.map((row) => (mapped.columns[key] === undefined ? "" : cellText(row[mapped.columns[key]!])));
  const agencies = column("leadAgency");
  const officerNames = distinct(column("leadOfficer"));
  const seed: PlanSeed = {
    ...defaults,
    priorities: distinct(column("priority")).map((name, i) => ({ no: i + 1, name })),
    officers: officerNames.map((name) => {
      const row = column("leadOfficer").findIndex((n) => normaliseHeader(n) === normaliseHeader(name));
      return { name, agency: agencies[row] ?? "", email: "", active: true };
    }),
    actions: [],
  };
  const created = planTables(seed).filter((spec) => spec.name !== ACTION_PLAN.table && !findTable(snapshot, spec.name));
  for (const spec of created) {
    if (snapshot.sheetNames.some((s) => normaliseHeader(s) === normaliseHeader(spec.sheet))) {
      blockers.push(`A sheet called "${spec.sheet}" exists without the ${spec.name} table; rename that sheet or add the table to it.`);
    }
  }
  // The registers copy the plan's own names: one too long for a cell is refused, not shortened.
  const overlong = created.flatMap(overlongTableCells);
  if (overlong.length > 0) blockers.push(tooLongToWrite(overlong));
  return {
    table: table.name,
    sheet: table.sheet,
    mapping,
    renames,
    added,
    renameTableTo: table.name === ACTION_PLAN.table ? undefined : ACTION_PLAN.table,
    created,
    blockers,
    cellsThatWouldMove: added.length === 0 ? undefined : `${a1(table.top, table.left + table.headers.length)}:XFD${table.top + table.rows.length + 1}`,
  };
}

/** True when a proposal would change nothing: the plan is already complete. */
export function proposalIsEmpty(p: AdoptionProposal): boolean {
  return p.renames.length === 0 && p.added.length === 0 && !p.renameTableTo && p.created.length === 0;
}
