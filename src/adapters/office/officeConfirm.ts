import { a1, cellText, parseA1 } from "../../domain/cells";
import { normaliseHeader } from "../../domain/contract";
import { ColumnKind } from "../../domain/layout";
import { LIST_NAME_SUFFIXES, LIST_NAMES, sameFormula } from "../../domain/listNames";
import { WorkbookConflictError } from "../../port/errors";
import { locateIds } from "../../port/keyedRows";
import { ownedTableBody } from "../../port/ownedTable";
import { Change, ChangeSet } from "../../port/workbookPort";
import { fromOfficeLean } from "./officeValues";

/**
 * Office.js batches are not transactional: when one operation of a sync fails, the operations before it
 * stay applied (Microsoft Learn, "Error handling with the application-specific JavaScript APIs", Office
 * Add-ins documentation). So a change set is never written blind and never retried: one sync first loads
 * what it depends on (sheets, tables, their columns, the ID column of keyed writes, names), the change set
 * is checked against that, and only then is
 * anything queued. A check that fails throws WorkbookConflictError with nothing written.
 */

/** A sheet as it is now. */
export interface SheetNow {
  readonly name: string;
  readonly position: number;
  readonly visibility: string;
}

/** A table a change set touches, as it is now. */
export interface TableNow {
  readonly name: string;
  /** Column names in order (they survive a hidden header row). */
  readonly columns: readonly string[];
  readonly showHeaders: boolean;
  /** Zero-based sheet position of the table's range (header row included when shown). */
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  /**
   * Where the sheet's used cells reach right of the table, the part of the table's rows there
   * (zero-based), to be looked at before a column add; undefined when nothing is used right of the table.
   */
  readonly right: { readonly sheet: string; readonly top: number; readonly left: number; readonly rows: number; readonly columns: number } | undefined;
}

const NAME_TRIES = LIST_NAME_SUFFIXES;

/** Everything a change set was checked against, for the writes that follow in the same batch. */
export interface Confirmed {
  readonly sheets: readonly SheetNow[];
  readonly tableNames: ReadonlySet<string>;
  readonly tables: ReadonlyMap<string, TableNow>;
  /** For each keyed change (setColumn/setCells), the data row of each ID (idKey → row). */
  readonly rows: ReadonlyMap<Change, ReadonlyMap<string, number>>;
  /** Renames to skip because they were already done (the new name is there, the old one is not). */
  readonly doneRenames: ReadonlySet<Change>;
  /** Per list kind, the name to refer to (existing and ours, or to add) and whether it must be added. */
  readonly listNames: ReadonlyMap<ColumnKind, { readonly name: string; readonly add: boolean }>;
}

interface TableProxies {
  readonly table: Excel.Table;
  readonly range: Excel.Range;
  readonly used?: Excel.Range;
  readonly sheet?: Excel.Worksheet;
}

/** Loads queued for the check; read after the sync by `confirm`. */
export interface ConfirmLoads {
  readonly sheets: Excel.WorksheetCollection;
  readonly tables: Excel.TableCollection;
  readonly touched: ReadonlyMap<string, TableProxies>;
  readonly keys: ReadonlyMap<Change, Excel.Range>;
  readonly names: ReadonlyMap<ColumnKind, readonly Excel.NamedItem[]>;
}

const lower = (name: string) => name.toLowerCase();

/** The kinds of list a change set would give a drop-down (created tables' and added columns' kinds). */
function listKinds(changes: ChangeSet): Set<ColumnKind> {
  const kinds = new Set<ColumnKind>();
  for (const change of changes) {
    const columns = change.kind === "createTable" || change.kind === "writeOwnedTable" ? change.table.columns : change.kind === "addColumns" ? change.columns : [];
    for (const column of columns) if (LIST_NAMES[column.kind]) kinds.add(column.kind);
  }
  return kinds;
}

/** Queues the loads the check needs: no writes. One `context.sync()` follows. */
export function queueConfirm(context: Excel.RequestContext, changes: ChangeSet, withNames: boolean): ConfirmLoads {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/position,items/visibility");
  const tables = context.workbook.tables;
  tables.load("items/name");
  const touched = new Map<string, TableProxies>();
  const keys = new Map<Change, Excel.Range>();
  const touch = (name: string, beside: boolean) => {
    const known = touched.get(lower(name));
    if (known && (known.used || !beside)) return known.table;
    const table = tables.getItemOrNullObject(name);
    table.load("name,showHeaders");
    table.columns.load("items/name");
    const range = table.getRange();
    range.load("address,rowCount");
    // The used cells across the table's rows: anything right of the table there would shift on a column add.
    const used = beside ? range.getEntireRow().getUsedRangeOrNullObject(true) : undefined;
    used?.load("address");
    const sheet = beside ? table.worksheet.load("name") : undefined;
    touched.set(lower(name), { table, range, used, sheet });
    return table;
  };
  for (const change of changes) {
    if (change.kind === "setColumn" || change.kind === "setCells") {
      const key = touch(change.table, false).columns.getItemOrNullObject(change.key).getDataBodyRange();
      key.load("values");
      keys.set(change, key);
    } else if (change.kind === "addColumns" || change.kind === "renameColumns") {
      touch(change.table, change.kind === "addColumns");
    } else if (change.kind === "writeOwnedTable") {
      // Whether the table is there (a null object when not), and its place, rows and columns.
      touch(change.table.name, false);
    }
  }
  const names = new Map<ColumnKind, Excel.NamedItem[]>();
  if (withNames) {
    for (const kind of listKinds(changes)) {
      const list = LIST_NAMES[kind]!;
      names.set(kind, NAME_TRIES.map((suffix) => context.workbook.names.getItemOrNullObject(list.base + suffix).load("formula")));
    }
  }
  return { sheets, tables, touched, keys, names };
}

