/**
 * Walks a written workbook and lists everything in it that breaks one of Excel's limits
 * (src/domain/excelLimits.ts): every cell's text, every sheet and table name, every column width, every
 * cell's position and every typed list validation. A workbook Excel would open without repair gives no
 * breaches.
 *
 *   const walk = await fileWalk(bytes);
 *   expect(walk.breaches).toEqual([]);
 *   expect(walk.longest).toBe(EXCEL_LIMITS.cellCharacters);   // the walk really met text at the limit
 */
import ExcelJS from "exceljs";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { a1 } from "../../src/domain/cells";
import { EXCEL_LIMITS, sheetNameProblem, tableNameProblem } from "../../src/domain/excelLimits";
import { FakeExcel } from "./fakeExcel";
import { usedRangeAddresses } from "./cellDiff";
import { parseA1 } from "./fakeExcel/a1";
import { normaliseValue } from "./workbookDump";

export interface LimitsWalk {
  /** Each breach in words, with where it is (`'Sheet'!B7: …`); empty when the workbook is within the limits. */
  readonly breaches: readonly string[];
  /** How many non-empty cells the walk read. */
  readonly cells: number;
  /** The longest cell text it read, in UTF-16 code units. */
  readonly longest: number;
  /** Every sheet name, in tab order. */
  readonly sheets: readonly string[];
}

/** Collects breaches and counts while a walk goes. */
class Walker {
  readonly breaches: string[] = [];
  cells = 0;
  longest = 0;
  readonly sheets: string[] = [];

  sheet(name: string): void {
    this.sheets.push(name);
    const problem = sheetNameProblem(name);
    if (problem) this.breaches.push(problem);
  }

  table(sheet: string, name: string): void {
    const problem = tableNameProblem(name);
    if (problem) this.breaches.push(`'${sheet}': ${problem}`);
  }

  /** `row` and `column` are zero-based. */
  cell(sheet: string, row: number, column: number, text: string | undefined): void {
    this.cells += 1;
    const where = `'${sheet}'!${a1(row, column)}`;
    if (row >= EXCEL_LIMITS.rows || column >= EXCEL_LIMITS.columns) this.breaches.push(`${where}: beyond Excel's last row or column`);
    if (text === undefined) return;
    this.longest = Math.max(this.longest, text.length);
    if (text.length > EXCEL_LIMITS.cellCharacters) this.breaches.push(`${where}: ${text.length} characters`);
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) this.breaches.push(`${where}: a surrogate pair cut in half`);
  }

  width(sheet: string, column: number, width: number | undefined): void {
    if (width !== undefined && !(width >= 0 && width <= EXCEL_LIMITS.columnWidth)) this.breaches.push(`'${sheet}' column ${column + 1}: width ${width}`);
  }

  /** A list validation's source as stored in a file (a typed list in double quotes). */
  validation(sheet: string, range: string, formula: string): void {
    // Only a typed list ("a,b,c") has Excel's 255-character limit; a reference or formula has not.
    if (formula.startsWith('"')) this.typedList(sheet, range, formula.slice(1, -1));
  }

  typedList(sheet: string, range: string, list: string): void {
    if (list.length > EXCEL_LIMITS.validationListCharacters) this.breaches.push(`'${sheet}'!${range}: a list validation of ${list.length} characters`);
  }

  result(): LimitsWalk {
    return { breaches: this.breaches, cells: this.cells, longest: this.longest, sheets: this.sheets };
  }
}

/** The in-memory workbook, as its sheets hold it. */
export function memoryWalk(workbook: MemoryWorkbook): LimitsWalk {
  const walker = new Walker();
  for (const sheet of workbook.sheets) {
    walker.sheet(sheet.name);
    for (const table of sheet.tables) walker.table(sheet.name, table.name);
    sheet.columnWidths.forEach((w, c) => walker.width(sheet.name, c, w));
    for (const [at, cell] of sheet.cells) {
      const [row, column] = at.split(",").map(Number);
      walker.cell(sheet.name, row, column, typeof cell.value === "string" ? cell.value : undefined);
    }
  }
  return walker.result();
}

/** ExcelJS's typings say getTables() returns pairs; it returns tables. */
type TableLike = { table?: { name?: string }; name?: string };

/** .xlsx bytes, re-opened with ExcelJS as Excel would open the file. */
export async function fileWalk(bytes: Buffer): Promise<LimitsWalk> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const walker = new Walker();
  for (const sheet of workbook.worksheets) {
    walker.sheet(sheet.name);
    for (const table of sheet.getTables() as unknown as TableLike[]) walker.table(sheet.name, String(table.table?.name ?? table.name ?? ""));
    (sheet.columns ?? []).forEach((column, c) => walker.width(sheet.name, c, column.width));
    sheet.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => {
      const value = normaliseValue(cell.value);
      walker.cell(sheet.name, Number(cell.row) - 1, Number(cell.col) - 1, typeof value === "string" ? value : undefined);
    }));
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, { formulae?: unknown[] } | undefined> } }).dataValidations.model;
    for (const [range, validation] of Object.entries(validations)) {
      for (const formula of validation?.formulae ?? []) walker.validation(sheet.name, range, String(formula));
    }
  }
  return walker.result();
}

/**
 * The Office.js test double, through its inspection API: every cell of each sheet's used range, the sheet and
 * table names, and typed list validations (a source not starting with `=`). Column widths are left out: Office
 * sets them in points, and the adapter's conversion from characters is its own.
 */
export async function officeWalk(fake: FakeExcel): Promise<LimitsWalk> {
  const walker = new Walker();
  const names = fake.sheetNames();
  const used = await usedRangeAddresses(fake, names, true);
  for (const table of fake.tables()) walker.table(table.sheet, table.name);
  names.forEach((name, i) => {
    walker.sheet(name);
    const rect = used[i] === undefined ? undefined : parseA1(used[i]!)?.rect;
    for (let row = rect?.row ?? 0; rect && row < rect.row + rect.rows; row++) {
      for (let column = rect.col; column < rect.col + rect.cols; column++) {
        const value = fake.cell(name, a1(row, column))?.value;
        if (value !== undefined && value !== "") walker.cell(name, row, column, typeof value === "string" ? value : undefined);
      }
    }
    for (const v of fake.validations(name)) {
      const source = (v.rule as { list?: { source?: unknown } } | undefined)?.list?.source;
      if (typeof source === "string" && !source.startsWith("=")) walker.typedList(name, v.address, source);
    }
  });
  return walker.result();
}
