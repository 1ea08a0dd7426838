import { CellValue, parseA1 } from "../../domain/cells";
import { ACTION_COLUMNS, ACTION_PLAN, HISTORY_COLUMNS, INDICATORS, LEAD_OFFICERS, normaliseHeader, PLAN_SETTINGS, PRIORITIES, STATUS_HISTORY } from "../../domain/contract";
import { HEAD_ROWS, isSummarySheetName } from "../../domain/ownedSheets";
import { TableSnapshot, WorkbookSnapshot } from "../../domain/snapshot";
import { fromOffice, fromOfficeLean } from "./officeValues";
import { errorCode } from "./officeErrors";

/** A sheet as the last read saw it: enough for a change set to replace or add sheets without asking again. */
export interface SheetInfo {
  readonly name: string;
  readonly position: number;
}

/** The tables a set-up plan always has: asked for by name in the first sync, so their shapes come back at once. */
const PLAN_TABLES = [ACTION_PLAN, LEAD_OFFICERS, PRIORITIES, PLAN_SETTINGS].map((t) => t.table);
/**
 * Tables a plan may have or not (Status History, before the first quarter is recorded; Indicators, issue 15,
 * in a plan made before them): asked for with
 * getItemOrNullObject in the same first sync, so one that is missing costs nothing and one that is there
 * has its rows ride with the plan's.
 */
const OPTIONAL_TABLES = [STATUS_HISTORY.table, INDICATORS.table];

/**
 * Up to this many rows a table is read in full detail (values, number formats, value types). A longer table
 * is read lean (values, and number formats only in its date columns) so that 10,000 actions fit in two
 * responses: Excel on the web refuses a response over 5 MB.
 */
const FULL_DETAIL_ROWS = 2000;
/** Estimated response bytes per cell, to plan the syncs before any data has been seen. */
const FULL_BYTES_PER_CELL = 60;
const LEAN_BYTES_PER_CELL = 45;
/** Excel refuses to read a range of more than 5,000,000 cells; each load stays well under. */
const MAX_CELLS_PER_LOAD = 4_000_000;

const DATE_HEADERS = new Set([ACTION_COLUMNS.startDate, ACTION_COLUMNS.targetDate, ACTION_COLUMNS.lastUpdated, HISTORY_COLUMNS.recordedOn].map(normaliseHeader));

export interface Shape {
  readonly name: string;
  readonly sheet: string;
  /** The header row's sheet row; with the header row hidden, the row just above the first data row. */
  readonly top: number;
  readonly left: number;
  readonly headers: readonly string[];
  readonly bodyRows: number;
  /** False when the user turned the table's header row off (Table Design → Header Row). */
  readonly showHeaders: boolean;
}

interface ShapeProxies {
  readonly table: Excel.Table;
  readonly range: Excel.Range;
  readonly columns: Excel.TableColumnCollection;
  readonly sheet: Excel.Worksheet;
}

/** Rows of one table to load: `full` with formats and value types, or lean. */
export interface RowLoad {
  readonly table: string;
  readonly start: number;
  readonly rows: number;
  readonly full: boolean;
  readonly dateColumns: readonly number[];
  readonly estimatedBytes: number;
}

interface LoadedRows {
  readonly load: RowLoad;
  readonly body: Excel.Range;
  readonly dates: readonly { column: number; range: Excel.Range }[];
}

/**
 * A table's shape. The headers are the columns' names, not the header row's cells: a table whose header
 * row is turned off has no header row range (asking for it fails), but its columns keep their names.
 */
function queueShape(table: Excel.Table): ShapeProxies {
  table.load("name,showTotals,showHeaders");
  const range = table.getRange();
  range.load("address,rowCount");
  const columns = table.columns;
  columns.load("items/name");
  const sheet = table.worksheet;
  sheet.load("name");
  return { table, range, columns, sheet };
}

function shapeOf({ table, range, columns, sheet }: ShapeProxies): Shape {
  const { row, column: left } = parseA1(range.address) ?? { row: 0, column: 0 };
  const header = table.showHeaders ? 1 : 0;
  return {
    name: table.name,
    sheet: sheet.name,
    top: row - 1 + header,
    left,
    headers: columns.items.map((c) => String(c.name ?? "")),
    bodyRows: Math.max(0, range.rowCount - header - (table.showTotals ? 1 : 0)),
    showHeaders: table.showHeaders,
  };
}

