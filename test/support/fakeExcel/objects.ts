/**
 * The Office.js Excel objects the double implements, as proxies over the model. Each type is described
 * once (its loadable properties, which of them are settable, its navigation properties); methods are
 * written out. Anything else throws FakeExcelUnsupported, so a gap in the double is never silent.
 */
import { cellA1, cellCount, intersection, isWholeColumns, isWholeRows, MAX_COLS, MAX_ROWS, parseA1, qualifiedA1, Rect, rect } from "./a1";
import {
  BorderIndex,
  BorderLineStyle,
  ChartSeriesBy,
  ChartType,
  ClearApplyTo,
  ConditionalFormatType,
  DataValidationAlertStyle,
  DeleteShiftDirection,
  HorizontalAlignment,
  PageOrientation,
  RangeUnderlineStyle,
  SheetVisibility,
  valuesOf,
  VerticalAlignment,
} from "./enums";
import { errors, FakeExcelUnsupported } from "./errors";
import { ChartModel, ConditionalFormatModel, formatText, Fmt, FmtKey, NameModel, normaliseColour, PageLayoutModel, SheetModel, TableModel, WorkbookModel } from "./model";
import { defineAccessors, FakeClientResult, FakeCollection, FakeContext, FakeObject, NavDef, ObjectOptions, TypeDesc } from "./runtime";

export interface RangeRef {
  readonly sheet: SheetModel;
  readonly rect: Rect;
}

interface TableScope {
  readonly workbook: WorkbookModel;
  readonly sheet?: SheetModel;
}

interface ColumnRef {
  readonly table: TableModel;
  readonly index: number;
}

// ------------------------------------------------------------------------------------------ describing

interface PropOf<M> {
  read(model: M): unknown;
  write?(model: M, value: unknown): void;
  cells?: boolean;
}

interface TypeOf<M> {
  readonly name: string;
  readonly props: Record<string, PropOf<M>>;
  readonly navs?: Record<string, NavDef>;
  readonly collection?: {
    item(): TypeDesc;
    items(model: M): unknown[];
    make(parent: FakeObject, itemModel: unknown, index: number): FakeObject;
  };
  alive?(model: M): void;
  cellCount?(model: M): number;
}

function describe<M>(type: TypeOf<M>): TypeDesc {
  return { navs: {}, ...type } as unknown as TypeDesc;
}

type Maker = new (context: FakeContext, options: ObjectOptions) => FakeObject;

/** A navigation property (`range.format`, `table.worksheet`): the class is given lazily, as classes are declared in any order. */
function nav<M>(cls: () => Maker, model: (parent: M) => unknown, type: () => TypeDesc): NavDef {
  return {
    make: (parent, name, resolve, instantiate) => new (cls())(parent.context, { parent, name, resolve, instantiate }),
    model: model as (parent: unknown) => unknown,
    type,
    cls,
  };
}

const readOnly = <M>(read: (m: M) => unknown): PropOf<M> => ({ read });

function check(ok: boolean, what: string): void {
  if (!ok) throw errors.invalidArgument(what);
}

function checkString(value: unknown, what: string): string {
  check(typeof value === "string", `${what} must be text`);
  return value as string;
}

function checkBoolean(value: unknown, what: string): boolean {
  check(typeof value === "boolean", `${what} must be true or false`);
  return value as boolean;
}

function checkNumber(value: unknown, what: string, min = -Infinity): number {
  check(typeof value === "number" && Number.isFinite(value) && value >= min, `${what} must be a number`);
  return value as number;
}

function checkEnum(value: unknown, allowed: Record<string, string>, what: string): string {
  check(typeof value === "string" && valuesOf(allowed).has(value), `${what} ${JSON.stringify(value)}`);
  return value as string;
}

function checkRect(row: unknown, col: unknown, rows: unknown, cols: unknown): Rect {
  const ints = [row, col, rows, cols].every((n) => typeof n === "number" && Number.isInteger(n));
  const r = ints ? rect(row as number, col as number, rows as number, cols as number) : undefined;
  if (!r || r.row < 0 || r.col < 0 || r.rows < 1 || r.cols < 1 || r.row + r.rows > MAX_ROWS || r.col + r.cols > MAX_COLS) {
    throw errors.invalidArgument(`range ${JSON.stringify([row, col, rows, cols])} is outside the worksheet`);
  }
  return r;
}

/** A proxy whose model is made by a queued method (`add`): bound when the method runs at sync. */
function created<T extends FakeObject>(
  parent: FakeObject,
  name: string,
  args: readonly unknown[],
  create: (model: never, wire: readonly unknown[]) => unknown,
  make: (options: ObjectOptions) => T,
): T {
  let model: unknown = undefined;
  parent._call(name, args, (m, wire) => {
    model = create(m as never, wire);
  });
  return make({
    parent,
    name,
    args,
    resolve: () => {
      if (model !== undefined) return model;
      if (parent._model() === null) return null;
      throw errors.itemNotFound(`${name} did not run`);
    },
  });
}

/** Finds an item by name as Excel does: case-insensitively. */
function byName<T extends { name: string }>(items: readonly T[], key: unknown, what: string): T {
  const found = typeof key === "string" ? items.find((i) => i.name.toLowerCase() === key.toLowerCase()) : undefined;
  if (!found) throw errors.itemNotFound(`${what} ${JSON.stringify(key)}`);
  return found;
}

function at<T>(items: readonly T[], index: unknown, what: string): T {
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= items.length)
    throw errors.itemNotFound(`${what} at ${JSON.stringify(index)}`);
  return items[index];
}

// ------------------------------------------------------------------------------------------ ranges

function grid<T>(r: RangeRef, cell: (row: number, col: number) => T): T[][] {
  return Array.from({ length: r.rect.rows }, (_, i) => Array.from({ length: r.rect.cols }, (_, j) => cell(r.rect.row + i, r.rect.col + j)));
}

/** Calls `write` for each cell of a 2-D input (shape must match) or, for a single value, each cell. */
function eachInput(r: RangeRef, input: unknown, write: (row: number, col: number, value: unknown) => void): void {
  const { rect: box, sheet } = r;
  if (Array.isArray(input)) {
    if (input.length !== box.rows || input.some((row) => !Array.isArray(row) || row.length !== box.cols)) throw errors.shapeMismatch();
    (input as unknown[][]).forEach((row, i) => row.forEach((value, j) => write(box.row + i, box.col + j, value)));
    return;
  }
  if (input === null || input === undefined) return;
  if (input === "") {
    sheet.forEachCell(box, (_, row, col) => write(row, col, ""));
    return;
  }
  if (cellCount(box) > 5_000_000) throw new FakeExcelUnsupported(`FakeExcel: filling ${cellCount(box)} cells with one value is more than the double handles.`);
  for (let row = box.row; row < box.row + box.rows; row++) for (let col = box.col; col < box.col + box.cols; col++) write(row, col, input);
}

function writeContents(r: RangeRef, value: unknown): void {
  r.sheet.assertWritable(r.rect, "contents");
  let filled: Rect | undefined;
  eachInput(r, value, (row, col, v) => {
    r.sheet.writeInput(row, col, v);
    if (v !== "" && v !== null && v !== undefined) filled = filled ? rect(filled.row, filled.col, row - filled.row + 1, filled.cols) : rect(row, r.rect.col, 1, r.rect.cols);
  });
  // Something written directly below a table joins it (auto-expansion; see WorkbookModel.expandTablesBelow).
  if (filled) r.sheet.workbook.expandTablesBelow(r.sheet, filled);
}

function writeNumberFormat(r: RangeRef, value: unknown): void {
  r.sheet.assertWritable(r.rect, "formats");
  const asFormat = (v: unknown) => (typeof v === "number" ? String(v) : checkString(v, "numberFormat"));
  if (!Array.isArray(value)) {
    if (value === null || value === undefined) return;
    r.sheet.setFormat(r.rect, "numberFormat", asFormat(value));
    return;
  }
  eachInput(r, value, (row, col, v) => {
    if (v !== null && v !== undefined) r.sheet.setFormatAt(row, col, "numberFormat", asFormat(v));
  });
}

/** One value if every cell agrees, else null (as Office reports mixed formatting). */
function uniform<T>(r: RangeRef, get: (row: number, col: number) => T): T | null {
  const seen = new Set<T>();
  const { rect: box, sheet } = r;
  if (cellCount(box) <= 200_000) {
    for (let row = box.row; row < box.row + box.rows; row++) {
      for (let col = box.col; col < box.col + box.cols; col++) {
        seen.add(get(row, col));
        if (seen.size > 1) return null;
      }
    }
  } else {
    seen.add(get(box.row, box.col));
    sheet.forEachCell(box, (_, row, col) => seen.add(get(row, col)));
    for (const col of sheet.columnStyles.keys()) if (col >= box.col && col < box.col + box.cols) seen.add(get(box.row, col));
  }
  return seen.size === 1 ? [...seen][0] : null;
}

function formatProp<K extends FmtKey>(name: K, check: (v: unknown) => Fmt[K], show?: (v: Required<Fmt>[K]) => unknown): PropOf<RangeRef> {
  return {
    read: (r) => uniform(r, (row, col) => (show ? show(r.sheet.format(row, col, name)) : r.sheet.format(row, col, name))),
    write: (r, v) => {
      r.sheet.assertWritable(r.rect, "formats");
      r.sheet.setFormat(r.rect, name, check(v));
    },
  };
}

function valueType(sheet: SheetModel, row: number, col: number): string {
  const cell = sheet.cell(row, col);
  if (!cell || (cell.value === "" && cell.formula === undefined)) return "Empty";
  if (cell.error) return "Error";
  if (typeof cell.value === "number") return "Double";
  if (typeof cell.value === "boolean") return "Boolean";
  return "String";
}

