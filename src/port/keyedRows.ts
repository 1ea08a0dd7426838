import { joinList } from "../domain/wording";
import { WorkbookConflictError } from "./errors";

/** The form in which IDs are compared: trimmed, case-insensitive (as the plan's duplicate-ID check does). */
export function idKey(id: string): string {
  return id.trim().toLowerCase();
}

/**
 * Finds, for each wanted ID, the one data row (zero-based, in the table's current order) whose key cell
 * holds it. `current` is the key column's text, row by row, as the workbook has it at write time.
 * Throws WorkbookConflictError, before anything is written, if any wanted ID is on no row or on several.
 */
export function locateIds(table: string, current: readonly string[], wanted: readonly string[]): Map<string, number> {
  const rows = new Map<string, number[]>();
  current.forEach((text, row) => {
    const key = idKey(text);
    if (key !== "") rows.set(key, [...(rows.get(key) ?? []), row]);
  });
  const found = new Map<string, number>();
  const missing: string[] = [];
  const doubled: string[] = [];
  for (const id of new Set(wanted.map((w) => w.trim()))) {
    const at = rows.get(idKey(id)) ?? [];
    if (at.length === 0) missing.push(id);
    else if (at.length > 1) doubled.push(id);
    else found.set(idKey(id), at[0]);
  }
  if (missing.length > 0) {
    const what = missing.length === 1 ? `Action ${joinList(missing)} is` : `Actions ${joinList(missing)} are`;
    throw new WorkbookConflictError(
      `${what} no longer in the ${table} table (deleted, or the ID changed, since the plan was read). Nothing was written: check the plan again, then try again.`,
    );
  }
  if (doubled.length > 0) {
    throw new WorkbookConflictError(
      `The ID ${joinList(doubled)} is now on more than one row of the ${table} table. Nothing was written: give each action its own ID, then try again.`,
    );
  }
  return found;
}
