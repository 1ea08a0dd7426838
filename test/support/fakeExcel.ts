/**
 * A test double of the Office.js Excel object model, for testing code written against `Excel.run` on a
 * machine without Excel. Proxies queue operations and nothing happens until `await context.sync()`;
 * unloaded properties throw PropertyNotLoaded; a request over Excel on the web's 5 MB limit is refused;
 * text starting with "=" written through `values` becomes a formula unless the cell is text formatted.
 * Also as Excel does: a sync is not a transaction; cell-edit mode fails a batch unless it was run with
 * `delayForCellEdit` (startCellEdit/endCellEdit); values written directly below a table grow it; a table
 * column add shifts the cells beside the table; workbook names; a table's header row can be turned off.
 *
 *   const fake = createFakeExcel();
 *   fake.addSheet("Plan");
 *   const workbook = new OfficeWorkbook(fake.run);       // fake.run stands in for Excel.run
 *   await workbook.apply(changes);
 *   expect(fake.cell("Plan", "B2")).toEqual({ value: "=not a formula", numberFormat: "@" });
 *   expect(fake.syncCount).toBe(2);
 *
 * The machinery is in ./fakeExcel/: a1.ts (addresses), model.ts (the workbook's data), runtime.ts (the
 * request context, proxies, load and sync), objects.ts (the Excel objects), enums.ts.
 */
import { parseA1, qualifiedA1, rect, rectA1 } from "./fakeExcel/a1";
import * as enums from "./fakeExcel/enums";
import { ErrorCodes, errors, FakeOfficeError } from "./fakeExcel/errors";
import { FakeWorkbook } from "./fakeExcel/objects";
import { DEFAULT_FMT, SheetModel, WorkbookModel } from "./fakeExcel/model";
import { EventRegistration, FakeContext, Host } from "./fakeExcel/runtime";

export { FakeOfficeError, ErrorCodes } from "./fakeExcel/errors";
export { FakeExcelUnsupported } from "./fakeExcel/errors";

export type FakeScalar = string | number | boolean;

export interface FakeCell {
  value: FakeScalar;
  /** Only for formula cells. */
  formula?: string;
  numberFormat: string;
  /** Present only when true. */
  bold?: boolean;
  /** Present only when the cell has a fill. */
  fill?: string;
  /** Present only when a font colour was set. */
  fontColor?: string;
  /** Present only when true. */
  wrap?: boolean;
}

export interface FakeCellFormat {
  numberFormat: string;
  bold: boolean;
  italic: boolean;
  underline: string;
  fontColor: string;
  fontSize: number;
  fontName: string;
  /** "" when the cell has no fill. */
  fill: string;
  wrap: boolean;
  horizontalAlignment: string;
  verticalAlignment: string;
  locked: boolean;
  /** The line along the cell's top edge (Excel.BorderLineStyle): "None" when there is none. */
  topBorder: string;
  columnWidth: number;
  rowHeight: number;
}

export interface FakeSheetInfo {
  name: string;
  position: number;
  visibility: string;
  active: boolean;
  protected: boolean;
  protectionOptions: Record<string, unknown>;
  frozenRows: number;
  frozenColumns: number;
  /** Page set-up (ExcelApi 1.9); print title rows as "$1:$2". */
  orientation: string;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  printTitleRows?: string;
  centerFooter: string;
}

export interface FakeChartDetails {
  name: string;
  type: string;
  title: string;
  sourceAddress: string;
  seriesBy: string;
  /** Top-left and bottom-right cells given to setPosition, if it was called. */
  start?: string;
  end?: string;
}

export interface FakeValidationDetails {
  address: string;
  rule: unknown;
  errorAlert?: unknown;
  prompt?: unknown;
  ignoreBlanks: boolean;
}

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

export interface FakeExcel {
  /** Drop-in for Excel.run: runs the batch with a fresh RequestContext over the shared fake workbook. */
  run<T>(batch: Batch<T>): Promise<T>;
  /**
   * Excel.run(options, batch): `{ delayForCellEdit: true }` makes the batch wait out cell-edit mode instead of
   * failing; any other first argument (an object or a context) is ignored.
   */
  run<T>(optionsOrObject: unknown, batch: Batch<T>): Promise<T>;
  /**
   * Number of context.sync() calls so far (across runs), and the byte size of each sync's request (JSON
   * of the queued operations). Includes the closing sync Excel.run makes when operations are still queued.
   */
  readonly syncCount: number;
  readonly requestBytes: readonly number[];
  /** Byte size of each sync's response (loaded values); over maxRequestBytes, the sync fails. */
  readonly responseBytes: readonly number[];
  resetCounters(): void;

