import { carriedOverNote } from "../domain/carryOver";
import { cellText } from "../domain/cells";
import { CARRIED_OVER_SETTING, normaliseHeader } from "../domain/contract";
import { formatLongDate, IsoDate } from "../domain/dates";
import { readPlan } from "../domain/plan";
import { WorkbookPort } from "../port/workbookPort";
import { applyOrConflict } from "./outcome";

export type RecordOutcome =
  | { readonly done: true; readonly note: string }
  /** `noRow`: Plan Settings has no `Carried over` row, so nothing was written; `note` is what to write there by hand. */
  | { readonly done: false; readonly noRow: boolean; readonly note: string; readonly reason: string };

/**
 * Notes in the old plan that it was carried over (the add-in only; the command line leaves the file as it
 * was): the Value of Plan Settings' `Carried over` row becomes `To 2015/16 on 1 December 2026`, written with
 * setCells keyed by the Setting column, and nothing else changes. When the plan has no such row nothing is
 * written (adding a row to the user's table is theirs to do): the outcome says so, with the note to copy.
 */
export async function recordCarriedOver(workbook: WorkbookPort, to: string, on: IsoDate): Promise<RecordOutcome> {
  const note = carriedOverNote(to, formatLongDate(on));
  const settings = readPlan(await workbook.read()).settingsTable;
  const keyColumn = settings?.columns.setting;
  const valueColumn = settings?.columns.value;
  const hasRow = settings !== undefined && keyColumn !== undefined &&
    settings.table.rows.some((row) => normaliseHeader(cellText(row[keyColumn])) === normaliseHeader(CARRIED_OVER_SETTING));
  if (!settings || keyColumn === undefined || valueColumn === undefined || !hasRow) {
    return {
      done: false,
      noRow: true,
      note,
      reason: `Plan Settings has no "${CARRIED_OVER_SETTING}" row, so this plan was left as it was. To keep a note here, add a row "${CARRIED_OVER_SETTING}" with the value "${note}".`,
    };
  }
  const headers = settings.table.headers;
  const conflict = await applyOrConflict(workbook, [
    { kind: "setCells", table: settings.table.name, key: headers[keyColumn], cells: [{ id: CARRIED_OVER_SETTING, column: headers[valueColumn], value: note }] },
  ]);
  return conflict ? { done: false, noRow: false, note, reason: conflict } : { done: true, note };
}
