import { CellValue } from "../domain/cells";
import { normaliseHeader } from "../domain/contract";
import { TableSpec } from "../domain/layout";
import { WorkbookConflictError } from "./errors";

/**
 * The data rows a `writeOwnedTable` writes into a table that is already there, as a grid as wide as that
 * table (`width` columns): the spec's columns first, any columns the table has beyond them empty. At least
 * one row (Excel shows an empty table with one blank row). Every host calls this, so they agree.
 *
 * @param existing the table's column names as the workbook holds them, in order.
 * @throws WorkbookConflictError when the table's first columns are not the spec's, in order (compared
 * trimmed and case-insensitively): the table is the tool's, and writing by position into columns a person
 * renamed or moved would put values under the wrong headers.
 */
export function ownedTableBody(spec: TableSpec, existing: readonly string[]): CellValue[][] {
  const mismatch = spec.columns.findIndex((c, i) => normaliseHeader(existing[i] ?? "") !== normaliseHeader(c.header));
  if (mismatch >= 0) {
    throw new WorkbookConflictError(
      `The ${spec.name} table's column ${mismatch + 1} is "${existing[mismatch] ?? ""}", not "${spec.columns[mismatch].header}". Nothing was written: put its columns back as the tool made them (${spec.columns.map((c) => c.header).join(", ")}), then try again.`,
    );
  }
  const width = Math.max(existing.length, spec.columns.length);
  const rows = spec.rows.length > 0 ? spec.rows : [[]];
  return rows.map((row) => Array.from({ length: width }, (_, c) => (c < spec.columns.length ? row[c] ?? null : null)));
}
