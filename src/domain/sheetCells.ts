import { CellValue, parseA1 } from "./cells";

/** A rectangle of cells, zero-based and inclusive. */
export interface CellArea {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/**
 * One sheet's cells as a host can give them, for adopting a plan kept in any layout (issue: "Bring in the
 * plans people already keep"). Read in one or two round trips whatever the sheet's size: values first, then
 * merged areas and fill colours where the host has them.
 */
export interface SheetCells {
  readonly sheet: string;
  /** Values from A1 to the end of the used range, row by row; every row as long as the widest. */
  readonly values: readonly (readonly CellValue[])[];
  /** Merged areas (only the top-left cell of each holds a value). */
  readonly merges: readonly CellArea[];
  /**
   * Each cell's solid fill colour as `#RRGGBB` (upper case), or null for no fill; same shape as `values`.
   * Absent when the host could not read fills (then `unread` says why).
   */
  readonly fills?: readonly (readonly (string | null)[])[];
  /** What the host could not read, in words for the proposal, e.g. "fill colours (needs ExcelApi 1.9)". */
  readonly unread: readonly string[];
}

/** The area of an A1 range such as `B2:D5` (or one cell, `B2`); undefined when it is not one. */
export function areaOf(range: string): CellArea | undefined {
  const [from, to = from] = range.replace(/\$/g, "").split("!").pop()!.split(":");
  const start = parseA1(from);
  const end = parseA1(to);
  if (!start || !end) return undefined;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
}