  /** Set-up, outside any batch. */
  addSheet(name: string): void;
  /** Writes as Office.js would (numberFormat first, then values, so "=…" under "@" stays text). */
  setValues(sheet: string, topLeftA1: string, values: (string | number | boolean)[][], numberFormat?: string[][]): void;
  addTable(sheet: string, name: string, rangeA1: string): void;
  /** Merges cells, as Home → Merge & Center does (the values under the top-left cell stay as set). */
  merge(sheet: string, rangeA1: string): void;
  /** A sheet's merged areas, as A1 ranges ("B19:G19"), in the order they were merged. */
  mergedAreas(sheet: string): string[];
  /** A solid fill colour over a range (`#RRGGBB`), as the user's Fill Color button. */
  setFill(sheet: string, rangeA1: string, colour: string): void;
  /** Makes the sheet the active one, as the user clicking its tab. */
  activate(sheet: string): void;
  /** A workbook-scoped defined name, as the user's own (Formulas → Define Name). */
  addName(name: string, formula: string): void;
  /** Table Design → Header Row, off or on. */
  setShowHeaders(table: string, show: boolean): void;

  /** Inspection, outside any batch. Addresses are unqualified (`B2:B9`) except a chart source on another sheet. */
  sheetNames(): string[];
  cell(sheet: string, a1: string): FakeCell | undefined;
  tables(): { name: string; sheet: string; address: string }[];
  /** Defined names with their formulas. */
  names(): { name: string; formula: string }[];
  charts(sheet: string): { type: string; title: string; sourceAddress: string }[];
  validations(sheet: string): { address: string; rule: unknown }[];
  conditionalFormats(sheet: string): { address: string; formula: string; fill?: string; fontColor?: string }[];
  selected(): { sheet: string; address: string } | undefined;

  /** More inspection: every format of a cell, a sheet's state, charts and validations in full. */
  cellFormat(sheet: string, a1: string): FakeCellFormat;
  sheetInfo(sheet: string): FakeSheetInfo;
  chartDetails(sheet: string): FakeChartDetails[];
  validationDetails(sheet: string): FakeValidationDetails[];
  /**
   * The user starts typing in a cell: from now until endCellEdit, a sync fails with
   * InvalidOperationInCellEditMode unless its batch was run with `{ delayForCellEdit: true }`, which waits.
   */
  startCellEdit(): void;
  /** The user presses Enter: batches held by delayForCellEdit go on. */
  endCellEdit(): void;
  /** Syncs being held by delayForCellEdit right now (tests wait for this instead of for time). */
  readonly heldForCellEdit: number;
  /** Calls the handlers registered with `tables.onChanged.add` (the double never raises events itself). */
  raiseTableChanged(table: string, source?: "Local" | "Remote"): Promise<void>;
}

export interface FakeExcelOptions {
  /** Default 5 * 1024 * 1024, Excel on the web's limit for a request (and a response). */
  maxRequestBytes?: number;
  /** Most cells one operation may move before Excel (on the web) fails it with OperationCellsExceedLimit; default no limit. */
  operationCellLimit?: number;
}

function sheetOf(model: WorkbookModel, name: string): SheetModel {
  const sheet = model.findSheet(name);
  if (!sheet) throw new Error(`FakeExcel: no worksheet named "${name}" (there are: ${model.sheets.map((s) => s.name).join(", ")})`);
  return sheet;
}

