import { a1, CellValue } from "../../domain/cells";
import { normaliseHeader, STATUSES } from "../../domain/contract";
import { ColumnKind, SheetContent, TableSpec } from "../../domain/layout";
import { RAG_RATINGS } from "../../domain/rag";
import { RAG_COLOURS } from "../../domain/ragColours";
import { WorkbookSnapshot } from "../../domain/snapshot";
import { WorkbookBusyError } from "../../port/errors";
import { Change, ChangeSet, ReadOptions, WorkbookPort } from "../../port/workbookPort";
import { readWorkbook, SheetInfo } from "./officeRead";
import { DATE_FORMAT, TEXT_FORMAT, toOffice } from "./officeValues";
import { RequestBudget, sliceRows } from "./requestBudget";
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

/** Columns of points per character of width, near enough for Calibri 11. */
const POINTS_PER_CHARACTER = 6.5;

const LISTS: Partial<Record<ColumnKind, string>> = {
  status: STATUSES.join(","),
  yesNo: "Yes,No",
  leadOfficer: '=INDIRECT("LeadOfficers[Name]")',
  priority: '=INDIRECT("Priorities[Priority]")',
};

function columnFormat(kind: ColumnKind): string {
  if (kind === "date") return DATE_FORMAT;
  if (kind === "number") return "General";
  return TEXT_FORMAT;
}

/** Excel.ErrorCodes.invalidOperationInCellEditMode: the user is typing in a cell. */
const CELL_EDIT_MODE = "InvalidOperationInCellEditMode";

/** Errors that mean the sheets changed since the read a change set was planned from. */
const STALE_SHEETS = new Set(["ItemNotFound", "ItemAlreadyExists", "InvalidArgument"]);

/**
 * The workbook port over Office.js. A read is two syncs for an ordinary plan (see officeRead.ts); the
 * change set that follows it is one more, however large the plan, unless a write would pass Excel's
 * request limit, when it is split.
 */
export class OfficeWorkbook implements WorkbookPort {
  private readonly maxRequestBytes: number;
  private readonly supports: SupportsSet;

  constructor(private readonly run: ExcelRun, options: OfficeWorkbookOptions = {}) {
    this.maxRequestBytes = options.maxRequestBytes ?? 4 * 1024 * 1024;
    this.supports = options.supports ?? (() => true);
  }

  /** Sheets as the last read saw them, so the change set that follows needs no sync of its own to find them. */
  private sheetsSeen: readonly SheetInfo[] | undefined;

  /**
   * Two syncs for a set-up plan of up to about 5,000 actions: the sheets and the plan tables' shapes, then
   * every row. Larger plans take one more sync per 4 MB of cells (Excel on the web caps a response at 5 MB).
   */
  read(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    return this.runBatch(options.background === true, async (context) => {
      const { snapshot, sheets } = await readWorkbook(context, this.maxRequestBytes);
      this.sheetsSeen = sheets;
      return snapshot;
    });
  }

