import { CellValue } from "../../src/domain/cells";
import { areaOf, SheetCells } from "../../src/domain/sheetCells";

/**
 * Hand-made SheetCells for the adopter's unit tests: rows from A1, merged areas in A1 form (`A3:F3`),
 * and fills by A1 cell (`{ A4: "#0070C0" }`). Only tests import this.
 */
export function testSheet(
  rows: readonly (readonly CellValue[])[],
  options: { sheet?: string; merges?: readonly string[]; fills?: Readonly<Record<string, string>>; unread?: readonly string[] } = {},
): SheetCells {
  const width = Math.max(...rows.map((r) => r.length));
  const values = rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
  const fills = options.fills
    ? values.map((r, row) => r.map((_, c) => {
      const hit = Object.entries(options.fills!).find(([at]) => { const a = areaOf(at)!; return a.top === row && a.left === c; });
      return hit ? hit[1] : null;
    }))
    : undefined;
  return {
    sheet: options.sheet ?? "Plan",
    values,
    merges: (options.merges ?? []).map((m) => areaOf(m)!),
    ...(fills ? { fills } : {}),
    unread: options.unread ?? [],
  };
}
