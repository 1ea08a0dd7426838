/**
 * The fake workbook's data: sheets with a sparse cell map keyed by row and column, row and column styles
 * (what formatting whole columns or rows leaves behind, as in Excel), tables, charts, data validation and
 * conditional formats. Everything here is plain and synchronous; the Office.js-shaped proxies in
 * objects.ts queue operations against it and apply them at `context.sync()`.
 */
import { cellA1, cellCount, containsCell, intersection, isWholeColumns, isWholeRows, MAX_COLS, MAX_ROWS, parseA1, Rect, rect, rectA1, subtract } from "./a1";
import { errors, FakeExcelUnsupported } from "./errors";

export type Scalar = string | number | boolean;

/** Cell formatting the double keeps. `fill` "" means no fill. */
export interface Fmt {
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: string;
  fontColor?: string;
  fontSize?: number;
  fontName?: string;
  fill?: string;
  wrap?: boolean;
  hAlign?: string;
  vAlign?: string;
  locked?: boolean;
  /** The line along the cell's top edge (Excel.BorderLineStyle). */
  topBorder?: string;
}
export type FmtKey = keyof Fmt;

export const DEFAULT_FMT: Required<Fmt> = {
  numberFormat: "General",
  bold: false,
  italic: false,
  underline: "None",
  fontColor: "#000000",
  fontSize: 11,
  fontName: "Calibri",
  fill: "",
  wrap: false,
  hAlign: "General",
  vAlign: "Bottom",
  locked: true,
  topBorder: "None",
};

/** Excel's default column width (8.43 characters) and row height, in points as Office.js reports them. */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

/** Cells covered one by one above this many (whole columns and rows are handled as styles instead). */
const MAX_CELLS_PER_WRITE = 5_000_000;

export interface CellModel {
  value: Scalar;
  /** Present for formula cells; `value` then holds what the double computed (see evaluateFormula). */
  formula?: string;
  /** True when `value` is an error such as "#NAME?". */
  error?: boolean;
  fmt: Fmt;
}

export interface TableModel {
  readonly id: number;
  name: string;
  sheet: SheetModel;
  rect: Rect;
  showTotals: boolean;
  /** False when the user turned the header row off: `rect` then starts at the first data row. */
  showHeaders: boolean;
  /** The column names, kept while the header row is hidden (Excel keeps them as the columns' names). */
  hiddenHeaders?: string[];
  style: string;
  deleted: boolean;
}

/** A workbook-scoped defined name (Formulas → Name Manager). */
export interface NameModel {
  name: string;
  /** As Excel gives it back: starts with "=". */
  formula: string;
}

export interface ChartModel {
  readonly id: number;
  name: string;
  type: string;
  seriesBy: string;
  source: { sheet: SheetModel; rect: Rect };
  title: string;
  titleVisible: boolean;
  start?: string;
  end?: string;
  top: number;
  left: number;
  width: number;
  height: number;
  sheet: SheetModel;
  deleted: boolean;
}

export interface ValidationModel {
  areas: Rect[];
  rule: unknown;
  errorAlert?: unknown;
  prompt?: unknown;
  ignoreBlanks: boolean;
}

export interface ConditionalFormatModel {
  readonly id: number;
  readonly sheet: SheetModel;
  areas: Rect[];
  type: string;
  formula: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  stopIfTrue: boolean;
  deleted: boolean;
}

export interface Protection {
  protected: boolean;
  options: Record<string, unknown>;
}

const key = (row: number, col: number) => row * MAX_COLS + col;

// ---------------------------------------------------------------------------------------------- values

/** Excel's serial for a calendar date (1900 date system, dates after February 1900). */
export function dateSerial(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000 + 25_569;
}

/** The value Excel would show for a formula, where the double can tell; anything else reads as #NAME?. */
export function evaluateFormula(formula: string): { value: Scalar; error: boolean } {
  const body = formula.slice(1).trim();
  const text = /^"((?:[^"]|"")*)"$/.exec(body);
  if (text) return { value: text[1].replace(/""/g, '"'), error: false };
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) return { value: Number(body), error: false };
  if (/^(true|false)$/i.test(body)) return { value: body.toLowerCase() === "true", error: false };
  return { value: "#NAME?", error: true };
}

/**
 * What Excel stores when a string is written through `values` or `formulas` to a cell that is not text
 * formatted ("@"): like typing it. `=…` (and `+…`/`-…` that is not a number) is a formula, numbers,
 * percentages, TRUE/FALSE and ISO dates are converted, a leading apostrophe forces text.
 */