/** "'Action Plan'!A1:R31" → zero-based top, left, bottom, right. */
function box(address: string): { top: number; left: number; bottom: number; right: number } {
  const [first, last = first] = address.split("!").pop()!.split(":");
  const a = parseA1(first) ?? { row: 0, column: 0 };
  const b = parseA1(last) ?? a;
  return { top: a.row, left: a.column, bottom: b.row, right: b.column };
}

function tableNow(proxies: TableProxies): TableNow {
  const { table, range, used, sheet } = proxies;
  const place = box(range.address);
  let right: TableNow["right"];
  if (used && sheet && !used.isNullObject) {
    const area = box(used.address);
    if (area.right > place.right) right = { sheet: sheet.name, top: place.top, left: place.right + 1, rows: place.bottom - place.top + 1, columns: area.right - place.right };
  }
  return {
    name: table.name,
    columns: table.columns.items.map((c) => c.name),
    showHeaders: table.showHeaders,
    top: place.top,
    left: place.left,
    rows: range.rowCount,
    right,
  };
}

/** Past this many cells, the cells right of a table are not read one by one: their area is named instead. */
const MAX_BESIDE_CELLS = 200_000;

/**
 * The user's cells that a column add would shift, per table (lower-cased name → address), for the tables
 * a change set adds columns to. One more sync, and only when the sheet has used cells right of such a
 * table (the used range can be wider than the cells in the table's own rows).
 */