const aliveRange = (r: RangeRef) => {
  if (r.sheet.deleted) throw errors.itemNotFound(`worksheet "${r.sheet.name}" was deleted`);
};

function rangeFrom(parent: FakeObject, name: string, args: readonly unknown[], find: (model: never) => RangeRef | null, nullable = false): FakeRange {
  return new FakeRange(parent.context, { parent, name, args, resolve: parent._below(find), nullable });
}

/** A range given as a Range proxy or an address on `sheet`. */
function rangeArgument(value: unknown, sheet: SheetModel | undefined, workbook: WorkbookModel): RangeRef {
  if (value instanceof FakeRange) {
    const model = value._model() as RangeRef | null;
    if (model === null) throw errors.invalidArgument("the range is a null object");
    return model;
  }
  if (typeof value !== "string") throw errors.invalidArgument(`range ${JSON.stringify(value)}`);
  const parsed = parseA1(value);
  if (!parsed) throw errors.invalidArgument(`address "${value}"`);
  const target = parsed.sheet !== undefined ? workbook.findSheet(parsed.sheet) : sheet;
  if (!target) throw errors.invalidArgument(`address "${value}" needs a worksheet that exists`);
  if (sheet && target !== sheet) throw errors.invalidArgument(`address "${value}" is on another worksheet`);
  return { sheet: target, rect: parsed.rect };
}

export class FakeRange extends FakeObject {
  _type(): TypeDesc {
    return RANGE;
  }

  private derive(name: string, args: readonly unknown[], f: (box: Rect) => Rect): FakeRange {
    return rangeFrom(this, name, args, (r: RangeRef) => ({ sheet: r.sheet, rect: f(r.rect) }));
  }

  getCell(row: number, column: number): FakeRange {
    return this.derive("getCell", [row, column], (b) => checkRect(b.row + row, b.col + column, 1, 1));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derive("getOffsetRange", [rowOffset, columnOffset], (b) => checkRect(b.row + rowOffset, b.col + columnOffset, b.rows, b.cols));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derive("getResizedRange", [deltaRows, deltaColumns], (b) => checkRect(b.row, b.col, b.rows + deltaRows, b.cols + deltaColumns));
  }

  getColumn(column: number): FakeRange {
    return this.derive("getColumn", [column], (b) => checkRect(b.row, b.col + column, b.rows, 1));
  }

  getRow(row: number): FakeRange {
    return this.derive("getRow", [row], (b) => checkRect(b.row + row, b.col, 1, b.cols));
  }

  getLastRow(): FakeRange {
    return this.derive("getLastRow", [], (b) => rect(b.row + b.rows - 1, b.col, 1, b.cols));
  }

  getLastColumn(): FakeRange {
    return this.derive("getLastColumn", [], (b) => rect(b.row, b.col + b.cols - 1, b.rows, 1));
  }

  getLastCell(): FakeRange {
    return this.derive("getLastCell", [], (b) => rect(b.row + b.rows - 1, b.col + b.cols - 1));
  }

  getEntireColumn(): FakeRange {
    return this.derive("getEntireColumn", [], (b) => rect(0, b.col, MAX_ROWS, b.cols));
  }

  getEntireRow(): FakeRange {
    return this.derive("getEntireRow", [], (b) => rect(b.row, 0, b.rows, MAX_COLS));
  }

  private used(name: string, valuesOnly: unknown, nullable: boolean): FakeRange {
    const args = valuesOnly === undefined ? [] : [valuesOnly];
    return rangeFrom(
      this,
      name,
      args,
      (r: RangeRef) => {
        const used = r.sheet.usedRect(valuesOnly === true);
        const inside = used && intersection(used, r.rect);
        if (!inside) throw errors.itemNotFound("no used cells in the range");
        return { sheet: r.sheet, rect: inside };
      },
      nullable,
    );
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this.used("getUsedRange", valuesOnly, false);
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return this.used("getUsedRangeOrNullObject", valuesOnly, true);
  }

  private intersect(name: string, other: unknown, nullable: boolean): FakeRange {
    return rangeFrom(
      this,
      name,
      [other],
      (r: RangeRef) => {
        const o = rangeArgument(other, r.sheet, r.sheet.workbook);
        const inside = intersection(r.rect, o.rect);
        if (!inside) throw errors.itemNotFound("the ranges do not intersect");
        return { sheet: r.sheet, rect: inside };
      },
      nullable,
    );
  }

  getIntersection(anotherRange: unknown): FakeRange {
    return this.intersect("getIntersection", anotherRange, false);
  }

  getIntersectionOrNullObject(anotherRange: unknown): FakeRange {
    return this.intersect("getIntersectionOrNullObject", anotherRange, true);
  }

  /**
   * Merges the range into one cell, or with `across` each row into one (Range.merge,
   * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-merge-member(1)). Excel keeps
   * only the top-left value of each merged area; the double refuses to merge over a second value rather than
   * model the confirmation Excel's UI asks for, and over an area already merged.
   */
  merge(across?: boolean): void {
    this._call("merge", across === undefined ? [] : [across], (r: RangeRef) => {
      r.sheet.assertWritable(r.rect, "formats");
      const areas = across ? Array.from({ length: r.rect.rows }, (_, i) => ({ ...r.rect, row: r.rect.row + i, rows: 1 })) : [r.rect];
      for (const area of areas) {
        let values = 0;
        r.sheet.forEachCell(area, (cell) => (values += cell.value !== "" || cell.formula !== undefined ? 1 : 0));
        if (values > 1) throw new FakeExcelUnsupported("FakeExcel: merging cells that hold more than one value is not modelled.");
        if (r.sheet.merges.some((m) => intersection(m, area))) throw errors.invalidArgument("the range overlaps a merged area");
      }
      for (const area of areas) if (area.rows * area.cols > 1) r.sheet.merges.push(area);
    });
  }

  /**
   * Range.delete (ExcelApi 1.1) with shift Up: the cells go and the cells below them, in the same columns,
   * move up. A range of whole data rows of a table, across all its columns, takes those rows out of the table
   * (as Home → Delete → Delete Table Rows does: "Resize a table by adding or removing rows and columns",
   * https://support.microsoft.com/office/e65ae4bb-e44b-43f4-ad8b-7d68784f1165); a range cutting across a
   * table any other way is refused, as Excel refuses to shift part of a table. Shift Left is not modelled.
   */
  delete(shift: unknown): void {
    this._call("delete", [shift], (r: RangeRef) => {
      const how = checkEnum(shift, DeleteShiftDirection, "shift");
      if (how !== "Up") throw new FakeExcelUnsupported("FakeExcel: Range.delete supports shift Up only.");
      r.sheet.assertWritable(r.rect, "contents");
      r.sheet.workbook.deleteShiftingUp(r.sheet, r.rect);
    });
  }

  clear(applyTo?: string): void {
    this._call("clear", applyTo === undefined ? [] : [applyTo], (r: RangeRef) => {
      const how = applyTo === undefined ? "All" : checkEnum(applyTo, ClearApplyTo, "applyTo");
      if (how === "All" || how === "Contents" || how === "ResetContents") {
        r.sheet.assertWritable(r.rect, "contents");
        r.sheet.clearContents(r.rect);
      }
      if (how === "All" || how === "Formats") {
        r.sheet.assertWritable(r.rect, "formats");
        r.sheet.clearFormats(r.rect);
      }
      if (how === "All") r.sheet.subtractValidations(r.rect);
    });
  }

  /**
   * The smallest range holding this one and `anotherRange` (ExcelApi 1.1): "Range.getBoundingRect",
   * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getboundingrect-member(1).
   */
  getBoundingRect(anotherRange: unknown): FakeRange {
    return rangeFrom(this, "getBoundingRect", [anotherRange], (r: RangeRef) => {
      const o = rangeArgument(anotherRange, r.sheet, r.sheet.workbook);
      const top = Math.min(r.rect.row, o.rect.row);
      const left = Math.min(r.rect.col, o.rect.col);
      const bottom = Math.max(r.rect.row + r.rect.rows, o.rect.row + o.rect.rows);
      const right = Math.max(r.rect.col + r.rect.cols, o.rect.col + o.rect.cols);
      return { sheet: r.sheet, rect: rect(top, left, bottom - top, right - left) };
    });
  }

  /**
   * The merged areas whose top-left cell is in this range, or a null object when there are none (ExcelApi
   * 1.13): "Range.getMergedAreasOrNullObject", https://learn.microsoft.com/javascript/api/excel/excel.range;
   * only areas that start inside the range come back, as the Office team confirmed in office-js#3611.
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.context, {
      parent: this,
      name: "getMergedAreasOrNullObject",
      args: [],
      nullable: true,
      resolve: this._below((r: RangeRef) => {
        const rects = r.sheet.merges.filter((m) => m.row >= r.rect.row && m.row < r.rect.row + r.rect.rows && m.col >= r.rect.col && m.col < r.rect.col + r.rect.cols);
        if (rects.length === 0) throw errors.itemNotFound("no merged areas in the range");
        return { sheet: r.sheet, rects };
      }),
    });
  }

  /**
   * Each cell's properties as a 2-D array in a ClientResult (ExcelApi 1.9): "Range.getCellProperties" and
   * "Excel.CellPropertiesFillLoadOptions", https://learn.microsoft.com/javascript/api/excel/excel.cellpropertiesfillloadoptions.
   * Only `format.fill.color` and `format.fill.tintAndShade` are implemented. A cell with no fill reports
   * `#FFFFFF` like a white one (office-js#6218, office-js#4900) and, as the Office team answered in #4900,
   * a null tintAndShade, where a filled cell has a number.
   */
  getCellProperties(cellPropertiesLoadOptions: unknown): FakeClientResult<unknown[][]> {
    const options = cellPropertiesLoadOptions as { format?: { fill?: Record<string, unknown> } } & Record<string, unknown>;
    const fill = options?.format?.fill ?? {};
    const extra = [...Object.keys(options ?? {}).filter((k) => k !== "format"), ...Object.keys(options?.format ?? {}).filter((k) => k !== "fill"), ...Object.keys(fill).filter((k) => k !== "color" && k !== "tintAndShade")];
    if (extra.length > 0) throw new FakeExcelUnsupported(`FakeExcel: getCellProperties supports format.fill.color and tintAndShade only, not ${extra.join(", ")}.`);
    return this._callForResult("getCellProperties", [cellPropertiesLoadOptions], (r: RangeRef) => {
      if (cellCount(r.rect) * 40 > this.context._host.maxRequestBytes) throw errors.responseTooLarge(this.context._host.maxRequestBytes);
      return grid(r, (row, col) => {
        const colour = r.sheet.format(row, col, "fill");
        const out: Record<string, unknown> = {};
        if (fill.color) out.color = colour === "" ? "#FFFFFF" : colour;
        if (fill.tintAndShade) out.tintAndShade = colour === "" ? null : 0;
        return { format: { fill: out } };
      });
    });
  }