export function parseInput(text: string): { value: Scalar; formula?: string; numberFormat?: string } {
  if (text === "") return { value: "" };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.length > 1 && text.startsWith("=")) return { value: "", formula: text };
  if (/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text)) return { value: Number(text) };
  if (text.length > 1 && (text.startsWith("+") || text.startsWith("-"))) return { value: "", formula: `=${text}` };
  const percent = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*%\s*$/.exec(text);
  if (percent) return { value: Number(percent[1]) / 100, numberFormat: percent[1].includes(".") ? "0.00%" : "0%" };
  if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === "true" };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900) {
      return { value: dateSerial(y, m, d), numberFormat: "yyyy-mm-dd" };
    }
  }
  return { value: text };
}

function isDateFormat(format: string): boolean {
  const bare = format
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "");
  return /[dy]/i.test(bare) && !/^general$/i.test(bare.trim());
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Range.text: the value as the number format shows it (common formats only). */
export function formatText(value: Scalar, numberFormat: string): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  const format = numberFormat.split(";")[0];
  if (format === "@") return String(value);
  if (isDateFormat(format)) {
    const date = new Date(Math.round((value - 25_569) * 86_400_000));
    const pad = (n: number) => String(n).padStart(2, "0");
    return format.replace(/"([^"]*)"|\\(.)|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d/gi, (token, quoted?: string, escaped?: string) => {
      if (quoted !== undefined) return quoted;
      if (escaped !== undefined) return escaped;
      switch (token.toLowerCase()) {
        case "yyyy":
          return String(date.getUTCFullYear());
        case "yy":
          return pad(date.getUTCFullYear() % 100);
        case "mmmm":
          return MONTHS[date.getUTCMonth()];
        case "mmm":
          return MONTHS[date.getUTCMonth()].slice(0, 3);
        case "mm":
          return pad(date.getUTCMonth() + 1);
        case "m":
          return String(date.getUTCMonth() + 1);
        case "dddd":
          return DAYS[date.getUTCDay()];
        case "ddd":
          return DAYS[date.getUTCDay()].slice(0, 3);
        case "dd":
          return pad(date.getUTCDate());
        default:
          return String(date.getUTCDate());
      }
    });
  }
  const decimals = (f: string) => /\.(0+)/.exec(f)?.[1].length ?? 0;
  if (format.includes("%")) return `${(value * 100).toFixed(decimals(format))}%`;
  if (/^[#,0]*0(\.0+)?$/.test(format)) {
    const fixed = value.toFixed(decimals(format));
    if (!format.includes(",")) return fixed;
    const [whole, frac] = fixed.split(".");
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return frac === undefined ? grouped : `${grouped}.${frac}`;
  }
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
}

const NAMED_COLOURS: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  lime: "#00FF00",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  purple: "#800080",
  gray: "#808080",
  grey: "#808080",
  silver: "#C0C0C0",
  navy: "#000080",
  teal: "#008080",
  maroon: "#800000",
  olive: "#808000",
  aqua: "#00FFFF",
  cyan: "#00FFFF",
  fuchsia: "#FF00FF",
  magenta: "#FF00FF",
  pink: "#FFC0CB",
  brown: "#A52A2A",
  gold: "#FFD700",
  lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3",
  darkgreen: "#006400",
  darkred: "#8B0000",
};

/** Office.js reads colours back as `#RRGGBB`; it accepts that, `#RGB` and HTML colour names. */
export function normaliseColour(input: unknown): string {
  if (typeof input !== "string") throw errors.invalidArgument(`colour ${JSON.stringify(input)}`);
  const text = input.trim();
  const long = /^#([0-9a-f]{6})$/i.exec(text);
  if (long) return `#${long[1].toUpperCase()}`;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(text);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toUpperCase();
  const named = NAMED_COLOURS[text.toLowerCase()];
  if (named) return named;
  if (/^[a-z]+$/i.test(text)) return text;
  throw errors.invalidArgument(`colour ${JSON.stringify(input)}`);
}

// ---------------------------------------------------------------------------------------------- sheets

export interface PageLayoutModel {
  orientation: string;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  /** Whole rows, zero-based. */
  printTitleRows: { first: number; last: number } | undefined;
  /** The default (every page's) header and footer sections, in Excel's codes. */
  readonly footers: Record<"leftFooter" | "centerFooter" | "rightFooter" | "leftHeader" | "centerHeader" | "rightHeader", string>;
}

