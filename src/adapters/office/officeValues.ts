import { CellValue } from "../../domain/cells";
import { fromExcelSerial, toExcelSerial, fromUtcDate, toUtcDate } from "../../domain/dates";

/** A number format shows a date when, outside quoted text and [brackets], it has a day or year part. */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "");
  return /[dy]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Office.js gives dates as serial numbers and errors as strings: turn them into the domain's values. */
export function fromOffice(value: unknown, numberFormat: string, valueType?: string): CellValue {
  if (value === null || value === undefined || value === "") return null;
  if (valueType === "Error" && typeof value === "string") return { error: value };
  if (typeof value === "number") return isDateFormat(numberFormat) ? toUtcDate(fromExcelSerial(value)) : value;
  if (typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

/** What Excel shows for an error value. */
const ERROR_TEXTS = new Set([
  "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!",
  "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!", "#TIMEOUT!", "#EXTERNAL!",
]);

/**
 * A value read without its number format and value type (a long table is read lean to stay under Excel's
 * 5 MB response limit): numbers stay numbers, and text that is exactly an Excel error reads as that error.
 */
export function fromOfficeLean(value: unknown): CellValue {
  if (typeof value === "string" && ERROR_TEXTS.has(value)) return { error: value };
  return fromOffice(value, "General");
}

/** The domain's values as Office.js writes them: dates as serials, blanks as "". */
export function toOffice(value: CellValue): string | number | boolean {
  if (value === null) return "";
  if (value instanceof Date) return toExcelSerial(fromUtcDate(value));
  if (typeof value === "object") return value.error;
  return value;
}

/** Text is written with the text format "@", so Excel never reads a plan's words as a formula. */
export const TEXT_FORMAT = "@";
export const DATE_FORMAT = "dd/mm/yyyy";

export function formatFor(value: CellValue | string | number | null, fallback = "General"): string {
  if (typeof value === "string") return TEXT_FORMAT;
  if (value instanceof Date) return DATE_FORMAT;
  return fallback;
}
