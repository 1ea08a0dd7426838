/** A1 addresses and rectangles for the fake Excel: zero-based rows and columns throughout. */

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export function rect(row: number, col: number, rows = 1, cols = 1): Rect {
  return { row, col, rows, cols };
}

export function columnName(col: number): string {
  let n = col + 1;
  let name = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

export function columnIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

export function cellA1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

export function isWholeColumns(r: Rect): boolean {
  return r.row === 0 && r.rows === MAX_ROWS;
}

export function isWholeRows(r: Rect): boolean {
  return r.col === 0 && r.cols === MAX_COLS;
}

/** `A1`, `A1:C3`, `A:C` for whole columns, `1:3` for whole rows (and the whole sheet, as Excel writes it). */
export function rectA1(r: Rect): string {
  if (isWholeRows(r)) return `${r.row + 1}:${r.row + r.rows}`;
  if (isWholeColumns(r)) return `${columnName(r.col)}:${columnName(r.col + r.cols - 1)}`;
  const first = cellA1(r.row, r.col);
  return r.rows === 1 && r.cols === 1 ? first : `${first}:${cellA1(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/** Excel quotes a sheet name unless it is a plain identifier that cannot be read as a cell reference. */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name);
  const looksLikeReference = /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name);
  return plain && !looksLikeReference ? name : `'${name.replace(/'/g, "''")}'`;
}

export function qualifiedA1(sheetName: string, r: Rect): string {
  return `${quoteSheetName(sheetName)}!${rectA1(r)}`;
}

interface Corner {
  row?: number;
  col?: number;
}

function parseCorner(text: string): Corner | undefined {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(text);
  if (!m || (!m[1] && !m[2])) return undefined;
  const corner: Corner = {};
  if (m[1]) {
    corner.col = columnIndex(m[1]);
    if (corner.col < 0 || corner.col >= MAX_COLS) return undefined;
  }
  if (m[2]) {
    corner.row = Number(m[2]) - 1;
    if (corner.row < 0 || corner.row >= MAX_ROWS) return undefined;
  }
  return corner;
}

/** Parses `A1`, `$A$1:B2`, `A:C`, `3:5`, optionally sheet-qualified (`'Action Plan'!A1`). Undefined if invalid. */
export function parseA1(address: string): { sheet?: string; rect: Rect } | undefined {
  let text = address.trim();
  let sheet: string | undefined;
  const bang = text.lastIndexOf("!");
  if (bang >= 0) {
    sheet = text.slice(0, bang);
    text = text.slice(bang + 1);
    if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    if (!sheet) return undefined;
  }
  const parts = text.split(":");
  if (parts.length < 1 || parts.length > 2) return undefined;
  const a = parseCorner(parts[0]);
  const b = parts.length === 2 ? parseCorner(parts[1]) : a;
  if (!a || !b) return undefined;
  const aIsCell = a.row !== undefined && a.col !== undefined;
  const bIsCell = b.row !== undefined && b.col !== undefined;
  let result: Rect;
  if (aIsCell && bIsCell) {
    const row = Math.min(a.row!, b.row!);
    const col = Math.min(a.col!, b.col!);
    result = rect(row, col, Math.abs(a.row! - b.row!) + 1, Math.abs(a.col! - b.col!) + 1);
  } else if (parts.length === 2 && a.row === undefined && b.row === undefined) {
    const col = Math.min(a.col!, b.col!);
    result = rect(0, col, MAX_ROWS, Math.abs(a.col! - b.col!) + 1);
  } else if (parts.length === 2 && a.col === undefined && b.col === undefined) {
    const row = Math.min(a.row!, b.row!);
    result = rect(row, 0, Math.abs(a.row! - b.row!) + 1, MAX_COLS);
  } else {
    return undefined;
  }
  return sheet === undefined ? { rect: result } : { sheet, rect: result };
}

export function cellCount(r: Rect): number {
  return r.rows * r.cols;
}

export function containsCell(r: Rect, row: number, col: number): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}

export function intersection(a: Rect, b: Rect): Rect | undefined {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const end = Math.min(a.row + a.rows, b.row + b.rows);
  const right = Math.min(a.col + a.cols, b.col + b.cols);
  return end > row && right > col ? rect(row, col, end - row, right - col) : undefined;
}

export function containsRect(outer: Rect, inner: Rect): boolean {
  const i = intersection(outer, inner);
  return i !== undefined && cellCount(i) === cellCount(inner);
}

/** `a` minus `b`, as up to four rectangles. */
export function subtract(a: Rect, b: Rect): Rect[] {
  const i = intersection(a, b);
  if (!i) return [a];
  const out: Rect[] = [];
  if (i.row > a.row) out.push(rect(a.row, a.col, i.row - a.row, a.cols));
  const below = a.row + a.rows - (i.row + i.rows);
  if (below > 0) out.push(rect(i.row + i.rows, a.col, below, a.cols));
  if (i.col > a.col) out.push(rect(i.row, a.col, i.rows, i.col - a.col));
  const right = a.col + a.cols - (i.col + i.cols);
  if (right > 0) out.push(rect(i.row, i.col + i.cols, i.rows, right));
  return out;
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;
}