function cellOf(a1: string): { row: number; col: number } {
  const parsed = parseA1(a1);
  if (!parsed) throw new Error(`FakeExcel: "${a1}" is not an A1 address`);
  return { row: parsed.rect.row, col: parsed.rect.col };
}

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  const model = new WorkbookModel();
  let syncCount = 0;
  let requestBytes: number[] = [];
  let responseBytes: number[] = [];
  const events = new Set<EventRegistration>();
  const host: Host = {
    model,
    maxRequestBytes: options.maxRequestBytes ?? 5 * 1024 * 1024,
    operationCellLimit: options.operationCellLimit ?? Infinity,
    events,
    recordSync: (bytes) => {
      syncCount++;
      requestBytes.push(bytes);
    },
    recordResponse: (bytes) => responseBytes.push(bytes),
    cellEdit: { active: false, waiting: [] },
  };

  async function run<T>(first: unknown, second?: Batch<T>): Promise<T> {
    const batch = (typeof first === "function" ? first : second) as Batch<T> | undefined;
    if (typeof batch !== "function") throw errors.invalidArgument("Excel.run needs a batch function");
    const context = new FakeContext(host);
    context._delayForCellEdit = typeof first === "object" && first !== null && (first as { delayForCellEdit?: unknown }).delayForCellEdit === true;
    context.workbook = new FakeWorkbook(context, { name: "workbook", bound: model });
    try {
      const pending = batch(context as unknown as Excel.RequestContext) as unknown;
      if (!pending || typeof (pending as Promise<T>).then !== "function") throw errors.runMustReturnPromise();
      const result = await (pending as Promise<T>);
      // Excel.run syncs once more after the batch if anything is still queued.
      if (context._queue.length > 0) await context.sync();
      return result;
    } finally {
      context._closed = true;
    }
  }

  const fake: FakeExcel = {
    run: run as FakeExcel["run"],
    get syncCount() {
      return syncCount;
    },
    get requestBytes() {
      return [...requestBytes];
    },
    get responseBytes() {
      return [...responseBytes];
    },
    resetCounters() {
      syncCount = 0;
      requestBytes = [];
      responseBytes = [];
    },

    addSheet(name) {
      model.addSheet(name);
    },
    setValues(sheetName, topLeftA1, values, numberFormat) {
      const sheet = sheetOf(model, sheetName);
      const { row, col } = cellOf(topLeftA1);
      values.forEach((cells, r) =>
        cells.forEach((value, c) => {
          const format = numberFormat?.[r]?.[c];
          if (format !== undefined) sheet.setFormatAt(row + r, col + c, "numberFormat", format);
          sheet.writeInput(row + r, col + c, value);
        }),
      );
    },
    addTable(sheetName, name, rangeA1) {
      const sheet = sheetOf(model, sheetName);
      const parsed = parseA1(rangeA1);
      if (!parsed) throw new Error(`FakeExcel: "${rangeA1}" is not an A1 range`);
      model.addTable(sheet, parsed.rect, true, name);
    },

    mergedAreas(sheetName) {
      return sheetOf(model, sheetName).merges.map(rectA1);
    },
    merge(sheetName, rangeA1) {
      const parsed = parseA1(rangeA1);
      if (!parsed) throw new Error(`FakeExcel: "${rangeA1}" is not an A1 range`);
      sheetOf(model, sheetName).merges.push(parsed.rect);
    },
    setFill(sheetName, rangeA1, colour) {
      const parsed = parseA1(rangeA1);
      if (!parsed) throw new Error(`FakeExcel: "${rangeA1}" is not an A1 range`);
      sheetOf(model, sheetName).setFormat(parsed.rect, "fill", colour.toUpperCase());
    },
    activate(sheetName) {
      model.activate(sheetOf(model, sheetName));
    },
    addName(name, formula) {
      model.addName(name, formula);
    },
    setShowHeaders(tableName, show) {
      const table = model.findTable(tableName);
      if (!table) throw new Error(`FakeExcel: no table named "${tableName}"`);
      model.setShowHeaders(table, show);
    },
    names: () => model.names.map((n) => ({ name: n.name, formula: n.formula })),
    sheetNames: () => model.sheets.map((s) => s.name),
    cell(sheetName, a1) {
      const sheet = sheetOf(model, sheetName);
      const { row, col } = cellOf(a1);
      const cell = sheet.cell(row, col);
      if (!cell && !sheet.rowStyles.has(row) && !sheet.columnStyles.has(col)) return undefined;
      const out: FakeCell = { value: cell?.value ?? "", numberFormat: sheet.format(row, col, "numberFormat") };
      if (cell?.formula !== undefined) out.formula = cell.formula;
      if (sheet.format(row, col, "bold")) out.bold = true;
      if (sheet.format(row, col, "fill")) out.fill = sheet.format(row, col, "fill");
      if (sheet.hasFormat(row, col, "fontColor")) out.fontColor = sheet.format(row, col, "fontColor");
      if (sheet.format(row, col, "wrap")) out.wrap = true;
      return out;
    },
    tables: () => model.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, address: rectA1(t.rect) })),
    charts: (sheetName) => {
      const sheet = sheetOf(model, sheetName);
      return sheet.charts.map((c) => ({
        type: c.type,
        title: c.title,
        sourceAddress: c.source.sheet === sheet ? rectA1(c.source.rect) : qualifiedA1(c.source.sheet.name, c.source.rect),
      }));
    },
    validations: (sheetName) => sheetOf(model, sheetName).validations.map((v) => ({ address: v.areas.map(rectA1).join(","), rule: v.rule })),
    conditionalFormats: (sheetName) =>
      sheetOf(model, sheetName).conditionalFormats.map((cf) => ({
        address: cf.areas.map(rectA1).join(","),
        formula: cf.formula,
        ...(cf.fill ? { fill: cf.fill } : {}),
        ...(cf.fontColor ? { fontColor: cf.fontColor } : {}),
      })),
    selected: () => (model.active ? { sheet: model.active.name, address: rectA1(model.active.selection) } : undefined),

    cellFormat(sheetName, a1) {
      const sheet = sheetOf(model, sheetName);
      const { row, col } = cellOf(a1);
      const f = <K extends keyof typeof DEFAULT_FMT>(name: K) => sheet.format(row, col, name);
      return {
        numberFormat: f("numberFormat"),
        bold: f("bold"),
        italic: f("italic"),
        underline: f("underline"),
        fontColor: f("fontColor"),
        fontSize: f("fontSize"),
        fontName: f("fontName"),
        fill: f("fill"),
        wrap: f("wrap"),
        horizontalAlignment: f("hAlign"),
        verticalAlignment: f("vAlign"),
        locked: f("locked"),
        topBorder: f("topBorder"),
        columnWidth: sheet.columnWidth(col),
        rowHeight: sheet.rowHeight(row),
      };
    },
    sheetInfo(sheetName) {
      const sheet = sheetOf(model, sheetName);
      return {
        name: sheet.name,
        position: sheet.position,
        visibility: sheet.visibility,
        active: model.active === sheet,
        protected: sheet.protection.protected,
        protectionOptions: { ...sheet.protection.options },
        frozenRows: sheet.frozen.rows,
        frozenColumns: sheet.frozen.columns,
        orientation: sheet.pageLayout.orientation,
        zoom: { ...sheet.pageLayout.zoom },
        printTitleRows: sheet.pageLayout.printTitleRows && `$${sheet.pageLayout.printTitleRows.first + 1}:$${sheet.pageLayout.printTitleRows.last + 1}`,
        centerFooter: sheet.pageLayout.footers.centerFooter,
      };
    },
    chartDetails(sheetName) {
      const sheet = sheetOf(model, sheetName);
      return sheet.charts.map((c) => ({
        name: c.name,
        type: c.type,
        title: c.title,
        sourceAddress: c.source.sheet === sheet ? rectA1(c.source.rect) : qualifiedA1(c.source.sheet.name, c.source.rect),
        seriesBy: c.seriesBy,
        ...(c.start ? { start: c.start } : {}),
        ...(c.end ? { end: c.end } : {}),
      }));
    },
    validationDetails(sheetName) {
      return sheetOf(model, sheetName).validations.map((v) => ({
        address: v.areas.map(rectA1).join(","),
        rule: v.rule,
        ...(v.errorAlert ? { errorAlert: v.errorAlert } : {}),
        ...(v.prompt ? { prompt: v.prompt } : {}),
        ignoreBlanks: v.ignoreBlanks,
      }));
    },
    startCellEdit() {
      host.cellEdit.active = true;
    },
    endCellEdit() {
      host.cellEdit.active = false;
      for (const resume of host.cellEdit.waiting.splice(0)) resume();
    },
    get heldForCellEdit() {
      return host.cellEdit.waiting.length;
    },
    async raiseTableChanged(tableName, source = "Local") {
      const table = model.findTable(tableName);
      if (!table) throw new Error(`FakeExcel: no table named "${tableName}"`);
      const args = {
        type: "TableChanged",
        changeType: "RangeEdited",
        source,
        tableId: String(table.id),
        worksheetId: String(table.sheet.id),
        address: rectA1(rect(table.rect.row, table.rect.col, table.rect.rows, table.rect.cols)),
      };
      for (const registration of [...events]) if (registration.event === "TableChanged") await registration.handler(args);
    },
  };
  return fake;
}

