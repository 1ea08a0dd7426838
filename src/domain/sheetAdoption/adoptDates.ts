import { CellValue, cellText } from "../cells";
import { IsoDate, isoDate, isRealDate, readDate } from "../dates";

/** What adopting made of one date cell (issue 11: "Nothing guessed silently"). */
export interface AdoptedDate {
  /** `YYYY-MM-DD`, or null when kept as text (or blank). */
  readonly date: IsoDate | null;
  /** The cell as found, in words. */
  readonly from: string;
  /** "date cell", "UK date text", "month only: last day of the month", "kept as text"… */
  readonly how: string;
  /** True when the date stands for a whole period (month or quarter) and was taken as its last day. */
  readonly periodEnd: boolean;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return undefined;
  const i = MONTHS.indexOf(w.slice(0, 3));
  // "Sept", "March", "Mar": the word must be a prefix of the month's full name.
  const full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
  if (i < 0 || !(full[i].startsWith(w) || (i === 8 && w === "sept"))) return undefined;
  return i + 1;
}

/** A two-digit year as plans write them: `07` is 2007 and `95` is 1995 (pivot at 50). */
function fullYear(text: string): number {
  const n = Number(text);
  return text.length === 2 ? (n < 50 ? 2000 + n : 1900 + n) : n;
}

function lastDay(year: number, month: number): IsoDate {
  return isoDate(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

const kept = (from: string): AdoptedDate => ({ date: null, from, how: "kept as text", periodEnd: false });

/**
 * Reads a date from a plan being adopted: date cells kept; unambiguous UK text dates converted (`31/03/2016`,
 * `01/09/07` = 1 September 2007, `18.01.2016`, `31-Mar-2015`, `31 Mar 2015`); month-only (`Apr-21`,
 * `March 2016`) and quarter-only (`Q4 2015/16`, financial quarters) taken as the period's last day with
 * `periodEnd` set so the caller says so; anything else (`Ongoing`, `Done (March 2004)`) kept as text.
 */
export function adoptDate(value: CellValue): AdoptedDate {
  // What the check reads as a date, adoption reads the same way (src/domain/dates.ts readDate).
  const reading = readDate(value);
  if (reading.kind === "blank") return { date: null, from: "", how: "blank", periodEnd: false };
  if (reading.kind === "serial") return { date: reading.date, from: String(value), how: "number read as an Excel date", periodEnd: false };
  if (reading.kind === "date") {
    const how = value instanceof Date ? "date cell" : /^\d{4}-/.test(String(value).trim()) ? "ISO date text" : "UK date text";
    return { date: reading.date, from: cellText(value), how, periodEnd: false };
  }
  if (typeof value !== "string") return kept(value instanceof Date ? "" : cellText(value));
  // Beyond the check: two-digit years as plans write them, and month- or quarter-only periods.
  const text = value.trim().replace(/\s+/g, " ");
  return dayDate(text) ?? periodDate(text) ?? kept(text);
}

function dayDate(text: string): AdoptedDate | undefined {
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), fullYear(m[3])];
    if (!isRealDate(y, mo, d)) return undefined;
    return { date: isoDate(y, mo, d), from: text, how: m[3].length === 2 ? `UK date text (two-digit year read as ${y})` : "UK date text", periodEnd: false };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return { date: text, from: text, how: "ISO date text", periodEnd: false };
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+\.?)[\s,-]+(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const mo = monthNumber(m[2]);
    const y = fullYear(m[3]);
    if (mo && isRealDate(y, mo, Number(m[1]))) return { date: isoDate(y, mo, Number(m[1])), from: text, how: "UK date text", periodEnd: false };
  }
  return undefined;
}

function periodDate(text: string): AdoptedDate | undefined {
  const m = /^([A-Za-z]+\.?)[\s-]+(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const mo = monthNumber(m[1]);
    if (mo) {
      const y = fullYear(m[2]);
      return { date: lastDay(y, mo), from: text, how: "month only: taken as the last day of the month", periodEnd: true };
    }
  }
  // Financial quarters: Q1 is April to June of the year's first calendar year, Q4 January to March.
  // `Q4 2015/16`, `Quarter 4 2015-16`, `2015/16 Q4`.
  const before = /^(?:Q|Quarter\s*)([1-4])\s*(?:of\s*)?(?:FY\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/i.exec(text);
  const after = /^(?:FY\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*,?\s*(?:Q|Quarter\s*)([1-4])$/i.exec(text);
  const [q, start, endText] = before ? [Number(before[1]), Number(before[2]), before[3]] : after ? [Number(after[3]), Number(after[1]), after[2]] : [0, 0, ""];
  if (q > 0) {
    const end = fullYear(endText.length === 2 ? String(start).slice(0, 2) + endText : endText);
    if (end !== start + 1) return undefined;
    const [y, mo] = q === 4 ? [end, 3] : [start, 3 + q * 3];
    return { date: lastDay(y, mo), from: text, how: `quarter only: taken as the last day of ${q === 4 ? "March" : ["June", "September", "December"][q - 1]}`, periodEnd: true };
  }
  return undefined;
}
