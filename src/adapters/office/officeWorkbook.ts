import { CellLook } from "../../domain/cellLooks";
import { a1, CellValue } from "../../domain/cells";
import { normaliseHeader, STATUSES } from "../../domain/contract";
import { ColumnKind, PrintSettings, SheetContent, TableSpec } from "../../domain/layout";
import { columnWraps, tableRowHeights } from "../../domain/printLayout";
import { RAG_RATINGS } from "../../domain/rag";
import { RAG_COLOURS } from "../../domain/ragColours";
import { LIST_NAMES } from "../../domain/listNames";
import { WorkbookSnapshot } from "../../domain/snapshot";
import { WorkbookBusyError } from "../../port/errors";
import { idKey } from "../../port/keyedRows";
import { SheetCells } from "../../domain/sheetCells";
import { Change, ChangeSet, ReadOptions, SheetReader, WorkbookPort } from "../../port/workbookPort";
import { columnsToAdd, confirm, Confirmed, confirmRoomBeside, queueConfirm, SheetNow, TableNow } from "./officeConfirm";
import { errorCode } from "./officeErrors";
import { columnFormat, rewriteOwnedTable } from "./officeOwnedTable";
import { readWorkbook } from "./officeRead";
import { readSheetCells } from "./officeSheet";
import { DATE_FORMAT, TEXT_FORMAT, toOffice } from "./officeValues";
import { RequestBudget, sliceGrid } from "./requestBudget";
import { numberFormatFor, styleBlocks } from "./sheetStyles";

/** A batch of Office.js work over one request context. */
export type ExcelBatch<T> = (context: Excel.RequestContext) => Promise<T>;

/** `Excel.run`, or a test double of it: with RunOptions (ExcelApi 1.11 `delayForCellEdit`) or without. */
export interface ExcelRun {
  <T>(batch: ExcelBatch<T>): Promise<T>;
  <T>(options: Excel.RunOptions, batch: ExcelBatch<T>): Promise<T>;
}

/** Which optional requirement sets this Excel has (Office.context.requirements.isSetSupported). */
export type SupportsSet = (name: string, version: string) => boolean;

export interface OfficeWorkbookOptions {
  /** Excel on the web refuses requests over 5 MB; keep well under it. */
  readonly maxRequestBytes?: number;
  readonly supports?: SupportsSet;
}

/**
 * What one row-height write adds to a request: about 450 bytes on the wire (a range's object path from the
 * sheet, its format, the property), measured on the test double, which sends Office.js's request JSON.
 * Counted at 150 before, a Q4 summary of 10,000 actions (its carried list's rows each with a height) passed
 * the 5 MB limit.
 */
const ROW_HEIGHT_BYTES = 500;
/** What formatting one block with a look adds: up to eight property writes of about 250 bytes (measured as above). */
const LOOK_BYTES = 2000;

/** Columns of points per character of width, near enough for Calibri 11. */
const POINTS_PER_CHARACTER = 6.5;

/** Fixed lists, written into the rule; the officer and priority lists are workbook names (src/domain/listNames.ts). */
const FIXED_LISTS: Partial<Record<ColumnKind, string>> = {
  status: STATUSES.join(","),
  yesNo: "Yes,No",
};

/** A drop-down to set once every table and name it depends on has been queued. */
interface PendingValidation {
  readonly range: Excel.Range;
  readonly kind: ColumnKind;
  readonly header: string;
}


/** Excel.ErrorCodes.invalidOperationInCellEditMode: the user is typing in a cell. */
const CELL_EDIT_MODE = "InvalidOperationInCellEditMode";
/** Excel.ErrorCodes.operationCellsExceedLimit: on the web, a column add that would move too many cells. */
const CELLS_EXCEED_LIMIT = "OperationCellsExceedLimit";

/** Adjacent rows as runs, in row order, so each run is one 2-D write. */
function runsOf<T extends { row: number }>(cells: readonly T[]): T[][] {
  const runs: T[][] = [];
  for (const cell of [...cells].sort((a, b) => a.row - b.row)) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].row === cell.row - 1) last.push(cell);
    else runs.push([cell]);
  }
  return runs;
}

/**
 * The workbook port over Office.js. A read is two syncs for an ordinary plan (see officeRead.ts); a change
 * set is two more, however large the plan (one to confirm it against the workbook, one to write), unless a
 * write would pass Excel's request limit, when it is split.
 */