export async function cellsBeside(context: Excel.RequestContext, confirmed: Confirmed, changes: ChangeSet): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const looks: { key: string; right: NonNullable<TableNow["right"]>; values?: Excel.Range }[] = [];
  for (const change of changes) {
    if (change.kind !== "addColumns") continue;
    const key = lower(change.table);
    const right = confirmed.tables.get(key)?.right;
    if (!right || looks.some((l) => l.key === key)) continue;
    const values = right.rows * right.columns <= MAX_BESIDE_CELLS
      ? context.workbook.worksheets.getItem(right.sheet).getRangeByIndexes(right.top, right.left, right.rows, right.columns).load("values")
      : undefined;
    looks.push({ key, right, values });
  }
  if (looks.length === 0) return found;
  if (looks.some((l) => l.values)) await context.sync();
  const quoted = (sheet: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`);
  for (const { key, right, values } of looks) {
    let bottom = -1;
    let last = -1;
    let top = Infinity;
    values?.values.forEach((row, r) => row.forEach((v, c) => {
      if (v === "" || v === null) return;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      last = Math.max(last, c);
    }));
    if (values && last < 0) continue;
    const from = values ? a1(right.top + top, right.left) : a1(right.top, right.left);
    const to = values ? a1(right.top + bottom, right.left + last) : a1(right.top + right.rows - 1, right.left + right.columns - 1);
    found.set(key, `${quoted(right.sheet)}!${from}:${to}`);
  }
  return found;
}

/**
 * Checks the change set against what was loaded; throws WorkbookConflictError (nothing written yet) where
 * it no longer fits: a keyed write's table, column or ID gone, a table to rename gone, a sheet or table to
 * create already there, an owned table missing while a sheet of its name is there (or its header row off), a sheet to replace that is very hidden, user's cells beside a table that a column
 * add would shift, or every spelling of a list name taken by the user's own names.
 */
export function confirm(loads: ConfirmLoads, changes: ChangeSet): Confirmed {
  const sheets = loads.sheets.items.map((s) => ({ name: s.name, position: s.position, visibility: String(s.visibility) }));
  const tableNames = new Set(loads.tables.items.map((t) => lower(t.name)));
  const tables = new Map<string, TableNow>();
  for (const [name, proxies] of loads.touched) if (!proxies.table.isNullObject) tables.set(name, tableNow(proxies));
  const rows = new Map<Change, ReadonlyMap<string, number>>();
  const doneRenames = new Set<Change>();
  const sheetNamed = (name: string) => sheets.find((s) => normaliseHeader(s.name) === normaliseHeader(name));
  const gone = (name: string) => new WorkbookConflictError(`The table ${name} is no longer in this workbook (renamed or deleted since it was read). Nothing was written: check the plan again.`);

  for (const change of changes) {
    switch (change.kind) {
      case "setColumn":
      case "setCells": {
        const table = tables.get(lower(change.table));
        if (!table) throw gone(change.table);
        const wanted = change.kind === "setColumn" ? [change.column] : change.cells.map((c) => c.column);
        const missing = [change.key, ...wanted].filter((c) => !table.columns.some((h) => normaliseHeader(h) === normaliseHeader(c)));
        if (missing.length > 0) {
          throw new WorkbookConflictError(`The ${table.name} table no longer has the column "${missing[0]}". Nothing was written: check the plan again.`);
        }
        const key = loads.keys.get(change)!;
        const ids = key.isNullObject ? [] : key.values.map((row) => cellText(fromOfficeLean(row[0])));
        rows.set(change, locateIds(table.name, ids, change.kind === "setColumn" ? change.rows.map((r) => r.id) : change.cells.map((c) => c.id)));
        break;
      }
      case "addColumns":
        if (!tables.has(lower(change.table))) throw gone(change.table);
        break;
      case "renameColumns":
        if (!tables.has(lower(change.table))) throw gone(change.table);
        break;
      case "renameTable":
        if (!tableNames.has(lower(change.table))) {
          if (tableNames.has(lower(change.name))) doneRenames.add(change);
          else throw gone(change.table);
        }
        break;
      case "createTable":
        if (sheetNamed(change.table.sheet)) {
          throw new WorkbookConflictError(`A sheet named "${change.table.sheet}" already exists. Nothing was written: rename or remove it, or repair the plan instead.`);
        }
        if (tableNames.has(lower(change.table.name))) {
          throw new WorkbookConflictError(`A table named "${change.table.name}" already exists. Nothing was written: repair the plan instead of setting it up.`);
        }
        break;
      case "writeOwnedTable": {
        const now = tables.get(lower(change.table.name));
        if (!now) {
          if (sheetNamed(change.table.sheet)) {
            throw new WorkbookConflictError(`A sheet named "${change.table.sheet}" already exists, without the ${change.table.name} table. Nothing was written: rename or remove that sheet, then try again.`);
          }
        } else if (!now.showHeaders) {
          throw new WorkbookConflictError(`The ${now.name} table's header row is turned off. Nothing was written: turn it back on (Table Design → Header Row), then try again.`);
        } else {
          ownedTableBody(change.table, now.columns); // refuses columns renamed or moved, before anything is queued
        }
        break;
      }
      case "replaceSheet": {
        const existing = sheetNamed(change.sheet);
        if (existing?.visibility === "VeryHidden") {
          throw new WorkbookConflictError(
            `The sheet "${existing.name}" is very hidden (set by a macro or the VBA editor), so it cannot be replaced from here. Nothing was written: make it visible again (VBA editor → its Visible property → xlSheetVisible), or rename it, then try again.`,
          );
        }
        break;
      }
      case "setSheetCell":
        if (!sheetNamed(change.sheet)) throw new WorkbookConflictError(`The sheet "${change.sheet}" is no longer in this workbook. Nothing was written.`);
        break;
    }
  }

  const listNames = new Map<ColumnKind, { name: string; add: boolean }>();
  for (const [kind, tries] of loads.names) {
    const list = LIST_NAMES[kind]!;
    const index = tries.findIndex((n) => n.isNullObject || sameFormula(n.formula, list.formula));
    if (index < 0) {
      throw new WorkbookConflictError(
        `The names ${NAME_TRIES.map((s) => list.base + s).join(", ")} are already used in this workbook for something else, so the drop-down lists cannot be set. Nothing was written: rename or delete those names (Formulas → Name Manager), then try again.`,
      );
    }
    listNames.set(kind, { name: list.base + NAME_TRIES[index], add: tries[index].isNullObject });
  }
  return { sheets, tableNames, tables, rows, doneRenames, listNames };
}

/** The column adds that would still add a column (those already there are skipped, for idempotence). */
export function columnsToAdd(now: TableNow, columns: readonly { header: string; kind: ColumnKind }[]): { header: string; kind: ColumnKind }[] {
  return columns.filter((c) => !now.columns.some((h) => normaliseHeader(h) === normaliseHeader(c.header)));
}

/**
 * Refuses a column add that would shift the user's cells beside the table: TableColumnCollection.add
 * inserts cells (shifting right) across the table's rows, it does not just take an empty column.
 */
export async function confirmRoomBeside(context: Excel.RequestContext, confirmed: Confirmed, changes: ChangeSet): Promise<void> {
  const adding = changes.filter((c): c is Extract<Change, { kind: "addColumns" }> => c.kind === "addColumns" && columnsToAdd(confirmed.tables.get(lower(c.table))!, c.columns).length > 0);
  if (adding.length === 0) return;
  const beside = await cellsBeside(context, confirmed, adding);
  for (const change of adding) {
    const cells = beside.get(lower(change.table));
    if (!cells) continue;
    throw new WorkbookConflictError(
      `Adding columns to the ${confirmed.tables.get(lower(change.table))!.name} table would move your cells to its right (${cells}) sideways, because Excel makes room for a new table column by shifting the cells beside the table. Nothing was written: move those cells elsewhere (or below the table), then try again.`,
    );
  }
}
