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
  /** True when the sheet is protected (Review → Protect Sheet): Excel refuses writes to its locked cells. */
  protected: boolean;
}

/** An Excel serial date as a UTC Date, as ExcelJS converts it (utils.excelToDate), in either date system. */
export function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** An Excel serial day number for a UTC date (days since 1899-12-30, or 1904-01-01 in the 1904 system): excelToDate's inverse. */
export function dateSerial(date: Date, date1904: boolean): number {
  return date.getTime() / 86_400_000 + 25569 - (date1904 ? 1462 : 0);
}

/**
 * One cell's XML: text as an inline string (never a formula), numbers as numbers, booleans as booleans, a
 * Date as its serial (its style must show a date), an error as its text; "" as an empty string (it reads back as ""); a null cell only when styled.
 */
export function valueCellXml(p: string, row: number, column: number, value: CellValue, style: number, date1904: boolean): string {
  const r = a1(row, column);
  const s = style ? ` s="${style}"` : "";
  if (value === null) return style ? `<${p}c r="${r}"${s}/>` : "";
  if (value instanceof Date) return `<${p}c r="${r}"${s}><${p}v>${dateSerial(value, date1904)}</${p}v></${p}c>`;
  if (typeof value === "number") return `<${p}c r="${r}"${s}><${p}v>${value}</${p}v></${p}c>`;
  if (typeof value === "boolean") return `<${p}c r="${r}"${s} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  const text = typeof value === "string" ? value : value.error;
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
  return `<${p}c r="${r}"${s} t="inlineStr"><${p}is><${p}t${space}>${escapeXstring(text)}</${p}t></${p}is></${p}c>`;
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
export function columnOf(reference: string): number | undefined {
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
  const scan: SheetScan = { rows: 0, cells: 0, merges: [], protected: false };
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
        case "sheetProtection":
          scan.protected ||= e.depth === 1 && (e.attributes.sheet === "1" || e.attributes.sheet === "true");
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

/** A number written with its own format (a date: its serial, and a cellXfs index that shows a date). */
export interface StyledNumber {
  readonly number: number;
  readonly style: number;
}

/** One cell's new content: text, a number with its format, or null to empty it (its format stays). */
export type CellWrite = string | StyledNumber | null;

/** New contents for cells, by zero-based row then column. */
export type CellWrites = ReadonlyMap<number, ReadonlyMap<number, CellWrite>>;

/** A cell that holds a formula other cells depend on, which a write cannot replace without breaking them. */
export class SharedFormulaProblem extends Error {
  constructor(readonly cell: string, readonly ref: string) {
    super(`Cell ${cell} holds a formula that cells ${ref} share, so it cannot be replaced without changing them. Replace the formulas in ${ref} with values, then try again.`);
    this.name = "SharedFormulaProblem";
  }
}

/** One change to the sheet's text: replace `start`..`end` (equal for an insertion) with `text`. */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Orders insertions at the same place (by column). */
  readonly order: number;
}

/** A written cell that is already in the sheet. */
interface FoundCell {
  start: number;
  end: number;
  style: string | undefined;
  formula?: { t?: string; ref?: string };
}

/** What a write needs to know of one row it writes to, gathered in one pass. */
interface RowPlan {
  readonly row: number;
  /** The row element's offsets in the sheet: its `<`, after its start tag, after its end. */
  readonly start: number;
  readonly openEnd: number;
  end: number;
  readonly selfClosing: boolean;
  readonly qname: string;
  readonly spans: string | undefined;
  /** Written columns already there. */
  readonly found: Map<number, FoundCell>;
  /** Written columns not there yet, with where each goes (before the first cell to its right). */
  readonly insertAt: Map<number, number>;
  /** Start tags (offsets in the sheet) of the row's cells that omit `r`, with the column each stands for. */
  readonly implicit: { start: number; openEnd: number; column: number }[];
}

/** The text of one written cell, keeping its format (`s`) and nothing else of what it held; a styled number takes its own. */
function cellXml(p: string, reference: string, style: string | undefined, value: CellWrite): string {
  if (value !== null && typeof value === "object") {
    return `<${p}c r="${reference}"${value.style ? ` s="${value.style}"` : ""}><${p}v>${value.number}</${p}v></${p}c>`;
  }
  const s = style !== undefined && style !== "0" ? ` s="${style}"` : "";
  if (value === null || value === "") return `<${p}c r="${reference}"${s}/>`;
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : "";
  return `<${p}c r="${reference}"${s} t="inlineStr"><${p}is><${p}t${space}>${escapeXstring(value)}</${p}t></${p}is></${p}c>`;
}

/** The zero-based area of a formula's `ref` range (`B2:B40`), or undefined. */
function rangeCells(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref);
  if (!match) return undefined;
  const [top, left] = [Number(match[2]) - 1, columnIndex(match[1])];
  return { top, left, bottom: match[4] ? Number(match[4]) - 1 : top, right: match[3] ? columnIndex(match[3]) : left };
}

/** An array formula's range (a dynamic array's spill too): one formula to Excel. */
interface ArrayRange {
  readonly ref: string;
  readonly area: { top: number; left: number; bottom: number; right: number };
}

/**
 * Finds the rows written to, and in them the written cells or where they go, and every array formula's range
 * (in any row: a write may fall inside one whose master is elsewhere), in one saxes pass.
 */
function planRows(text: string, part: string, writes: CellWrites): { plans: Map<number, RowPlan>; arrays: ArrayRange[] } {
  const plans = new Map<number, RowPlan>();
  const arrays: ArrayRange[] = [];
  let inSheetData = false;
  let rowNumber = -1;
  let column = -1;
  let plan: RowPlan | undefined;
  let rowElement: XmlElement | undefined;
  let pending: number[] = [];
  let cell: FoundCell | undefined;
  scanXml(text, part, {
    open(e) {
      if (e.name === "sheetData") inSheetData = e.depth === 1;
      else if (inSheetData && e.name === "row" && e.depth === 2) {
        rowNumber = e.attributes.r !== undefined ? Number(e.attributes.r) - 1 : rowNumber + 1;
        column = -1;
        const columns = writes.get(rowNumber);
        rowElement = columns ? e : undefined;
        plan = columns
          ? { row: rowNumber, start: e.start, openEnd: e.openEnd, end: -1, selfClosing: e.selfClosing, qname: e.qname, spans: e.attributes.spans, found: new Map(), insertAt: new Map(), implicit: [] }
          : undefined;
        pending = columns ? [...columns.keys()].sort((x, y) => x - y) : [];
      } else if (plan && e.name === "c" && e.depth === rowElement!.depth + 1) {
        column = (e.attributes.r === undefined ? undefined : columnOf(e.attributes.r)) ?? column + 1;
        if (e.attributes.r === undefined) plan.implicit.push({ start: e.start, openEnd: e.openEnd, column });
        while (pending.length > 0 && pending[0] <= column) {
          const target = pending.shift()!;
          if (target < column) plan.insertAt.set(target, e.start);
        }
        cell = writes.get(plan.row)!.has(column) ? { start: e.start, end: -1, style: e.attributes.s } : undefined;
        if (cell) plan.found.set(column, cell);
      } else if (inSheetData && e.name === "f") {
        if (cell) cell.formula = { t: e.attributes.t, ref: e.attributes.ref };
        const area = e.attributes.ref && (e.attributes.t === "array" || e.attributes.t === "dataTable") ? rangeCells(e.attributes.ref) : undefined;
        if (area) arrays.push({ ref: e.attributes.ref!, area });
      }
    },
    close(e) {
      if (e.name === "sheetData") inSheetData = false;
      else if (cell && e.name === "c") {
        cell.end = e.end;
        cell = undefined;
      } else if (plan && e === rowElement) {
        plan.end = e.end;
        // Columns right of every cell go before the end tag.
        const closeAt = e.selfClosing ? e.start : text.lastIndexOf("<", e.end - 1);
        for (const target of pending) plan.insertAt.set(target, closeAt);
        plans.set(plan.row, plan);
        plan = undefined;
      }
    },
  });
  return { plans, arrays };
}

/** The edits that add a row's missing written cells, keeping every other cell in its column. */
function insertions(xml: string, plan: RowPlan, values: ReadonlyMap<number, CellWrite>): Edit[] {
  const p = prefixOf(plan.qname);
  const inserts = [...plan.insertAt].sort((x, y) => x[0] - y[0]);
  const cell = (column: number) => cellXml(p, a1(plan.row, column), undefined, values.get(column)!);
  let tag = xml.slice(plan.start, plan.openEnd);
  // `spans` is only a hint, so it goes when a cell is added outside it.
  const spans = /^(\d+):(\d+)$/.exec(plan.spans ?? "");
  if (spans && inserts.some(([c]) => c + 1 < Number(spans[1]) || c + 1 > Number(spans[2]))) tag = tag.replace(/\sspans="[^"]*"/, "");
  if (plan.selfClosing) {
    return [{ start: plan.start, end: plan.end, text: `${tag.replace(/\s*\/>$/, ">")}${inserts.map(([c]) => cell(c)).join("")}</${plan.qname}>`, order: -1 }];
  }
  const edits: Edit[] = inserts.map(([c, at]) => ({ start: at, end: at, text: cell(c), order: c }));
  if (tag !== xml.slice(plan.start, plan.openEnd)) edits.push({ start: plan.start, end: plan.openEnd, text: tag, order: -1 });
  // Cells that omit `r` would move right past an inserted one: give them theirs.
  for (const { start, openEnd, column } of plan.implicit) {
    if (values.has(column)) continue;
    edits.push({ start, end: openEnd, text: xml.slice(start, openEnd).replace(/^<([\w:.-]+)/, `<$1 r="${a1(plan.row, column)}"`), order: column });
  }
  return edits;
}

/**
 * Writes text (or a number with its format: a date) into cells of a worksheet's XML, changing only those cells' elements: a cell that is there is
 * replaced, one that is not is inserted in column order. Rows written to must exist (the tool writes to rows
 * it found by an action's ID). Where a row's cells omit `r` and a cell is inserted among them, they are
 * given `r`, so each keeps its place. Text is written as an inline string, so the shared strings part is
 * left as it is. `formulasReplaced` tells the caller to drop the calculation chain, which would otherwise
 * list cells that no longer hold a formula (Excel then reports the file as damaged).
 *
 * @throws SharedFormulaProblem when a cell written to holds a shared formula that cells not written to depend on, or lies
 * in an array formula's range (a dynamic array's spill too) that is not written whole.
 */
export function writeSheetCells(xml: string, part: string, writes: CellWrites): { xml: string; formulasReplaced: boolean } {
  const { plans, arrays } = planRows(xml, part, writes);
  const written = (row: number, col: number) => writes.get(row)?.has(col) ?? false;
  const missing = [...writes.keys()].filter((r) => !plans.has(r));
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
  const edits: Edit[] = [];
  for (const plan of plans.values()) {
    const values = writes.get(plan.row)!;
    const p = prefixOf(plan.qname);
    for (const [col, cell] of plan.found) {
      const reference = a1(plan.row, col);
      if (cell.formula) {
        // A shared formula's master: its children take their formula from it.
        const range = cell.formula.ref && cell.formula.t === "shared" ? rangeCells(cell.formula.ref) : undefined;
        if (range) wholeRange(reference, cell.formula.ref!, range);
        formulasReplaced = true;
      }
      edits.push({ start: cell.start, end: cell.end, text: cellXml(p, reference, cell.style, values.get(col)!), order: col });
    }
    if (plan.insertAt.size > 0) edits.push(...insertions(xml, plan, values));
  }
  edits.sort((x, y) => x.start - y.start || (x.end - x.start) - (y.end - y.start) || x.order - y.order);
  const pieces: string[] = [];
  let at = 0;
  for (const edit of edits) {
    pieces.push(xml.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  pieces.push(xml.slice(at));
  return { xml: pieces.join(""), formulasReplaced };
}