export class OfficeWorkbook implements WorkbookPort, SheetReader {
  private readonly maxRequestBytes: number;
  private readonly supports: SupportsSet;

  constructor(private readonly run: ExcelRun, options: OfficeWorkbookOptions = {}) {
    this.maxRequestBytes = options.maxRequestBytes ?? 4 * 1024 * 1024;
    this.supports = options.supports ?? (() => true);
  }

  /**
   * Two syncs for a set-up plan of up to about 5,000 actions: the sheets and the plan tables' shapes, then
   * every row. Larger plans take one more sync per 4 MB of cells (Excel on the web caps a response at 5 MB).
   * A background read never waits for a cell being edited: it throws WorkbookBusyError.
   */
  read(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    return this.runBatch(options.background === true, async (context) => (await readWorkbook(context, this.maxRequestBytes)).snapshot);
  }

  /**
   * One sheet's raw cells, for adopting a plan kept in any layout: the active sheet when `sheet` is
   * undefined. Two syncs for a sheet of up to about 5,000 rows (values, then merged areas and fills where
   * this Excel has ExcelApi 1.13 and 1.9); see officeSheet.ts. Started by the user, so it waits out a cell
   * being edited where it can.
   */
  readSheet(sheet?: string): Promise<SheetCells> {
    return this.runBatch(false, (context) => readSheetCells(context, sheet, this.maxRequestBytes, this.supports));
  }

