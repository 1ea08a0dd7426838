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

/**
 * The sentence A2 carries after the position date: the mark and what it means. `summarySheet` writes A2 as
 * `Position at 31 December 2014. ` and this sentence.
 */
export const MARK_SENTENCE = `${OWNERSHIP_MARK} from the action plan: building the summary again replaces this sheet, so keep your own notes on another sheet.`;

/** `Position at 31 December 2014. `: how A2 begins, before the mark (formatLongDate's day, month and year). */
const POSITION = "Position at \\d{1,2} [A-Z][a-z]+ \\d{4}\\. ";

/** A2 as the tool writes it: the position, then the mark's whole sentence; anything after is allowed. */
const MARKED_A2 = new RegExp(`^${POSITION}${escapeRegExp(MARK_SENTENCE)}`);

/** A2 of summary sheets built before the mark existed (version 0.1): still recognised as ours, anchored likewise. */
const EARLIER_MARK = new RegExp(`^${POSITION}Built from the action plan; building it again replaces this sheet's contents\\.`);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** How many cells from A1 down an adapter reads from a sheet the tool might own (see `SheetHead`). */
export const HEAD_ROWS = 3;

/** A sheet's name in the form of a summary sheet's, in any letter case: `Q3 2014-15 Summary`. */
export function isSummarySheetName(name: string): boolean {
  return /^q[1-4] \d{4}-\d{2} summary$/i.test(name.trim());
}

/**
 * Whether a sheet's first cells (A1 down, as `SheetHead` gives them) carry the tool's mark: A2, the cell
 * the tool writes it in, and only when A2 begins with the position and the mark's whole sentence (or the
 * earlier summary sheets' words). The words anywhere else, or quoted in the middle of a note ("…the
 * figures sheet is Made by the CSP Action Plan tool; these notes are mine"), are not the mark: such a
 * sheet is the user's, and is never replaced.
 */
export function carriesMark(cells: readonly CellValue[]): boolean {
  const a2 = cells[1];
  if (typeof a2 !== "string") return false;
  const text = a2.trimStart();
  return MARKED_A2.test(text) || EARLIER_MARK.test(text);
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
