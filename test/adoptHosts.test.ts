/**
 * Adopting the six real-layout workbooks (test/fixtures/real-layouts) in the add-in's hosts: the Office.js
 * adapter on the test double (the sheet's cells, merges and fills put into it as Excel would hold them), and
 * the browser preview's in-memory workbook (the file opened as the preview opens it). On each, the summary
 * built on the adopted plan counts exactly the actions and completed actions of truth.json, and the
 * original sheet reads back exactly as before. (The command line's run is test/adoptCli.test.ts.)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { MemoryWorkbook } from "../src/adapters/memory/memoryWorkbook";
import { OfficeWorkbook } from "../src/adapters/office/officeWorkbook";
import { a1, CellValue } from "../src/domain/cells";
import { SheetCells } from "../src/domain/sheetCells";
import { SheetReader, WorkbookPort } from "../src/port/workbookPort";
import { openWorkbookFile } from "../src/preview/openWorkbook";
import { adoptSheet } from "../src/usecases/adoptSheet";
import { buildSummary } from "../src/usecases/buildSummary";
import { createFakeExcel, installExcelGlobals, uninstallExcelGlobals } from "./support/fakeExcel";

beforeAll(() => installExcelGlobals());
afterAll(() => uninstallExcelGlobals());

const FIXTURES = path.join(__dirname, "fixtures", "real-layouts");
const TRUTH = JSON.parse(readFileSync(path.join(FIXTURES, "truth.json"), "utf8")) as Record<string, { sheet: string; actions: number; complete: number }>;
const OPTIONS = { year: "2015/16", currentQuarter: "Q4" as const };
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** The sheet's cells as the file holds them (ExcelJS reads values, merges and fills). */
async function fileCells(name: string, sheet: string): Promise<SheetCells> {
  return (await ExcelJsWorkbook.load(readFileSync(path.join(FIXTURES, `${name}.xlsx`)))).readSheet(sheet);
}

/** Excel (the double) holding the sheet as the user keeps it: values (dates as serials with a date format), merges and fills, active. */
async function officeHolding(cells: SheetCells): Promise<OfficeWorkbook> {
  const fake = createFakeExcel();
  fake.addSheet(cells.sheet);
  const office = (v: CellValue): string | number | boolean => (v instanceof Date ? (v.getTime() - EXCEL_EPOCH) / 86_400_000 : v === null || typeof v === "object" ? "" : v);
  const format = (v: CellValue) => (v instanceof Date ? "dd/mm/yyyy" : typeof v === "number" ? "General" : "@");
  fake.setValues(cells.sheet, "A1", cells.values.map((row) => row.map(office)), cells.values.map((row) => row.map(format)));
  for (const m of cells.merges) fake.merge(cells.sheet, `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`);
  cells.fills?.forEach((row, r) => row.forEach((colour, c) => colour && fake.setFill(cells.sheet, a1(r, c), colour)));
  fake.activate(cells.sheet);
  return new OfficeWorkbook(fake.run);
}

/** The preview's workbook after "Open a workbook file". */
async function previewHolding(name: string): Promise<MemoryWorkbook> {
  const bytes = readFileSync(path.join(FIXTURES, `${name}.xlsx`));
  const memory = new MemoryWorkbook();
  await openWorkbookFile(memory, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return memory;
}

async function adoptAndCount(workbook: WorkbookPort & SheetReader, sheet: string | undefined) {
  const before = await workbook.readSheet(sheet);
  const adopted = await adoptSheet(workbook, sheet, OPTIONS);
  if (!adopted.done) throw new Error(`Refused: ${adopted.reason}`);
  const summary = await buildSummary(workbook, { quarter: "Q4" });
  if (!summary.done) throw new Error(`Summary refused: ${summary.reason}`);
  const overall = summary.report.figures.overall;
  return { counts: { actions: overall.expected, complete: overall.counts.Complete }, before, after: await workbook.readSheet(before.sheet) };
}

describe.each(Object.entries(TRUTH))("%s, adopted in the add-in's hosts", (name, truth) => {
  it("through Office.js on the test double (the sheet the user is on): summary counts as truth.json; the sheet unchanged", async () => {
    const cells = await fileCells(name, truth.sheet);
    const { counts, before, after } = await adoptAndCount(await officeHolding(cells), undefined);
    expect(counts).toEqual({ actions: truth.actions, complete: truth.complete });
    expect(after).toEqual(before);
    expect(before.values).toEqual(cells.values);
  });

  it("in the browser preview's workbook, opened from the file: summary counts as truth.json; the sheet unchanged", async () => {
    const { counts, before, after } = await adoptAndCount(await previewHolding(name), truth.sheet);
    expect(counts).toEqual({ actions: truth.actions, complete: truth.complete });
    expect(after).toEqual(before);
  });
});
