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
