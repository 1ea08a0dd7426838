import { ColumnKind, SheetContent, TableSpec } from "../domain/layout";
import { SheetCells } from "../domain/sheetCells";
import { WorkbookSnapshot } from "../domain/snapshot";

/**
 * One write of a change set. Use-cases say what to write; adapters decide how (2-D ranges in Office,
 * cells in ExcelJS). Nothing outside what a change names is touched.
 */
export type Change =
  /**
   * Values for one column of a table, each for the row whose `key` column holds that action's ID when the
   * write happens (a co-author may have sorted or deleted rows since the read). Only the named rows' cells
   * of that column change; rows not named (no ID, or not in `rows`) are left as they are. If an ID is no
   * longer on exactly one row, nothing is written: the adapter throws WorkbookConflictError naming it.
   */
  | { readonly kind: "setColumn"; readonly table: string; readonly key: string; readonly column: string; readonly rows: readonly KeyedValue[] }
  /**
   * Single cells of a table, each on the row whose `key` column holds its action's ID when the write happens:
   * a lead officer's own status and update. Refused like setColumn when an ID is gone or doubled.
   */
  | { readonly kind: "setCells"; readonly table: string; readonly key: string; readonly cells: readonly TableCellWrite[] }
  /** One cell of a sheet, as text. */
  | { readonly kind: "setSheetCell"; readonly sheet: string; readonly row: number; readonly column: number; readonly value: string }
  /** Create the sheet, or clear it, then write its contents from A1: no other sheet changes. */
  | { readonly kind: "replaceSheet"; readonly sheet: string; readonly content: SheetContent }
  /** A new sheet holding a new table. */
  | { readonly kind: "createTable"; readonly table: TableSpec }
  /**
   * A table the tool owns, written whole (Status History): where the workbook has no table of that name,
   * as createTable; otherwise the table keeps its name, place, header row and columns' formats, and its data
   * rows become `table.rows` (it grows or shrinks from its first data row; cells of the rows it no longer
   * covers are cleared; nothing else on the sheet or in the workbook changes, so formulas that refer to the
   * table by name keep working). Dates are UTC `Date`s, written as date cells.
   */
  | { readonly kind: "writeOwnedTable"; readonly table: TableSpec }
  /** Renames a table (adopting a user's table as the ActionPlan). */
  | { readonly kind: "renameTable"; readonly table: string; readonly name: string }
  /** Renames header cells of a table, by column index. */
  | { readonly kind: "renameColumns"; readonly table: string; readonly columns: readonly { readonly index: number; readonly name: string }[] }
  /** Adds empty columns at the right of a table. */
  | { readonly kind: "addColumns"; readonly table: string; readonly columns: readonly { readonly header: string; readonly kind: ColumnKind }[] };

/** One action's value in a setColumn: text, or null for an empty cell. */
export interface KeyedValue {
  /** The action's ID as the plan shows it; matched trimmed and case-insensitively. */
  readonly id: string;
  readonly value: string | null;
}

/** One cell of a setCells: the action's row, found by its ID, and the column's header. */
export interface TableCellWrite {
  /** The action's ID as the plan shows it; matched trimmed and case-insensitively. */
  readonly id: string;
  /** The header as the workbook spells it. */
  readonly column: string;
  /** Text, a date (a UTC `Date`, written as a date cell shown dd/mm/yyyy), or null for an empty cell. */
  readonly value: string | Date | null;
}

export type ChangeSet = readonly Change[];

/** How a read was started: hosts with a user present treat the two differently. */
export interface ReadOptions {
  /**
   * True for a re-check nobody asked for (after a change event, or when the pane is shown again). Such a
   * read never waits for the user: where the host is busy (a cell being edited in Excel) it fails at once
   * with `WorkbookBusyError` (src/port/errors.ts) and the caller tries again later. A read the user started
   * (the default) waits for the host where it can (ExcelApi 1.11 `delayForCellEdit`).
   */
  readonly background?: boolean;
}

/**
 * The workbook as the use-cases see it: one snapshot in, one change set out. `apply` is always started by
 * the user, so it waits for the host where it can; it throws `WorkbookConflictError` when the workbook no
 * longer matches what the change set was planned from, before writing anything.
 */
export interface WorkbookPort {
  read(options?: ReadOptions): Promise<WorkbookSnapshot>;
  apply(changes: ChangeSet): Promise<void>;
}

/** A workbook whose sheets can also be read raw: what adopting a plan kept in any layout needs. */
export interface SheetReader {
  /**
   * One sheet's raw cells (values, merged areas, fills where the host has them). `sheet` undefined means
   * the sheet the user is on (Office), or else the first sheet. Throws an Error saying so when there is no
   * such sheet. One or two round trips whatever the sheet's size.
   */
  readSheet(sheet?: string): Promise<SheetCells>;
}
