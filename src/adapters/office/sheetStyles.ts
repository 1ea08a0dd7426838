import { CellLook, lookKey, lookOf } from "../../domain/cellLooks";
import { CellStyle, SheetContent } from "../../domain/layout";

/** A block of cells sharing one look (src/domain/cellLooks.ts): row and column spans, zero-based. */
export interface StyleBlock {
  readonly look: CellLook;
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly columns: number;
}

/**
 * Groups a sheet's formatted cells into rectangles of one look, so a host formats a few ranges rather than
 * every cell: runs along each row, then runs of identical runs down the rows. A RAG cell's look depends on
 * its word, so a red and an amber cell are in different blocks.
 */
export function styleBlocks(content: SheetContent): StyleBlock[] {
  const open = new Map<string, { look: CellLook; top: number; left: number; rows: number; columns: number }>();
  const done: StyleBlock[] = [];
  content.rows.forEach((row, r) => {
    const runs: { look: CellLook; key: string; left: number; columns: number }[] = [];
    row.forEach((cell, c) => {
      const look = lookOf(cell.style, cell.value);
      if (!look) return;
      const key = lookKey(look);
      const last = runs[runs.length - 1];
      if (last && last.key === key && last.left + last.columns === c) last.columns += 1;
      else runs.push({ look, key, left: c, columns: 1 });
    });
    const seen = new Set<string>();
    for (const run of runs) {
      const key = `${run.key}|${run.left}|${run.columns}`;
      seen.add(key);
      const block = open.get(key);
      if (block && block.top + block.rows === r) block.rows += 1;
      else {
        if (block) done.push(block);
        open.set(key, { look: run.look, top: r, left: run.left, rows: 1, columns: run.columns });
      }
    }
    for (const [key, block] of open) {
      if (!seen.has(key)) {
        done.push(block);
        open.delete(key);
      }
    }
  });
  return [...done, ...open.values()].sort((a, b) => a.top - b.top || a.left - b.left);
}

/**
 * The number format each cell is written with, in the same 2-D write as the values: text as text, so
 * nothing becomes a formula; a number in its look's format (src/domain/cellLooks.ts), else "0".
 */
export function numberFormatFor(style: CellStyle | undefined, value: string | number | null): string {
  if (typeof value === "string") return "@";
  if (typeof value === "number") return lookOf(style, value)?.numFmt ?? "0";
  return "General";
}