  /**
   * Two syncs (more only when a write would pass Excel's request limit): the first loads what the change set
   * depends on and checks it (officeConfirm.ts), the second writes. A change set that no longer fits the
   * workbook throws WorkbookConflictError with nothing written; nothing is ever retried, because an Office.js
   * batch that fails part-way keeps what it wrote before the failure.
   */
  apply(changes: ChangeSet): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    return this.runBatch(false, async (context) => {
      const loads = queueConfirm(context, changes, this.supports("ExcelApi", "1.8"));
      await context.sync();
      const confirmed = confirm(loads, changes);
      await confirmRoomBeside(context, confirmed, changes);
      await this.write(context, confirmed, changes);
    });
  }

  /**
   * Runs a batch as the user expects. One the user started waits while they are typing in a cell
   * (`delayForCellEdit`, ExcelApi 1.11); a background one never waits. Either way, where Excel refuses the
   * batch because a cell is being edited (InvalidOperationInCellEditMode), it becomes WorkbookBusyError.
   */
  private async runBatch<T>(background: boolean, batch: ExcelBatch<T>): Promise<T> {
    try {
      if (!background && this.supports("ExcelApi", "1.11")) return await this.run({ delayForCellEdit: true }, batch);
      return await this.run(batch);
    } catch (error) {
      if (errorCode(error) === CELL_EDIT_MODE) throw new WorkbookBusyError();
      if (errorCode(error) === CELLS_EXCEED_LIMIT) {
        throw new Error("Excel could not make room for the new columns: too many cells beside the table would move. Move the cells to the right of the table elsewhere, then try again.");
      }
      throw error;
    }
  }

  /** Writes, in the order that keeps every reference valid: tables and columns, then list names, then drop-downs. */
  private async write(context: Excel.RequestContext, confirmed: Confirmed, changes: ChangeSet): Promise<void> {
    const budget = new RequestBudget(context, this.maxRequestBytes);
    const pending: PendingValidation[] = [];
    for (const change of changes) await this.queue(context, budget, confirmed, change, pending);
    await this.validateAll(context, budget, confirmed, changes, pending);
    await budget.flush();
  }

  private async queue(context: Excel.RequestContext, budget: RequestBudget, confirmed: Confirmed, change: Change, pending: PendingValidation[]): Promise<void> {
    switch (change.kind) {
      case "setColumn":
        return this.setKeyed(context, budget, change.table, confirmed.rows.get(change)!, change.rows.map((r) => ({ ...r, column: change.column })));
      case "setCells":
        return this.setKeyed(context, budget, change.table, confirmed.rows.get(change)!, change.cells);
      case "replaceSheet":
        return this.replaceSheet(context, budget, confirmed.sheets, change.sheet, change.content);
      case "createTable":
        return this.createTable(context, budget, change.table, pending);
      case "writeOwnedTable": {
        const now = confirmed.tables.get(change.table.name.toLowerCase());
        if (!now) return this.createTable(context, budget, change.table, pending);
        return rewriteOwnedTable(context, budget, now, change.table, this.supports, this.maxRequestBytes);
      }
      case "setSheetCell": {
        await budget.reserve(RequestBudget.sizeOf([[change.value]]) + 400);
        const target = context.workbook.worksheets.getItem(change.sheet).getRangeByIndexes(change.row, change.column, 1, 1);
        target.numberFormat = [[TEXT_FORMAT]];
        target.values = [[change.value]];
        return;
      }
      case "renameTable":
        if (confirmed.doneRenames.has(change)) return;
        await budget.reserve(400);
        context.workbook.tables.getItem(change.table).name = change.name;
        return;
      case "renameColumns":
        for (const column of change.columns) {
          await budget.reserve(RequestBudget.sizeOf([[column.name]]) + 400);
          // The column's name, not its header cell: the same whether the header row is shown or not.
          context.workbook.tables.getItem(change.table).columns.getItemAt(column.index).name = column.name;
        }
        return;
      case "addColumns":
        return this.addColumns(context, budget, confirmed.tables.get(change.table.toLowerCase())!, change.table, change.columns, pending);
    }
    const unknown: never = change;
    throw new Error(`Unknown change ${JSON.stringify(unknown)}`);
  }

  /**
   * Cells of a table on the rows their IDs were found on in this batch (confirm), one 2-D write per run of
   * adjacent rows of a column: never a row below the table, so a write never grows it. Text is written with
   * the text format; a Date as its serial with dd/mm/yyyy (values and numberFormat in the same write).
   */
  private async setKeyed(context: Excel.RequestContext, budget: RequestBudget, table: string, rows: ReadonlyMap<string, number>, cells: readonly { id: string; column: string; value: string | Date | null }[]): Promise<void> {
    const byColumn = new Map<string, { row: number; value: string | number; format: string }[]>();
    for (const cell of cells) {
      const list = byColumn.get(cell.column) ?? [];
      // A date goes as its serial with the date format, in the same 2-D write: a real date cell.
      const value = cell.value instanceof Date ? toOffice(cell.value) as number : cell.value ?? "";
      list.push({ row: rows.get(idKey(cell.id))!, value, format: cell.value instanceof Date ? DATE_FORMAT : TEXT_FORMAT });
      byColumn.set(cell.column, list);
    }
    for (const [column, list] of byColumn) {
      const body = context.workbook.tables.getItem(table).columns.getItem(column).getDataBodyRange();
      for (const run of runsOf(list)) {
        const values = run.map((c) => [c.value]);
        await budget.reserve(RequestBudget.sizeOf(values) * 2 + 400);
        const target = body.getCell(run[0].row, 0).getResizedRange(run.length - 1, 0);
        target.numberFormat = run.map((c) => [c.format]);
        target.values = values;
      }
    }
  }

  /**
   * A summary sheet is ours: it is deleted and added again in the same place, which also removes its old
   * chart (clearing a range leaves charts behind, and finding them would cost another sync).
   */
  private async replaceSheet(context: Excel.RequestContext, budget: RequestBudget, sheets: readonly SheetNow[], name: string, content: SheetContent): Promise<void> {
    const existing = sheets.find((s) => normaliseHeader(s.name) === normaliseHeader(name));
    if (existing) context.workbook.worksheets.getItem(existing.name).delete();
    const sheet = context.workbook.worksheets.add(existing?.name ?? name);
    if (existing) sheet.position = existing.position;

    const width = Math.max(1, ...content.rows.map((r) => r.length));
    const grid = content.rows.map((row) => Array.from({ length: width }, (_, c) => row[c]?.value ?? ""));
    const formats = content.rows.map((row) => Array.from({ length: width }, (_, c) => numberFormatFor(row[c]?.style, row[c]?.value ?? null)));
    for (const slice of sliceGrid(grid, formats, this.maxRequestBytes / 2)) {
      await budget.reserve(slice.bytes);
      const range = sheet.getRangeByIndexes(slice.start, 0, slice.values.length, width);
      range.numberFormat = slice.formats;
      range.values = slice.values;
    }
    await budget.reserve(4000);
    content.columnWidths.forEach((w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w * POINTS_PER_CHARACTER));
    // A cell across several columns: merged with the cells to its right (Range.merge, ExcelApi 1.2).
    for (const [r, row] of content.rows.entries()) {
      for (const [c, cell] of row.entries()) {
        if ((cell.across ?? 1) <= 1) continue;
        await budget.reserve(300);
        sheet.getRangeByIndexes(r, c, 1, cell.across!).merge(false);
      }
    }
    for (const block of styleBlocks(content)) {
      await budget.reserve(LOOK_BYTES);
      applyLook(sheet.getRangeByIndexes(block.top, block.left, block.rows, block.columns), block.look, block.rows);
    }
    await this.setRowHeights(sheet, budget, content.rowHeights ?? []);
    await this.setPrint(sheet, budget, content.print);
    if (content.chart) {
      const c = content.chart;
      const chart = sheet.charts.add("ColumnStacked", sheet.getRangeByIndexes(c.dataTop, c.dataLeft, c.dataRows, c.dataColumns), "Columns");
      chart.name = "StatusByPriority";
      chart.title.text = c.title;
      chart.setPosition(a1(c.anchorRow, c.anchorColumn), a1(c.anchorRow + 18, c.anchorColumn + 9));
    }
  }

  /**
   * Adds columns at the right of a table (TableColumnCollection.add; rows are never added). Columns already
   * there are skipped, so the change is idempotent; confirm has refused if the user's cells beside the
   * table would shift. The new columns' places are known from the confirm load, so no extra sync.
   */
  private async addColumns(context: Excel.RequestContext, budget: RequestBudget, now: TableNow, tableName: string, columns: readonly { header: string; kind: ColumnKind }[], pending: PendingValidation[]): Promise<void> {
    const table = context.workbook.tables.getItem(tableName);
    const adding = columnsToAdd(now, columns);
    await budget.reserve(adding.length * 1500);
    const bodyTop = now.top + (now.showHeaders ? 1 : 0);
    adding.forEach((column, i) => {
      const added = table.columns.add(undefined, undefined, column.header);
      const body = added.getDataBodyRange();
      // One format for the whole column: Office applies a single value to every cell of the range.
      body.numberFormat = columnFormat(column.kind) as unknown as string[][];
      pending.push({ range: body, kind: column.kind, header: column.header });
      if (column.kind === "rag") this.colourRagWords(body, a1(bodyTop, now.left + now.columns.length + i));
    });
  }

  /**
   * Drop-downs, last: the officer and priority lists refer to workbook names over the registers, added
   * here (after any register this change set creates, before any rule that refers to them). A list whose
   * register is not in the workbook gets no drop-down rather than one that points nowhere.
   */
  private async validateAll(context: Excel.RequestContext, budget: RequestBudget, confirmed: Confirmed, changes: ChangeSet, pending: readonly PendingValidation[]): Promise<void> {
    if (pending.length === 0 || !this.supports("ExcelApi", "1.8")) return;
    const registers = new Set([...confirmed.tableNames, ...changes.flatMap((c) => (c.kind === "createTable" || c.kind === "writeOwnedTable" ? [c.table.name.toLowerCase()] : []))]);
    const sources = new Map<ColumnKind, string>();
    for (const [kind, name] of confirmed.listNames) {
      const list = LIST_NAMES[kind]!;
      if (!registers.has(list.table.toLowerCase())) continue;
      if (name.add) {
        await budget.reserve(600);
        context.workbook.names.add(name.name, list.formula);
      }
      sources.set(kind, `=${name.name}`);
    }
    for (const { range, kind, header } of pending) {
      const source = FIXED_LISTS[kind] ?? sources.get(kind);
      if (!source) continue;
      await budget.reserve(1200);
      range.dataValidation.rule = { list: { inCellDropDown: true, source } };
      range.dataValidation.errorAlert = {
        showAlert: true,
        style: kind === "status" ? "Stop" : "Warning",
        title: header,
        message: `Choose a ${header.toLowerCase()} from the list.`,
      };
    }
  }

  /** Conditional formats colour each RAG word; the word itself is always written too. */
  private colourRagWords(range: Excel.Range, firstCell: string): void {
    if (!this.supports("ExcelApi", "1.6")) return;
    const column = firstCell.replace(/^([A-Z]+)/, "$$$1");
    for (const rating of RAG_RATINGS) {
      const format = range.conditionalFormats.add("Custom");
      format.custom.rule.formula = `=${column}="${rating}"`;
      format.custom.format.fill.color = `#${RAG_COLOURS[rating].fill}`;
      format.custom.format.font.color = `#${RAG_COLOURS[rating].text}`;
    }
  }

  /** A new sheet holding a new table (confirm has checked that neither exists). */
  private async createTable(context: Excel.RequestContext, budget: RequestBudget, spec: TableSpec, pending: PendingValidation[]): Promise<void> {
    const sheet = context.workbook.worksheets.add(spec.sheet);
    const columns = spec.columns.length;
    const values = [spec.columns.map((c) => c.header), ...spec.rows.map((row) => row.map((v: CellValue) => toOffice(v)))];
    const formats = [spec.columns.map(() => TEXT_FORMAT), ...spec.rows.map(() => spec.columns.map((c) => columnFormat(c.kind)))];
    for (const slice of sliceGrid(values, formats, this.maxRequestBytes / 2)) {
      await budget.reserve(slice.bytes);
      const part = sheet.getRangeByIndexes(slice.start, 0, slice.values.length, columns);
      part.numberFormat = slice.formats;
      part.values = slice.values;
    }
    // Widths, validation and colour rules: a few hundred bytes a column.
    await budget.reserve(2000 + columns * 1500);
    const range = sheet.getRangeByIndexes(0, 0, values.length, columns);
    const table = sheet.tables.add(range, true);
    table.name = spec.name;
    table.style = "TableStyleMedium2";
    sheet.freezePanes.freezeRows(1);
    const bodyRows = spec.rows.length;
    spec.columns.forEach((column, c) => {
      sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = column.width * POINTS_PER_CHARACTER;
      const body = sheet.getRangeByIndexes(1, c, bodyRows, 1);
      if (columnWraps(column.kind)) body.format.wrapText = true;
      body.format.verticalAlignment = "Top";
      pending.push({ range: body, kind: column.kind, header: column.header });
      if (column.kind === "rag") this.colourRagWords(body, a1(1, c));
    });
    await this.setRowHeights(sheet, budget, tableRowHeights(spec));
    await this.setPrint(sheet, budget, spec.print);
  }

  /** Heights the domain worked out for wrapped text (Range.format.rowHeight, in points), one write per run of equal heights. */
  private async setRowHeights(sheet: Excel.Worksheet, budget: RequestBudget, heights: readonly (number | null)[]): Promise<void> {
    let r = 0;
    while (r < heights.length) {
      const height = heights[r];
      let end = r + 1;
      while (end < heights.length && heights[end] === height) end++;
      if (height) {
        await budget.reserve(ROW_HEIGHT_BYTES);
        sheet.getRangeByIndexes(r, 0, end - r, 1).format.rowHeight = height;
      }
      r = end;
    }
  }

  /**
   * A sheet's page set-up (Worksheet.pageLayout, ExcelApi 1.9: orientation, zoom's fit to pages, print title
   * rows, and the centre footer of headersFooters.defaultForAllPages). An Excel without ExcelApi 1.9 writes
   * the sheet without them: the sheet is the same, it only prints with Excel's defaults.
   * (Microsoft Learn: Office Add-ins, Excel JavaScript API, Excel.PageLayout and Excel.PageLayoutZoomOptions.)
   */
  private async setPrint(sheet: Excel.Worksheet, budget: RequestBudget, print: PrintSettings | undefined): Promise<void> {
    if (!print || !this.supports("ExcelApi", "1.9")) return;
    await budget.reserve(1000);
    const layout = sheet.pageLayout;
    layout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
    // verticalFitToPages 0: as many pages tall as the rows need, as fitToHeight="0" in a file.
    if (print.onePageWide) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (print.repeatRows > 0) layout.setPrintTitleRows(`$1:$${print.repeatRows}`);
    if (print.footer) layout.headersFooters.defaultForAllPages.centerFooter = print.footer;
  }
}

/**
 * A look of the tool's (src/domain/cellLooks.ts) on a range, as the file and ExcelJS hosts write it: font,
 * fill, wrapping, top alignment and a totals row's top line (EdgeTop, and InsideHorizontal for every row
 * below the first, set only when there are several rows: Microsoft Learn, Excel.RangeBorderCollection and
 * Excel.BorderIndex). Number formats go
 * with the values (numberFormatFor). Property writes only: queued, no sync.
 */
function applyLook(range: Excel.Range, look: CellLook, rows: number): void {
  if (look.bold) range.format.font.bold = true;
  if (look.size) range.format.font.size = look.size;
  if (look.colour) range.format.font.color = `#${look.colour}`;
  if (look.fill) range.format.fill.color = `#${look.fill}`;
  if (look.wrap) range.format.wrapText = true;
  if (look.top) range.format.verticalAlignment = "Top";
  if (look.topBorder) {
    range.format.borders.getItem("EdgeTop").style = "Continuous";
    if (rows > 1) range.format.borders.getItem("InsideHorizontal").style = "Continuous";
  }
}
