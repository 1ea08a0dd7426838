import { a1, CellValue, columnIndex } from "../../domain/cells";
import { escapeXstring, prefixOf, scanXml, unescapeXstring, XmlElement } from "./xml";

/**
 * A worksheet part's cells (ECMA-376 Part 1, §18.3.1.4 `c`), read in one pass without building the sheet:
 * only wanted cells become values. Rows and cells may omit `r` (then they follow the one before), as
 * some writers do.
 */

/** How a cell's stored text becomes a value: the workbook's shared strings, date styles and date system. */
export interface CellDecoder {
  readonly sharedStrings: readonly string[];
  /** Indexes of cellXfs whose number format shows a date (numbers in them are read as dates). */
  readonly dateStyles: ReadonlySet<number>;
  readonly date1904: boolean;
}

/** One cell met in the sheet. `row` and `column` are zero-based. */
export interface SheetCell {
  readonly row: number;
  readonly column: number;
  readonly value: CellValue;
  /** The cellXfs index (`s`), 0 when absent. */
  readonly style: number;
}

export interface SheetScan {
  /** `<row>` elements (empty formatted rows too). */
  rows: number;
  /** `<c>` elements. */
  cells: number;
  /** Merged ranges as written (`A1:C1`). */
  merges: string[];
}

/** An Excel serial date as a UTC Date, as ExcelJS converts it (utils.excelToDate), in either date system. */
export function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

function decode(type: string | undefined, stored: string, inline: string | undefined, style: number, decoder: CellDecoder): CellValue {
  switch (type) {
    case "s": {
      const text = decoder.sharedStrings[Number(stored)];
      return text === undefined ? null : text;
    }
    case "inlineStr":
      return inline !== undefined ? inline : stored === "" ? null : unescapeXstring(stored);
    case "str":
      return unescapeXstring(stored);
    case "b":
      return stored === "" ? null : stored === "1" || stored === "true";
    case "e":
      return stored === "" ? null : { error: stored };
    case "d": {
      if (stored === "") return null;
      const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(stored) ? stored : `${stored}Z`);
      return Number.isNaN(date.getTime()) ? stored : date;
    }
    default: {
      if (stored.trim() === "") return null;
      const number = Number(stored);
      if (Number.isNaN(number)) return stored;
      return decoder.dateStyles.has(style) ? excelToDate(number, decoder.date1904) : number;
    }
  }
}

/** The zero-based column of a cell reference (`AB12` → 27), or undefined. */
function columnOf(reference: string): number | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?\d+$/.exec(reference);
  return match ? columnIndex(match[1]) : undefined;
}

/**
 * Reads a worksheet's cells. `wanted(row, column)` (zero-based) picks the cells whose values are decoded and
 * passed to `onCell`; the rest are only counted. Throws XmlProblem when the part is not well formed.
 */
export function scanSheet(
  xml: string,
  part: string,
  decoder: CellDecoder,
  onCell: (cell: SheetCell) => void,
  wanted: (row: number, column: number) => boolean = () => true,
): SheetScan {
  const scan: SheetScan = { rows: 0, cells: 0, merges: [] };
  let row = -1;
  let column = -1;
  let cell: { row: number; column: number; type?: string; style: number; stored: string; inline?: string; want: boolean } | undefined;
  let phonetic = 0;
  let inSheetData = false;
  scanXml(xml, part, {
    open(e) {
      switch (e.name) {
        case "sheetData":
          inSheetData = e.depth === 1;
          return;
        case "row":
          if (!inSheetData) return;
          scan.rows++;
          row = e.attributes.r !== undefined ? Number(e.attributes.r) - 1 : row + 1;
          column = -1;
          return;
        case "c": {
          if (!inSheetData) return;
          scan.cells++;
          const at = e.attributes.r === undefined ? undefined : columnOf(e.attributes.r);
          column = at ?? column + 1;
          const want = wanted(row, column);
          cell = { row, column, type: e.attributes.t, style: Number(e.attributes.s ?? 0) || 0, stored: "", want };
          return;
        }
        case "rPh":
          phonetic++;
          return;
        case "is":
          if (cell) cell.inline = "";
          return;
        case "mergeCell":
          if (e.attributes.ref) scan.merges.push(e.attributes.ref);
          return;
      }
    },
    close(e) {
      if (e.name === "sheetData") inSheetData = false;
      else if (e.name === "rPh") phonetic--;
      else if (e.name === "c" && cell) {
        if (cell.want) {
          const inline = cell.inline === undefined ? undefined : unescapeXstring(cell.inline);
          onCell({ row: cell.row, column: cell.column, style: cell.style, value: decode(cell.type, cell.stored, inline, cell.style, decoder) });
        }
        cell = undefined;
      }
    },
    text(text, parent) {
      if (!cell?.want || !parent) return;
      if (parent.name === "v") cell.stored += text;
      else if (parent.name === "t" && cell.inline !== undefined && phonetic === 0) cell.inline += text;
    },
  });
  return scan;
}

