import { CellValue, isBlank } from "../cells";
import { CellArea, SheetCells } from "../sheetCells";

/**
 * A sheet's values with each merged area's value in every cell it covers, so a reference merged down over
 * several task rows, or an objective merged down, reads on each row. `mergedDown` says which cells were
 * filled from a merge above them (a shared reference), `mergedAcross` which rows hold a merge across columns.
 */
export interface Grid {
  readonly values: readonly (readonly CellValue[])[];
  readonly width: number;
  /** For each row, the columns whose value came from a merged area spanning more than one row. */
  readonly mergedDown: readonly ReadonlySet<number>[];
  /** Rows holding a merged area that spans two or more columns. */
  readonly mergedAcross: ReadonlySet<number>;
  readonly fills: readonly (readonly (string | null)[])[] | undefined;
}

export function gridOf(cells: SheetCells): Grid {
  const width = Math.max(0, ...cells.values.map((r) => r.length));
  const values = cells.values.map((r) => Array.from({ length: width }, (_, c) => (r[c] === undefined ? null : r[c])));
  const mergedDown = values.map(() => new Set<number>());
  const mergedAcross = new Set<number>();
  for (const m of cells.merges) fillMerge(values, m, mergedDown, mergedAcross);
  return { values, width, mergedDown, mergedAcross, fills: cells.fills };
}

function fillMerge(values: CellValue[][], m: CellArea, down: Set<number>[], across: Set<number>): void {
  const top = values[m.top];
  if (!top) return;
  const value = top[m.left] ?? null;
  if (m.right > m.left) across.add(m.top);
  for (let r = m.top; r <= m.bottom && r < values.length; r++) {
    for (let c = m.left; c <= m.right; c++) {
      if (m.bottom > m.top) down[r].add(c);
      // Across a row only the first cell keeps the text, so a section row still reads as one value.
      if (c === m.left && isBlank(values[r][c])) values[r][c] = value;
    }
  }
}
