/** What a workbook cell can hold, as every adapter hands it to the domain. */
export interface CellError {
  /** The error's own text, e.g. `#REF!`. */
  readonly error: string;
}

/**
 * A cell's value. Dates are JavaScript `Date`s at UTC midnight of the calendar day
 * (adapters convert date-formatted serial numbers), so the domain never meets time zones.
 */
export type CellValue = string | number | boolean | Date | CellError | null;

export function isCellError(value: CellValue | undefined): value is CellError {
  return typeof value === "object" && value !== null && !(value instanceof Date) && "error" in value;
}

export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** The text a person sees for a value, trimmed; dates as `dd/mm/yyyy`. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const dd = String(value.getUTCDate()).padStart(2, "0");
    const mm = String(value.getUTCMonth() + 1).padStart(2, "0");
    return `${dd}/${mm}/${value.getUTCFullYear()}`;
  }
  if (isCellError(value)) return value.error;
  return String(value).trim();
}

/** `0` → `A`, `26` → `AA`. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** `A` → 0, `AA` → 26: the inverse of {@link columnLetter}. */
export function columnIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/**
 * Zero-based (row, column) of an A1 reference: `B2`, `$B$2`, or the top-left cell of a range, which may be
 * sheet-qualified (`'Action Plan'!A1:R49`). Undefined if it names no cell.
 */
export function parseA1(reference: string): { row: number; column: number } | undefined {
  const topLeft = reference.split("!").pop()!.split(":")[0].replace(/\$/g, "");
  const match = /^([A-Z]+)(\d+)$/i.exec(topLeft);
  return match ? { row: Number(match[2]) - 1, column: columnIndex(match[1]) } : undefined;
}

/** A1 reference of a zero-based (row, column). */
export function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}