/** The text of each shared string (`<si>`): plain or rich text runs, without phonetic guides (`rPh`). */
export function readSharedStrings(xml: string, part: string): string[] {
  const strings: string[] = [];
  let current: string | undefined;
  let phonetic = 0;
  scanXml(xml, part, {
    open(e) {
      if (e.name === "si") current = "";
      else if (e.name === "rPh") phonetic++;
    },
    close(e) {
      if (e.name === "si") {
        strings.push(unescapeXstring(current ?? ""));
        current = undefined;
      } else if (e.name === "rPh") phonetic--;
    },
    text(text, parent) {
      if (current !== undefined && parent?.name === "t" && phonetic === 0) current += text;
    },
  });
  return strings;
}

// ---------------------------------------------------------------------------------------------
// Writing cells into the sheet's own text
// ---------------------------------------------------------------------------------------------

/** New text for cells, by zero-based row then column; null empties a cell (its format stays). */
export type CellWrites = ReadonlyMap<number, ReadonlyMap<number, string | null>>;

/** A cell that holds a formula other cells depend on, which a write cannot replace without breaking them. */
export class SharedFormulaProblem extends Error {
  constructor(readonly cell: string, readonly ref: string) {
    super(`Cell ${cell} holds a formula that cells ${ref} share, so it cannot be replaced without changing them. Replace the formulas in ${ref} with values, then try again.`);
    this.name = "SharedFormulaProblem";
  }
}

interface CellPlace {
  column: number;
  start: number;
  end: number;
  element: XmlElement;
  formula?: { t?: string; ref?: string };
}

interface RowPlace {
  row: number;
  element: XmlElement;
  end: number;
  cells: CellPlace[];
}

/** The text of one written cell, keeping its format (`s`) and nothing else of what it held. */
function cellXml(p: string, reference: string, style: string | undefined, value: string | null): string {
  const s = style !== undefined && style !== "0" ? ` s="${style}"` : "";
  if (value === null || value === "") return `<${p}c r="${reference}"${s}/>`;
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : "";
  return `<${p}c r="${reference}"${s} t="inlineStr"><${p}is><${p}t${space}>${escapeXstring(value)}</${p}t></${p}is></${p}c>`;
}

/** A start tag with `r` set (added where a writer left it out, so later cells keep their places). */
function withReference(xml: string, element: XmlElement, reference: string): string {
  const tag = xml.slice(element.start, element.openEnd);
  if (element.attributes.r !== undefined) return tag;
  return tag.replace(/^<([\w:.-]+)/, `<$1 r="${reference}"`);
}

/** The zero-based area of a formula's `ref` range (`B2:B40`), or undefined. */
function rangeCells(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref);
  if (!match) return undefined;
  const [top, left] = [Number(match[2]) - 1, columnIndex(match[1])];
  return { top, left, bottom: match[4] ? Number(match[4]) - 1 : top, right: match[3] ? columnIndex(match[3]) : left };
}

/**
 * Writes text into cells of a worksheet's XML, changing only those cells' elements (and adding `r` to the
 * start tags of the rows and cells they sit among, where a writer left it out). Rows written to must exist
 * (the tool writes to rows it found by an action's ID). Text is written as an inline string, so the shared
 * strings part is left as it is. `formulasReplaced` tells the caller to drop the calculation chain, which
 * would otherwise list cells that no longer hold a formula (Excel then reports the file as damaged).
 *
 * @throws SharedFormulaProblem when a cell written to holds a shared formula that cells not written to depend on, or lies
 * in an array formula's range (a dynamic array's spill too) that is not written whole.
 */
