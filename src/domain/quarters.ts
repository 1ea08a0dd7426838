import { Quarter, QUARTERS } from "./contract";
import { IsoDate, isoDate } from "./dates";

/** A financial year, 1 April to 31 March, named by the year it starts in. */
export interface FinancialYear {
  readonly startYear: number;
}

/** `2014/15`, and the forms people type for it: `2014-15`, `2014/2015`. */
export function parseFinancialYear(text: string): FinancialYear | undefined {
  const match = /^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  const expected = match[2].length === 2 ? (start + 1) % 100 : start + 1;
  return end === expected ? { startYear: start } : undefined;
}

/** `2014/15`. */
export function formatFinancialYear(year: FinancialYear): string {
  return `${year.startYear}/${String((year.startYear + 1) % 100).padStart(2, "0")}`;
}

export function yearStart(year: FinancialYear): IsoDate {
  return isoDate(year.startYear, 4, 1);
}

export function yearEnd(year: FinancialYear): IsoDate {
  return isoDate(year.startYear + 1, 3, 31);
}

const QUARTER_BOUNDS: Record<Quarter, { startMonth: number; endMonth: number; endDay: number; yearOffset: number }> = {
  Q1: { startMonth: 4, endMonth: 6, endDay: 30, yearOffset: 0 },
  Q2: { startMonth: 7, endMonth: 9, endDay: 30, yearOffset: 0 },
  Q3: { startMonth: 10, endMonth: 12, endDay: 31, yearOffset: 0 },
  Q4: { startMonth: 1, endMonth: 3, endDay: 31, yearOffset: 1 },
};

export function quarterStart(year: FinancialYear, quarter: Quarter): IsoDate {
  const b = QUARTER_BOUNDS[quarter];
  return isoDate(year.startYear + b.yearOffset, b.startMonth, 1);
}

export function quarterEnd(year: FinancialYear, quarter: Quarter): IsoDate {
  const b = QUARTER_BOUNDS[quarter];
  return isoDate(year.startYear + b.yearOffset, b.endMonth, b.endDay);
}

/** The quarter after this one, rolling Q4 into Q1 of the next year. */
export function nextQuarter(year: FinancialYear, quarter: Quarter): { year: FinancialYear; quarter: Quarter } {
  const i = QUARTERS.indexOf(quarter);
  return i === 3 ? { year: { startYear: year.startYear + 1 }, quarter: "Q1" } : { year, quarter: QUARTERS[i + 1] };
}

/** The financial year and quarter a day falls in. */
export function quarterOf(date: IsoDate): { year: FinancialYear; quarter: Quarter } {
  const [y, m] = date.split("-").map(Number);
  const startYear = m >= 4 ? y : y - 1;
  const quarter: Quarter = m >= 4 && m <= 6 ? "Q1" : m >= 7 && m <= 9 ? "Q2" : m >= 10 ? "Q3" : "Q4";
  return { year: { startYear }, quarter };
}

/** Excel forbids `/` in sheet names: `Q3 2014-15 Summary`. */
export function summarySheetName(year: FinancialYear, quarter: Quarter): string {
  return `${quarter} ${formatFinancialYear(year).replace("/", "-")} Summary`;
}
