import ExcelJS from "exceljs";
import { CellValue, cellText, columnLetter } from "../../domain/cells";
import { normaliseHeader, STATUSES } from "../../domain/contract";
import { ColumnSpec, PrintSettings, SheetContent, TableSpec } from "../../domain/layout";
import { columnWraps, tableRowHeights } from "../../domain/printLayout";
import { areaOf, SheetCells } from "../../domain/sheetCells";
import { HEAD_ROWS, isSummarySheetName } from "../../domain/ownedSheets";
import { TableSnapshot, WorkbookSnapshot } from "../../domain/snapshot";
import { WorkbookConflictError } from "../../port/errors";
import { idKey, locateIds } from "../../port/keyedRows";
import { ownedTableBody } from "../../port/ownedTable";
import { Change, ChangeSet, SheetReader, WorkbookPort } from "../../port/workbookPort";
import { fromExcelJs } from "./cellValues";
import { addRagColouring, styleCell } from "./excelJsStyles";
import { addRangeValidation, compactValidations, ListNames } from "./validations";

/** The parts of ExcelJS's table model we rely on (the same for loaded and added tables). */
interface TableModel {
  name: string;
  tableRef: string;
  autoFilterRef?: string;
  headerRow: boolean;
  totalsRow: boolean;
  columns: { name: string; filterButton?: boolean }[];
}

/** ExcelJS's typings say getTables() returns pairs; it returns tables. */
function tablesOf(sheet: ExcelJS.Worksheet): ExcelJS.Table[] {
  return sheet.getTables() as unknown as ExcelJS.Table[];
}

/** Tab order: ExcelJS sorts sheets by this, but its typings omit it. */
type Ordered = { orderNo: number };

interface PlacedTable {
  sheet: ExcelJS.Worksheet;
  model: TableModel;
  top: number;
  left: number;
  width: number;
  /** Data rows. */
  height: number;
}

function place(sheet: ExcelJS.Worksheet, table: ExcelJS.Table): PlacedTable {
  const model = (table as unknown as { table: TableModel }).table;
  const [from, to = from] = model.tableRef.split(":");
  const start = sheet.getCell(from);
  const end = sheet.getCell(to);
  const top = Number(start.row) - 1;
  const left = Number(start.col) - 1;
  const bottom = Number(end.row) - 1 - (model.totalsRow ? 1 : 0);
  return { sheet, model, top, left, width: Number(end.col) - left, height: Math.max(0, bottom - top) };
}

/** How the tool shows a date (as Office and the file host do). */
const DATE_FORMAT = "dd/mm/yyyy";

/** Fixed lists; officer and priority lists are workbook names over the registers (ListNames). */
const FIXED_LISTS: Partial<Record<ColumnSpec["kind"], string>> = {
  status: `"${STATUSES.join(",")}"`,
  yesNo: `"Yes,No"`,
};

/** A drop-down waiting for the end of the change set, when every register it may refer to exists. */
interface PendingList {
  readonly sheet: ExcelJS.Worksheet;
  readonly range: string;
  readonly column: ColumnSpec;
}

/** The workbook port over an ExcelJS workbook: the command line's host. */
export class ExcelJsWorkbook implements WorkbookPort, SheetReader {
  private readonly listNames: ListNames;
  private pending: PendingList[] = [];

  constructor(readonly workbook: ExcelJS.Workbook) {
    this.listNames = new ListNames(workbook, () => new Set(this.tables().map((t) => t.model.name.toLowerCase())));
  }

  static empty(): ExcelJsWorkbook {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = "csp-plan";
    return new ExcelJsWorkbook(workbook);
  }

