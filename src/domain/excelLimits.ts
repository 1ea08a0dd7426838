/**
 * Excel's limits on what this tool writes, so that no workbook it writes needs repairing.
 *
 * Sources: Microsoft, "Excel specifications and limits"
 * (Microsoft Support, article 1672b34d-7043-467e-8e27-269d656771c3):
 * 32,767 characters a cell, 1,048,576 rows by 16,384 columns, column width 255 characters. Sheet names:
 * Microsoft, "Rename a worksheet" (1–31 characters, none of `: \ / ? * [ ]`, not beginning or ending with an
 * apostrophe, not "History", which Excel reserves). Table names: Microsoft, "Rename an Excel table" (at most
 * 255 characters, beginning with a letter, underscore or backslash, then letters, digits, periods and
 * underscores, no spaces, not a cell reference such as A1 or R1C1, nor "C" or "R").
 * Lengths are UTF-16 code units, as Excel counts them (LEN counts an emoji as 2), which is JavaScript's
 * `length`.
 *
 * Not enforced here, because the tool writes none of them: hyperlinks, headers and footers, comments,
 * formulas. Number formats are a fixed handful (dd/mm/yyyy, 0, 0.0%), and list validations name fixed words
 * or a table column. Excel's page also lists 253 line feeds a cell; the tool copies the plan's own text
 * (which Excel already holds) and adds none, so that limit is left to the plan's own cells.
 */
import { a1, columnIndex } from "./cells";

export const EXCEL_LIMITS = {
  /** Characters (UTF-16 code units) one cell holds. */
  cellCharacters: 32_767,
  /** Characters in a sheet name. */
  sheetNameCharacters: 31,
  /** Characters in a table name. */
  tableNameCharacters: 255,
  /** Column width, in characters of the default font. */
  columnWidth: 255,
  /** Rows on a sheet. */
  rows: 1_048_576,
  /** Columns on a sheet (A to XFD). */
  columns: 16_384,
  /** A list validation typed as text (`"a,b,c"`): Excel's Data Validation dialog refuses longer. */
  validationListCharacters: 255,
} as const;

/** What marks text the tool shortened: visible, one character. */
export const ELLIPSIS = "…";

/**
 * `text` if it fits in `max` characters (UTF-16 code units, default one cell's 32,767); otherwise its start
 * with `…` at the end, `max` characters in all, never cutting a surrogate pair (an emoji, a rare CJK
 * character) in half. Throws a RangeError when `max` is below 1, as not even the `…` would fit.
 */
export function fitText(text: string, max: number = EXCEL_LIMITS.cellCharacters): string {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`fitText needs room for at least one character (got ${max}).`);
  if (text.length <= max) return text;
  let cut = max - ELLIPSIS.length;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1; // a high surrogate whose partner would be cut off
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

const SHEET_NAME_FORBIDDEN = /[:\\/?*[\]]/;

/** Why Excel would refuse this sheet name, in words; undefined when it is a valid name. */
export function sheetNameProblem(name: string): string | undefined {
  if (name.length === 0) return "A sheet name cannot be blank.";
  if (name.length > EXCEL_LIMITS.sheetNameCharacters) {
    return `The sheet name "${fitText(name, 40)}" is ${name.length} characters; Excel allows at most ${EXCEL_LIMITS.sheetNameCharacters}.`;
  }
  const forbidden = SHEET_NAME_FORBIDDEN.exec(name);
  if (forbidden) return `The sheet name "${name}" contains "${forbidden[0]}"; Excel does not allow any of : \\ / ? * [ ] in a sheet name.`;
  if (name.startsWith("'") || name.endsWith("'")) return `The sheet name "${name}" begins or ends with an apostrophe, which Excel does not allow.`;
  if (name.toLowerCase() === "history") return `Excel keeps the sheet name "History" for itself.`;
  return undefined;
}

// A1 references run to XFD1048576; R1C1 references are R, C, Rn, Cn or RnCn.
const A1_REFERENCE = /^([A-Z]{1,3})(\d{1,7})$/i;
const R1C1_REFERENCE = /^(R\d*C?\d*|C\d*)$/i;

function isCellReference(name: string): boolean {
  const a1Match = A1_REFERENCE.exec(name);
  if (a1Match) {
    const letters = a1Match[1].toUpperCase();
    const column = columnIndex(letters) + 1;
    const row = Number(a1Match[2]);
    if (column <= EXCEL_LIMITS.columns && row >= 1 && row <= EXCEL_LIMITS.rows) return true;
  }
  return R1C1_REFERENCE.test(name);
}

/** Why Excel would refuse this table name, in words; undefined when it is a valid name. */
export function tableNameProblem(name: string): string | undefined {
  if (name.length === 0) return "A table name cannot be blank.";
  if (name.length > EXCEL_LIMITS.tableNameCharacters) {
    return `The table name "${fitText(name, 40)}" is ${name.length} characters; Excel allows at most ${EXCEL_LIMITS.tableNameCharacters}.`;
  }
  if (!/^[\p{L}_\\]/u.test(name)) return `The table name "${name}" must begin with a letter, an underscore or a backslash.`;
  if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name)) return `The table name "${name}" may hold only letters, digits, periods and underscores (no spaces).`;
  if (isCellReference(name)) return `The table name "${name}" reads as a cell reference.`;
  if (/^(true|false)$/i.test(name)) return `The table name "${name}" reads as TRUE or FALSE.`;
  return undefined;
}

/** A column width (characters) Excel accepts: between 0 and 255. */
export function fitColumnWidth(width: number): number {
  return Math.min(Math.max(width, 0), EXCEL_LIMITS.columnWidth);
}

/**
 * The cells of a table whose text is longer than a cell holds, as `'Sheet'!C7` (zero-based row and column
 * of the sheet). Used to refuse, before writing, text that cannot be written whole: the plan's own cells
 * are never shortened.
 */
export function overlongCells(sheet: string, top: number, left: number, rows: readonly (readonly unknown[])[]): string[] {
  const found: string[] = [];
  rows.forEach((row, r) => row.forEach((value, c) => {
    if (typeof value === "string" && value.length > EXCEL_LIMITS.cellCharacters) found.push(`'${sheet}'!${a1(top + r, left + c)}`);
  }));
  return found;
}