export function writeSheetCells(xml: string, part: string, writes: CellWrites): { xml: string; formulasReplaced: boolean } {
  const rows = new Map<number, RowPlace>();
  let current: RowPlace | undefined;
  let cellCursor: CellPlace | undefined;
  let inSheetData = false;
  let rowNumber = -1;
  let column = -1;
  const arrays: { ref: string; area: { top: number; left: number; bottom: number; right: number } }[] = [];
  scanXml(xml, part, {
    open(e) {
      if (e.name === "sheetData") inSheetData = e.depth === 1;
      else if (inSheetData && e.name === "row") {
        rowNumber = e.attributes.r !== undefined ? Number(e.attributes.r) - 1 : rowNumber + 1;
        column = -1;
        current = writes.has(rowNumber) ? { row: rowNumber, element: e, end: -1, cells: [] } : undefined;
      } else if (inSheetData && e.name === "c") {
        column = (e.attributes.r === undefined ? undefined : columnOf(e.attributes.r)) ?? column + 1;
        cellCursor = current ? { column, start: e.start, end: -1, element: e } : undefined;
      } else if (inSheetData && e.name === "f") {
        if (cellCursor) cellCursor.formula = { t: e.attributes.t, ref: e.attributes.ref };
        // Array formulas (a dynamic array's spill too) in any row: a write into their range may not be in this one.
        const area = e.attributes.ref && (e.attributes.t === "array" || e.attributes.t === "dataTable") ? rangeCells(e.attributes.ref) : undefined;
        if (area) arrays.push({ ref: e.attributes.ref!, area });
      }
    },
    close(e) {
      if (e.name === "sheetData") inSheetData = false;
      else if (e.name === "c" && cellCursor && current) {
        cellCursor.end = e.end;
        current.cells.push(cellCursor);
        cellCursor = undefined;
      } else if (e.name === "row" && current) {
        current.end = e.end;
        rows.set(current.row, current);
        current = undefined;
      }
    },
  });

  const written = (row: number, col: number) => writes.get(row)?.has(col) ?? false;
  const missing = [...writes.keys()].filter((r) => !rows.has(r));
  if (missing.length > 0) throw new Error(`${part} has no row ${missing[0] + 1} to write to.`);
  /** Refuses a write into part of a range whose cells share one formula (every cell written: the formula goes). */
  const wholeRange = (reference: string, ref: string, area: { top: number; left: number; bottom: number; right: number }) => {
    for (let r = area.top; r <= area.bottom; r++) {
      for (let c = area.left; c <= area.right; c++) {
        if (!written(r, c)) throw new SharedFormulaProblem(reference, ref);
      }
    }
  };
  // An array formula's range is one formula to Excel ("You can't change part of an array"), master or not.
  for (const { ref, area } of arrays) {
    for (const [row, columns] of writes) {
      if (row < area.top || row > area.bottom) continue;
      const inside = [...columns.keys()].find((c) => c >= area.left && c <= area.right);
      if (inside !== undefined) wholeRange(a1(row, inside), ref, area);
    }
  }

  let formulasReplaced = false;
  const pieces: string[] = [];
  let at = 0;
  for (const place of [...rows.values()].sort((a, b) => a.element.start - b.element.start)) {
    const values = writes.get(place.row)!;
    pieces.push(xml.slice(at, place.element.start));
    // The row's start tag, with `r`; `spans` is only a hint, so it goes when a cell is added outside it.
    let rowTag = withReference(xml, place.element, String(place.row + 1));
    const spans = /^(\d+):(\d+)$/.exec(place.element.attributes.spans ?? "");
    if (spans && [...values.keys()].some((c) => c + 1 < Number(spans[1]) || c + 1 > Number(spans[2]))) rowTag = rowTag.replace(/\sspans="[^"]*"/, "");
    if (place.element.selfClosing) rowTag = rowTag.replace(/\s*\/>$/, ">");
    pieces.push(rowTag);

    const existing = new Map(place.cells.map((c) => [c.column, c]));
    const columns = [...new Set([...place.cells.map((c) => c.column), ...values.keys()])].sort((a, b) => a - b);
    let inner = place.element.openEnd;
    for (const col of columns) {
      const cell = existing.get(col);
      const reference = a1(place.row, col);
      if (cell) {
        // Anything between cells (whitespace) stays.
        pieces.push(xml.slice(inner, cell.start));
        inner = cell.end;
      }
      if (!values.has(col)) {
        pieces.push(cell ? withReference(xml, cell.element, reference) + xml.slice(cell.element.openEnd, cell.end) : "");
        continue;
      }
      if (cell?.formula) {
        // A shared formula's master: its children take their formula from it.
        const range = cell.formula.ref && cell.formula.t === "shared" ? rangeCells(cell.formula.ref) : undefined;
        if (range) wholeRange(reference, cell.formula.ref!, range);
        formulasReplaced = true;
      }
      // In the namespace prefix the sheet's own rows use (most writers use none; some use `x:`).
      pieces.push(cellXml(prefixOf(place.element.qname), reference, cell?.element.attributes.s, values.get(col)!));
    }
    if (place.element.selfClosing) {
      pieces.push(`</${place.element.qname}>`);
    } else {
      // The rest of the row after its last cell (whitespace, extensions), then its end tag.
      pieces.push(xml.slice(inner, place.end));
    }
    at = place.end;
  }
  pieces.push(xml.slice(at));
  return { xml: pieces.join(""), formulasReplaced };
}