/** A table's rows as loads: in full detail if short, else lean and split so each part fits a response. */
export function rowLoads(shape: Shape, maxBytes: number, start = 0): RowLoad[] {
  const rows = shape.bodyRows - start;
  if (rows <= 0) return [];
  const columns = Math.max(1, shape.headers.length);
  const full = shape.bodyRows <= FULL_DETAIL_ROWS;
  const dateColumns = full ? [] : shape.headers.flatMap((h, c) => (DATE_HEADERS.has(normaliseHeader(h)) ? [c] : []));
  const perRow = columns * (full ? FULL_BYTES_PER_CELL : LEAN_BYTES_PER_CELL);
  const parts = Math.max(1, Math.ceil((rows * perRow) / maxBytes), Math.ceil((rows * columns) / MAX_CELLS_PER_LOAD));
  const size = Math.ceil(rows / parts);
  const loads: RowLoad[] = [];
  for (let at = start; at < shape.bodyRows; at += size) {
    const n = Math.min(size, shape.bodyRows - at);
    loads.push({ table: shape.name, start: at, rows: n, full, dateColumns, estimatedBytes: n * perRow });
  }
  return loads;
}

function queueRows(context: Excel.RequestContext, load: RowLoad): LoadedRows {
  // From the data body, not the header row: right whether or not the header row is shown.
  const body = context.workbook.tables.getItem(load.table).getDataBodyRange().getRow(load.start).getResizedRange(load.rows - 1, 0);
  if (load.full) body.load("values,numberFormat,valueTypes");
  else body.load("values");
  const dates = load.dateColumns.map((column) => {
    const range = body.getColumn(column);
    range.load("numberFormat");
    return { column, range };
  });
  return { load, body, dates };
}

