import { formatLongDate, IsoDate } from "../domain/dates";
import { fitText } from "../domain/excelLimits";
import { notOursMessage, sheetOwnership } from "../domain/ownedSheets";
import { quoted } from "../domain/wording";
import { SIGN_OFF_CELL } from "../domain/summarySheet";
import { WorkbookPort } from "../port/workbookPort";
import { applyOrConflict } from "./outcome";

export interface SignOff {
  /** The summary sheet, e.g. `Q3 2014-15 Summary`. */
  readonly sheet: string;
  readonly name: string;
  readonly role: string;
  readonly date: IsoDate;
}

export type SignOffOutcome = { readonly done: true; readonly text: string } | { readonly done: false; readonly reason: string };

/**
 * The chair records sign-off of a quarter's summary, in words, on the summary sheet itself; only on a
 * summary sheet the tool made (src/domain/ownedSheets.ts), never on a user's sheet of the same name. The
 * text returned is the text written (at most one cell's 32,767 characters).
 */
export async function recordSignOff(workbook: WorkbookPort, signOff: SignOff): Promise<SignOffOutcome> {
  const name = signOff.name.trim();
  const role = signOff.role.trim();
  if (!name || !role) return { done: false, reason: "Give the name and role of the person signing off." };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(signOff.date)) return { done: false, reason: "Give the date of the sign-off." };
  const owner = sheetOwnership(await workbook.read(), signOff.sheet);
  if (owner.kind === "absent") return { done: false, reason: `There is no ${quoted(signOff.sheet)} sheet yet: build the summary first.` };
  if (owner.kind === "notOurs") return { done: false, reason: notOursMessage(owner.sheet, signOff.sheet, "record a sign-off") };
  const sheet = owner.sheet;
  // Composed text on a sheet the tool owns: kept within one cell, with a visible … if a name or role overfills it.
  const text = fitText(`Signed off by ${name}, ${role}, on ${formatLongDate(signOff.date)}.`);
  const conflict = await applyOrConflict(workbook, [{ kind: "setSheetCell", sheet, row: SIGN_OFF_CELL.row, column: SIGN_OFF_CELL.column, value: text }]);
  if (conflict) return { done: false, reason: conflict };
  return { done: true, text };
}
