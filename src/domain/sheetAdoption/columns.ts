import { cellText, isBlank } from "../cells";
import { ActionColumn } from "../contract";
import { ProposedColumn } from "../sheetProposal";
import { Grid } from "./grid";
import { headerText, isRagHeader, isYesNoHeader, matchHeader } from "./columnMapping";
import { StatusColumnKind } from "./statusVocabulary";

/** The contract columns an adopted seed can carry; the rest (RAG, RAG reason, Last updated) the tool works out. */
const SEEDED: ReadonlySet<ActionColumn> = new Set<ActionColumn>([
  "id", "priority", "action", "outcome", "measure", "leadOfficer", "leadAgency", "startDate", "targetDate", "status", "q1", "q2", "q3", "q4", "notes",
]);

/** A reference-like value: `1`, `DA 1`, `1a`, `1d*`, `2.3`, `A-4`. */
const REFERENCE = /^[A-Za-z]{0,4}[\s.-]?\d+([.-]\d+)*[a-z]?\*?$/;

export interface ColumnPlan {
  readonly columns: ProposedColumn[];
  /** The sheet column of each mapped contract column. */
  readonly at: Partial<Record<ActionColumn, number>>;
  readonly statusKind: StatusColumnKind;
}

/**
 * Maps each header cell to a contract column (issue 11): the contract's names first, then synonyms, weak
 * synonyms, and headers that contain a column's word, each contract column once, in sheet order within a rank. A blank header over reference-like
 * values becomes the ID; a RAG or `Complete Y/N` column becomes the status when there is no status column.
 * The status column speaks yes/no when its header says so or every value is Y, N, Yes or No, and RAG when
 * its header says so or every value is one of the letters R, A, G, C, B.
 */
export function planColumns(grid: Grid, headerRow: number, dataRows: readonly number[]): ColumnPlan {
  const header = grid.values[headerRow];
  const at: Partial<Record<ActionColumn, number>> = {};
  const why = new Map<number, string>();
  const take = (c: number, k: ActionColumn, reason: string) => { at[k] = c; why.set(c, reason); };
  const matches = header.map((h) => matchHeader(h));
  for (const rank of [0, 1, 2, 3]) {
    matches.forEach((m, c) => {
      if (!m || m.rank !== rank || at[m.column] !== undefined || why.has(c)) return;
      if (m.column === "rag") return;
      if (SEEDED.has(m.column)) take(c, m.column, m.why);
    });
  }
  // Someone's RAG column is their status where they keep no other (C = complete); the tool works out its own RAG.
  const ragAt = header.findIndex((h) => isRagHeader(h));
  if (at.status === undefined && ragAt >= 0) take(ragAt, "status", "RAG column read as the status (C means complete)");
  if (at.id === undefined) {
    header.forEach((h, c) => {
      if (at.id !== undefined || !isBlank(h) || why.has(c)) return;
      const below = dataRows.map((r) => cellText(grid.values[r][c])).filter((t) => t !== "");
      if (below.length > 0 && below.filter((t) => REFERENCE.test(t)).length >= below.length * 0.8) take(c, "id", "blank header over IDs");
    });
  }
  const statusValues = at.status === undefined ? [] : dataRows.map((r) => cellText(grid.values[r][at.status!])).filter((t) => t !== "");
  const statusKind: StatusColumnKind = at.status === undefined ? "words"
    : isYesNoHeader(header[at.status]) || (statusValues.length > 0 && statusValues.every((t) => /^(y|n|yes|no)$/i.test(t))) ? "yesNo"
    : isRagHeader(header[at.status]) || (statusValues.length > 0 && statusValues.every((t) => /^[RAGCB]$/i.test(t))) ? "rag"
    : "words";
  const columns: ProposedColumn[] = header.map((h, c) => {
    const mapsTo = (Object.keys(at) as ActionColumn[]).find((k) => at[k] === c) ?? null;
    const reason = why.get(c)
      ?? (matches[c] ? `kept as an extra column: ${matches[c]!.column === "rag" ? "the tool works out its own RAG" : `another column is already ${matches[c]!.column}`}` : isBlank(h) ? "blank header: kept as an extra column if it holds anything" : "no contract column: kept as an extra column");
    return { column: c, header: headerText(h), mapsTo, why: reason };
  });
  return { columns, at, statusKind };
}
