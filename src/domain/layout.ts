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
  /**
   * Columns the cell spans, itself included (2 or more: merged with the cells to its right, which the grid
   * leaves empty). Its wrapped text takes the whole width. Missing or 1: one column.
   */
  readonly across?: number;
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

/**
 * How a sheet the tool owns prints: every host turns this into its own page set-up (file XML `pageSetup`,
 * ExcelJS `pageSetup`, Office.js `pageLayout`). Sheets the tool does not own never get one.
 */
export interface PrintSettings {
  readonly orientation: "landscape" | "portrait";
  /** Fit the columns to one page wide, as many pages tall as the rows need. */
  readonly onePageWide: boolean;
  /** How many rows from the top are printed again at the top of every page (0 for none). */
  readonly repeatRows: number;
  /**
   * The centre footer in Excel's header and footer codes, the same in files and Office.js (`&P` the page,
   * `&N` the pages; a literal ampersand is `&&`).
   */
  readonly footer?: string;
}

/** A whole sheet's contents from A1. */
export interface SheetContent {
  readonly rows: readonly (readonly SheetCell[])[];
  /** Widths in characters, by column. */
  readonly columnWidths: readonly number[];
  /**
   * Heights in points by row, where a row needs more than one line (wrapped text): hosts set them, as neither
   * Excel nor LibreOffice fits rows to their text when a file opens. Null or missing: the default height.
   */
  readonly rowHeights?: readonly (number | null)[];
  readonly chart?: ChartSpec;
  readonly print?: PrintSettings;
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
  /** How the table's sheet prints, set when the tool creates it. */
  readonly print?: PrintSettings;
}
