import { a1, CellValue } from "../../domain/cells";
import { ACTION_PLAN, normaliseHeader, STATUSES } from "../../domain/contract";
import { ColumnKind, SheetContent, TableSpec } from "../../domain/layout";
import { RAG_RATINGS } from "../../domain/rag";
import { RAG_COLOURS } from "../../domain/ragColours";
import { TableSnapshot, WorkbookSnapshot } from "../../domain/snapshot";
import { Change, ChangeSet, WorkbookPort } from "../../port/workbookPort";
import { DATE_FORMAT, fromOffice, TEXT_FORMAT, toOffice } from "./officeValues";
import { RequestBudget, sliceRows } from "./requestBudget";
import { numberFormatFor, styleBlocks } from "./sheetStyles";

/** `Excel.run`, or a test double of it. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Which optional requirement sets this Excel has (Office.context.requirements.isSetSupported). */
export type SupportsSet = (name: string, version: string) => boolean;

export interface OfficeWorkbookOptions {
  /** Excel on the web refuses requests over 5 MB; keep well under it. */
  readonly maxRequestBytes?: number;
  readonly supports?: SupportsSet;
}

/** Rows read with the table's header: an ordinary plan in one sync, and its registers. */
const FIRST_ROWS = 1000;
const FIRST_REGISTER_ROWS = 200;

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

/** Sheet-qualified address `'Action Plan'!A1:R49` → zero-based top-left. */
function topLeftOf(address: string): { top: number; left: number } {
  const cell = address.split("!").pop()!.split(":")[0].replace(/\$/g, "");
  const match = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!match) return { top: 0, left: 0 };
  const left = [...match[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: Number(match[2]) - 1, left };
}

/**
 * The workbook port over Office.js. A read is two syncs (which tables, then their cells); a change set
 * is one sync to see which sheets exist and one to write, however large the plan, unless a write would
 * pass Excel's request limit, when it is split.
 */
export class OfficeWorkbook implements WorkbookPort {
  private readonly maxRequestBytes: number;
  private readonly supports: SupportsSet;

  constructor(private readonly run: ExcelRun, options: OfficeWorkbookOptions = {}) {
    this.maxRequestBytes = options.maxRequestBytes ?? 4 * 1024 * 1024;
    this.supports = options.supports ?? (() => true);
  }

  /**
   * Two syncs for any ordinary plan: which tables, then each table's header, size and first rows. Excel on
   * the web caps a response at 5 MB, so the rows of a very large table come in further syncs, as many as
   * its size needs, each kept under the budget by the first rows' measured size.
   */
  read(): Promise<WorkbookSnapshot> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      const tables = context.workbook.tables;
      tables.load("items/name,items/showTotals");
      await context.sync();
      const loaded = tables.items.map((table) => {
        const range = table.getRange();
        range.load("address,rowCount");
        const header = table.getHeaderRowRange();
        header.load("values");
        const sheet = table.worksheet;
        sheet.load("name");
        const firstRows = normaliseHeader(table.name) === normaliseHeader(ACTION_PLAN.table) ? FIRST_ROWS : FIRST_REGISTER_ROWS;
        const first = header.getOffsetRange(1, 0).getResizedRange(firstRows - 1, 0);
        first.load("values,numberFormat,valueTypes");
        return { table, range, header, sheet, firstRows, chunks: [first] as Excel.Range[] };
      });
      await context.sync();

      // Any rows beyond the first read come in further syncs, each under the response budget.
      let queued = 0;
      for (const t of loaded) {
        const bodyRows = t.range.rowCount - 1 - (t.table.showTotals ? 1 : 0);
        if (bodyRows <= t.firstRows) continue;
        const first = t.chunks[0];
        const bytesPerRow = Math.max(1, JSON.stringify([first.values, first.numberFormat, first.valueTypes]).length / t.firstRows);
        const rowsPerChunk = Math.max(1, Math.floor(this.maxRequestBytes / 2 / bytesPerRow));
        for (let start = t.firstRows; start < bodyRows; start += rowsPerChunk) {
          const rows = Math.min(rowsPerChunk, bodyRows - start);
          if (queued > 0 && queued + rows * bytesPerRow > this.maxRequestBytes) {
            // Deliberate: a table whose cells pass the 5 MB response limit cannot come back in one sync.
            // eslint-disable-next-line office-addins/no-context-sync-in-loop
            await context.sync();
            queued = 0;
          }
          const chunk = t.header.getOffsetRange(1 + start, 0).getResizedRange(rows - 1, 0);
          chunk.load("values,numberFormat,valueTypes");
          t.chunks.push(chunk);
          queued += rows * bytesPerRow;
        }
      }
      if (queued > 0) await context.sync();

      const snapshots: TableSnapshot[] = loaded.map(({ table, range, header, sheet, chunks }) => {
        const { top, left } = topLeftOf(range.address);
        const bodyRows = Math.max(0, range.rowCount - 1 - (table.showTotals ? 1 : 0));
        const rows = chunks.flatMap((chunk) =>
          chunk.values.map((row, r) => row.map((v, c) => fromOffice(v, String(chunk.numberFormat[r][c] ?? ""), chunk.valueTypes[r][c]))));
        return {
          name: table.name,
          sheet: sheet.name,
          top,
          left,
          headers: header.values[0].map((h) => String(h ?? "")),
          rows: rows.slice(0, bodyRows),
        };
      });
      return { sheetNames: sheets.items.map((s) => s.name), tables: snapshots };
    });
  }

  apply(changes: ChangeSet): Promise<void> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name,items/position");
      await context.sync();
      const budget = new RequestBudget(context, this.maxRequestBytes);
      for (const change of changes) await this.queue(context, budget, sheets, change);
      await budget.flush();
    });
  }

  private async queue(context: Excel.RequestContext, budget: RequestBudget, sheets: Excel.WorksheetCollection, change: Change): Promise<void> {
    switch (change.kind) {
      case "setColumn":
        return this.setColumn(context, budget, change.table, change.column, change.values);
      case "replaceSheet":
        return this.replaceSheet(budget, sheets, change.sheet, change.content);
      case "createTable":
        return this.createTable(budget, sheets, change.table);
      case "setSheetCell": {
        await budget.reserve(RequestBudget.sizeOf([[change.value]]) + 400);
        const target = sheets.getItem(change.sheet).getRangeByIndexes(change.row, change.column, 1, 1);
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
  private async replaceSheet(budget: RequestBudget, sheets: Excel.WorksheetCollection, name: string, content: SheetContent): Promise<void> {
    const existing = sheets.items.find((s) => normaliseHeader(s.name) === normaliseHeader(name));
    if (existing) existing.delete();
    const sheet = sheets.add(existing?.name ?? name);
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

  private async createTable(budget: RequestBudget, sheets: Excel.WorksheetCollection, spec: TableSpec): Promise<void> {
    if (sheets.items.some((s) => normaliseHeader(s.name) === normaliseHeader(spec.sheet))) {
      throw new Error(`A sheet named "${spec.sheet}" already exists.`);
    }
    const sheet = sheets.add(spec.sheet);
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
