/**
 * A workbook as plain, JSON-comparable data, read with ExcelJS: two files are "the same workbook" for the
 * tests when their dumps are equal. Sheets come in tab order; each lists every non-empty cell (address,
 * value, number format, bold), its tables (name and range) and its merged ranges.
 *
 * Values are normalised: formula cells give their cached result (and the formula is kept alongside, so a
 * text that turned into a formula cannot pass for the same workbook), rich text and hyperlinks give their
 * text, dates give `{ date: "YYYY-MM-DD…" }`, errors give `{ error: "#REF!" }`.
 */
import ExcelJS from "exceljs";
import { a1 } from "../../src/domain/cells";
import { SheetContent } from "../../src/domain/layout";

export type DumpValue = string | number | boolean | { date: string } | { error: string } | null;

export interface CellDump {
  address: string;
  value: DumpValue;
  /** Present only for formula cells. */
  formula?: string;
  numFmt: string | null;
  bold: boolean;
}

export interface TableDump {
  name: string;
  ref: string;
}

export interface SheetDump {
  name: string;
  cells: CellDump[];
  tables: TableDump[];
  merges: string[];
}

export type WorkbookDump = SheetDump[];

function dateValue(date: Date): { date: string } {
  const iso = date.toISOString();
  // Calendar dates (UTC midnight) read as YYYY-MM-DD; anything with a time keeps it.
  return { date: iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso };
}

/** ExcelJS's value shapes as plain data. */
export function normaliseValue(value: ExcelJS.CellValue | undefined): DumpValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return dateValue(value);
  if (typeof value === "object") {
    if ("error" in value) return { error: String(value.error) };
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      return normaliseValue((value as { result?: ExcelJS.CellValue }).result);
    }
    if ("text" in value) {
      const text = (value as { text: unknown }).text;
      if (typeof text === "string") return text;
      if (text && typeof text === "object" && "richText" in text) {
        return (text as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
      }
    }
  }
  return JSON.stringify(value);
}

function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const value = cell.value as unknown;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    if ("formula" in value) return String((value as { formula: unknown }).formula);
    if ("sharedFormula" in value) return `shared:${String((value as { sharedFormula: unknown }).sharedFormula)}`;
  }
  return undefined;
}

function isEmpty(value: ExcelJS.CellValue | undefined): boolean {
  return value === null || value === undefined || value === "";
}

interface TableLike {
  table?: { name?: string; tableRef?: string; ref?: string };
  name?: string;
}

function tablesOf(sheet: ExcelJS.Worksheet): TableDump[] {
  // ExcelJS's typings say getTables() returns pairs; it returns tables.
  const tables = sheet.getTables() as unknown as TableLike[];
  return tables
    .map((t) => {
      const model = t.table ?? {};
      return { name: String(model.name ?? t.name ?? ""), ref: String(model.tableRef ?? model.ref ?? "") };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function mergesOf(sheet: ExcelJS.Worksheet): string[] {
  const merges = (sheet.model as { merges?: string[] }).merges ?? [];
  return [...merges].sort();
}

/** The dump of a workbook already loaded by ExcelJS. */
export function dumpExcelJsWorkbook(workbook: ExcelJS.Workbook): WorkbookDump {
  // `worksheets` is in tab order (ExcelJS sorts by its internal order number).
  return workbook.worksheets.map((sheet) => {
    const cells: CellDump[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (isEmpty(cell.value)) return;
        const dump: CellDump = {
          address: cell.address,
          value: normaliseValue(cell.value),
          numFmt: cell.numFmt ? String(cell.numFmt) : null,
          bold: cell.font?.bold === true,
        };
        const formula = formulaOf(cell);
        if (formula !== undefined) dump.formula = formula;
        cells.push(dump);
      });
    });
    return { name: sheet.name, cells, tables: tablesOf(sheet), merges: mergesOf(sheet) };
  });
}

/** Loads .xlsx bytes with ExcelJS and dumps them. */
export async function dumpWorkbook(bytes: Buffer | Uint8Array): Promise<WorkbookDump> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return dumpExcelJsWorkbook(workbook);
}

/** Loads an .xlsx file with ExcelJS and dumps it. */
export async function dumpWorkbookFile(file: string): Promise<WorkbookDump> {
  const { readFile } = await import("node:fs/promises");
  return dumpWorkbook(await readFile(file));
}

/** One sheet of a dump, by name (case-insensitive); throws if there is none. */
export function sheetOf(dump: WorkbookDump, name: string): SheetDump {
  const sheet = dump.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!sheet) throw new Error(`The workbook has no sheet "${name}" (it has ${dump.map((s) => `"${s.name}"`).join(", ")}).`);
  return sheet;
}

/** The column letters of an A1 address: `AB12` → `AB`. */
export function columnOf(address: string): string {
  return /^[A-Z]+/.exec(address)?.[0] ?? "";
}

/** A sheet's dump without the cells in these columns (by letter). */
export function withoutColumns(sheet: SheetDump, columns: readonly string[]): SheetDump {
  const skip = new Set(columns);
  return { ...sheet, cells: sheet.cells.filter((c) => !skip.has(columnOf(c.address))) };
}

/**
 * The cells a sheet's merged areas (cells `across` several columns) cover, but for each area's first: ExcelJS
 * reads the area's value into every one of them, so a dump leaves them out to compare with what was meant.
 */
export function mergedAway(content: SheetContent): Set<string> {
  const away = new Set<string>();
  content.rows.forEach((row, r) => row.forEach((cell, c) => {
    for (let i = 1; i < (cell.across ?? 1); i++) away.add(a1(r, c + i));
  }));
  return away;
}
