import { CellValue } from "../domain/cells";

/** What a person typed into a cell, read as Excel would: a dd/mm/yyyy date, a number, text, or blank. */
export function cellEntry(typed: string): CellValue {
  const text = typed.trim();
  if (text === "") return null;
  const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (date) {
    const [day, month, year] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const value = new Date(Date.UTC(year, month - 1, day));
    if (value.getUTCDate() === day && value.getUTCMonth() === month - 1) return value;
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return typed;
}
