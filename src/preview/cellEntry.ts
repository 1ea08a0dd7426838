import { CellValue } from "../domain/cells";
import { readDate, toUtcDate } from "../domain/dates";

/** What a person typed into a cell, read as Excel would: a UK date, a number, text, or blank. */
export function cellEntry(typed: string): CellValue {
  const text = typed.trim();
  if (text === "") return null;
  const date = readDate(text);
  if (date.kind === "date") return toUtcDate(date.date);
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return typed;
}
