import { CellValue, isCellError } from "./cells";

/** A calendar day as `YYYY-MM-DD`: sorts and compares as text. */
export type IsoDate = string;

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function parts(date: IsoDate): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y, m, d];
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last;
}

/** `31 March 2015`. */
export function formatLongDate(date: IsoDate): string {
  const [y, m, d] = parts(date);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** `31/03/2015`. */
export function formatCellDate(date: IsoDate): string {
  const [y, m, d] = parts(date);
  return `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
}

export function toUtcDate(date: IsoDate): Date {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d));
}

/** A moment as the calendar day it is in the local time zone, `YYYY-MM-DD` (today, where a host gives `new Date()`). */
export function localIsoDate(date: Date): IsoDate {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function fromUtcDate(date: Date): IsoDate {
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Excel's 1900 date system: serial 25569 is 1 January 1970. */
export function fromExcelSerial(serial: number): IsoDate {
  return fromUtcDate(new Date(Math.round((Math.floor(serial) - 25569) * 86400000)));
}

export function toExcelSerial(date: IsoDate): number {
  return Math.round(toUtcDate(date).getTime() / 86400000) + 25569;
}

/** How a target date cell reads. */
export type DateReading =
  | { readonly kind: "date"; readonly date: IsoDate }
  | { readonly kind: "blank" }
  /** A bare number: taken as an Excel serial date, but worth a warning. */
  | { readonly kind: "serial"; readonly date: IsoDate }
  | { readonly kind: "invalid"; readonly text: string; readonly why: string };

const MONTH_INDEX = new Map(MONTHS.flatMap((name, i) => [[name.toLowerCase(), i + 1], [name.slice(0, 3).toLowerCase(), i + 1]]));

/**
 * Reads a date cell, or text that is an unambiguous UK date: `31/03/2015`, `31-03-2015`, `31.03.2015`,
 * `31 March 2015`, `31 Mar 2015`, `31-Mar-2015` (issue 11 item 6) or ISO `2015-03-31`. Anything else is invalid, with a reason.
 */
export function readDate(value: CellValue): DateReading {
  if (value === null) return { kind: "blank" };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { kind: "invalid", text: "", why: "is not a valid date" } : { kind: "date", date: fromUtcDate(value) };
  }
  if (isCellError(value)) return { kind: "invalid", text: value.error, why: `holds the error ${value.error}` };
  if (typeof value === "number") {
    // 36526 = 1 Jan 2000, 73051 = 1 Jan 2100: outside that a number is not a plausible plan date.
    if (value >= 36526 && value < 73051) return { kind: "serial", date: fromExcelSerial(value) };
    return { kind: "invalid", text: String(value), why: "is a number, not a date" };
  }
  if (typeof value === "boolean") return { kind: "invalid", text: String(value), why: "is not a date" };
  const text = value.trim();
  if (text === "") return { kind: "blank" };
  return readDateText(text);
}

function readDateText(text: string): DateReading {
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (match) {
    const [, d, m, y] = match;
    if (y.length === 2) {
      return { kind: "invalid", text, why: "has a two-digit year; write the year in full" };
    }
    return checked(text, Number(y), Number(m), Number(d));
  }
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) return checked(text, Number(match[1]), Number(match[2]), Number(match[3]));
  // `31 March 2015`, `31 Mar 2015`, `31-Mar-2015`: a named month makes day and month unambiguous.
  match = /^(\d{1,2})(?:st|nd|rd|th)?(?:\s+|-)([A-Za-z]+)\.?,?(?:\s+|-)(\d{4})$/.exec(text);
  if (match) {
    const month = MONTH_INDEX.get(match[2].toLowerCase());
    if (month !== undefined) return checked(text, Number(match[3]), month, Number(match[1]));
  }
  return { kind: "invalid", text, why: "is not a date" };
}

function checked(text: string, year: number, month: number, day: number): DateReading {
  if (!isRealDate(year, month, day)) return { kind: "invalid", text, why: "is not a real calendar date (dates are day/month/year)" };
  return { kind: "date", date: isoDate(year, month, day) };
}