  /**
   * Loads a workbook already checked by the preflight. ExcelJS reads a table whose XML omits
   * `headerRowCount` (Excel's default of 1) as having no header row, and would save it so; the names
   * of tables that really have none are passed in and every other table's header row is restored.
   */
  static async load(bytes: Buffer, tablesWithoutHeaderRow: ReadonlySet<string> = new Set()): Promise<ExcelJsWorkbook> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    for (const sheet of workbook.worksheets) {
      compactValidations(sheet);
      // ExcelJS reads a page set-up without a first page number as page 1 and would save it so, turning
      // Excel's "Auto" numbering into "1" on every sheet; keep it Auto. One copy is Excel's default: left unsaid.
      const setup = sheet.pageSetup as { firstPageNumber?: number; useFirstPageNumber?: boolean; copies?: number };
      if (!setup.useFirstPageNumber) setup.firstPageNumber = undefined;
      if (setup.copies === 1) setup.copies = undefined;
      for (const table of tablesOf(sheet)) {
        const model = (table as unknown as { table: TableModel }).table;
        model.headerRow = !tablesWithoutHeaderRow.has(model.name);
      }
    }
    return new ExcelJsWorkbook(workbook);
  }

  async toBuffer(): Promise<Buffer> {
    return Buffer.from(await this.workbook.xlsx.writeBuffer());
  }

  /** The workbook as .xlsx bytes without Node's Buffer: for the task pane, which builds next year's plan in the browser. */
  async toBytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.workbook.xlsx.writeBuffer());
  }

  private tables(): PlacedTable[] {
    return this.workbook.worksheets.flatMap((sheet) =>
      tablesOf(sheet).map((t) => place(sheet, t)).filter((t) => t.model.headerRow));
  }

  async read(): Promise<WorkbookSnapshot> {
    const tables: TableSnapshot[] = this.tables().map((t) => {
      const rowValues = (row: number) => {
        const excelRow = t.sheet.getRow(row + 1);
        return Array.from({ length: t.width }, (_, c) => fromExcelJs(excelRow.getCell(t.left + c + 1).value));
      };
      const headers = rowValues(t.top).map((h) => (h === null ? "" : String(h)));
      const rows = Array.from({ length: t.height }, (_, r) => rowValues(t.top + 1 + r));
      return { name: t.model.name, sheet: t.sheet.name, top: t.top, left: t.left, headers, rows };
    });
    // The first cells of any sheet the tool might own, for its ownership mark (domain/ownedSheets.ts).
    const sheetHeads = this.workbook.worksheets
      .filter((sheet) => isSummarySheetName(sheet.name))
      .map((sheet) => ({ sheet: sheet.name, cells: Array.from({ length: HEAD_ROWS }, (_, r) => fromExcelJs(sheet.getRow(r + 1).getCell(1).value)) }));
    return { sheetNames: this.workbook.worksheets.map((s) => s.name), tables, sheetHeads };
  }

  /** Keyed writes are located first, so a missing ID refuses the change set before anything is written. */
  /** The sheet's values from A1, its merged areas and its solid fills (theme colours cannot be told apart: said in `unread`). */
  async readSheet(name?: string): Promise<SheetCells> {
    const sheet = name === undefined ? this.workbook.worksheets[0] : this.workbook.worksheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!sheet) throw new Error(name === undefined ? "This workbook has no sheets." : `There is no sheet named "${name}".`);
    const rows = sheet.rowCount;
    const columns = sheet.columnCount;
    const values: CellValue[][] = [];
    const fills: (string | null)[][] = [];
    let themed = false;
    for (let r = 1; r <= rows; r++) {
      const row = sheet.getRow(r);
      values.push(Array.from({ length: columns }, (_, c) => fromExcelJs(row.getCell(c + 1).value)));
      fills.push(Array.from({ length: columns }, (_, c) => {
        const fill = row.getCell(c + 1).fill;
        if (!fill || fill.type !== "pattern" || fill.pattern !== "solid") return null;
        const argb = fill.fgColor?.argb;
        if (!argb) {
          themed ||= fill.fgColor?.theme !== undefined;
          return null;
        }
        return `#${argb.slice(-6).toUpperCase()}`;
      }));
    }
    const merges = ((sheet.model as { merges?: string[] }).merges ?? []).flatMap((m) => areaOf(m) ?? []);
    return { sheet: sheet.name, values, merges, fills, unread: themed ? ["fill colours chosen from the theme palette"] : [] };
  }

  async apply(changes: ChangeSet): Promise<void> {
    const located = changes.map((change) => (change.kind === "setColumn" || change.kind === "setCells" ? this.locate(change) : undefined));
    for (const change of changes) {
      const columns = change.kind === "createTable" || change.kind === "writeOwnedTable" ? change.table.columns : change.kind === "addColumns" ? change.columns : [];
      for (const column of columns) this.listNames.check(column.kind);
    }
    this.pending = [];
    changes.forEach((change, i) => this.applyOne(change, located[i]));
    // Drop-downs last: the registers this change set creates exist by now.
    for (const { sheet, range, column } of this.pending) {
      const named = this.listNames.nameFor(column.kind);
      const list = FIXED_LISTS[column.kind] ?? named;
      if (!list) continue;
      addRangeValidation(sheet, range, {
        type: "list", allowBlank: true, formulae: [list], showErrorMessage: true,
        // A warning, not a stop, for names: the check explains an unregistered name better than a pop-up can.
        errorStyle: column.kind === "status" ? "stop" : "warning",
        errorTitle: column.header, error: `Choose a ${column.header.toLowerCase()} from the list.`,
      });
    }
    this.pending = [];
  }

  /** The current data row of each ID a keyed change names (WorkbookConflictError if one is gone). */
  private locate(change: Extract<Change, { kind: "setColumn" | "setCells" }>): Map<string, number> {
    const { t, index } = this.column(change.table, change.key);
    const ids = Array.from({ length: t.height }, (_, r) => cellText(fromExcelJs(t.sheet.getRow(t.top + 2 + r).getCell(t.left + index + 1).value)));
    const wanted = change.kind === "setColumn" ? change.rows.map((r) => r.id) : change.cells.map((c) => c.id);
    return locateIds(t.model.name, ids, wanted);
  }

  /** One cell of a table's data row; a Date is written as a date cell shown dd/mm/yyyy. */
  private setTableCell(tableName: string, row: number, column: string, value: string | Date | null): void {
    const { t, index } = this.column(tableName, column);
    const cell = t.sheet.getRow(t.top + 2 + row).getCell(t.left + index + 1);
    cell.value = value === "" ? null : value;
    if (value instanceof Date) cell.numFmt = DATE_FORMAT;
  }

  /**
   * A table the tool owns, written whole (port: writeOwnedTable): created as createTable where missing.
   * Else the table keeps its name, place and header row; its data rows become the spec's (rows it gains take
   * the first data row's formats, with the kind's drop-down and RAG colours over them), the cells of rows it
   * no longer covers are emptied (formats kept), and its `ref` and filter range follow. Other cells stay.
   */
  private writeOwnedTable(spec: TableSpec): void {
    const t = this.tables().find((x) => x.model.name.toLowerCase() === spec.name.toLowerCase());
    if (!t) return this.createTable(spec);
    if (t.model.totalsRow) throw new WorkbookConflictError(`The ${t.model.name} table has a totals row, which the tool does not write. Nothing was written: turn it off (Table Design → Total Row), then try again.`);
    const headerRow = t.sheet.getRow(t.top + 1);
    const headers = Array.from({ length: t.width }, (_, c) => String(fromExcelJs(headerRow.getCell(t.left + c + 1).value) ?? ""));
    const body = ownedTableBody(spec, headers);
    const first = t.sheet.getRow(t.top + 2);
    for (let r = 0; r < Math.max(t.height, body.length); r++) {
      const row = t.sheet.getRow(t.top + 2 + r);
      for (let c = 0; c < t.width; c++) {
        const cell = row.getCell(t.left + c + 1);
        if (r >= t.height && r > 0) cell.style = { ...first.getCell(t.left + c + 1).style };
        const value = body[r]?.[c] ?? null;
        cell.value = value === "" ? null : (value as ExcelJS.CellValue);
        if (value instanceof Date && spec.columns[c]?.kind !== "date") cell.numFmt = DATE_FORMAT;
        else if (spec.columns[c]?.kind === "date" && r < body.length) cell.numFmt = DATE_FORMAT;
      }
    }
    if (body.length > t.height) {
      const from = t.top + 2 + t.height;
      const to = t.top + 1 + body.length;
      spec.columns.forEach((column, c) => {
        const letter = columnLetter(t.left + c);
        if (FIXED_LISTS[column.kind] || this.listNames.nameFor(column.kind)) this.pending.push({ sheet: t.sheet, range: `${letter}${from}:${letter}${to}`, column });
        if (column.kind === "rag") addRagColouring(t.sheet, `${letter}${from}:${letter}${to}`, `$${letter}${from}`);
      });
    }
    const bottom = t.top + 1 + body.length;
    const lower = (ref: string | undefined) => ref?.replace(/:([A-Z]+)(\d+)$/, (_, col: string) => `:${col}${bottom}`);
    t.model.tableRef = t.model.tableRef.includes(":") ? lower(t.model.tableRef)! : `${t.model.tableRef}:${columnLetter(t.left + t.width - 1)}${bottom}`;
    t.model.autoFilterRef = lower(t.model.autoFilterRef);
  }

  private applyOne(change: Change, rows = new Map<string, number>()): void {
    switch (change.kind) {
      case "setColumn":
        return change.rows.forEach((r) => this.setTableCell(change.table, rows.get(idKey(r.id))!, change.column, r.value));
      case "replaceSheet":
        return this.replaceSheet(change.sheet, change.content);
      case "createTable":
        return this.createTable(change.table);
      case "writeOwnedTable":
        return this.writeOwnedTable(change.table);
      case "setSheetCell": {
        const sheet = this.workbook.worksheets.find((s) => s.name.toLowerCase() === change.sheet.toLowerCase());
        if (!sheet) throw new Error(`No sheet named "${change.sheet}".`);
        sheet.getRow(change.row + 1).getCell(change.column + 1).value = change.value;
        return;
      }
      case "renameTable": {
        if (this.tables().some((x) => x.model.name.toLowerCase() === change.name.toLowerCase())) throw new Error(`A table named "${change.name}" already exists.`);
        const { t } = this.column(change.table, undefined);
        const tables = (t.sheet as unknown as { tables: Record<string, ExcelJS.Table> }).tables;
        const table = tables[t.model.name];
        delete tables[t.model.name];
        t.model.name = change.name;
        (t.model as TableModel & { displayName?: string }).displayName = change.name;
        tables[change.name] = table;
        return;
      }
      case "renameColumns": {
        const { t } = this.column(change.table, undefined);
        for (const c of change.columns) {
          t.sheet.getRow(t.top + 1).getCell(t.left + c.index + 1).value = c.name;
          t.model.columns[c.index].name = c.name;
        }
        return;
      }
      case "addColumns": {
        const { t } = this.column(change.table, undefined);
        for (const column of change.columns) {
          const at = t.left + t.model.columns.length + 1;
          for (let r = t.top + 1; r <= t.top + 1 + t.height; r++) {
            if (t.sheet.getRow(r).getCell(at).value !== null) throw new Error(`Cannot add "${column.header}" to ${t.model.name}: the cells to its right are not empty.`);
          }
          t.sheet.getRow(t.top + 1).getCell(at).value = column.header;
          t.model.columns.push({ name: column.header, filterButton: true });
          const widen = (ref: string | undefined) => ref?.replace(/:([A-Z]+)(\d+)$/, (_, _col: string, row: string) => `:${columnLetter(at - 1)}${row}`);
          t.model.tableRef = widen(t.model.tableRef)!;
          t.model.autoFilterRef = widen(t.model.autoFilterRef);
          formatColumn(t.sheet, at - 1, t.top + 2, t.top + 1 + t.height, { header: column.header, kind: column.kind, width: 14 }, this.pending);
        }
        return;
      }
      case "setCells":
        return change.cells.forEach((cell) => this.setTableCell(change.table, rows.get(idKey(cell.id))!, cell.column, cell.value));
    }
    const unknown: never = change;
    throw new Error(`Unknown change ${JSON.stringify(unknown)}`);
  }

  private column(tableName: string, column: string | undefined): { t: PlacedTable; index: number } {
    const t = this.tables().find((x) => x.model.name.toLowerCase() === tableName.toLowerCase());
    if (!t) throw new Error(`No table named ${tableName}.`);
    if (column === undefined) return { t, index: -1 };
    const headerRow = t.sheet.getRow(t.top + 1);
    const index = Array.from({ length: t.width }, (_, c) => String(fromExcelJs(headerRow.getCell(t.left + c + 1).value) ?? ""))
      .findIndex((h) => normaliseHeader(h) === normaliseHeader(column));
    if (index < 0) throw new Error(`The ${tableName} table has no "${column}" column.`);
    return { t, index };
  }

  /** Replaces a sheet's contents, keeping its place among the tabs; creates it if missing. */
  private replaceSheet(name: string, content: SheetContent): void {
    const existing = this.workbook.worksheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    const orderNo = (existing as unknown as Ordered | undefined)?.orderNo;
    if (existing) this.workbook.removeWorksheet(existing.id);
    const sheet = this.workbook.addWorksheet(existing?.name ?? name);
    if (orderNo !== undefined) (sheet as unknown as Ordered).orderNo = orderNo;
    content.columnWidths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
    content.rows.forEach((cells, r) => {
      const row = sheet.getRow(r + 1);
      cells.forEach((c, col) => {
        if (c.value === null && !c.style) return;
        const cell = row.getCell(col + 1);
        cell.value = c.value;
        styleCell(cell, c.style, c.value);
        if ((c.across ?? 1) > 1) sheet.mergeCells(r + 1, col + 1, r + 1, col + c.across!);
      });
    });
    content.rowHeights?.forEach((h, r) => {
      if (h) sheet.getRow(r + 1).height = h;
    });
    setPrint(sheet, content.print);
    // ExcelJS cannot draw charts: the Office host draws content.chart; files carry the table it is drawn from.
  }

  private createTable(spec: TableSpec): void {
    if (this.workbook.worksheets.some((s) => s.name.toLowerCase() === spec.sheet.toLowerCase())) {
      throw new Error(`A sheet named "${spec.sheet}" already exists.`);
    }
    const sheet = this.workbook.addWorksheet(spec.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addTable({
      name: spec.name,
      ref: "A1",
      headerRow: true,
      totalsRow: false,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: spec.columns.map((c) => ({ name: c.header, filterButton: true })),
      rows: spec.rows.map((r) => [...r] as unknown[]),
    });
    const last = spec.rows.length + 1;
    spec.columns.forEach((c, i) => formatColumn(sheet, i, 2, last, c, this.pending));
    tableRowHeights(spec).forEach((h, r) => {
      if (h) sheet.getRow(r + 1).height = h;
    });
    setPrint(sheet, spec.print);
  }
}