// ---------------------------------------------------------------------------------------------- globals

const EXCEL_ENUMS = {
  ChartType: enums.ChartType,
  ChartSeriesBy: enums.ChartSeriesBy,
  ConditionalFormatType: enums.ConditionalFormatType,
  ClearApplyTo: enums.ClearApplyTo,
  HorizontalAlignment: enums.HorizontalAlignment,
  VerticalAlignment: enums.VerticalAlignment,
  DataValidationAlertStyle: enums.DataValidationAlertStyle,
  DataValidationType: enums.DataValidationType,
  SheetVisibility: enums.SheetVisibility,
  RangeUnderlineStyle: enums.RangeUnderlineStyle,
  RangeValueType: enums.RangeValueType,
  ErrorCodes: {
    accessDenied: ErrorCodes.accessDenied,
    generalException: ErrorCodes.generalException,
    invalidArgument: ErrorCodes.invalidArgument,
    invalidOperation: ErrorCodes.invalidOperation,
    invalidOperationInCellEditMode: ErrorCodes.invalidOperationInCellEditMode,
    itemAlreadyExists: ErrorCodes.itemAlreadyExists,
    itemNotFound: ErrorCodes.itemNotFound,
    operationCellsExceedLimit: ErrorCodes.operationCellsExceedLimit,
    responsePayloadSizeLimitExceeded: ErrorCodes.responsePayloadSizeLimitExceeded,
  },
};

