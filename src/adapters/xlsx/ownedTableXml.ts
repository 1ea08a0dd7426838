import { a1, CellValue, columnLetter } from "../../domain/cells";
import { TableSpec } from "../../domain/layout";
import { pageSetupXml } from "./summarySheetXml";
import { columnOf, valueCellXml } from "./sheetXml";
import { escapeXml, prefixOf, scanXml, XmlElement } from "./xml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const TABLE_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

/** How the cells of a table the tool owns get their format: a cellXfs index per value and column. */
export type CellStyleFor = (value: CellValue, column: number) => number;

/**
 * A new sheet holding a table the tool owns, from A1: its header row (frozen), its rows, the columns'
 * widths, its print settings, and one `tableParts` entry pointing at relationship `tableRelId` (the sheet's
 * relationships part must give it, to the table part from `tablePartXml`). ECMA-376 Part 1, §18.3.1.99 gives
 * the order of a worksheet's elements.
 */
export function ownedTableSheetXml(spec: TableSpec, styleFor: CellStyleFor, date1904: boolean, tableRelId: string): string {
  const rows = spec.rows.length > 0 ? spec.rows : [[]];
  const header = `<row r="1">${spec.columns.map((c, i) => valueCellXml("", 0, i, c.header, 0, date1904)).join("")}</row>`;
  const body = rows.map((row, r) => {
    const cells = spec.columns.map((_, c) => valueCellXml("", r + 1, c, row[c] ?? null, styleFor(row[c] ?? null, c), date1904)).join("");
    return `<row r="${r + 2}">${cells}</row>`;
  });
  const print = spec.print;
  const cols = spec.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
    (print?.onePageWide ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "") +
    `<dimension ref="${tableRef(0, 0, spec.columns.length, rows.length)}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    `<cols>${cols}</cols>` +
    `<sheetData>${header}${body.join("")}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    pageSetupXml(print) +
    `<tableParts count="1"><tablePart r:id="${tableRelId}"/></tableParts>` +
    `</worksheet>`
  );
}

/** `A1:G5` for a table at (top, left) with `columns` columns and `dataRows` data rows under its header. */
export function tableRef(top: number, left: number, columns: number, dataRows: number): string {
  return `${a1(top, left)}:${columnLetter(left + columns - 1)}${top + 1 + dataRows}`;
}

/** A table part (ECMA-376 Part 1, §18.5.1.2) for a table from A1, with a filter over its header and rows. */
export function tablePartXml(spec: TableSpec, id: number): string {
  const ref = tableRef(0, 0, spec.columns.length, Math.max(1, spec.rows.length));
  const name = escapeXml(spec.name);
  const columns = spec.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escapeXml(c.header)}"/>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="${MAIN}" id="${id}" name="${name}" displayName="${name}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/>` +
    `<tableColumns count="${spec.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    `</table>`
  );
}

/** The sheet's relationships part for a new sheet whose only relationship is its table (rId1). */
export function tableSheetRelsXml(tableTarget: string, type: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${type}" Target="${escapeXml(tableTarget)}"/></Relationships>`
  );
}

/**
 * A table part with a new `ref` on the table and on its autoFilter (when it has one); every other byte as
 * it was.
 */