/**
 * A sheet's page set-up from the domain's print settings: ExcelJS writes `fitToPage` (sheetPr/pageSetUpPr)
 * with fitToWidth and fitToHeight, `printTitlesRow` as the sheet's `_xlnm.Print_Titles` name, and the footer.
 */
export function setPrint(sheet: ExcelJS.Worksheet, print: PrintSettings | undefined): void {
  if (!print) return;
  sheet.pageSetup.orientation = print.orientation;
  if (print.onePageWide) {
    sheet.pageSetup.fitToPage = true;
    sheet.pageSetup.fitToWidth = 1;
    sheet.pageSetup.fitToHeight = 0;
  }
  if (print.repeatRows > 0) sheet.pageSetup.printTitlesRow = `1:${print.repeatRows}`;
  if (print.footer) sheet.headerFooter.oddFooter = `&C${print.footer}`;
}

/** Width, number format, wrapping and top alignment, drop-down list and RAG colouring for one table column's data cells (1-based rows). */
function formatColumn(sheet: ExcelJS.Worksheet, index: number, firstRow: number, lastRow: number, c: ColumnSpec, pending: PendingList[]): void {
  sheet.getColumn(index + 1).width = c.width;
  const letter = columnLetter(index);
  for (let row = firstRow; row <= lastRow; row++) {
    const cell = sheet.getCell(`${letter}${row}`);
    if (c.kind === "date") cell.numFmt = "dd/mm/yyyy";
    cell.alignment = columnWraps(c.kind) ? { wrapText: true, vertical: "top" } : { vertical: "top" };
  }
  // One range, not a validation per cell (Excel copies it to rows added to the table); set at the end of apply.
  if (lastRow >= firstRow) pending.push({ sheet, range: `${letter}${firstRow}:${letter}${lastRow}`, column: c });
  if (c.kind === "rag" && lastRow >= firstRow) addRagColouring(sheet, `${letter}${firstRow}:${letter}${lastRow}`, `$${letter}${firstRow}`);
}