  select(): void {
    this._call("select", [], (r: RangeRef) => {
      r.sheet.workbook.activate(r.sheet);
      r.sheet.selection = r.rect;
    });
  }
}

const RANGE: TypeDesc = describe<RangeRef>({
  name: "Range",
  props: {
    address: readOnly((r) => qualifiedA1(r.sheet.name, r.rect)),
    addressLocal: readOnly((r) => qualifiedA1(r.sheet.name, r.rect)),
    rowIndex: readOnly((r) => r.rect.row),
    columnIndex: readOnly((r) => r.rect.col),
    rowCount: readOnly((r) => r.rect.rows),
    columnCount: readOnly((r) => r.rect.cols),
    cellCount: readOnly((r) => cellCount(r.rect)),
    isEntireColumn: readOnly((r) => isWholeColumns(r.rect)),
    isEntireRow: readOnly((r) => isWholeRows(r.rect)),
    values: { cells: true, read: (r) => grid(r, (row, col) => r.sheet.cell(row, col)?.value ?? ""), write: writeContents },
    formulas: {
      cells: true,
      read: (r) => grid(r, (row, col) => r.sheet.cell(row, col)?.formula ?? r.sheet.cell(row, col)?.value ?? ""),
      write: writeContents,
    },
    numberFormat: { cells: true, read: (r) => grid(r, (row, col) => r.sheet.format(row, col, "numberFormat")), write: writeNumberFormat },
    text: { cells: true, read: (r) => grid(r, (row, col) => formatText(r.sheet.cell(row, col)?.value ?? "", r.sheet.format(row, col, "numberFormat"))) },
    valueTypes: { cells: true, read: (r) => grid(r, (row, col) => valueType(r.sheet, row, col)) },
  },
  navs: {
    format: nav<RangeRef>(
      () => FakeRangeFormat,
      (r) => r,
      () => RANGE_FORMAT,
    ),
    dataValidation: nav<RangeRef>(
      () => FakeDataValidation,
      (r) => r,
      () => DATA_VALIDATION,
    ),
    conditionalFormats: nav<RangeRef>(
      () => FakeConditionalFormatCollection,
      (r) => r,
      () => CONDITIONAL_FORMATS,
    ),
    worksheet: nav<RangeRef>(
      () => FakeWorksheet,
      (r) => r.sheet,
      () => WORKSHEET,
    ),
  },
  alive: aliveRange,
  cellCount: (r) => cellCount(r.rect),
});

const H_ALIGN = HorizontalAlignment as Record<string, string>;
const V_ALIGN = VerticalAlignment as Record<string, string>;

const RANGE_FORMAT: TypeDesc = describe<RangeRef>({
  name: "RangeFormat",
  props: {
    wrapText: formatProp("wrap", (v) => checkBoolean(v, "wrapText")),
    horizontalAlignment: formatProp("hAlign", (v) => checkEnum(v, H_ALIGN, "horizontalAlignment")),
    verticalAlignment: formatProp("vAlign", (v) => checkEnum(v, V_ALIGN, "verticalAlignment")),
    columnWidth: {
      read: (r) => {
        const widths = new Set<number>();
        for (let col = r.rect.col; col < r.rect.col + r.rect.cols; col++) widths.add(r.sheet.columnWidth(col));
        return widths.size === 1 ? [...widths][0] : null;
      },
      write: (r, v) => {
        const width = checkNumber(v, "columnWidth", 0);
        r.sheet.assertWritable(r.rect, "columns");
        for (let col = r.rect.col; col < r.rect.col + r.rect.cols; col++) r.sheet.columnWidths.set(col, width);
      },
    },
    rowHeight: {
      read: (r) => {
        const heights = new Set<number>();
        if (r.rect.rows > 100_000) {
          heights.add(r.sheet.rowHeight(r.rect.row));
          for (const [row, h] of r.sheet.rowHeights) if (row >= r.rect.row && row < r.rect.row + r.rect.rows) heights.add(h);
        } else {
          for (let row = r.rect.row; row < r.rect.row + r.rect.rows; row++) heights.add(r.sheet.rowHeight(row));
        }
        return heights.size === 1 ? [...heights][0] : null;
      },
      write: (r, v) => {
        const height = checkNumber(v, "rowHeight", 0);
        r.sheet.assertWritable(r.rect, "rows");
        if (r.rect.rows > 100_000) throw new FakeExcelUnsupported("FakeExcel: setting the height of more than 100,000 rows is not implemented.");
        for (let row = r.rect.row; row < r.rect.row + r.rect.rows; row++) r.sheet.rowHeights.set(row, height);
      },
    },
  },
  navs: {
    font: nav<RangeRef>(
      () => FakeRangeFont,
      (r) => r,
      () => RANGE_FONT,
    ),
    fill: nav<RangeRef>(
      () => FakeRangeFill,
      (r) => r,
      () => RANGE_FILL,
    ),
    borders: nav<RangeRef>(
      () => FakeRangeBorderCollection,
      (r) => r,
      () => RANGE_BORDERS,
    ),
    protection: nav<RangeRef>(
      () => FakeFormatProtection,
      (r) => r,
      () => FORMAT_PROTECTION,
    ),
  },
  alive: aliveRange,
});

const RANGE_BORDERS: TypeDesc = describe<RangeRef>({ name: "RangeBorderCollection", props: {}, alive: aliveRange });

/** One edge of a range's borders: `range.format.borders.getItem("EdgeTop")`. */
interface BorderRef {
  readonly range: RangeRef;
  readonly index: string;
}

/**
 * The cells whose top edge a border item draws: EdgeTop the range's top row, InsideHorizontal every row but
 * the top ("Excel.BorderIndex": edgeTop, insideHorizontal, https://learn.microsoft.com/javascript/api/excel/excel.borderindex).
 * Other edges are not modelled.
 */
function topEdgeCells(b: BorderRef): Rect | null {
  const r = b.range.rect;
  if (b.index === "EdgeTop") return { ...r, rows: 1 };
  if (b.index === "InsideHorizontal") return r.rows > 1 ? { ...r, row: r.row + 1, rows: r.rows - 1 } : null;
  throw new FakeExcelUnsupported(`FakeExcel: the border ${b.index} is not modelled (only EdgeTop and InsideHorizontal).`);
}

const RANGE_BORDER: TypeDesc = describe<BorderRef>({
  name: "RangeBorder",
  props: {
    style: {
      read: (b) => {
        const cells = topEdgeCells(b);
        return cells ? uniform({ ...b.range, rect: cells }, (row, col) => b.range.sheet.format(row, col, "topBorder")) : "None";
      },
      write: (b, v) => {
        const style = checkEnum(v, BorderLineStyle, "style");
        const cells = topEdgeCells(b);
        b.range.sheet.assertWritable(b.range.rect, "formats");
        if (cells) b.range.sheet.setFormat(cells, "topBorder", style);
      },
    },
  },
  alive: (b) => aliveRange(b.range),
});

const RANGE_FONT: TypeDesc = describe<RangeRef>({
  name: "RangeFont",
  props: {
    bold: formatProp("bold", (v) => checkBoolean(v, "bold")),
    italic: formatProp("italic", (v) => checkBoolean(v, "italic")),
    color: formatProp("fontColor", (v) => normaliseColour(v)),
    size: formatProp("fontSize", (v) => checkNumber(v, "size", 1)),
    name: formatProp("fontName", (v) => checkString(v, "name")),
    underline: formatProp("underline", (v) => checkEnum(v, RangeUnderlineStyle, "underline")),
  },
  alive: aliveRange,
});

const RANGE_FILL: TypeDesc = describe<RangeRef>({
  name: "RangeFill",
  props: {
    color: formatProp(
      "fill",
      (v) => normaliseColour(v),
      (fill) => fill || "#FFFFFF",
    ),
  },
  alive: aliveRange,
});

const FORMAT_PROTECTION: TypeDesc = describe<RangeRef>({
  name: "FormatProtection",
  props: {
    locked: {
      read: (r) => uniform(r, (row, col) => r.sheet.format(row, col, "locked")),
      write: (r, v) => {
        const locked = checkBoolean(v, "locked");
        if (r.sheet.protection.protected) throw errors.accessDenied(`${r.sheet.name} is protected`);
        r.sheet.setFormat(r.rect, "locked", locked);
      },
    },
    formulaHidden: readOnly(() => false),
  },
  alive: aliveRange,
});

const DEFAULT_ALERT = { showAlert: true, style: "Stop", title: "", message: "" };
const DEFAULT_PROMPT = { showPrompt: false, title: "", message: "" };