const GLOBAL_NAMES = ["Excel", "OfficeExtension"] as const;
let saved: { [K in (typeof GLOBAL_NAMES)[number]]?: { present: boolean; value: unknown } } | undefined;

/**
 * Defines a global `Excel` with the enums code uses (`Excel.ChartType.columnClustered`, …) and, if given a
 * fake, `Excel.run` delegating to it; and `OfficeExtension.Error`/`ErrorCodes` so `instanceof` checks work.
 * Undo with uninstallExcelGlobals().
 */
export function installExcelGlobals(fake?: FakeExcel): void {
  const g = globalThis as unknown as Record<string, unknown>;
  if (!saved) {
    saved = {};
    for (const name of GLOBAL_NAMES) saved[name] = { present: name in g, value: g[name] };
  }
  g.Excel = {
    ...EXCEL_ENUMS,
    run: (...args: unknown[]) => {
      if (!fake) throw new Error("FakeExcel: installExcelGlobals() was called without a fake, so Excel.run is not available.");
      return (fake.run as (...a: unknown[]) => Promise<unknown>)(...args);
    },
  };
  g.OfficeExtension = {
    Error: FakeOfficeError,
    ErrorCodes: {
      generalException: ErrorCodes.generalException,
      invalidArgument: ErrorCodes.invalidArgument,
      invalidObjectPath: ErrorCodes.invalidObjectPath,
      invalidRequestContext: ErrorCodes.invalidRequestContext,
      propertyNotLoaded: ErrorCodes.propertyNotLoaded,
      valueNotLoaded: ErrorCodes.valueNotLoaded,
      runMustReturnPromise: ErrorCodes.runMustReturnPromise,
      requestPayloadSizeLimitExceeded: ErrorCodes.requestPayloadSizeLimitExceeded,
      responsePayloadSizeLimitExceeded: ErrorCodes.responsePayloadSizeLimitExceeded,
    },
  };
}

export function uninstallExcelGlobals(): void {
  if (!saved) return;
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of GLOBAL_NAMES) {
    const previous = saved[name];
    if (previous?.present) g[name] = previous.value;
    else delete g[name];
  }
  saved = undefined;
}