export class SheetModel {
  name: string;
  visibility = "Visible";
  tabColor = "";
  deleted = false;
  readonly cells = new Map<number, CellModel>();
  readonly columnStyles = new Map<number, Fmt>();
  readonly rowStyles = new Map<number, Fmt>();
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  selection: Rect = rect(0, 0);
  protection: Protection = { protected: false, options: {} };
  frozen = { rows: 0, columns: 0 };
  /** Page set-up (Worksheet.pageLayout, ExcelApi 1.9): a new sheet prints portrait at 100%, with no titles or footer. */
  readonly pageLayout: PageLayoutModel = { orientation: "Portrait", zoom: { scale: 100 }, printTitleRows: undefined, footers: { leftFooter: "", centerFooter: "", rightFooter: "", leftHeader: "", centerHeader: "", rightHeader: "" } };
  readonly charts: ChartModel[] = [];
  readonly validations: ValidationModel[] = [];
  readonly conditionalFormats: ConditionalFormatModel[] = [];
  /** Merged areas (Home → Merge & Center); only set up by tests, never written through the double. */
  readonly merges: Rect[] = [];

  constructor(
    readonly id: number,
    name: string,
    readonly workbook: WorkbookModel,
  ) {
    this.name = name;
  }

  get position(): number {
    return this.workbook.sheets.indexOf(this);
  }

  cell(row: number, col: number): CellModel | undefined {
    return this.cells.get(key(row, col));
  }

  private cellOrCreate(row: number, col: number): CellModel {
    let cell = this.cells.get(key(row, col));
    if (!cell) {
      cell = { value: "", fmt: {} };
      this.cells.set(key(row, col), cell);
    }
    return cell;
  }

  private prune(row: number, col: number): void {
    const cell = this.cells.get(key(row, col));
    if (cell && cell.value === "" && cell.formula === undefined && Object.keys(cell.fmt).length === 0) this.cells.delete(key(row, col));
  }

  /**
   * Insert → Shift cells right over `r`: every cell in it moves one column right (with its formats).
   * Refused when a non-empty cell would fall off the sheet, when a table is in the way, or when more than
   * `limit` cells would move (Excel on the web's OperationCellsExceedLimit).
   */
  shiftRight(r: Rect, limit: number): void {
    if (this.workbook.tables.some((t) => t.sheet === this && intersection(t.rect, r))) throw errors.invalidOperation("a table is in the way of the cells that would shift right");
    const moving: [number, number, CellModel][] = [];
    this.forEachCell(r, (cell, row, col) => moving.push([row, col, cell]));
    if (moving.length > limit) throw errors.operationCellsExceedLimit();
    if (moving.some(([, col, cell]) => col === MAX_COLS - 1 && cell.value !== "")) throw errors.nonBlankCellOffSheet();
    for (const [row, col] of moving) this.cells.delete(key(row, col));
    for (const [row, col, cell] of moving) if (col + 1 < MAX_COLS) this.cells.set(key(row, col + 1), cell);
  }

  /** Existing cells inside `r` (never creates any). */
  forEachCell(r: Rect, visit: (cell: CellModel, row: number, col: number) => void): void {
    if (this.cells.size < cellCount(r)) {
      for (const [k, cell] of [...this.cells]) {
        const row = Math.floor(k / MAX_COLS);
        const col = k % MAX_COLS;
        if (containsCell(r, row, col)) visit(cell, row, col);
      }
    } else {
      for (let row = r.row; row < r.row + r.rows; row++) {
        for (let col = r.col; col < r.col + r.cols; col++) {
          const cell = this.cells.get(key(row, col));
          if (cell) visit(cell, row, col);
        }
      }
    }
  }

  /** Effective format: the cell's own, else its row's style, else its column's, else Excel's default. */
  format<K extends FmtKey>(row: number, col: number, name: K): Required<Fmt>[K] {
    const own = this.cell(row, col)?.fmt[name];
    if (own !== undefined) return own as Required<Fmt>[K];
    const fromRow = this.rowStyles.get(row)?.[name];
    if (fromRow !== undefined) return fromRow as Required<Fmt>[K];
    const fromColumn = this.columnStyles.get(col)?.[name];
    if (fromColumn !== undefined) return fromColumn as Required<Fmt>[K];
    return DEFAULT_FMT[name];
  }

  /** Whether a format was set on the cell, its row or its column (as opposed to Excel's default). */
  hasFormat(row: number, col: number, name: FmtKey): boolean {
    return this.cell(row, col)?.fmt[name] !== undefined || this.rowStyles.get(row)?.[name] !== undefined || this.columnStyles.get(col)?.[name] !== undefined;
  }