function validationSetting(name: "errorAlert" | "prompt", defaults: Record<string, unknown>): PropOf<RangeRef> {
  return {
    read: (r) => r.sheet.workbook.validationAt(r.sheet, r.rect)?.[name] ?? defaults,
    write: (r, v) => {
      check(typeof v === "object" && v !== null && !Array.isArray(v), `${name} must be an object`);
      const setting = { ...defaults, ...(v as Record<string, unknown>) };
      if (name === "errorAlert") checkEnum(setting.style, DataValidationAlertStyle, "errorAlert.style");
      r.sheet.assertWritable(r.rect, "contents");
      for (const validation of r.sheet.workbook.validationsTouching(r.sheet, r.rect)) validation[name] = setting;
    },
  };
}

const DATA_VALIDATION: TypeDesc = describe<RangeRef>({
  name: "DataValidation",
  props: {
    rule: {
      read: (r) => {
        const touching = r.sheet.workbook.validationsTouching(r.sheet, r.rect);
        if (touching.length === 0) return;
        return r.sheet.workbook.validationAt(r.sheet, r.rect)?.rule ?? null;
      },
      write: (r, v) => {
        r.sheet.assertWritable(r.rect, "contents");
        r.sheet.workbook.setValidationRule(r.sheet, r.rect, v);
      },
    },
    type: readOnly((r) => {
      const touching = r.sheet.workbook.validationsTouching(r.sheet, r.rect);
      if (touching.length === 0) return "None";
      const covering = r.sheet.workbook.validationAt(r.sheet, r.rect);
      if (!covering) return "Inconsistent";
      const kind = Object.keys(covering.rule as object)[0];
      return kind.charAt(0).toUpperCase() + kind.slice(1);
    }),
    errorAlert: validationSetting("errorAlert", DEFAULT_ALERT),
    prompt: validationSetting("prompt", DEFAULT_PROMPT),
    ignoreBlanks: {
      read: (r) => r.sheet.workbook.validationAt(r.sheet, r.rect)?.ignoreBlanks ?? true,
      write: (r, v) => {
        const ignore = checkBoolean(v, "ignoreBlanks");
        for (const validation of r.sheet.workbook.validationsTouching(r.sheet, r.rect)) validation.ignoreBlanks = ignore;
      },
    },
    valid: readOnly(() => true),
  },
  alive: aliveRange,
});

// ------------------------------------------------------------------------------------------ conditional formats

const aliveFormat = (cf: ConditionalFormatModel) => {
  if (cf.deleted) throw errors.itemNotFound("the conditional format was deleted");
};

export class FakeConditionalFormat extends FakeObject {
  _type(): TypeDesc {
    return CONDITIONAL_FORMAT;
  }

  delete(): void {
    this._call("delete", [], (cf: ConditionalFormatModel) => cf.sheet.workbook.deleteConditionalFormat(cf));
  }

  getRange(): FakeRange {
    return rangeFrom(this, "getRange", [], (cf: ConditionalFormatModel) => ({ sheet: cf.sheet, rect: cf.areas[0] }));
  }
}

const CONDITIONAL_FORMATS: TypeDesc = describe<RangeRef>({
  name: "ConditionalFormatCollection",
  props: {},
  collection: {
    item: () => CONDITIONAL_FORMAT,
    items: (r) => r.sheet.workbook.conditionalFormatsTouching(r.sheet, r.rect),
    make: (parent, model, i) => new FakeConditionalFormat(parent.context, { parent, name: "getItemAt", args: [i], bound: model }),
  },
  alive: aliveRange,
});

const CONDITIONAL_FORMAT: TypeDesc = describe<ConditionalFormatModel>({
  name: "ConditionalFormat",
  props: {
    id: readOnly((cf) => String(cf.id)),
    type: readOnly((cf) => cf.type),
    priority: readOnly((cf) => cf.sheet.conditionalFormats.indexOf(cf)),
    stopIfTrue: { read: (cf) => cf.stopIfTrue, write: (cf, v) => (cf.stopIfTrue = checkBoolean(v, "stopIfTrue")) },
  },
  navs: {
    custom: nav<ConditionalFormatModel>(
      () => FakeCustomConditionalFormat,
      (cf) => {
        if (cf.type !== "Custom") throw errors.invalidOperation(`a ${cf.type} conditional format has no custom part`);
        return cf;
      },
      () => CUSTOM_FORMAT,
    ),
  },
  alive: aliveFormat,
});

const CUSTOM_FORMAT: TypeDesc = describe<ConditionalFormatModel>({
  name: "CustomConditionalFormat",
  props: {},
  navs: {
    rule: nav<ConditionalFormatModel>(
      () => FakeConditionalFormatRule,
      (cf) => cf,
      () => CONDITIONAL_RULE,
    ),
    format: nav<ConditionalFormatModel>(
      () => FakeConditionalRangeFormat,
      (cf) => cf,
      () => CONDITIONAL_RANGE_FORMAT,
    ),
  },
  alive: aliveFormat,
});

const formulaProp: PropOf<ConditionalFormatModel> = {
  read: (cf) => cf.formula,
  write: (cf, v) => {
    const formula = checkString(v, "formula");
    check(formula.trim() !== "", "formula must not be empty");
    cf.formula = formula;
  },
};

const CONDITIONAL_RULE: TypeDesc = describe<ConditionalFormatModel>({
  name: "ConditionalFormatRule",
  props: { formula: formulaProp, formulaLocal: formulaProp },
  alive: aliveFormat,
});

const CONDITIONAL_RANGE_FORMAT: TypeDesc = describe<ConditionalFormatModel>({
  name: "ConditionalRangeFormat",
  props: {
    numberFormat: readOnly(() => null),
  },
  navs: {
    font: nav<ConditionalFormatModel>(
      () => FakeConditionalRangeFont,
      (cf) => cf,
      () => CONDITIONAL_FONT,
    ),
    fill: nav<ConditionalFormatModel>(
      () => FakeConditionalRangeFill,
      (cf) => cf,
      () => CONDITIONAL_FILL,
    ),
  },
  alive: aliveFormat,
});

const CONDITIONAL_FONT: TypeDesc = describe<ConditionalFormatModel>({
  name: "ConditionalRangeFont",
  props: {
    color: { read: (cf) => cf.fontColor ?? null, write: (cf, v) => (cf.fontColor = normaliseColour(v)) },
    bold: { read: (cf) => cf.bold ?? null, write: (cf, v) => (cf.bold = checkBoolean(v, "bold")) },
    italic: { read: (cf) => cf.italic ?? null, write: (cf, v) => (cf.italic = checkBoolean(v, "italic")) },
  },
  alive: aliveFormat,
});

const CONDITIONAL_FILL: TypeDesc = describe<ConditionalFormatModel>({
  name: "ConditionalRangeFill",
  props: { color: { read: (cf) => cf.fill ?? null, write: (cf, v) => (cf.fill = normaliseColour(v)) } },
  alive: aliveFormat,
});

// ------------------------------------------------------------------------------------------ worksheets

const aliveSheet = (s: SheetModel) => {
  if (s.deleted) throw errors.itemNotFound(`worksheet "${s.name}" was deleted`);
};

export class FakeWorksheet extends FakeObject {
  _type(): TypeDesc {
    return WORKSHEET;
  }

