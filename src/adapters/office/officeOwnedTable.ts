import { CellValue } from "../../domain/cells";
import { ColumnKind, TableSpec } from "../../domain/layout";
import { ownedTableBody } from "../../port/ownedTable";
import { TableNow } from "./officeConfirm";
import { DATE_FORMAT, TEXT_FORMAT, toOffice } from "./officeValues";
import { RequestBudget, sliceGrid } from "./requestBudget";
import type { SupportsSet } from "./officeWorkbook";

/** The number format a column of this kind is written with (as when the tool creates the table). */
export function columnFormat(kind: ColumnKind): string {
  if (kind === "date") return DATE_FORMAT;
  if (kind === "number") return "General";
  return TEXT_FORMAT;
}

/** A cell's format in a table the tool owns: dates as dates whatever the column; else the column's. */
function cellFormat(value: CellValue, kind: ColumnKind | undefined): string {
  if (value instanceof Date) return DATE_FORMAT;
  if (typeof value === "number" || typeof value === "boolean") return "General";
  return kind ? columnFormat(kind) : TEXT_FORMAT;
}

/**
 * Rewrites the data rows of a table the tool owns that is already in the workbook (port: writeOwnedTable),
 * queued on `context` with no sync of its own (the write sync follows): its name, place, header row and
 * the columns' formats stay, and formulas that refer to it by name keep doing so.
 *
 * - The body is written as 2-D `values` with `numberFormat` (dates as serials shown dd/mm/yyyy), in slices
 *   under `maxBytes` (Excel on the web refuses a request over 5 MB): never a row at a time, never
 *   `TableRowCollection.add`.
 * - With ExcelApi 1.13, `Table.resize` sets the table to the new rows first and the cells of rows it no
 *   longer covers are cleared (contents only: formats and other cells stay).
 * - Without it: a table grows as its rows are written, because values written into the row directly
 *   below a table join it (Microsoft Support, "Resize a table by adding or removing rows and columns":
 *   the table expands to include the new row); it shrinks by deleting the cells of its rows past the new
 *   last row, across its columns, shifting up (`Range.delete("Up")`, ExcelApi 1.1), as Delete Table Rows
 *   does. Cells below the table in its columns move up with them: the only difference from 1.13.
 *
 * @param now the table as the confirm sync found it (officeConfirm.ts).
 * @throws WorkbookConflictError when the table's first columns are no longer the spec's (ownedTableBody).
 */
export async function rewriteOwnedTable(
  context: Excel.RequestContext, budget: RequestBudget, now: TableNow, spec: TableSpec, supports: SupportsSet, maxBytes: number,
): Promise<void> {
  const body = ownedTableBody(spec, now.columns);
  const width = body[0].length;
  const header = now.showHeaders ? 1 : 0;
  const firstRow = now.top + header;
  const oldRows = now.rows - header;
  const table = context.workbook.tables.getItem(now.name);
  // Areas by offset from the table's top-left cell, which stays put: Range.getCell may reach outside its
  // range, within the sheet (Microsoft Learn, Excel.Range.getCell).
  const corner = table.getRange();
  const area = (row: number, rows: number) => corner.getCell(row - now.top, 0).getResizedRange(rows - 1, width - 1);
  const resize = supports("ExcelApi", "1.13");
  if (resize) {
    await budget.reserve(400);
    table.resize(area(now.top, header + body.length));
  }
  const kinds = spec.columns.map((c) => c.kind);
  const values = body.map((row) => row.map((v) => toOffice(v)));
  const formats = body.map((row) => row.map((v, c) => cellFormat(v, kinds[c])));
  for (const slice of sliceGrid(values, formats, maxBytes / 2)) {
    await budget.reserve(slice.bytes + 200);
    const range = area(firstRow + slice.start, slice.values.length);
    range.numberFormat = slice.formats;
    range.values = slice.values;
  }
  if (oldRows > body.length) {
    await budget.reserve(400);
    const gone = area(firstRow + body.length, oldRows - body.length);
    if (resize) gone.clear("Contents");
    else gone.delete("Up");
  }
}