  /** Sets (or with `undefined`, removes) one format over a range. Whole columns and rows become styles. */
  setFormat<K extends FmtKey>(r: Rect, name: K, value: Fmt[K] | undefined): void {
    const assign = (fmt: Fmt) => {
      if (value === undefined) delete fmt[name];
      else fmt[name] = value;
    };
    const wholeColumns = isWholeColumns(r);
    const wholeRows = isWholeRows(r);
    if (wholeColumns || wholeRows) {
      const styles = (map: Map<number, Fmt>, index: number) => {
        const fmt = map.get(index) ?? {};
        assign(fmt);
        if (Object.keys(fmt).length) map.set(index, fmt);
        else map.delete(index);
      };
      if (wholeColumns) for (let col = r.col; col < r.col + r.cols; col++) styles(this.columnStyles, col);
      if (wholeRows) for (let row = r.row; row < r.row + r.rows; row++) styles(this.rowStyles, row);
      if (wholeColumns && wholeRows) {
        for (const row of [...this.rowStyles.keys()]) styles(this.rowStyles, row);
      } else if (wholeColumns) {
        // Excel writes the format into cells where a row style crosses the columns, so it wins there too.
        for (const row of this.rowStyles.keys()) for (let col = r.col; col < r.col + r.cols; col++) assign(this.cellOrCreate(row, col).fmt);
      } else {
        for (const col of this.columnStyles.keys()) for (let row = r.row; row < r.row + r.rows; row++) assign(this.cellOrCreate(row, col).fmt);
      }
      this.forEachCell(r, (cell, row, col) => {
        assign(cell.fmt);
        this.prune(row, col);
      });
      return;
    }
    if (value === undefined) {
      this.forEachCell(r, (cell, row, col) => {
        assign(cell.fmt);
        this.prune(row, col);
      });
      return;
    }
    this.guardSize(r);
    for (let row = r.row; row < r.row + r.rows; row++) {
      for (let col = r.col; col < r.col + r.cols; col++) assign(this.cellOrCreate(row, col).fmt);
    }
  }

  setFormatAt<K extends FmtKey>(row: number, col: number, name: K, value: Fmt[K] | undefined): void {
    const fmt = this.cellOrCreate(row, col).fmt;
    if (value === undefined) delete fmt[name];
    else fmt[name] = value;
    this.prune(row, col);
  }

  private guardSize(r: Rect): void {
    if (cellCount(r) > MAX_CELLS_PER_WRITE) {
      throw new FakeExcelUnsupported(`FakeExcel: writing ${cellCount(r)} cells one by one (${rectA1(r)}) is more than the double handles.`);
    }
  }

  /** Writes one input value the way Office.js `values`/`formulas` do. `null` leaves the cell unchanged. */
  writeInput(row: number, col: number, input: unknown): void {
    if (input === null || input === undefined) return;
    if (typeof input !== "string" && typeof input !== "number" && typeof input !== "boolean") {
      throw errors.invalidArgument(`cell ${cellA1(row, col)} cannot hold ${JSON.stringify(input)}`);
    }
    const cell = this.cellOrCreate(row, col);
    delete cell.formula;
    delete cell.error;
    if (typeof input !== "string" || this.format(row, col, "numberFormat") === "@") {
      cell.value = input;
    } else {
      const parsed = parseInput(input);
      if (parsed.formula !== undefined) {
        const result = evaluateFormula(parsed.formula);
        cell.formula = parsed.formula;
        cell.value = result.value;
        if (result.error) cell.error = true;
      } else {
        cell.value = parsed.value;
      }
      if (parsed.numberFormat && this.format(row, col, "numberFormat") === "General") cell.fmt.numberFormat = parsed.numberFormat;
    }
    this.prune(row, col);
  }

  /** Writes a stored value directly (no input parsing): table headers, which Excel keeps as text. */
  writeText(row: number, col: number, text: string): void {
    const cell = this.cellOrCreate(row, col);
    delete cell.formula;
    delete cell.error;
    cell.value = text;
    this.prune(row, col);
  }

  clearContents(r: Rect): void {
    this.forEachCell(r, (cell, row, col) => {
      cell.value = "";
      delete cell.formula;
      delete cell.error;
      this.prune(row, col);
    });
  }

  clearFormats(r: Rect): void {
    if (isWholeColumns(r)) for (let col = r.col; col < r.col + r.cols; col++) this.columnStyles.delete(col);
    if (isWholeRows(r)) for (let row = r.row; row < r.row + r.rows; row++) this.rowStyles.delete(row);
    this.forEachCell(r, (cell, row, col) => {
      cell.fmt = {};
      this.prune(row, col);
    });
    this.subtractConditionalFormats(r);
  }