export function setTableRef(xml: string, part: string, ref: string): string {
  const tags: XmlElement[] = [];
  scanXml(xml, part, {
    open: (e) => {
      if ((e.depth === 0 && e.name === "table") || (e.depth === 1 && e.name === "autoFilter")) tags.push(e);
    },
  });
  let out = xml;
  for (const e of tags.reverse()) {
    const tag = out.slice(e.start, e.openEnd).replace(/(\sref\s*=\s*)(["'])[^"']*\2/, `$1"${ref}"`);
    out = out.slice(0, e.start) + tag + out.slice(e.openEnd);
  }
  return out;
}

/** Where a table's data rows are: zero-based sheet rows and columns. */
export interface TableRows {
  readonly firstRow: number;
  /** The last data row the table has now. */
  readonly lastRow: number;
  readonly left: number;
  readonly right: number;
}

/** The styles (`s`) of the cells of a table's first data row, by column offset (undefined where unstyled). */
export type ColumnStyles = readonly (number | undefined)[];

interface RowText {
  readonly row: number;
  readonly start: number;
  readonly openEnd: number;
  end: number;
  readonly selfClosing: boolean;
  readonly qname: string;
  readonly cells: { column: number; start: number; end: number; style?: string }[];
}

/**
 * A worksheet's XML with a table's data rows replaced by `body` (rows as wide as the table, from its first
 * data row): in each row from the first data row to the last the table covers before or after, the table's
 * cells are written anew (or left out, where the table no longer reaches) and the row's other cells kept
 * as they were. Rows outside those keep their bytes; only `<sheetData>`'s content is rebuilt.
 *
 * `styleFor(value, column, old)` gives each written cell's format, told the style the column's first data
 * cell had (`columnStyles`, read here in the same pass).
 */
export function rewriteTableRows(
  xml: string, part: string, place: TableRows, body: readonly (readonly CellValue[])[], date1904: boolean,
  styleFor: (value: CellValue, column: number, columnStyles: ColumnStyles) => number,
): string {
  let sheetData: XmlElement | undefined;
  let sheetDataClose = -1;
  const rows: RowText[] = [];
  let row: RowText | undefined;
  let rowNumber = -1;
  let column = -1;
  let cell: RowText["cells"][number] | undefined;
  scanXml(xml, part, {
    open: (e) => {
      if (e.depth === 1 && e.name === "sheetData") sheetData = e;
      else if (sheetData && sheetDataClose < 0 && e.depth === 2 && e.name === "row") {
        rowNumber = e.attributes.r !== undefined ? Number(e.attributes.r) - 1 : rowNumber + 1;
        column = -1;
        row = { row: rowNumber, start: e.start, openEnd: e.openEnd, end: e.end, selfClosing: e.selfClosing, qname: e.qname, cells: [] };
        rows.push(row);
      } else if (row && e.depth === 3 && e.name === "c") {
        column = (e.attributes.r === undefined ? undefined : columnOf(e.attributes.r)) ?? column + 1;
        cell = { column, start: e.start, end: e.end, style: e.attributes.s };
        row.cells.push(cell);
      }
    },
    close: (e) => {
      if (e.depth === 1 && e.name === "sheetData") {
        sheetDataClose = e.selfClosing ? -1 : xml.lastIndexOf("<", e.end - 1);
        if (e.selfClosing) sheetDataClose = e.end;
      } else if (row && e.depth === 2 && e.name === "row") {
        row.end = e.end;
        row = undefined;
      } else if (cell && e.depth === 3 && e.name === "c") {
        cell.end = e.end;
        cell = undefined;
      }
    },
  });
  if (!sheetData) throw new Error(`${part} has no sheetData.`);
  const p = prefixOf(sheetData.qname);
  const width = place.right - place.left + 1;
  const firstData = rows.find((r) => r.row === place.firstRow);
  const columnStyles: ColumnStyles = Array.from({ length: width }, (_, c) => {
    const s = firstData?.cells.find((x) => x.column === place.left + c)?.style;
    return s === undefined ? undefined : Number(s);
  });
  const last = Math.max(place.lastRow, place.firstRow + body.length - 1);
  const inTable = (c: number) => c >= place.left && c <= place.right;
  const tableCells = (r: number) => {
    const values = body[r - place.firstRow];
    if (!values) return [] as { column: number; text: string }[];
    return values.flatMap((v, c) => {
      const text = valueCellXml(p, r, place.left + c, v, styleFor(v, c, columnStyles), date1904);
      return text ? [{ column: place.left + c, text }] : [];
    });
  };
  const rebuilt = (r: number, old: RowText | undefined): string => {
    const kept = (old?.cells ?? []).filter((c) => !inTable(c.column)).map((c) => ({ column: c.column, text: withReference(xml.slice(c.start, c.end), r, c.column) }));
    const cells = [...kept, ...tableCells(r)].sort((x, y) => x.column - y.column).map((c) => c.text).join("");
    if (!old) return cells ? `<${p}row r="${r + 1}">${cells}</${p}row>` : "";
    const tag = xml.slice(old.start, old.openEnd).replace(/\sspans\s*=\s*(["'])[^"']*\1/, "").replace(/\s*\/>$/, ">");
    const withR = /\sr\s*=/.test(tag) ? tag : tag.replace(/^<([\w:.-]+)/, `<$1 r="${r + 1}"`);
    return `${withR}${cells}</${old.qname}>`;
  };
  const pieces: string[] = [];
  const byRow = new Map(rows.map((r) => [r.row, r]));
  let next = place.firstRow;
  const flushUpTo = (limit: number) => {
    for (; next <= Math.min(limit, last); next++) if (!byRow.has(next)) pieces.push(rebuilt(next, undefined));
  };
  for (const r of rows) {
    flushUpTo(r.row - 1);
    if (r.row >= place.firstRow && r.row <= last) {
      pieces.push(rebuilt(r.row, r));
      next = Math.max(next, r.row + 1);
    } else pieces.push(withRowNumber(xml.slice(r.start, r.end), r.row));
  }
  flushUpTo(last);
  const inner = pieces.join("");
  if (sheetData.selfClosing) {
    const open = xml.slice(sheetData.start, sheetData.openEnd).replace(/\s*\/>$/, ">");
    return xml.slice(0, sheetData.start) + open + inner + `</${sheetData.qname}>` + xml.slice(sheetData.openEnd);
  }
  return xml.slice(0, sheetData.openEnd) + inner + xml.slice(sheetDataClose);
}

/** A kept cell's text, given its `r` when it omitted it (its place must not depend on its neighbours). */
function withReference(text: string, row: number, column: number): string {
  return /^<[\w:.-]+[^>]*\sr\s*=/.test(text) ? text : text.replace(/^<([\w:.-]+)/, `<$1 r="${a1(row, column)}"`);
}

/** A kept row's text, given its `r` when it omitted it (rows around it may have been added). */
function withRowNumber(text: string, row: number): string {
  const tag = /^<[^>]*>/.exec(text)?.[0] ?? "";
  return /\sr\s*=/.test(tag) ? text : text.replace(/^<([\w:.-]+)/, `<$1 r="${row + 1}"`);
}
