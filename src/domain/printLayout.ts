import { lookOf } from "./cellLooks";
import { CellStyle, ColumnKind, SheetCell, TableSpec } from "./layout";

/**
 * Print layout worked out once, for every host: row heights that fit wrapped text, and footers in Excel's
 * header and footer codes.
 */

/** One line of Calibri 11, in points: Excel's default row height. */
export const LINE_POINTS = 15;
/** The default font size, in points. */
const DEFAULT_FONT_SIZE = 11;
/** Excel's tallest row (409 points). */
export const MAX_ROW_POINTS = 409;
/**
 * Characters of ordinary text per character of column width: widths count the digit "0", and prose in
 * Calibri averages a little narrower. Kept below the true ratio so an estimate errs towards a taller row.
 */
const CHARACTERS_PER_WIDTH = 1.05;

const WRAPPING: ReadonlySet<CellStyle | undefined> = new Set<CellStyle | undefined>(["wrap", "header"]);

/** Lines a text takes in a wrapped cell of this width (words are not split, as Excel does not). */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(Math.max(1, width - 1) * CHARACTERS_PER_WIDTH));
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let line = 0;
    let count = 1;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      const length = word.length;
      if (line === 0) line = length;
      else if (line + 1 + length <= perLine) line += 1 + length;
      else {
        count++;
        line = length;
      }
      // A word longer than the line breaks where it must.
      while (line > perLine) {
        count++;
        line -= perLine;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}

/** Height in points for a row of cells whose wrapped text needs more than one line, else null. */
export function rowHeight(cells: readonly { readonly value: unknown; readonly wraps: boolean }[], columnWidths: readonly number[]): number | null {
  let lines = 1;
  cells.forEach((cell, c) => {
    if (!cell.wraps || typeof cell.value !== "string" || cell.value === "") return;
    lines = Math.max(lines, wrappedLines(cell.value, columnWidths[c] ?? 8.43));
  });
  return lines > 1 ? Math.min(MAX_ROW_POINTS, lines * LINE_POINTS) : null;
}

/** The width of `span` columns from `column` (8.43, Excel's default, for a column without one). */
export function spannedWidth(columnWidths: readonly number[], column: number, span: number): number {
  let width = 0;
  for (let c = column; c < column + Math.max(1, span); c++) width += columnWidths[c] ?? 8.43;
  return width;
}

/** Points a row needs for one line of text at this font size: 15 for Calibri 11, 22 for a 16-point title. */
export function lineHeight(size: number): number {
  return Math.ceil((size / DEFAULT_FONT_SIZE) * LINE_POINTS);
}

/**
 * Row heights for a sheet's rows: a height where wrapped text needs more than one line, or where a larger
 * font (a title or heading) needs a taller line than the default, else null. Without it the title, repeated
 * at the top of every page, prints over the row below it.
 */
export function sheetRowHeights(rows: readonly (readonly SheetCell[])[], columnWidths: readonly number[]): (number | null)[] {
  return rows.map((row) => {
    // A cell across several columns wraps in their total width.
    const widths = row.map((cell, c) => spannedWidth(columnWidths, c, cell.across ?? 1));
    const wrapped = rowHeight(row.map((cell) => ({ value: cell.value, wraps: WRAPPING.has(cell.style) })), widths);
    const tallest = Math.max(0, ...row.map((cell) => (cell.value === null ? 0 : lookOf(cell.style, cell.value)?.size ?? 0)));
    const line = tallest > DEFAULT_FONT_SIZE ? lineHeight(tallest) : null;
    return wrapped !== null || line !== null ? Math.max(wrapped ?? 0, line ?? 0) : null;
  });
}

/** Text for Excel's header and footer codes: an ampersand is doubled so it prints as itself. */
export function footerText(text: string): string {
  return text.replace(/&/g, "&&");
}

/** "Page 2 of 5", in Excel's codes. */
export const PAGE_N_OF_M = "Page &P of &N";

const WRAPPING_KINDS: ReadonlySet<ColumnKind> = new Set<ColumnKind>(["wrap", "text", "priority", "leadOfficer"]);

/**
 * Whether the text of a table column the tool writes wraps in its cells: every column of words (not dates,
 * numbers, statuses, Yes/No or RAG words), so no text runs past its column or is cut off when printed. Every
 * cell of such a table is also aligned to the top (`top` in src/domain/cellLooks.ts).
 */
export function columnWraps(kind: ColumnKind): boolean {
  return WRAPPING_KINDS.has(kind);
}

/** Row heights for a new table's sheet (the header row, one line, first), from its wrapped columns. */
export function tableRowHeights(spec: TableSpec): (number | null)[] {
  const widths = spec.columns.map((c) => c.width);
  return [
    null,
    ...spec.rows.map((row) => rowHeight(row.map((value, c) => ({ value, wraps: columnWraps(spec.columns[c]?.kind ?? "number") })), widths)),
  ];
}