  /**
   * One sync after a read (more only when a write would pass Excel's request limit). If the sheets changed
   * since that read (someone else deleted or added one), Excel refuses the first write, which is a sheet
   * being removed or added; the sheets are then asked for and the change set written again.
   */
  apply(changes: ChangeSet): Promise<void> {
    return this.runBatch(false, async (context) => {
      const seen = this.sheetsSeen;
      this.sheetsSeen = undefined;
      if (seen) {
        try {
          return await this.write(context, seen, changes);
        } catch (error) {
          if (!STALE_SHEETS.has((error as { code?: string }).code ?? "")) throw error;
        }
      }
      const sheets = context.workbook.worksheets;
      sheets.load("items/name,items/position");
      await context.sync();
      await this.write(context, sheets.items.map((s) => ({ name: s.name, position: s.position })), changes);
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
      if ((error as { code?: string } | null)?.code === CELL_EDIT_MODE) throw new WorkbookBusyError();
      throw error;
    }
  }

  private async write(context: Excel.RequestContext, sheets: readonly SheetInfo[], changes: ChangeSet): Promise<void> {
    const budget = new RequestBudget(context, this.maxRequestBytes);
    for (const change of changes) await this.queue(context, budget, sheets, change);
    await budget.flush();
  }

  private async queue(context: Excel.RequestContext, budget: RequestBudget, sheets: readonly SheetInfo[], change: Change): Promise<void> {
    switch (change.kind) {
      case "setColumn":
        return this.setColumn(context, budget, change.table, change.column, change.values);
      case "replaceSheet":
        return this.replaceSheet(context, budget, sheets, change.sheet, change.content);
      case "createTable":
        return this.createTable(context, budget, sheets, change.table);
      case "setSheetCell": {
        await budget.reserve(RequestBudget.sizeOf([[change.value]]) + 400);
        const target = context.workbook.worksheets.getItem(change.sheet).getRangeByIndexes(change.row, change.column, 1, 1);
        target.numberFormat = [[TEXT_FORMAT]];
        target.values = [[change.value]];
        return;
      }
      case "renameTable":
        await budget.reserve(400);
        context.workbook.tables.getItem(change.table).name = change.name;
        return;
      case "renameColumns":
        for (const column of change.columns) {
          await budget.reserve(RequestBudget.sizeOf([[column.name]]) + 400);
          const header = context.workbook.tables.getItem(change.table).getHeaderRowRange().getCell(0, column.index);
          header.values = [[column.name]];
        }
        return;
      case "addColumns":
        return this.addColumns(context, budget, change.table, change.columns);
      case "setCells":
        for (const cell of change.cells) {
          await budget.reserve(RequestBudget.sizeOf([[cell.value]]) + 400);
          const target = context.workbook.tables.getItem(change.table).columns.getItem(cell.column).getDataBodyRange().getCell(cell.row, 0);
          target.numberFormat = [[TEXT_FORMAT]];
          target.values = [[cell.value ?? ""]];
        }
        return;
    }
    const unknown: never = change;
    throw new Error(`Unknown change ${JSON.stringify(unknown)}`);
  }

  private async setColumn(context: Excel.RequestContext, budget: RequestBudget, table: string, column: string, values: readonly (string | null)[]): Promise<void> {
    const body = context.workbook.tables.getItem(table).columns.getItem(column).getDataBodyRange();
    const cells = values.map((v) => [v ?? ""]);
    await budget.reserve(RequestBudget.sizeOf(cells) * 2);
    body.numberFormat = values.map(() => [TEXT_FORMAT]);
    body.values = cells;
  }

  /**
   * A summary sheet is ours: it is deleted and added again in the same place, which also removes its old
   * chart (clearing a range leaves charts behind, and finding them would cost another sync).
   */
  private async replaceSheet(context: Excel.RequestContext, budget: RequestBudget, sheets: readonly SheetInfo[], name: string, content: SheetContent): Promise<void> {
    const existing = sheets.find((s) => normaliseHeader(s.name) === normaliseHeader(name));
    if (existing) context.workbook.worksheets.getItem(existing.name).delete();
    const sheet = context.workbook.worksheets.add(existing?.name ?? name);
    if (existing) sheet.position = existing.position;

    const width = Math.max(1, ...content.rows.map((r) => r.length));
    const grid = content.rows.map((row) => Array.from({ length: width }, (_, c) => row[c]?.value ?? ""));
    const formats = content.rows.map((row) => Array.from({ length: width }, (_, c) => numberFormatFor(row[c]?.style, row[c]?.value ?? null)));
    for (const slice of sliceRows(grid, this.maxRequestBytes / 2)) {
      await budget.reserve(RequestBudget.sizeOf(slice.rows) * 2);
      const range = sheet.getRangeByIndexes(slice.start, 0, slice.rows.length, width);
      range.numberFormat = formats.slice(slice.start, slice.start + slice.rows.length);
      range.values = slice.rows;
    }
    await budget.reserve(4000);
    content.columnWidths.forEach((w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w * POINTS_PER_CHARACTER));
    for (const block of styleBlocks(content)) {
      await budget.reserve(600);
      const range = sheet.getRangeByIndexes(block.top, block.left, block.rows, block.columns);
      switch (block.style) {
        case "title":
          range.format.font.bold = true;
          range.format.font.size = 16;
          break;
        case "heading":
          range.format.font.bold = true;
          range.format.font.size = 13;
          break;
        case "subtitle":
        case "totalLabel":
        case "totalNumber":
        case "totalPercent":
          range.format.font.bold = true;
          break;
        case "header":
          range.format.font.bold = true;
          range.format.fill.color = "#D9E1F2";
          range.format.wrapText = true;
          break;
        case "wrap":
          range.format.wrapText = true;
          range.format.verticalAlignment = "Top";
          break;
        case "rag":
          this.colourRagWords(range, a1(block.top, block.left));
          break;
        default:
          break;
      }
    }
    if (content.chart) {
      const c = content.chart;
      const chart = sheet.charts.add("ColumnStacked", sheet.getRangeByIndexes(c.dataTop, c.dataLeft, c.dataRows, c.dataColumns), "Columns");
      chart.name = "StatusByPriority";
      chart.title.text = c.title;
      chart.setPosition(a1(c.anchorRow, c.anchorColumn), a1(c.anchorRow + 18, c.anchorColumn + 9));
    }
  }

  /**
   * Adds columns at the right of a table (TableColumnCollection.add; rows are never added). Colouring a new
   * RAG column needs its address, so that costs one more sync: adopting a plan is rare.
   */
  private async addColumns(context: Excel.RequestContext, budget: RequestBudget, tableName: string, columns: readonly { header: string; kind: ColumnKind }[]): Promise<void> {
    const table = context.workbook.tables.getItem(tableName);
    const bodies = columns.map((column) => {
      const added = table.columns.add(undefined, undefined, column.header);
      const body = added.getDataBodyRange();
      // One format for the whole column: Office applies a single value to every cell of the range.
      body.numberFormat = columnFormat(column.kind) as unknown as string[][];
      this.validate(body, column.kind, column.header);
      if (column.kind === "rag") body.load("address");
      return { column, body };
    });
    await budget.reserve(columns.length * 1500);
    const rag = bodies.find((b) => b.column.kind === "rag");
    if (rag) {
      await budget.flush();
      this.colourRagWords(rag.body, rag.body.address.split("!").pop()!.split(":")[0].replace(/\$/g, ""));
    }
  }

  private validate(body: Excel.Range, kind: ColumnKind, header: string): void {
    const list = LISTS[kind];
    if (!list || !this.supports("ExcelApi", "1.8")) return;
    body.dataValidation.rule = { list: { inCellDropDown: true, source: list } };
    body.dataValidation.errorAlert = {
      showAlert: true,
      style: kind === "status" ? "Stop" : "Warning",
      title: header,
      message: `Choose a ${header.toLowerCase()} from the list.`,
    };
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

  private async createTable(context: Excel.RequestContext, budget: RequestBudget, sheets: readonly SheetInfo[], spec: TableSpec): Promise<void> {
    if (sheets.some((s) => normaliseHeader(s.name) === normaliseHeader(spec.sheet))) {
      throw new Error(`A sheet named "${spec.sheet}" already exists.`);
    }
    const sheet = context.workbook.worksheets.add(spec.sheet);
    const columns = spec.columns.length;
    const values = [spec.columns.map((c) => c.header), ...spec.rows.map((row) => row.map((v: CellValue) => toOffice(v)))];
    const formats = [spec.columns.map(() => TEXT_FORMAT), ...spec.rows.map(() => spec.columns.map((c) => columnFormat(c.kind)))];
    for (const slice of sliceRows(values, this.maxRequestBytes / 2)) {
      await budget.reserve(RequestBudget.sizeOf(slice.rows) * 2);
      const part = sheet.getRangeByIndexes(slice.start, 0, slice.rows.length, columns);
      part.numberFormat = formats.slice(slice.start, slice.start + slice.rows.length);
      part.values = slice.rows;
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
      if (column.kind === "wrap") {
        body.format.wrapText = true;
        body.format.verticalAlignment = "Top";
      }
      this.validate(body, column.kind, column.header);
      if (column.kind === "rag") this.colourRagWords(body, a1(1, c));
    });
  }
}
