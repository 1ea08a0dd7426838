import { EXCEL_LIMITS, overlongCells } from "./excelLimits";
import { TableSpec } from "./layout";
import { cappedList } from "./wording";

/**
 * The cells of a table the tool would create (header in row 1, data from row 2, from A1) whose text is
 * longer than an Excel cell holds, as `'Sheet'!B2`. Such a table is refused, never shortened: its cells are
 * the plan's own.
 */
export function overlongTableCells(table: TableSpec): string[] {
  return overlongCells(table.sheet, 0, 0, [table.columns.map((c) => c.header), ...table.rows]);
}

/** Why a write was refused for text too long for a cell, naming the cells (at most ten, then how many more). */
export function tooLongToWrite(cells: readonly string[]): string {
  return `Excel holds at most ${EXCEL_LIMITS.cellCharacters.toLocaleString("en-GB")} characters in a cell, and ${cells.length === 1 ? "this value is" : "these values are"} longer: ` +
    `${cappedList(cells)}. Shorten ${cells.length === 1 ? "it" : "them"}, then try again; nothing was written.`;
}