/** Packs loads into syncs under the budget, in order (a load bigger than the budget gets a sync to itself). */
function pack(loads: readonly RowLoad[], maxBytes: number): RowLoad[][] {
  const batches: RowLoad[][] = [];
  let current: RowLoad[] = [];
  let bytes = 0;
  for (const load of loads) {
    if (current.length > 0 && bytes + load.estimatedBytes > maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(load);
    bytes += load.estimatedBytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function halve(load: RowLoad): RowLoad[] {
  if (load.rows < 2) return [load];
  const first = Math.ceil(load.rows / 2);
  return [
    { ...load, rows: first, estimatedBytes: load.estimatedBytes / 2 },
    { ...load, start: load.start + first, rows: load.rows - first, estimatedBytes: load.estimatedBytes / 2 },
  ];
}

/**
 * Loads the rows, one sync per batch. The byte estimates are guesses made before any data is seen: if
 * Excel refuses a response as too large, that batch is split in half and asked again.
 */
async function loadRows(context: Excel.RequestContext, loads: readonly RowLoad[], maxBytes: number, withFirst?: () => void): Promise<LoadedRows[]> {
  const loaded: LoadedRows[] = [];
  const batches = pack(loads, maxBytes);
  if (batches.length === 0 && withFirst) batches.push([]);
  for (const [index, batch] of batches.entries()) {
    // Loads that must ride with the first sync are queued again if that sync is asked again.
    if (index === 0) withFirst?.();
    const queued = batch.map((load) => queueRows(context, load));
    try {
      // Deliberate: a plan whose cells pass the 5 MB response limit cannot come back in one sync.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      loaded.push(...queued);
    } catch (error) {
      const smaller = batch.flatMap(halve);
      if (errorCode(error) !== "ResponsePayloadSizeLimitExceeded" || smaller.length === batch.length) throw error;
      loaded.push(...(await loadRows(context, smaller, maxBytes / 2, index === 0 ? withFirst : undefined)));
    }
  }
  return loaded;
}

function cellsOf({ load, body, dates }: LoadedRows): CellValue[][] {
  if (load.full) {
    return body.values.map((row, r) => row.map((v, c) => fromOffice(v, String(body.numberFormat[r][c] ?? ""), body.valueTypes[r][c])));
  }
  const formats = new Map(dates.map((d) => [d.column, d.range.numberFormat]));
  return body.values.map((row, r) => row.map((v, c) => {
    const format = formats.get(c);
    return format ? fromOffice(v, String(format[r][0] ?? "")) : fromOfficeLean(v);
  }));
}

/**
 * Reads every table in as few syncs as the data allows. A set-up plan takes two: the sheets, the tables
 * and the four plan tables' shapes (asked for by name), then every row. A plan whose cells pass Excel
 * on the web's 5 MB response limit takes one more sync per 4 MB.
 */
export async function readWorkbook(context: Excel.RequestContext, maxBytes: number): Promise<{ snapshot: WorkbookSnapshot; sheets: SheetInfo[] }> {
  const sheets = context.workbook.worksheets;
  const tables = context.workbook.tables;
  const discover = (speculate: boolean) => {
    sheets.load("items/name,items/position");
    tables.load("items/name");
    if (!speculate) return [];
    return [...PLAN_TABLES.map((name) => queueShape(tables.getItem(name))), ...OPTIONAL_TABLES.map((name) => queueShape(tables.getItemOrNullObject(name)))];
  };
  let known = discover(true);
  try {
    await context.sync();
  } catch (error) {
    // A workbook without the plan's tables (not yet set up, or being adopted): ask plainly.
    if (errorCode(error) !== "ItemNotFound") throw error;
    known = discover(false);
    await context.sync();
  }
  const shapes = new Map<string, Shape>();
  for (const proxies of known) if (!proxies.table.isNullObject) shapes.set(proxies.table.name.toLowerCase(), shapeOf(proxies));

  // Tables the plan does not know: only their shapes ride with the plan's rows; their rows follow in
  // syncs of their own, packed under the response budget like the plan's (a workbook with large tables of
  // its own must still read on the web, whose responses stop at 5 MB).
  const unknown = tables.items.filter((t) => !shapes.has(t.name.toLowerCase())).map((t) => t.name);
  let others: ShapeProxies[] = [];
  const queueOthers = () => {
    others = unknown.map((name) => queueShape(tables.getItem(name)));
  };
  // The first cells of sheets the tool might own (their ownership mark) ride with the plan's rows.
  const headSheets = sheets.items.filter((s) => isSummarySheetName(s.name));
  let heads: { sheet: string; range: Excel.Range }[] = [];
  const queueHeads = () => {
    heads = headSheets.map((s) => ({ sheet: s.name, range: sheets.getItem(s.name).getRangeByIndexes(0, 0, HEAD_ROWS, 1).load("values") }));
  };
  const withFirst = unknown.length > 0 || headSheets.length > 0 ? () => (queueHeads(), unknown.length > 0 && queueOthers()) : undefined;
  const planLoads = [...shapes.values()].flatMap((s) => rowLoads(s, maxBytes));
  const loaded = await loadRows(context, planLoads, maxBytes, withFirst);
  const sheetHeads = heads.map((h) => ({ sheet: h.sheet, cells: h.range.values.map((row) => fromOfficeLean(row[0])) }));

  const otherLoads: RowLoad[] = [];
  for (const proxies of others) {
    const shape = shapeOf(proxies);
    shapes.set(shape.name.toLowerCase(), shape);
    // The first rows in full detail (dates and errors as such), any beyond them lean.
    otherLoads.push(...rowLoads({ ...shape, bodyRows: Math.min(shape.bodyRows, FULL_DETAIL_ROWS) }, maxBytes));
    if (shape.bodyRows > FULL_DETAIL_ROWS) otherLoads.push(...rowLoads(shape, maxBytes, FULL_DETAIL_ROWS));
  }
  loaded.push(...(await loadRows(context, otherLoads, maxBytes)));

  const rowsByTable = new Map<string, CellValue[][]>();
  for (const part of loaded) {
    const key = part.load.table.toLowerCase();
    rowsByTable.set(key, [...(rowsByTable.get(key) ?? []), ...cellsOf(part)]);
  }

  // Tables in the workbook's order, as a plain read lists them.
  const snapshots: TableSnapshot[] = tables.items.map((t) => {
    const shape = shapes.get(t.name.toLowerCase())!;
    const { bodyRows, showHeaders, ...place } = shape;
    const rows = (rowsByTable.get(t.name.toLowerCase()) ?? []).slice(0, bodyRows);
    return showHeaders ? { ...place, rows } : { ...place, rows, headerRowHidden: true };
  });
  return {
    snapshot: { sheetNames: sheets.items.map((s) => s.name), tables: snapshots, sheetHeads },
    sheets: sheets.items.map((s) => ({ name: s.name, position: s.position })),
  };
}
