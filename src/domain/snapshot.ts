import { CellValue } from "./cells";

/** One Excel table as read from a workbook: where it sits, its headers and its data rows. */
export interface TableSnapshot {
  readonly name: string;
  readonly sheet: string;
  /** Zero-based sheet row of the header row. */
  readonly top: number;
  /** Zero-based sheet column of the table's first column. */
  readonly left: number;
  readonly headers: readonly string[];
  /** Data rows (no header, no totals), each as long as `headers`. */
  readonly rows: readonly (readonly CellValue[])[];
  /**
   * True when the table's header row is turned off in Excel (Table Design → Header Row): `headers` are then
   * the columns' names and `top` the row the header row would use, just above the first data row.
   */
  readonly headerRowHidden?: boolean;
}

/**
 * The first cells of column A (A1 down, `HEAD_ROWS` of them, in src/domain/ownedSheets.ts) of a sheet the
 * tool might own: every sheet whose name has the form of a summary sheet's (`isSummarySheetName`, any
 * letter case). They carry the tool's mark, so the use-cases can tell the tool's sheets from a user's.
 */
export interface SheetHead {
  readonly sheet: string;
  readonly cells: readonly CellValue[];
}

/** Everything a use-case reads from a workbook, read at once. */
export interface WorkbookSnapshot {
  readonly sheetNames: readonly string[];
  readonly tables: readonly TableSnapshot[];
  /** Heads of the sheets the tool might own; absent means none was read (then none is taken as the tool's). */
  readonly sheetHeads?: readonly SheetHead[];
}

export function findTable(snapshot: WorkbookSnapshot, name: string): TableSnapshot | undefined {
  const wanted = name.toLowerCase();
  return snapshot.tables.find((t) => t.name.toLowerCase() === wanted);
}