  subtractConditionalFormats(r: Rect): void {
    for (const cf of this.conditionalFormats) cf.areas = cf.areas.flatMap((area) => subtract(area, r));
    for (const cf of this.conditionalFormats.filter((c) => c.areas.length === 0)) cf.deleted = true;
    this.conditionalFormats.splice(0, this.conditionalFormats.length, ...this.conditionalFormats.filter((c) => !c.deleted));
  }

  subtractValidations(r: Rect): void {
    for (const dv of this.validations) dv.areas = dv.areas.flatMap((area) => subtract(area, r));
    this.validations.splice(0, this.validations.length, ...this.validations.filter((v) => v.areas.length > 0));
  }

  /** Bounding box of cells with a value (or, unless valuesOnly, any formatting). */
  usedRect(valuesOnly: boolean): Rect | undefined {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [k, cell] of this.cells) {
      if (valuesOnly && cell.value === "" && cell.formula === undefined) continue;
      const row = Math.floor(k / MAX_COLS);
      const col = k % MAX_COLS;
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
    return bottom < 0 ? undefined : rect(top, left, bottom - top + 1, right - left + 1);
  }

  columnWidth(col: number): number {
    return this.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH;
  }

  rowHeight(row: number): number {
    return this.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT;
  }

  /** Office refuses changes to locked cells of a protected sheet (formats only if the protection allows). */
  assertWritable(r: Rect, what: "contents" | "formats" | "columns" | "rows" | "objects"): void {
    if (!this.protection.protected) return;
    const options = this.protection.options;
    if (what === "formats" && options.allowFormatCells) return;
    if (what === "columns" && options.allowFormatColumns) return;
    if (what === "rows" && options.allowFormatRows) return;
    if (what === "objects" && options.allowEditObjects) return;
    if (what === "contents" || what === "formats") {
      let locked = false;
      if (cellCount(r) <= 100_000) {
        for (let row = r.row; row < r.row + r.rows && !locked; row++) {
          for (let col = r.col; col < r.col + r.cols && !locked; col++) locked = this.format(row, col, "locked");
        }
      } else {
        locked = true;
      }
      if (!locked) return;
    }
    throw errors.accessDenied(`${this.name}!${rectA1(r)}`);
  }
}

// ---------------------------------------------------------------------------------------------- workbook

function validSheetName(name: string): boolean {
  return name.length >= 1 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !name.startsWith("'") && !name.endsWith("'") && name.toLowerCase() !== "history";
}

