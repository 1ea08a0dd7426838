import { CellValue } from "../../domain/cells";
import { areaOf, CellArea, SheetCells } from "../../domain/sheetCells";
import { fromOffice, fromOfficeLean } from "./officeValues";
import type { SupportsSet } from "./officeWorkbook";
import { errorCode } from "./officeErrors";

/** Estimated response bytes per cell of values and number formats, to slice a sheet too big for one response. */
const VALUE_BYTES_PER_CELL = 60;
/**
 * Estimated response bytes per cell of `getCellProperties({ format: { fill: { color: true } } })`: each
 * cell comes back as `{"format":{"fill":{"color":"#RRGGBB"}}}`.
 */
const FILL_BYTES_PER_CELL = 45;

const RESPONSE_TOO_LARGE = "ResponsePayloadSizeLimitExceeded";
const ITEM_NOT_FOUND = "ItemNotFound";

/** Office.js values with their number formats as the domain's: date serials under a date format become Dates. */
function cellsOf(values: readonly (readonly unknown[])[], formats: readonly (readonly unknown[])[]): CellValue[][] {
  return values.map((row, r) => row.map((v, c) => (typeof v === "number" ? fromOffice(v, String(formats[r]?.[c] ?? "")) : fromOfficeLean(v))));
}

/**
 * `#RRGGBB` in upper case, or null for no fill. Excel reports a cell with no fill as `#FFFFFF`, the same as a
 * white one (office-js#6218, #4900), so white counts as no fill: it never carries a status.
 */
function fillOf(properties: { format?: { fill?: { color?: string } } } | undefined): string | null {
  const colour = properties?.format?.fill?.color;
  if (typeof colour !== "string" || colour === "") return null;
  const upper = colour.toUpperCase();
  return upper === "#FFFFFF" ? null : upper;
}

/** The A1 areas of a RangeAreas address such as `Sheet1!A1:D1, Sheet1!A5:A7` (sheet names may hold commas). */
export function areasOfAddress(address: string): CellArea[] {
  const found = address.match(/!\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?(?=\s*,|\s*$)/gi) ?? [];
  return found.flatMap((a) => {
    const area = areaOf(a);
    return area ? [area] : [];
  });
}

/**
 * One sheet's raw cells: `sheetName`, or the active sheet when undefined. The values and number formats of
 * everything from A1 to the bottom-right of the values-only used range come in the first sync; merged
 * areas (ExcelApi 1.13) and fill colours (ExcelApi 1.9), where this Excel has them, in the second. A sheet
 * whose values pass Excel on the web's 5 MB response limit is read in slices, one sync each, and so are
 * fills too many for one response; anything not read is named in `unread`.
 */
export async function readSheetCells(context: Excel.RequestContext, sheetName: string | undefined, maxBytes: number, supports: SupportsSet): Promise<SheetCells> {
  const worksheets = context.workbook.worksheets;
  const sheet = sheetName === undefined ? worksheets.getActiveWorksheet() : worksheets.getItem(sheetName);
  sheet.load("name");
  // Values only: formatting alone (a coloured empty column) must not widen what is read. A blank sheet's
  // used range is A1. From A1, so that row and column numbers are the sheet's own.
  const area = sheet.getRangeByIndexes(0, 0, 1, 1).getBoundingRect(sheet.getUsedRange(true));
  area.load("rowCount,columnCount,values,numberFormat");
  let values: CellValue[][];
  try {
    await context.sync();
    values = cellsOf(area.values, area.numberFormat);
  } catch (error) {
    if (errorCode(error) === ITEM_NOT_FOUND && sheetName !== undefined) throw new Error(`There is no sheet named "${sheetName}".`);
    if (errorCode(error) !== RESPONSE_TOO_LARGE) throw error;
    values = await readInSlices(context, sheetName, maxBytes);
  }
  const rows = values.length;
  const columns = values[0]?.length ?? 0;

  const unread: string[] = [];
  const canMerge = supports("ExcelApi", "1.13");
  const canFill = supports("ExcelApi", "1.9");
  if (!canMerge) unread.push("merged cells (needs ExcelApi 1.13)");
  if (!canFill) unread.push("fill colours (needs ExcelApi 1.9)");
  if (!canMerge && !canFill) return { sheet: sheet.name, values, merges: [], unread };

  const target = () => context.workbook.worksheets.getItem(sheet.name);
  const whole = target().getRangeByIndexes(0, 0, rows, columns);
  // Only merged areas whose top-left cell is in the range come back (office-js#3611): from A1, that is all.
  const merged = canMerge ? whole.getMergedAreasOrNullObject() : undefined;
  merged?.load("address");
  const fillSlices = canFill ? rowSlices(rows, columns, FILL_BYTES_PER_CELL, maxBytes) : [];
  const fillResults: { start: number; result: OfficeExtension.ClientResult<Excel.CellProperties[][]> }[] = [];
  const queueFills = (slice: { start: number; rows: number }) => {
    fillResults.push({ start: slice.start, result: target().getRangeByIndexes(slice.start, 0, slice.rows, columns).getCellProperties({ format: { fill: { color: true } } }) });
  };
  // The first slice of fills rides with the merged areas; a sheet too large for one response takes more.
  if (fillSlices.length > 0) queueFills(fillSlices[0]);
  await context.sync();
  for (const slice of fillSlices.slice(1)) {
    queueFills(slice);
    // Deliberate: fills of a sheet past the 5 MB response limit cannot come back in one sync.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
  }

  const merges = merged && !merged.isNullObject ? areasOfAddress(merged.address) : [];
  if (!canFill) return { sheet: sheet.name, values, merges, unread };
  const fills: (string | null)[][] = Array.from({ length: rows }, () => Array<string | null>(columns).fill(null));
  for (const { start, result } of fillResults) result.value.forEach((row, r) => row.forEach((cell, c) => (fills[start + r][c] = fillOf(cell))));
  return { sheet: sheet.name, values, merges, fills, unread };
}

/** Row slices of a rows × columns range, each expected to come back under `maxBytes`. */
function rowSlices(rows: number, columns: number, bytesPerCell: number, maxBytes: number): { start: number; rows: number }[] {
  if (rows === 0 || columns === 0) return [];
  const per = Math.max(1, Math.floor(maxBytes / (columns * bytesPerCell)));
  const slices: { start: number; rows: number }[] = [];
  for (let start = 0; start < rows; start += per) slices.push({ start, rows: Math.min(per, rows - start) });
  return slices;
}

/** Values of a sheet too large for one response: its size first, then one sync per slice of rows. */
async function readInSlices(context: Excel.RequestContext, sheetName: string | undefined, maxBytes: number): Promise<CellValue[][]> {
  const worksheets = context.workbook.worksheets;
  const sheet = sheetName === undefined ? worksheets.getActiveWorksheet() : worksheets.getItem(sheetName);
  const area = sheet.getRangeByIndexes(0, 0, 1, 1).getBoundingRect(sheet.getUsedRange(true));
  area.load("rowCount,columnCount");
  await context.sync();
  const values: CellValue[][] = [];
  for (const slice of rowSlices(area.rowCount, area.columnCount, VALUE_BYTES_PER_CELL, maxBytes)) {
    const part = sheet.getRangeByIndexes(slice.start, 0, slice.rows, area.columnCount);
    part.load("values,numberFormat");
    // Deliberate: a sheet past the 5 MB response limit cannot come back in one sync.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    values.push(...cellsOf(part.values, part.numberFormat));
  }
  return values;
}
