import { CellValue } from "../cells";
import { ActionColumn } from "../contract";
import { Grid } from "./grid";
import { headerKey, matchHeader } from "./columnMapping";

/** Header cells are short labels: longer text is prose or a title, not a header. */
const MAX_HEADER_LENGTH = 60;

/** How many rows from the top the header is searched for. */
export const HEADER_SEARCH_ROWS = 200;

/** The contract columns a row's cells would map to, each once. */
export function headerColumns(row: readonly CellValue[]): Set<ActionColumn> {
  const found = new Set<ActionColumn>();
  for (const value of row) {
    if (typeof value !== "string" || value.trim().length > MAX_HEADER_LENGTH) continue;
    const match = matchHeader(value);
    if (match) found.add(match.column);
  }
  return found;
}

/**
 * The zero-based row most like a plan's header: the one naming the most contract columns (by name,
 * synonym or contained word), searching past titles, legends, prose and form-style label rows above it
 * (issue 11: a header on row 12). A header must name an action column and at least two others; the first
 * such row wins a tie, so a header repeated under section rows is found at its first place. Undefined
 * when no row qualifies.
 */
export function findHeaderRow(grid: Grid): number | undefined {
  let best: { row: number; score: number } | undefined;
  // Titles, legends and forms take a screen or two at most: a header further down is not looked for.
  grid.values.slice(0, HEADER_SEARCH_ROWS).forEach((row, r) => {
    const columns = headerColumns(row);
    // A row of numbers or dates is data, whatever its text cells say.
    const data = row.filter((v) => v !== null && typeof v !== "string").length;
    const score = columns.size - data;
    if (!columns.has("action") || columns.size < 3) return;
    if (!best || score > best.score) best = { row: r, score };
  });
  return best?.row;
}

/** True when a row repeats the header: most of its cells say what the header's cells say. */
export function repeatsHeader(row: readonly CellValue[], header: readonly CellValue[]): boolean {
  let same = 0;
  let named = 0;
  header.forEach((h, c) => {
    const key = headerKey(h);
    if (!key) return;
    named++;
    if (headerKey(row[c] ?? null) === key) same++;
  });
  return named > 0 && same >= Math.max(2, Math.ceil(named / 2));
}
