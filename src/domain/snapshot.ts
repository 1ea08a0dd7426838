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

/** Everything a use-case reads from a workbook, read at once. */
export interface WorkbookSnapshot {
  readonly sheetNames: readonly string[];
  readonly tables: readonly TableSnapshot[];
}

export function findTable(snapshot: WorkbookSnapshot, name: string): TableSnapshot | undefined {
  const wanted = name.toLowerCase();
  return snapshot.tables.find((t) => t.name.toLowerCase() === wanted);
}