  getRange(address?: string): FakeRange {
    return rangeFrom(this, "getRange", address === undefined ? [] : [address], (s: SheetModel) => {
      if (address === undefined) return { sheet: s, rect: rect(0, 0, MAX_ROWS, MAX_COLS) };
      return rangeArgument(address, s, s.workbook);
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return rangeFrom(this, "getRangeByIndexes", [startRow, startColumn, rowCount, columnCount], (s: SheetModel) => ({
      sheet: s,
      rect: checkRect(startRow, startColumn, rowCount, columnCount),
    }));
  }

  getCell(row: number, column: number): FakeRange {
    return rangeFrom(this, "getCell", [row, column], (s: SheetModel) => ({ sheet: s, rect: checkRect(row, column, 1, 1) }));
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return rangeFrom(this, "getUsedRange", valuesOnly === undefined ? [] : [valuesOnly], (s: SheetModel) => ({
      sheet: s,
      rect: s.usedRect(valuesOnly === true) ?? rect(0, 0),
    }));
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return rangeFrom(
      this,
      "getUsedRangeOrNullObject",
      valuesOnly === undefined ? [] : [valuesOnly],
      (s: SheetModel) => {
        const used = s.usedRect(valuesOnly === true);
        if (!used) throw errors.itemNotFound("the worksheet is empty");
        return { sheet: s, rect: used };
      },
      true,
    );
  }

  activate(): void {
    this._call("activate", [], (s: SheetModel) => s.workbook.activate(s));
  }

  delete(): void {
    this._call("delete", [], (s: SheetModel) => s.workbook.deleteSheet(s));
  }
}

const WORKSHEET: TypeDesc = describe<SheetModel>({
  name: "Worksheet",
  props: {
    id: readOnly((s) => `{${String(s.id).padStart(8, "0")}-0000-0000-0000-000000000000}`),
    name: { read: (s) => s.name, write: (s, v) => (s.name = s.workbook.checkSheetName(v, s)) },
    position: { read: (s) => s.position, write: (s, v) => s.workbook.moveSheet(s, v) },
    visibility: {
      read: (s) => s.visibility,
      write: (s, v) => {
        const visibility = checkEnum(v, SheetVisibility, "visibility");
        if (visibility !== "Visible" && !s.workbook.sheets.some((o) => o !== s && o.visibility === "Visible")) {
          throw errors.invalidOperation("a workbook must keep at least one visible worksheet");
        }
        s.visibility = visibility;
        if (visibility !== "Visible" && s.workbook.active === s) s.workbook.active = s.workbook.sheets.find((o) => o.visibility === "Visible");
      },
    },
    tabColor: { read: (s) => s.tabColor, write: (s, v) => (s.tabColor = v === "" ? "" : normaliseColour(v)) },
  },
  navs: {
    tables: nav<SheetModel>(
      () => FakeTableCollection,
      (s) => ({ workbook: s.workbook, sheet: s }),
      () => TABLES,
    ),
    charts: nav<SheetModel>(
      () => FakeChartCollection,
      (s) => s,
      () => CHARTS,
    ),
    protection: nav<SheetModel>(
      () => FakeWorksheetProtection,
      (s) => s,
      () => PROTECTION,
    ),
    freezePanes: nav<SheetModel>(
      () => FakeWorksheetFreezePanes,
      (s) => s,
      () => FREEZE_PANES,
    ),
    pageLayout: nav<SheetModel>(
      () => FakePageLayout,
      (s) => s,
      () => PAGE_LAYOUT,
    ),
  },
  alive: aliveSheet,
});

/**
 * Worksheet.pageLayout (ExcelApi 1.9): https://learn.microsoft.com/javascript/api/excel/excel.pagelayout.
 * `orientation` is an Excel.PageOrientation; `zoom` a PageLayoutZoomOptions, whose `scale` is 10 to 400 and
 * whose fit-to-pages counts are whole numbers (https://learn.microsoft.com/javascript/api/excel/excel.pagelayoutzoomoptions);
 * only what the add-in sets is described.
 */
const PAGE_LAYOUT: TypeDesc = describe<SheetModel>({
  name: "PageLayout",
  props: {
    orientation: { read: (s) => s.pageLayout.orientation, write: (s, v) => (s.pageLayout.orientation = checkEnum(v, PageOrientation, "orientation")) },
    zoom: {
      read: (s) => ({ ...s.pageLayout.zoom }),
      write: (s, v) => {
        check(typeof v === "object" && v !== null && !Array.isArray(v), "zoom");
        const given = v as Record<string, unknown>;
        const extra = Object.keys(given).filter((k) => !["scale", "horizontalFitToPages", "verticalFitToPages"].includes(k));
        check(extra.length === 0, `zoom ${extra.join(", ")}`);
        const zoom: PageLayoutModel["zoom"] = {};
        if (given.scale !== undefined && given.scale !== null) {
          zoom.scale = checkNumber(given.scale, "zoom.scale", 10);
          check(zoom.scale <= 400, "zoom.scale must be 10 to 400");
        }
        for (const key of ["horizontalFitToPages", "verticalFitToPages"] as const) {
          if (given[key] === undefined || given[key] === null) continue;
          const n = checkNumber(given[key], `zoom.${key}`, 0);
          check(Number.isInteger(n), `zoom.${key} must be a whole number`);
          zoom[key] = n;
        }
        s.pageLayout.zoom = zoom;
      },
    },
  },
  navs: {
    headersFooters: nav<SheetModel>(
      () => FakeHeaderFooterGroup,
      (s) => s,
      () => HEADER_FOOTER_GROUP,
    ),
  },
  alive: aliveSheet,
});

/** PageLayout.headersFooters (ExcelApi 1.9): https://learn.microsoft.com/javascript/api/excel/excel.headerfootergroup; only the default (every page's) one. */
const HEADER_FOOTER_GROUP: TypeDesc = describe<SheetModel>({
  name: "HeaderFooterGroup",
  props: {},
  navs: {
    defaultForAllPages: nav<SheetModel>(
      () => FakeHeaderFooter,
      (s) => s,
      () => HEADER_FOOTER,
    ),
  },
  alive: aliveSheet,
});

/** A header and footer's six sections, text in Excel's codes (&P, &N, &&): https://learn.microsoft.com/javascript/api/excel/excel.headerfooter. */
const HEADER_FOOTER: TypeDesc = describe<SheetModel>({
  name: "HeaderFooter",
  props: Object.fromEntries(
    (["leftFooter", "centerFooter", "rightFooter", "leftHeader", "centerHeader", "rightHeader"] as const).map((key) => [
      key,
      { read: (s: SheetModel) => s.pageLayout.footers[key], write: (s: SheetModel, v: unknown) => (s.pageLayout.footers[key] = checkString(v, key)) },
    ]),
  ),
  alive: aliveSheet,
});

const PROTECTION: TypeDesc = describe<SheetModel>({
  name: "WorksheetProtection",
  props: {
    protected: readOnly((s) => s.protection.protected),
    options: readOnly((s) => ({ ...s.protection.options })),
  },
  alive: aliveSheet,
});

const FREEZE_PANES: TypeDesc = describe<SheetModel>({ name: "WorksheetFreezePanes", props: {}, alive: aliveSheet });

export class FakeWorksheetCollection extends FakeCollection {
  _type(): TypeDesc {
    return WORKSHEETS;
  }

  private item(name: string, args: readonly unknown[], find: (wb: WorkbookModel) => SheetModel, nullable = false): FakeWorksheet {
    return new FakeWorksheet(this.context, { parent: this, name, args, resolve: this._below(find), nullable });
  }

  getItem(key: string): FakeWorksheet {
    return this.item("getItem", [key], (wb) => byName(wb.sheets, key, "worksheet"));
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return this.item("getItemOrNullObject", [key], (wb) => byName(wb.sheets, key, "worksheet"), true);
  }

  getActiveWorksheet(): FakeWorksheet {
    return this.item("getActiveWorksheet", [], (wb) => {
      if (!wb.active) throw errors.itemNotFound("no active worksheet");
      return wb.active;
    });
  }

  getFirst(visibleOnly?: boolean): FakeWorksheet {
    return this.item("getFirst", [], (wb) =>
      at(
        wb.sheets.filter((s) => !visibleOnly || s.visibility === "Visible"),
        0,
        "worksheet",
      ),
    );
  }

  getLast(visibleOnly?: boolean): FakeWorksheet {
    return this.item("getLast", [], (wb) => {
      const sheets = wb.sheets.filter((s) => !visibleOnly || s.visibility === "Visible");
      return at(sheets, sheets.length - 1, "worksheet");
    });
  }

  add(name?: string): FakeWorksheet {
    return created(
      this,
      "add",
      name === undefined ? [] : [name],
      (wb: WorkbookModel) => wb.addSheet(name),
      (options) => new FakeWorksheet(this.context, options),
    );
  }

  getCount(): FakeClientResult<number> {
    return this._callForResult("getCount", [], (wb: WorkbookModel) => wb.sheets.length);
  }
}

const WORKSHEETS: TypeDesc = describe<WorkbookModel>({
  name: "WorksheetCollection",
  props: {},
  collection: {
    item: () => WORKSHEET,
    items: (wb) => [...wb.sheets],
    make: (parent, model, i) => new FakeWorksheet(parent.context, { parent, name: "getItemAt", args: [i], bound: model }),
  },
});

// ------------------------------------------------------------------------------------------ tables

const aliveTable = (t: TableModel) => {
  if (t.deleted) throw errors.itemNotFound(`table "${t.name}" was deleted`);
};

/** Event registrations (`tables.onChanged.add(handler)`); the double raises them from FakeExcel.raiseTableChanged. */
export class FakeEventSource {
  constructor(
    private readonly context: FakeContext,
    private readonly event: string,
  ) {}

  add(handler: (args: unknown) => unknown): { context: FakeContext; remove(): void } {
    const registration = { event: this.event, handler };
    const events = this.context._host.events;
    events.add(registration);
    return { context: this.context, remove: () => events.delete(registration) };
  }
}

export class FakeTableCollection extends FakeCollection {
  _type(): TypeDesc {
    return TABLES;
  }

  private item(name: string, args: readonly unknown[], find: (scope: TableScope) => TableModel, nullable = false): FakeTable {
    return new FakeTable(this.context, { parent: this, name, args, resolve: this._below(find), nullable });
  }

  private scoped(scope: TableScope): TableModel[] {
    return scope.workbook.tables.filter((t) => !scope.sheet || t.sheet === scope.sheet);
  }

  getItem(key: string): FakeTable {
    return this.item("getItem", [key], (scope) => byName(this.scoped(scope), key, "table"));
  }

  getItemOrNullObject(key: string): FakeTable {
    return this.item("getItemOrNullObject", [key], (scope) => byName(this.scoped(scope), key, "table"), true);
  }

  getItemAt(index: number): FakeTable {
    return this.item("getItemAt", [index], (scope) => at(this.scoped(scope), index, "table"));
  }

  getCount(): FakeClientResult<number> {
    return this._callForResult("getCount", [], (scope: TableScope) => this.scoped(scope).length);
  }

  add(address: unknown, hasHeaders: boolean): FakeTable {
    return created(
      this,
      "add",
      [address, hasHeaders],
      (scope: TableScope) => {
        const target = rangeArgument(address, scope.sheet, scope.workbook);
        if (!scope.sheet && typeof address === "string" && parseA1(address)?.sheet === undefined) {
          throw errors.invalidArgument(`workbook.tables.add needs a sheet-qualified address, not "${address}"`);
        }
        target.sheet.assertWritable(target.rect, "objects");
        return scope.workbook.addTable(target.sheet, target.rect, checkBoolean(hasHeaders, "hasHeaders"));
      },
      (options) => new FakeTable(this.context, options),
    );
  }

  get onChanged(): FakeEventSource {
    return new FakeEventSource(this.context, "TableChanged");
  }
}

const TABLES: TypeDesc = describe<TableScope>({
  name: "TableCollection",
  props: {},
  collection: {
    item: () => TABLE,
    items: (scope) => scope.workbook.tables.filter((t) => !scope.sheet || t.sheet === scope.sheet),
    make: (parent, model, i) => new FakeTable(parent.context, { parent, name: "getItemAt", args: [i], bound: model }),
  },
});

function tableRange(parent: FakeObject, name: string, box: (t: TableModel) => Rect): FakeRange {
  return rangeFrom(parent, name, [], (t: TableModel) => ({ sheet: t.sheet, rect: box(t) }));
}

export class FakeTable extends FakeObject {
  _type(): TypeDesc {
    return TABLE;
  }

  getRange(): FakeRange {
    return tableRange(this, "getRange", (t) => t.rect);
  }

  /** With the header row hidden there is none: Office refuses the range (modelled as InvalidOperation). */
  getHeaderRowRange(): FakeRange {
    return tableRange(this, "getHeaderRowRange", (t) => {
      if (!t.showHeaders) throw errors.invalidOperation(`table "${t.name}" has its header row turned off`);
      return rect(t.rect.row, t.rect.col, 1, t.rect.cols);
    });
  }

  getDataBodyRange(): FakeRange {
    return tableRange(this, "getDataBodyRange", (t) => t.sheet.workbook.tableBody(t));
  }

  getTotalRowRange(): FakeRange {
    return tableRange(this, "getTotalRowRange", (t) => {
      if (!t.showTotals) throw errors.itemNotFound(`table "${t.name}" has no totals row`);
      return rect(t.rect.row + t.rect.rows - 1, t.rect.col, 1, t.rect.cols);
    });
  }

  resize(newRange: unknown): void {
    this._call("resize", [newRange], (t: TableModel) => {
      const target = rangeArgument(newRange, t.sheet, t.sheet.workbook);
      if (target.rect.row !== t.rect.row || !intersection(target.rect, t.rect)) throw errors.invalidArgument("the headers must stay in the same row");
      if (t.sheet.workbook.tables.some((o) => o !== t && o.sheet === t.sheet && intersection(o.rect, target.rect)))
        throw errors.invalidArgument("a table can't overlap another table");
      t.rect = target.rect.rows < 2 ? rect(target.rect.row, target.rect.col, 2, target.rect.cols) : target.rect;
      t.sheet.workbook.tableColumns(t).forEach((header, c) => t.sheet.writeText(t.rect.row, t.rect.col + c, header));
    });
  }

  delete(): void {
    this._call("delete", [], (t: TableModel) => {
      t.sheet.clearContents(t.rect);
      t.sheet.clearFormats(t.rect);
      t.sheet.workbook.removeTable(t);
    });
  }

  convertToRange(): FakeRange {
    const range = tableRange(this, "convertToRange", (t) => t.rect);
    this._call("convertToRange", [], (t: TableModel) => t.sheet.workbook.removeTable(t));
    return range;
  }

  get onChanged(): FakeEventSource {
    return new FakeEventSource(this.context, "TableChanged");
  }
}

const TABLE: TypeDesc = describe<TableModel>({
  name: "Table",
  props: {
    id: readOnly((t) => String(t.id)),
    name: { read: (t) => t.name, write: (t, v) => (t.name = t.sheet.workbook.checkTableName(v, t)) },
    showTotals: { read: (t) => t.showTotals, write: (t, v) => t.sheet.workbook.setShowTotals(t, checkBoolean(v, "showTotals")) },
    showHeaders: { read: (t) => t.showHeaders, write: (t, v) => t.sheet.workbook.setShowHeaders(t, checkBoolean(v, "showHeaders")) },
    style: { read: (t) => t.style, write: (t, v) => (t.style = checkString(v, "style")) },
  },
  navs: {
    worksheet: nav<TableModel>(
      () => FakeWorksheet,
      (t) => t.sheet,
      () => WORKSHEET,
    ),
    columns: nav<TableModel>(
      () => FakeTableColumnCollection,
      (t) => t,
      () => TABLE_COLUMNS,
    ),
    rows: nav<TableModel>(
      () => FakeTableRowCollection,
      (t) => t,
      () => TABLE_ROWS,
    ),
  },
  alive: aliveTable,
});

const TABLE_ROWS: TypeDesc = describe<TableModel>({
  name: "TableRowCollection",
  props: { count: readOnly((t) => t.sheet.workbook.tableBody(t).rows) },
  alive: aliveTable,
});

const aliveColumn = (c: ColumnRef) => {
  aliveTable(c.table);
  if (c.index >= c.table.rect.cols) throw errors.itemNotFound(`table "${c.table.name}" has no column ${c.index}`);
};

function columnsOf(t: TableModel): ColumnRef[] {
  return Array.from({ length: t.rect.cols }, (_, index) => ({ table: t, index }));
}

export class FakeTableColumnCollection extends FakeCollection {
  _type(): TypeDesc {
    return TABLE_COLUMNS;
  }

  private item(name: string, args: readonly unknown[], find: (t: TableModel) => ColumnRef, nullable = false): FakeTableColumn {
    return new FakeTableColumn(this.context, { parent: this, name, args, resolve: this._below(find), nullable });
  }

  private find(t: TableModel, key: unknown): ColumnRef {
    const names = t.sheet.workbook.tableColumns(t);
    if (typeof key === "number") return at(columnsOf(t), key - 1, "table column id");
    const index = typeof key === "string" ? names.findIndex((n) => n.toLowerCase() === key.toLowerCase()) : -1;
    if (index < 0) throw errors.itemNotFound(`table "${t.name}" has no column ${JSON.stringify(key)}`);
    return { table: t, index };
  }

  getItem(key: string | number): FakeTableColumn {
    return this.item("getItem", [key], (t) => this.find(t, key));
  }

  getItemOrNullObject(key: string | number): FakeTableColumn {
    return this.item("getItemOrNullObject", [key], (t) => this.find(t, key), true);
  }

  getItemAt(index: number): FakeTableColumn {
    return this.item("getItemAt", [index], (t) => at(columnsOf(t), index, "table column"));
  }

  getCount(): FakeClientResult<number> {
    return this._callForResult("getCount", [], (t: TableModel) => t.rect.cols);
  }

  /**
   * Adds a column at the right of the table (the only position supported). As Excel does, the cells to the
   * right of the table, within its rows, shift one column right to make room (an Insert → Shift cells right
   * over the table's rows: "TableColumnCollection.add", https://learn.microsoft.com/javascript/api/excel/excel.tablecolumncollection#excel-excel-tablecolumncollection-add-member(1);
   * office-js#3776 shows it failing when those cells cannot move). It fails with OperationCellsExceedLimit
   * when the cells that would move pass `operationCellLimit` (Excel on the web's limit on one operation).
   */
  add(index?: number, values?: unknown, name?: string): FakeTableColumn {
    if (index !== undefined && index !== null) throw new FakeExcelUnsupported("FakeExcel: TableColumnCollection.add supports adding at the end only.");
    if (values !== undefined && values !== null) throw new FakeExcelUnsupported("FakeExcel: TableColumnCollection.add does not take values.");
    this._call("add", [index ?? null, null, name ?? null], (t: TableModel) => {
      const col = t.rect.col + t.rect.cols;
      if (col >= MAX_COLS) throw errors.invalidOperation("no room to the right of the table");
      t.sheet.shiftRight(rect(t.rect.row, col, t.rect.rows, MAX_COLS - col), this.context._host.operationCellLimit);
      t.rect = rect(t.rect.row, t.rect.col, t.rect.rows, t.rect.cols + 1);
      if (t.showHeaders) t.sheet.writeText(t.rect.row, col, name ?? `Column${t.rect.cols}`);
      else t.hiddenHeaders = [...(t.hiddenHeaders ?? []), name ?? `Column${t.rect.cols}`];
    });
    return this.item("getItemAt", [-1], (t) => ({ table: t, index: t.rect.cols - 1 }));
  }
}

const TABLE_COLUMNS: TypeDesc = describe<TableModel>({
  name: "TableColumnCollection",
  props: {},
  collection: {
    item: () => TABLE_COLUMN,
    items: (t) => columnsOf(t),
    make: (parent, model, i) => new FakeTableColumn(parent.context, { parent, name: "getItemAt", args: [i], bound: model }),
  },
  alive: aliveTable,
});

function columnRange(parent: FakeObject, name: string, rows: (t: TableModel) => { row: number; rows: number }): FakeRange {
  return rangeFrom(parent, name, [], (c: ColumnRef) => {
    const { row, rows: count } = rows(c.table);
    return { sheet: c.table.sheet, rect: rect(row, c.table.rect.col + c.index, count, 1) };
  });
}

export class FakeTableColumn extends FakeObject {
  _type(): TypeDesc {
    return TABLE_COLUMN;
  }

  getRange(): FakeRange {
    return columnRange(this, "getRange", (t) => ({ row: t.rect.row, rows: t.rect.rows }));
  }

  getHeaderRowRange(): FakeRange {
    return columnRange(this, "getHeaderRowRange", (t) => ({ row: t.rect.row, rows: 1 }));
  }

  getDataBodyRange(): FakeRange {
    return columnRange(this, "getDataBodyRange", (t) => {
      const body = t.sheet.workbook.tableBody(t);
      return { row: body.row, rows: body.rows };
    });
  }

  getTotalRowRange(): FakeRange {
    return columnRange(this, "getTotalRowRange", (t) => {
      if (!t.showTotals) throw errors.itemNotFound(`table "${t.name}" has no totals row`);
      return { row: t.rect.row + t.rect.rows - 1, rows: 1 };
    });
  }

  delete(): never {
    throw new FakeExcelUnsupported("FakeExcel: TableColumn.delete is not implemented; the table's extent is fixed.");
  }
}

const TABLE_COLUMN: TypeDesc = describe<ColumnRef>({
  name: "TableColumn",
  props: {
    id: readOnly((c) => c.index + 1),
    index: readOnly((c) => c.index),
    name: {
      read: (c) => c.table.sheet.workbook.tableColumns(c.table)[c.index],
      write: (c, v) => {
        const name = checkString(v, "name");
        check(name.trim() !== "", "a column name must not be empty");
        // With the header row turned off, the name is kept without a cell (the first row is data).
        if (!c.table.showHeaders) c.table.hiddenHeaders = c.table.sheet.workbook.tableColumns(c.table).map((n, i) => (i === c.index ? name : n));
        else c.table.sheet.writeText(c.table.rect.row, c.table.rect.col + c.index, name);
      },
    },
  },
  alive: aliveColumn,
});

// ------------------------------------------------------------------------------------------ charts

const aliveChart = (c: ChartModel) => {
  if (c.deleted) throw errors.itemNotFound(`chart "${c.name}" was deleted`);
};

function cellArgument(value: unknown, chart: ChartModel): string {
  const target = rangeArgument(value, chart.sheet, chart.sheet.workbook);
  return (
    cellA1(target.rect.row, target.rect.col) +
    (target.rect.rows * target.rect.cols > 1 ? `:${cellA1(target.rect.row + target.rect.rows - 1, target.rect.col + target.rect.cols - 1)}` : "")
  );
}

export class FakeChart extends FakeObject {
  _type(): TypeDesc {
    return CHART;
  }

  setPosition(startCell: unknown, endCell?: unknown): void {
    this._call("setPosition", endCell === undefined ? [startCell] : [startCell, endCell], (c: ChartModel) => {
      const start = cellArgument(startCell, c).split(":")[0];
      const end = endCell === undefined ? undefined : cellArgument(endCell, c).split(":").pop();
      c.sheet.workbook.positionChart(c, start, end);
    });
  }

  setData(sourceData: unknown, seriesBy?: string): void {
    this._call("setData", seriesBy === undefined ? [sourceData] : [sourceData, seriesBy], (c: ChartModel) => {
      c.source = rangeArgument(sourceData, undefined, c.sheet.workbook);
      if (seriesBy !== undefined) c.seriesBy = checkEnum(seriesBy, ChartSeriesBy, "seriesBy");
    });
  }

  delete(): void {
    this._call("delete", [], (c: ChartModel) => c.sheet.workbook.deleteChart(c));
  }
}

export class FakeChartCollection extends FakeCollection {
  _type(): TypeDesc {
    return CHARTS;
  }

  private item(name: string, args: readonly unknown[], find: (s: SheetModel) => ChartModel, nullable = false): FakeChart {
    return new FakeChart(this.context, { parent: this, name, args, resolve: this._below(find), nullable });
  }

  getItem(name: string): FakeChart {
    return this.item("getItem", [name], (s) => byName(s.charts, name, "chart"));
  }

  getItemOrNullObject(name: string): FakeChart {
    return this.item("getItemOrNullObject", [name], (s) => byName(s.charts, name, "chart"), true);
  }

  getItemAt(index: number): FakeChart {
    return this.item("getItemAt", [index], (s) => at(s.charts, index, "chart"));
  }

  getCount(): FakeClientResult<number> {
    return this._callForResult("getCount", [], (s: SheetModel) => s.charts.length);
  }

  add(type: string, sourceData: unknown, seriesBy?: string): FakeChart {
    const args = seriesBy === undefined ? [type, sourceData] : [type, sourceData, seriesBy];
    return created(
      this,
      "add",
      args,
      (s: SheetModel) => {
        const chartType = checkEnum(type, ChartType, "chart type");
        check(sourceData instanceof FakeRange, "sourceData must be a Range");
        const by = seriesBy === undefined ? "Auto" : checkEnum(seriesBy, ChartSeriesBy, "seriesBy");
        s.assertWritable(rect(0, 0), "objects");
        return s.workbook.addChart(s, chartType, rangeArgument(sourceData, undefined, s.workbook), by);
      },
      (options) => new FakeChart(this.context, options),
    );
  }
}

const CHARTS: TypeDesc = describe<SheetModel>({
  name: "ChartCollection",
  props: {},
  collection: {
    item: () => CHART,
    items: (s) => [...s.charts],
    make: (parent, model, i) => new FakeChart(parent.context, { parent, name: "getItemAt", args: [i], bound: model }),
  },
  alive: aliveSheet,
});

const dimension = (name: "top" | "left" | "width" | "height"): PropOf<ChartModel> => ({
  read: (c) => c[name],
  write: (c, v) => (c[name] = checkNumber(v, name, 0)),
});

const CHART: TypeDesc = describe<ChartModel>({
  name: "Chart",
  props: {
    id: readOnly((c) => String(c.id)),
    name: { read: (c) => c.name, write: (c, v) => (c.name = checkString(v, "name")) },
    chartType: { read: (c) => c.type, write: (c, v) => (c.type = checkEnum(v, ChartType, "chartType")) },
    top: dimension("top"),
    left: dimension("left"),
    width: dimension("width"),
    height: dimension("height"),
  },
  navs: {
    title: nav<ChartModel>(
      () => FakeChartTitle,
      (c) => c,
      () => CHART_TITLE,
    ),
    worksheet: nav<ChartModel>(
      () => FakeWorksheet,
      (c) => c.sheet,
      () => WORKSHEET,
    ),
  },
  alive: aliveChart,
});

const CHART_TITLE: TypeDesc = describe<ChartModel>({
  name: "ChartTitle",
  props: {
    text: {
      read: (c) => c.title,
      write: (c, v) => {
        c.title = checkString(v, "text");
        c.titleVisible = c.title !== "";
      },
    },
    visible: { read: (c) => c.titleVisible, write: (c, v) => (c.titleVisible = checkBoolean(v, "visible")) },
  },
  alive: aliveChart,
});

// ------------------------------------------------------------------------------------------ workbook

export class FakeWorkbook extends FakeObject {
  _type(): TypeDesc {
    return WORKBOOK;
  }

  getSelectedRange(): FakeRange {
    return rangeFrom(this, "getSelectedRange", [], (wb: WorkbookModel) => {
      if (!wb.active) throw errors.itemNotFound("no active worksheet");
      return { sheet: wb.active, rect: wb.active.selection };
    });
  }

  getActiveCell(): FakeRange {
    return rangeFrom(this, "getActiveCell", [], (wb: WorkbookModel) => {
      if (!wb.active) throw errors.itemNotFound("no active worksheet");
      return { sheet: wb.active, rect: rect(wb.active.selection.row, wb.active.selection.col) };
    });
  }
}

const WORKBOOK: TypeDesc = describe<WorkbookModel>({
  name: "Workbook",
  props: {},
  navs: {
    worksheets: nav<WorkbookModel>(
      () => FakeWorksheetCollection,
      (wb) => wb,
      () => WORKSHEETS,
    ),
    tables: nav<WorkbookModel>(
      () => FakeTableCollection,
      (wb) => ({ workbook: wb }),
      () => TABLES,
    ),
    names: nav<WorkbookModel>(
      () => FakeNamedItemCollection,
      (wb) => wb,
      () => NAMES,
    ),
  },
});

// ------------------------------------------------------------------------------------------ names

/**
 * Workbook names (ExcelApi 1.1; `add` 1.4): https://learn.microsoft.com/javascript/api/excel/excel.nameditemcollection.
 * `add(name, reference)` takes a Range or a formula text starting with "="; a name already in use is refused.
 */
export class FakeNamedItemCollection extends FakeCollection {
  _type(): TypeDesc {
    return NAMES;
  }

  private item(name: string, args: readonly unknown[], find: (wb: WorkbookModel) => NameModel, nullable = false): FakeNamedItem {
    return new FakeNamedItem(this.context, { parent: this, name, args, resolve: this._below(find), nullable });
  }

  getItem(name: string): FakeNamedItem {
    return this.item("getItem", [name], (wb) => byName(wb.names, name, "name"));
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    return this.item("getItemOrNullObject", [name], (wb) => byName(wb.names, name, "name"), true);
  }

  add(name: string, reference: unknown, comment?: string): FakeNamedItem {
    return created(
      this,
      "add",
      comment === undefined ? [name, reference] : [name, reference, comment],
      (wb: WorkbookModel) => {
        const formula = reference instanceof FakeRange ? `=${qualifiedA1FromRange(reference)}` : reference;
        return wb.addName(name, formula);
      },
      (options) => new FakeNamedItem(this.context, options),
    );
  }
}

function qualifiedA1FromRange(range: FakeRange): string {
  const target = range._model() as RangeRef;
  return qualifiedA1(target.sheet.name, target.rect);
}

const NAMES: TypeDesc = describe<WorkbookModel>({
  name: "NamedItemCollection",
  props: {},
  collection: {
    item: () => NAMED_ITEM,
    items: (wb) => [...wb.names],
    make: (parent, model, i) => new FakeNamedItem(parent.context, { parent, name: "getItemAt", args: [i], bound: model }),
  },
});

export class FakeNamedItem extends FakeObject {
  _type(): TypeDesc {
    return NAMED_ITEM;
  }
}

const NAMED_ITEM: TypeDesc = describe<NameModel>({
  name: "NamedItem",
  props: {
    name: readOnly((n) => n.name),
    formula: readOnly((n) => n.formula),
    type: readOnly(() => "Range"),
    visible: readOnly(() => true),
  },
});

// ------------------------------------------------------------------------------------------ range areas

interface AreasRef {
  readonly sheet: SheetModel;
  readonly rects: readonly Rect[];
}

/** Several ranges on one sheet (ExcelApi 1.9), as getMergedAreasOrNullObject gives them. */
export class FakeRangeAreas extends FakeObject {
  _type(): TypeDesc {
    return RANGE_AREAS;
  }
}

/** RangeAreas.areas: its ranges, one item each. */
export class FakeRangeCollection extends FakeCollection {
  _type(): TypeDesc {
    return RANGE_COLLECTION;
  }
}

const RANGE_AREAS: TypeDesc = describe<AreasRef>({
  name: "RangeAreas",
  props: {
    address: readOnly((a) => a.rects.map((r) => qualifiedA1(a.sheet.name, r)).join(",")),
    areaCount: readOnly((a) => a.rects.length),
  },
  navs: {
    areas: nav<AreasRef>(
      () => FakeRangeCollection,
      (a) => a,
      () => RANGE_COLLECTION,
    ),
  },
});

const RANGE_COLLECTION: TypeDesc = describe<AreasRef>({
  name: "RangeCollection",
  props: {},
  collection: {
    item: () => RANGE,
    items: (a) => a.rects.map((r) => ({ sheet: a.sheet, rect: r })),
    make: (parent, model, i) => new FakeRange(parent.context, { parent, name: "getItemAt", args: [i], bound: model }),
  },
});

// ------------------------------------------------------------------------------------------ navigation classes

export class FakeRangeFormat extends FakeObject {
  _type() {
    return RANGE_FORMAT;
  }
  autofitColumns(): void {
    this._call("autofitColumns", [], (r: RangeRef) => {
      r.sheet.assertWritable(r.rect, "columns");
      const widest = new Map<number, number>();
      r.sheet.forEachCell(r.rect, (cell, _row, col) => {
        const text = formatText(cell.value, cell.fmt.numberFormat ?? "General");
        widest.set(col, Math.max(widest.get(col) ?? 0, text.length));
      });
      for (let col = r.rect.col; col < r.rect.col + r.rect.cols && col < MAX_COLS; col++) {
        const chars = widest.get(col);
        if (chars === undefined) r.sheet.columnWidths.delete(col);
        else r.sheet.columnWidths.set(col, Math.round(chars * 7 + 5));
      }
    });
  }
  autofitRows(): void {
    this._call("autofitRows", [], (r: RangeRef) => r.sheet.assertWritable(r.rect, "rows"));
  }
}

export class FakeDataValidation extends FakeObject {
  _type() {
    return DATA_VALIDATION;
  }
  clear(): void {
    this._call("clear", [], (r: RangeRef) => {
      r.sheet.assertWritable(r.rect, "contents");
      r.sheet.subtractValidations(r.rect);
    });
  }
}

export class FakeConditionalFormatCollection extends FakeCollection {
  _type() {
    return CONDITIONAL_FORMATS;
  }
  add(type: string): FakeObject {
    return created(
      this,
      "add",
      [type],
      (r: RangeRef) => {
        r.sheet.assertWritable(r.rect, "formats");
        return r.sheet.workbook.addConditionalFormat(r.sheet, r.rect, checkEnum(type, ConditionalFormatType, "conditional format type"));
      },
      (options) => new FakeConditionalFormat(this.context, options),
    );
  }
  clearAll(): void {
    this._call("clearAll", [], (r: RangeRef) => {
      r.sheet.assertWritable(r.rect, "formats");
      r.sheet.subtractConditionalFormats(r.rect);
    });
  }
  getCount(): FakeClientResult<number> {
    return this._callForResult("getCount", [], (r: RangeRef) => r.sheet.workbook.conditionalFormatsTouching(r.sheet, r.rect).length);
  }
  getItemAt(index: number): FakeObject {
    return new FakeConditionalFormat(this.context, {
      parent: this,
      name: "getItemAt",
      args: [index],
      resolve: this._below((r: RangeRef) => at(r.sheet.workbook.conditionalFormatsTouching(r.sheet, r.rect), index, "conditional format")),
    });
  }
}

export class FakeRangeBorderCollection extends FakeObject {
  _type() {
    return RANGE_BORDERS;
  }
  /** The border of one edge (Excel.BorderIndex), e.g. "EdgeTop". */
  getItem(index: string): FakeRangeBorder {
    return new FakeRangeBorder(this.context, { parent: this, name: "getItem", args: [index], resolve: this._below((range: RangeRef) => ({ range, index: checkEnum(index, BorderIndex, "index") })) });
  }
}

export class FakeRangeBorder extends FakeObject {
  _type() {
    return RANGE_BORDER;
  }
}

export class FakeRangeFont extends FakeObject {
  _type() {
    return RANGE_FONT;
  }
}

export class FakeRangeFill extends FakeObject {
  _type() {
    return RANGE_FILL;
  }
  clear(): void {
    this._call("clear", [], (r: RangeRef) => {
      r.sheet.assertWritable(r.rect, "formats");
      r.sheet.setFormat(r.rect, "fill", undefined);
    });
  }
}

export class FakeFormatProtection extends FakeObject {
  _type() {
    return FORMAT_PROTECTION;
  }
}

export class FakeCustomConditionalFormat extends FakeObject {
  _type() {
    return CUSTOM_FORMAT;
  }
}

export class FakeConditionalFormatRule extends FakeObject {
  _type() {
    return CONDITIONAL_RULE;
  }
}

export class FakeConditionalRangeFormat extends FakeObject {
  _type() {
    return CONDITIONAL_RANGE_FORMAT;
  }
}

export class FakeConditionalRangeFont extends FakeObject {
  _type() {
    return CONDITIONAL_FONT;
  }
}

export class FakeConditionalRangeFill extends FakeObject {
  _type() {
    return CONDITIONAL_FILL;
  }
  clear(): void {
    this._call("clear", [], (cf: ConditionalFormatModel) => delete cf.fill);
  }
}

export class FakeWorksheetProtection extends FakeObject {
  _type() {
    return PROTECTION;
  }
  protect(options?: Record<string, unknown>, password?: string): void {
    const args = password === undefined ? (options === undefined ? [] : [options]) : [options ?? null, password];
    this._call("protect", args, (s: SheetModel, wire) => {
      if (s.protection.protected) throw errors.invalidOperation(`worksheet "${s.name}" is already protected`);
      const given = wire[0];
      check(given === undefined || given === null || (typeof given === "object" && !Array.isArray(given)), "protection options");
      s.protection = { protected: true, options: { ...((given as Record<string, unknown> | null) ?? {}) } };
    });
  }
  unprotect(password?: string): void {
    this._call("unprotect", password === undefined ? [] : [password], (s: SheetModel) => {
      s.protection = { protected: false, options: {} };
    });
  }
}

export class FakeWorksheetFreezePanes extends FakeObject {
  _type() {
    return FREEZE_PANES;
  }
  freezeRows(count = 1): void {
    this._call("freezeRows", [count], (s: SheetModel) => (s.frozen = { rows: checkNumber(count, "count", 0), columns: 0 }));
  }
  freezeColumns(count = 1): void {
    this._call("freezeColumns", [count], (s: SheetModel) => (s.frozen = { rows: 0, columns: checkNumber(count, "count", 0) }));
  }
  freezeAt(frozenRange: unknown): void {
    this._call("freezeAt", [frozenRange], (s: SheetModel) => {
      const r = rangeArgument(frozenRange, s, s.workbook).rect;
      s.frozen = { rows: r.row + r.rows, columns: r.col + r.cols };
    });
  }
  unfreeze(): void {
    this._call("unfreeze", [], (s: SheetModel) => (s.frozen = { rows: 0, columns: 0 }));
  }
}

export class FakePageLayout extends FakeObject {
  _type() {
    return PAGE_LAYOUT;
  }
  /**
   * The rows repeated at the top of every printed page, as a Range or an address ("$1:$2"):
   * https://learn.microsoft.com/javascript/api/excel/excel.pagelayout#excel-excel-pagelayout-setprinttitlerows-member(1).
   * The rows of the range given are what repeat (the adapter gives whole rows, "$1:$1"; what Excel does with a
   * range of some columns only is not documented, so the double takes its rows and does not refuse it).
   */
  setPrintTitleRows(printTitleRows: unknown): void {
    this._call("setPrintTitleRows", [printTitleRows], (s: SheetModel) => {
      const r = rangeArgument(printTitleRows, s, s.workbook).rect;
      s.pageLayout.printTitleRows = { first: r.row, last: r.row + r.rows - 1 };
    });
  }
}

export class FakeHeaderFooterGroup extends FakeObject {
  _type() {
    return HEADER_FOOTER_GROUP;
  }
}

export class FakeHeaderFooter extends FakeObject {
  _type() {
    return HEADER_FOOTER;
  }
}

export class FakeTableRowCollection extends FakeObject {
  _type() {
    return TABLE_ROWS;
  }
  add(): never {
    throw new Error("not allowed: TableRowCollection.add conflicts under co-authoring");
  }
  getCount(): FakeClientResult<number> {
    return this._callForResult("getCount", [], (t: TableModel) => t.sheet.workbook.tableBody(t).rows);
  }
}

export class FakeChartTitle extends FakeObject {
  _type() {
    return CHART_TITLE;
  }
}

const ALL_TYPES: readonly [{ prototype: object }, TypeDesc][] = [
  [FakeRange, RANGE],
  [FakeConditionalFormat, CONDITIONAL_FORMAT],
  [FakeWorksheet, WORKSHEET],
  [FakeWorksheetCollection, WORKSHEETS],
  [FakeTableCollection, TABLES],
  [FakeTable, TABLE],
  [FakeTableColumnCollection, TABLE_COLUMNS],
  [FakeTableColumn, TABLE_COLUMN],
  [FakeChart, CHART],
  [FakeChartCollection, CHARTS],
  [FakeWorkbook, WORKBOOK],
  [FakeNamedItemCollection, NAMES],
  [FakeNamedItem, NAMED_ITEM],
  [FakeRangeAreas, RANGE_AREAS],
  [FakeRangeCollection, RANGE_COLLECTION],
  [FakeRangeBorder, RANGE_BORDER],
];

/** Installs each type's described properties as accessors on its class, and on every navigation class. */
function install(): void {
  const seen = new Set<TypeDesc>();
  const visit = (cls: { prototype: object }, type: TypeDesc) => {
    defineAccessors(cls, type);
    if (seen.has(type)) return;
    seen.add(type);
    for (const def of Object.values(type.navs)) visit(def.cls(), def.type());
  };
  for (const [cls, type] of ALL_TYPES) visit(cls, type);
}

install();
