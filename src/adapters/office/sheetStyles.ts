import { CellStyle, SheetContent } from "../../domain/layout";

/** A block of cells sharing one style: row and column spans, zero-based. */
export interface StyleBlock {
  readonly style: CellStyle;
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly columns: number;
}

/**
 * Groups a sheet's styled cells into rectangles, so a host formats a few ranges rather than every cell:
 * runs along each row, then runs of identical runs down the rows.
 */
export function styleBlocks(content: SheetContent): StyleBlock[] {
  const open = new Map<string, { style: CellStyle; top: number; left: number; rows: number; columns: number }>();
  const done: StyleBlock[] = [];
  content.rows.forEach((row, r) => {
    const runs: { style: CellStyle; left: number; columns: number }[] = [];
    row.forEach((cell, c) => {
      if (!cell.style || cell.style === "text") return;
      const last = runs[runs.length - 1];
      if (last && last.style === cell.style && last.left + last.columns === c) last.columns += 1;
      else runs.push({ style: cell.style, left: c, columns: 1 });
    });
    const seen = new Set<string>();
    for (const run of runs) {
      const key = `${run.style}|${run.left}|${run.columns}`;
      seen.add(key);
      const block = open.get(key);
      if (block && block.top + block.rows === r) block.rows += 1;
      else {
        if (block) done.push(block);
        open.set(key, { style: run.style, top: r, left: run.left, rows: 1, columns: run.columns });
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

/** The number format each cell is written with: text as text, so nothing becomes a formula. */
export function numberFormatFor(style: CellStyle | undefined, value: string | number | null): string {
  if (typeof value === "string") return "@";
  if (style === "percent" || style === "totalPercent") return "0.0%";
  if (typeof value === "number") return "0";
  return "General";
}
