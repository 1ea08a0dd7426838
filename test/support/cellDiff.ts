/**
 * Workbooks as plain, comparable images, one per host, to prove what a write touched: every cell of every
 * sheet (value and every format the host knows), and each sheet's non-cell state (tab position, tables,
 * widths, charts, validations, conditional formats…). Two images differ exactly where the workbook changed.
 *
 *   const before = memoryImage(workbook);
 *   await refreshRag(workbook);
 *   const changes = diffImages(before, memoryImage(workbook));
 *   expect(outside(changes, allowed)).toEqual([]);
 */
import ExcelJS from "exceljs";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { listZipEntries, readZipEntry } from "../../src/adapters/exceljs/xlsxPreflight";
import { a1 } from "../../src/domain/cells";
import { FakeExcel } from "./fakeExcel";
import { parseA1 } from "./fakeExcel/a1";

/** One sheet: every cell that holds a value or a format, by A1 address, as JSON; and the sheet's own state as JSON. */
export interface SheetImage {
  readonly cells: ReadonlyMap<string, string>;
  readonly state: string;
}

/** Sheets by name, in tab order. */
export type WorkbookImage = ReadonlyMap<string, SheetImage>;

/** Where two images differ: cells as `Sheet!A1`, and sheets whose own state (or existence) changed. */
export interface ImageDiff {
  readonly cells: readonly string[];
  readonly sheets: readonly string[];
}

export const cellKey = (sheet: string, row: number, column: number): string => `${sheet}!${a1(row, column)}`;

/** `Sheet!B3` → sheet, zero-based row and column. */
export function parseCellKey(key: string): { sheet: string; row: number; column: number } {
  const bang = key.lastIndexOf("!");
  const parsed = parseA1(key.slice(bang + 1));
  if (bang < 0 || !parsed) throw new Error(`Not a cell key: ${key}`);
  return { sheet: key.slice(0, bang), row: parsed.rect.row, column: parsed.rect.col };
}

export function diffImages(before: WorkbookImage, after: WorkbookImage): ImageDiff {
  const cells: string[] = [];
  const sheets: string[] = [];
  const names = [...new Set([...before.keys(), ...after.keys()])];
  for (const name of names) {
    const b = before.get(name);
    const a = after.get(name);
    if (b?.state !== a?.state) sheets.push(name);
    const addresses = new Set([...(b?.cells.keys() ?? []), ...(a?.cells.keys() ?? [])]);
    for (const address of addresses) if (b?.cells.get(address) !== a?.cells.get(address)) cells.push(`${name}!${address}`);
  }
  return { cells, sheets };
}

/** What a write may touch: single cells, and sheets it owns outright (cells and state); `state` names sheets whose state alone may change. */
export interface Allowed {
  readonly cells?: Iterable<string>;
  readonly sheets?: readonly string[];
  readonly state?: readonly string[];
}

/** The differences a write was not allowed to make: empty when it touched only what it owns. */
export function outside(diff: ImageDiff, allowed: Allowed): ImageDiff {
  const cells = new Set(allowed.cells ?? []);
  const owned = new Set((allowed.sheets ?? []).map((s) => s.toLowerCase()));
  const state = new Set([...(allowed.state ?? []), ...(allowed.sheets ?? [])].map((s) => s.toLowerCase()));
  return {
    cells: diff.cells.filter((k) => !cells.has(k) && !owned.has(parseCellKey(k).sheet.toLowerCase())),
    sheets: diff.sheets.filter((s) => !state.has(s.toLowerCase())),
  };
}

/** Every cell of a rectangle (zero-based, inclusive), as cell keys. */
export function cellsOf(sheet: string, rows: readonly number[], columns: readonly number[]): string[] {
  return rows.flatMap((r) => columns.map((c) => cellKey(sheet, r, c)));
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

// ------------------------------------------------------------------------------------------ memory

/** The in-memory workbook: every stored cell (value and style), and each sheet's tab position, tables, widths and chart. */
export function memoryImage(workbook: MemoryWorkbook): WorkbookImage {
  return new Map(workbook.sheets.map((sheet, position) => {
    const cells = new Map<string, string>();
    for (const [key, cell] of sheet.cells) {
      const [row, column] = key.split(",").map(Number);
      cells.set(a1(row, column), JSON.stringify({ value: cell.value, style: cell.style ?? null }));
    }
    const state = JSON.stringify({ position, tables: sheet.tables, columnWidths: sheet.columnWidths, chart: sheet.chart ?? null });
    return [sheet.name, { cells, state }];
  }));
}

// ------------------------------------------------------------------------------------------ Office (the test double)

/**
 * The Office test double: every cell of each sheet's used range (formats included) read through the
 * double's inspection API, and each sheet's state: position, visibility, protection, frozen panes, its
 * tables, charts, data validation and conditional formats.
 */
export async function officeImage(fake: FakeExcel): Promise<WorkbookImage> {
  const names = fake.sheetNames();
  const used = await usedRangeAddresses(fake, names, false);
  const tables = fake.tables();
  return new Map(names.map((name, i) => {
    const cells = new Map<string, string>();
    const rect = used[i] === undefined ? undefined : parseA1(used[i]!)?.rect;
    if (used[i] !== undefined && !rect) throw new Error(`Cannot read the used range ${used[i]}.`);
    if (rect) {
      for (let row = rect.row; row < rect.row + rect.rows; row++) {
        for (let column = rect.col; column < rect.col + rect.cols; column++) {
          const address = a1(row, column);
          const cell = fake.cell(name, address);
          if (cell) cells.set(address, JSON.stringify({ cell, format: fake.cellFormat(name, address) }));
        }
      }
    }
    const state = JSON.stringify({
      info: fake.sheetInfo(name),
      tables: tables.filter((t) => t.sheet === name),
      charts: fake.chartDetails(name),
      validations: fake.validationDetails(name),
      conditionalFormats: fake.conditionalFormats(name),
    });
    return [name, { cells, state }];
  }));
}

// ------------------------------------------------------------------------------------------ ExcelJS (files)

function omit(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k)));
}

