import { CellValue } from "./cells";
import { WorkbookSnapshot } from "./snapshot";

/**
 * Which sheets the tool made, so that it replaces or writes on those and nothing else (issue: a user's sheet
 * named `q3 2014-15 summary`, the same name to Excel as `Q3 2014-15 Summary`, was overwritten without a word).
 *
 * The mark is words in the sheet itself, in A2 of every summary sheet: plain text survives saving in any
 * program, copying the workbook, and co-authoring, in every host (a defined name or custom property would
 * not survive every program that opens an .xlsx, and the command line could not read them all). It also
 * tells a reader that the sheet is rebuilt. A sheet whose mark is gone (someone rewrote A2) is no longer
 * taken as the tool's: the tool refuses rather than guess.
 */
export const OWNERSHIP_MARK = "Made by the CSP Action Plan tool";

/** The words in A2 of summary sheets built before the mark existed (version 0.1): still recognised as ours. */
const EARLIER_MARK = /Built from the action plan; building it again replaces this sheet's contents\.$/;

/** How many cells from A1 down an adapter reads from a sheet the tool might own (see `SheetHead`). */
export const HEAD_ROWS = 3;

/** A sheet's name in the form of a summary sheet's, in any letter case: `Q3 2014-15 Summary`. */
export function isSummarySheetName(name: string): boolean {
  return /^q[1-4] \d{4}-\d{2} summary$/i.test(name.trim());
}

/** Whether a sheet's first cells carry the tool's mark (or the earlier summary sheets' words). */
export function carriesMark(cells: readonly CellValue[]): boolean {
  return cells.some((v) => typeof v === "string" && (v.includes(OWNERSHIP_MARK) || EARLIER_MARK.test(v.trim())));
}

/** What a write to the sheet `name` would meet: no sheet yet, the tool's own sheet, or somebody's own sheet. */
export type SheetOwnership =
  | { readonly kind: "absent" }
  | { readonly kind: "ours"; readonly sheet: string }
  | { readonly kind: "notOurs"; readonly sheet: string };

/**
 * Finds the sheet Excel would take as `name` (sheet names are compared ignoring letter case) and says whose
 * it is. Needs the snapshot's `sheetHeads` for that sheet; a sheet with no head read is not taken as ours.
 */
export function sheetOwnership(snapshot: WorkbookSnapshot, name: string): SheetOwnership {
  const wanted = name.trim().toLowerCase();
  const sheet = snapshot.sheetNames.find((s) => s.trim().toLowerCase() === wanted);
  if (sheet === undefined) return { kind: "absent" };
  const head = snapshot.sheetHeads?.find((h) => h.sheet === sheet);
  return head && carriesMark(head.cells) ? { kind: "ours", sheet } : { kind: "notOurs", sheet };
}

/**
 * Why the tool will not write on a sheet it did not make, and how to go on; `action` says what was asked,
 * e.g. "build the Q3 summary". Nothing has been written when this is shown.
 */
export function notOursMessage(sheet: string, wanted: string, action: string): string {
  const same = sheet === wanted ? "" : ` (Excel treats "${sheet}" and "${wanted}" as the same name)`;
  return (
    `The sheet "${sheet}" was not made by this tool${same}, so it will not ${action} over it, and nothing was changed. ` +
    `Rename that sheet (for example to "${sheet} notes") or move what you need from it, then try again.`
  );
}
