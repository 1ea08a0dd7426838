import { cellText } from "../cells";
import { ActionColumn, Status } from "../contract";
import { Grid } from "./grid";
import { FoundStatus } from "./statuses";
import { colourName, StatusColumnKind, statusForWord } from "./statusVocabulary";

/**
 * Where one action's status is read (issue 11): the status cell's word, or its fill when blank; with no
 * status column, the row's first status-coloured fill (status carried only as colour); else progress
 * written into the date cell (`Done (March 2004)`); else none.
 */
export function foundStatus(grid: Grid, r: number, at: Partial<Record<ActionColumn, number>>, kind: StatusColumnKind): FoundStatus {
  const fillAt = (c: number) => grid.fills?.[r]?.[c] ?? null;
  if (at.status !== undefined) {
    const word = cellText(grid.values[r][at.status]);
    if (word) return { kind: "word", value: word, column: kind };
    const fill = fillAt(at.status);
    return fill && colourName(fill) ? { kind: "fill", fill: fill.toUpperCase() } : { kind: "none", value: "(blank)" };
  }
  const fill = (grid.fills?.[r] ?? []).find((f) => f !== null && colourName(f) !== undefined);
  if (fill) return { kind: "fill", fill: fill.toUpperCase() };
  for (const k of ["targetDate", "startDate"] as const) {
    const c = at[k];
    const written = c === undefined ? "" : cellText(grid.values[r][c]);
    if (c !== undefined && typeof grid.values[r][c] === "string" && statusForWord(written)) return { kind: "word", value: written, column: "words" };
  }
  return { kind: "none", value: "(no status column)" };
}

/**
 * Colour legends (`blue = complete`): a filled cell, outside the header and the actions (`skip`), whose
 * own text or the text beside it is a status word. Keyed by `#RRGGBB` and by colour family.
 */
export function legendOf(grid: Grid, skip: ReadonlySet<number>): Map<string, Status> {
  const legend = new Map<string, Status>();
  grid.fills?.forEach((row, r) => {
    if (skip.has(r)) return;
    row.forEach((fill, c) => {
      const name = fill ? colourName(fill) : undefined;
      if (!fill || !name) return;
      const own = cellText(grid.values[r][c]);
      const word = statusForWord(own || cellText(grid.values[r][c + 1] ?? null), "rag");
      if (!word) return;
      legend.set(fill.toUpperCase(), word.status);
      legend.set(name, word.status);
    });
  });
  return legend;
}