function validTableName(name: string): boolean {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || name.length > 255) return false;
  return !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly names: NameModel[] = [];
  active: SheetModel | undefined;
  private nextId = 1;
  private nextChart = 1;

  id(): number {
    return this.nextId++;
  }

  findSheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => same(s.name, name));
  }

  sheet(name: string): SheetModel {
    const sheet = this.findSheet(name);
    if (!sheet) throw errors.itemNotFound(`worksheet "${name}"`);
    return sheet;
  }

  checkSheetName(name: unknown, except?: SheetModel): string {
    if (typeof name !== "string" || !validSheetName(name)) throw errors.invalidArgument(`worksheet name ${JSON.stringify(name)}`);
    const clash = this.findSheet(name);
    if (clash && clash !== except) throw errors.itemAlreadyExists(`worksheet "${name}"`);
    return name;
  }

  addSheet(name?: string): SheetModel {
    let chosen = name;
    if (chosen === undefined) {
      let n = this.sheets.length + 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      chosen = `Sheet${n}`;
    }
    const sheet = new SheetModel(this.id(), this.checkSheetName(chosen), this);
    this.sheets.push(sheet);
    if (!this.active) this.active = sheet;
    return sheet;
  }

  deleteSheet(sheet: SheetModel): void {
    const visible = this.sheets.filter((s) => s.visibility === "Visible" && s !== sheet);
    if (visible.length === 0) throw errors.invalidOperation("a workbook must keep at least one visible worksheet");
    const index = this.sheets.indexOf(sheet);
    this.sheets.splice(index, 1);
    sheet.deleted = true;
    for (const table of this.tables.filter((t) => t.sheet === sheet)) this.removeTable(table);
    for (const chart of sheet.charts) chart.deleted = true;
    for (const cf of sheet.conditionalFormats) cf.deleted = true;
    if (this.active === sheet) this.active = this.sheets.slice(index).find((s) => s.visibility === "Visible") ?? visible[visible.length - 1];
  }

  moveSheet(sheet: SheetModel, position: unknown): void {
    if (typeof position !== "number" || !Number.isInteger(position) || position < 0 || position >= this.sheets.length) {
      throw errors.invalidArgument(`worksheet position ${JSON.stringify(position)}`);
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }

  activate(sheet: SheetModel): void {
    if (sheet.visibility !== "Visible") throw errors.invalidOperation(`worksheet "${sheet.name}" is hidden`);
    this.active = sheet;
  }

  // ------------------------------------------------------------------ tables

  findTable(name: string): TableModel | undefined {
    return this.tables.find((t) => same(t.name, name));
  }

  checkTableName(name: unknown, except?: TableModel): string {
    if (typeof name !== "string" || !validTableName(name)) throw errors.invalidArgument(`table name ${JSON.stringify(name)}`);
    const clash = this.findTable(name);
    if (clash && clash !== except) throw errors.invalidArgument(`a table named "${name}" already exists`);
    return name;
  }

  addTable(sheet: SheetModel, r: Rect, hasHeaders: boolean, name?: string): TableModel {
    if (!hasHeaders) throw new FakeExcelUnsupported("FakeExcel: tables.add(range, false) is not implemented; write the header row and pass true.");
    if (isWholeColumns(r) || isWholeRows(r)) throw errors.invalidArgument("a table cannot cover whole rows or columns");
    const extent = r.rows === 1 ? rect(r.row, r.col, 2, r.cols) : r;
    if (this.tables.some((t) => t.sheet === sheet && intersection(t.rect, extent))) throw errors.invalidArgument("a table can't overlap another table");
    let chosen = name;
    if (chosen === undefined) {
      let n = 1;
      while (this.findTable(`Table${n}`)) n++;
      chosen = `Table${n}`;
    }
    const table: TableModel = {
      id: this.id(),
      name: this.checkTableName(chosen),
      sheet,
      rect: extent,
      showTotals: false,
      showHeaders: true,
      style: "TableStyleMedium2",
      deleted: false,
    };
    this.tables.push(table);
    // Excel makes every header a unique, non-empty text.
    this.tableColumns(table).forEach((header, c) => sheet.writeText(extent.row, extent.col + c, header));
    return table;
  }

  removeTable(table: TableModel): void {
    table.deleted = true;
    this.tables.splice(this.tables.indexOf(table), 1);
  }

  /** Column names, read from the header row as Excel keeps them: text, unique, `ColumnN` when empty. */
  tableColumns(table: TableModel): string[] {
    if (!table.showHeaders) return [...(table.hiddenHeaders ?? [])];
    const seen = new Set<string>();
    const names: string[] = [];
    for (let c = 0; c < table.rect.cols; c++) {
      const cell = table.sheet.cell(table.rect.row, table.rect.col + c);
      let name = cell ? String(cell.value) : "";
      if (name === "") name = `Column${c + 1}`;
      let unique = name;
      for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${name}${n}`;
      seen.add(unique.toLowerCase());
      names.push(unique);
    }
    return names;
  }

  tableBody(table: TableModel): Rect {
    const header = table.showHeaders ? 1 : 0;
    return rect(table.rect.row + header, table.rect.col, table.rect.rows - header - (table.showTotals ? 1 : 0), table.rect.cols);
  }

  /**
   * Table Design → Header Row off: Excel clears the header cells and the table starts at its first data
   * row; the column names stay (table.columns' names, structured references). On again: the row above is
   * used for the headers again.
   */
  setShowHeaders(table: TableModel, show: boolean): void {
    if (show === table.showHeaders) return;
    const r = table.rect;
    if (show) {
      if (r.row === 0) throw errors.invalidOperation("no room above the table for its header row");
      const names = table.hiddenHeaders ?? [];
      table.rect = rect(r.row - 1, r.col, r.rows + 1, r.cols);
      table.showHeaders = true;
      names.forEach((n, c) => table.sheet.writeText(r.row - 1, r.col + c, n));
      delete table.hiddenHeaders;
    } else {
      table.hiddenHeaders = this.tableColumns(table);
      table.sheet.clearContents(rect(r.row, r.col, 1, r.cols));
      table.rect = rect(r.row + 1, r.col, r.rows - 1, r.cols);
      table.showHeaders = false;
    }
  }

  /**
   * Deletes the cells of `r`, moving the cells below them (same columns) up by `r.rows`, with their formats.
   * Tables: whole data rows of a table across exactly its columns leave it (it keeps at least one data row's
   * place, as Excel does); tables wholly below in those columns move up; any other overlap is refused.
   */
  deleteShiftingUp(sheet: SheetModel, r: Rect): void {
    const moves: TableModel[] = [];
    for (const t of this.tables) {
      if (t.sheet !== sheet) continue;
      const columnsMeet = t.rect.col < r.col + r.cols && r.col < t.rect.col + t.rect.cols;
      if (!columnsMeet) continue;
      const sameColumns = t.rect.col === r.col && t.rect.cols === r.cols;
      const firstData = t.rect.row + (t.showHeaders ? 1 : 0);
      const lastData = t.rect.row + t.rect.rows - 1 - (t.showTotals ? 1 : 0);
      if (t.rect.row > r.row + r.rows - 1) {
        if (t.rect.col < r.col || t.rect.col + t.rect.cols > r.col + r.cols) throw errors.invalidOperation("the operation would shift cells in a table");
        moves.push(t);
      } else if (t.rect.row + t.rect.rows - 1 < r.row) continue;
      else if (sameColumns && r.row >= firstData && r.row + r.rows - 1 <= lastData && r.rows < lastData - firstData + 1) moves.push(t);
      else throw errors.invalidOperation("the operation would shift cells in a table");
    }
    const below = rect(r.row + r.rows, r.col, MAX_ROWS - r.row - r.rows, r.cols);
    const moving: [number, number, CellModel][] = [];
    sheet.forEachCell(below, (cell, row, col) => moving.push([row, col, cell]));
    sheet.forEachCell(r, (_cell, row, col) => sheet.cells.delete(key(row, col)));
    for (const [row, col] of moving) sheet.cells.delete(key(row, col));
    for (const [row, col, cell] of moving) sheet.cells.set(key(row - r.rows, col), cell);
    for (const t of moves) {
      if (t.rect.row > r.row) t.rect = rect(t.rect.row - r.rows, t.rect.col, t.rect.rows, t.rect.cols);
      else t.rect = rect(t.rect.row, t.rect.col, t.rect.rows - r.rows, t.rect.cols);
    }
  }

  /**
   * Table auto-expansion: a value written into the row directly below a table (within its columns, no
   * totals row) makes that row part of the table, as typing there does in Excel ("Resize a table by adding
   * or removing rows and columns", https://support.microsoft.com/office/e65ae4bb-e44b-43f4-ad8b-7d68784f1165:
   * "start typing in a cell below the last table row. The table expands to include the new row").
   */
  expandTablesBelow(sheet: SheetModel, written: Rect): void {
    for (const table of this.tables) {
      if (table.sheet !== sheet || table.showTotals) continue;
      const below = table.rect.row + table.rect.rows;
      const touches = written.row <= below && below < written.row + written.rows && intersection(written, rect(below, table.rect.col, 1, table.rect.cols));
      if (!touches) continue;
      const last = written.row + written.rows - 1;
      const blocked = this.tables.some((o) => o !== table && o.sheet === sheet && intersection(o.rect, rect(below, table.rect.col, last - below + 1, table.rect.cols)));
      if (!blocked) table.rect = rect(table.rect.row, table.rect.col, last - table.rect.row + 1, table.rect.cols);
    }
  }

  // ------------------------------------------------------------------ names

  findName(name: string): NameModel | undefined {
    return this.names.find((n) => same(n.name, name));
  }

  /** Adds a defined name; a structured reference must name a table and column that exist now. */
  addName(name: unknown, formula: unknown): NameModel {
    if (typeof name !== "string" || !validTableName(name)) throw errors.invalidArgument(`name ${JSON.stringify(name)}`);
    if (this.findName(name) || this.findTable(name)) throw errors.itemAlreadyExists(`a name "${name}" already exists`);
    if (typeof formula !== "string" || !formula.startsWith("=")) throw errors.invalidArgument(`reference ${JSON.stringify(formula)}`);
    for (const [, table, column] of formula.matchAll(/([A-Za-z_\\][A-Za-z0-9_.]*)\[([^\]]+)\]/g)) {
      const found = this.findTable(table);
      if (!found || !this.tableColumns(found).some((c) => same(c, column))) throw errors.invalidArgument(`the reference ${formula} is not valid`);
    }
    const model = { name, formula };
    this.names.push(model);
    return model;
  }

  setShowTotals(table: TableModel, show: boolean): void {
    if (show === table.showTotals) return;
    const r = table.rect;
    if (show && r.row + r.rows >= MAX_ROWS) throw errors.invalidOperation("no room for a totals row");
    table.rect = rect(r.row, r.col, r.rows + (show ? 1 : -1), r.cols);
    table.showTotals = show;
  }

  // ------------------------------------------------------------------ charts

  addChart(sheet: SheetModel, type: string, source: { sheet: SheetModel; rect: Rect }, seriesBy: string): ChartModel {
    const chart: ChartModel = {
      id: this.id(),
      name: `Chart ${this.nextChart++}`,
      type,
      seriesBy,
      source,
      title: "",
      titleVisible: false,
      top: 0,
      left: 0,
      width: 360,
      height: 216,
      sheet,
      deleted: false,
    };
    sheet.charts.push(chart);
    return chart;
  }

  /** Places a chart's top-left at a cell and, if given, its bottom-right at another. */
  positionChart(chart: ChartModel, startA1: string, endA1?: string): void {
    const start = parseA1(startA1);
    const end = endA1 === undefined ? undefined : parseA1(endA1);
    if (!start || (endA1 !== undefined && !end)) throw errors.invalidArgument(`chart position ${startA1}${endA1 ? `, ${endA1}` : ""}`);
    const left = (col: number) => Array.from({ length: col }, (_, c) => chart.sheet.columnWidth(c)).reduce((a, b) => a + b, 0);
    const top = (row: number) => Array.from({ length: row }, (_, r) => chart.sheet.rowHeight(r)).reduce((a, b) => a + b, 0);
    chart.start = rectA1(rect(start.rect.row, start.rect.col));
    chart.left = left(start.rect.col);
    chart.top = top(start.rect.row);
    if (end) {
      const bottomRight = rect(end.rect.row + end.rect.rows - 1, end.rect.col + end.rect.cols - 1);
      chart.end = rectA1(bottomRight);
      chart.width = Math.max(0, left(bottomRight.col + 1) - chart.left);
      chart.height = Math.max(0, top(bottomRight.row + 1) - chart.top);
    } else {
      delete chart.end;
    }
  }

  deleteChart(chart: ChartModel): void {
    chart.deleted = true;
    chart.sheet.charts.splice(chart.sheet.charts.indexOf(chart), 1);
  }

  // ------------------------------------------------------------------ validation and conditional formats

  setValidationRule(sheet: SheetModel, r: Rect, rule: unknown): void {
    const kinds = ["list", "wholeNumber", "decimal", "date", "time", "textLength", "custom"];
    const keys = rule && typeof rule === "object" && !Array.isArray(rule) ? Object.keys(rule).filter((k) => (rule as Record<string, unknown>)[k] != null) : [];
    if (keys.length !== 1 || !kinds.includes(keys[0])) throw errors.invalidArgument(`data validation rule ${JSON.stringify(rule)}`);
    const criteria = (rule as Record<string, unknown>)[keys[0]];
    if (keys[0] === "list" && (typeof criteria !== "object" || criteria === null || !("source" in criteria))) {
      throw errors.invalidArgument("a list rule needs a source");
    }
    sheet.subtractValidations(r);
    sheet.validations.push({ areas: [r], rule, ignoreBlanks: true });
  }

  /** The validation covering all of `r`, if exactly one does. */
  validationAt(sheet: SheetModel, r: Rect): ValidationModel | undefined {
    const touching = sheet.validations.filter((v) => v.areas.some((a) => intersection(a, r)));
    if (touching.length !== 1) return undefined;
    const covered = touching[0].areas.reduce<Rect[]>((rest, area) => rest.flatMap((piece) => subtract(piece, area)), [r]);
    return covered.length === 0 ? touching[0] : undefined;
  }

  validationsTouching(sheet: SheetModel, r: Rect): ValidationModel[] {
    return sheet.validations.filter((v) => v.areas.some((a) => intersection(a, r)));
  }

  addConditionalFormat(sheet: SheetModel, r: Rect, type: string): ConditionalFormatModel {
    const cf: ConditionalFormatModel = { id: this.id(), sheet, areas: [r], type, formula: "", stopIfTrue: false, deleted: false };
    sheet.conditionalFormats.push(cf);
    return cf;
  }

  conditionalFormatsTouching(sheet: SheetModel, r: Rect): ConditionalFormatModel[] {
    return sheet.conditionalFormats.filter((cf) => cf.areas.some((a) => intersection(a, r)));
  }

  deleteConditionalFormat(cf: ConditionalFormatModel): void {
    cf.deleted = true;
    const i = cf.sheet.conditionalFormats.indexOf(cf);
    if (i >= 0) cf.sheet.conditionalFormats.splice(i, 1);
  }
}