function hasStyle(style: Partial<ExcelJS.Style> | undefined): boolean {
  return !!style && Object.values(style).some((v) => v !== undefined && !(typeof v === "object" && v !== null && Object.keys(v).length === 0));
}

export interface ExcelJsImageOptions {
  /**
   * Leave out page set-up's "use first page number" flag. ExcelJS reads a missing `firstPageNumber` as 1
   * and then writes `useFirstPageNumber="1"` whenever it has one, so the first load-and-save of a file
   * turns every sheet's page numbering from Auto to "start at 1" (a known change, tested on its own).
   */
  readonly ignoreFirstPageNumber?: boolean;
}

/**
 * A workbook as ExcelJS reads it: every cell with a value or a style (its raw value, so formulas and rich
 * text count, its type and its whole style), and each sheet's model without its cells (tab position,
 * state, tables, column widths, merges, validation, conditional formats, views, page set-up…) plus each
 * row's own properties.
 */
export function excelJsImage(workbook: ExcelJS.Workbook, options: ExcelJsImageOptions = {}): WorkbookImage {
  return new Map(workbook.worksheets.map((sheet, position) => {
    const cells = new Map<string, string>();
    const rows: unknown[] = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      rows.push({ number, ...omit((row.model ?? {}) as unknown as Record<string, unknown>, ["cells", "min", "max"]) });
      row.eachCell({ includeEmpty: true }, (cell) => {
        const value = cell.value;
        if ((value === null || value === undefined) && !hasStyle(cell.style)) return;
        cells.set(cell.address, JSON.stringify({ value: value ?? null, type: cell.type, style: cell.style }));
      });
    });
    // Not the cells (imaged above), the internal id, nor the used extent (which follows the cells).
    const model = omit(sheet.model as unknown as Record<string, unknown>, ["rows", "id", "dimensions"]);
    if (options.ignoreFirstPageNumber && model.pageSetup) model.pageSetup = omit(model.pageSetup as Record<string, unknown>, ["useFirstPageNumber"]);
    const state = JSON.stringify({ position, ...model, rows });
    return [sheet.name, { cells, state }];
  }));
}

/** Loads .xlsx bytes with ExcelJS and images them. */
export async function fileImage(bytes: Buffer, options: ExcelJsImageOptions = {}): Promise<WorkbookImage> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return excelJsImage(workbook, options);
}

/** The bytes of every part of an .xlsx, by part name. */
export function zipParts(bytes: Buffer): Map<string, Buffer> {
  return new Map(listZipEntries(bytes).filter((e) => !e.name.endsWith("/")).map((e) => [e.name, readZipEntry(bytes, e)]));
}

/** The worksheet part (`xl/worksheets/sheet3.xml`) holding a sheet, found through the workbook part and its relationships. */
export function worksheetPart(parts: ReadonlyMap<string, Buffer>, sheet: string): string {
  const workbook = parts.get("xl/workbook.xml")?.toString("utf8") ?? "";
  const rels = parts.get("xl/_rels/workbook.xml.rels")?.toString("utf8") ?? "";
  const escaped = sheet.replace(/&/g, "&amp;").replace(/'/g, "&apos;");
  const tag = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => m[0]).find((t) => new RegExp(`\\bname="${escaped.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`).test(t));
  const id = tag && /\br:id="([^"]+)"/.exec(tag)?.[1];
  const rel = id && [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${id}"`));
  const target = rel && /\bTarget="([^"]+)"/.exec(rel)?.[1];
  if (!target) throw new Error(`No worksheet part for "${sheet}".`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/**
 * A sheet's worksheet XML with each shared-string reference (`t="s"><v>12</v>`) replaced by that string's
 * own XML from `xl/sharedStrings.xml`. ExcelJS rebuilds the shared-string table on every save, so a sheet
 * whose cells did not change still gets new indices when an earlier sheet gained strings; with them
 * resolved, two versions of an unchanged sheet compare equal character for character.
 */
export function resolvedSheetXml(parts: ReadonlyMap<string, Buffer>, sheet: string): string {
  const xml = parts.get(worksheetPart(parts, sheet))!.toString("utf8");
  const strings = [...(parts.get("xl/sharedStrings.xml")?.toString("utf8") ?? "").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]);
  return xml.replace(/(<c\b[^>]*\bt="s"[^>]*>)<v>(\d+)<\/v>/g, (_, open: string, index: string) => {
    const text = strings[Number(index)];
    if (text === undefined) throw new Error(`${sheet}: no shared string ${index}.`);
    return `${open}<si>${text}</si>`;
  });
}

/** Each sheet's used range address (undefined for an empty sheet), in one sync; `valuesOnly` as Office's getUsedRange. */
export async function usedRangeAddresses(fake: FakeExcel, names: readonly string[], valuesOnly: boolean): Promise<(string | undefined)[]> {
  return fake.run(async (context) => {
    const ranges = names.map((name) => {
      const r = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(valuesOnly);
      r.load("address");
      return r;
    });
    await context.sync();
    return ranges.map((r) => (r.isNullObject ? undefined : r.address));
  });
}
