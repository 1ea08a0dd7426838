import { CellValue } from "./cells";

/**
 * What the add-in writes, described without any host: adapters turn these into Excel's own
 * features (tables, list validation, date formats, coloured RAG words).
 */

/** How a cell of a written sheet looks. */
export type CellStyle =
  | "title" | "subtitle" | "heading" | "header" | "text" | "wrap" | "number" | "percent"
  | "totalLabel" | "totalNumber" | "totalPercent" | "rag";

export interface SheetCell {
  /** Strings are always written as text, never as a formula. Percentages are fractions (0.067). */
  readonly value: string | number | null;
  readonly style?: CellStyle;
}

/** A column chart of counts by category, drawn where the host can draw one. */
export interface ChartSpec {
  readonly title: string;
  /** Zero-based sheet rows and columns of the data: first column categories, first row series names. */
  readonly dataTop: number;
  readonly dataLeft: number;
  readonly dataRows: number;
  readonly dataColumns: number;
  /** Where the chart's top-left corner goes. */
  readonly anchorRow: number;
  readonly anchorColumn: number;
}

/** A whole sheet's contents from A1. */
export interface SheetContent {
  readonly rows: readonly (readonly SheetCell[])[];
  /** Widths in characters, by column. */
  readonly columnWidths: readonly number[];
  readonly chart?: ChartSpec;
}

/** What a table column holds, so hosts can add validation and formats. */
export type ColumnKind = "text" | "wrap" | "date" | "status" | "leadOfficer" | "priority" | "yesNo" | "rag" | "number";

export interface ColumnSpec {
  readonly header: string;
  readonly kind: ColumnKind;
  /** Width in characters. */
  readonly width: number;
}

/** A new sheet holding one Excel table from A1. */
export interface TableSpec {
  readonly sheet: string;
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  /** Data rows; dates as UTC `Date`s. At least one row (Excel shows an empty table with one blank row). */
  readonly rows: readonly (readonly CellValue[])[];
}
