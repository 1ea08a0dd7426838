import { cellText, isBlank } from "../cells";
import { RowKind } from "../sheetProposal";
import { Grid } from "./grid";
import { repeatsHeader } from "./headerSearch";

/** One row below the header, as classified: its kind and, for a section or note, its text. */
export interface ClassifiedRow {
  readonly row: number;
  readonly kind: RowKind;
  readonly text?: string;
}

/** `Objective 2: Reducing domestic abuse`, `Priority 1 - …`, `Theme: …`: a label that starts a section. */
const SECTION_LABEL = /^(objective|priority|theme|strand|outcome|section|aim|area|workstream|key priority)\s*\d*[a-z]?\s*[:.\-–)]/i;
/** Footnotes and notes below a table: `* data sharing…`, `Note: …`, `Key`, `Source: …`. */
const NOTE_START = /^(\*|†|‡|note\b|notes\b|nb\b|key\b|source\b|last updated\b|updated\b)/i;

/** True for a section label such as `Objective 2: Reducing domestic abuse`. */
export function isSectionLabel(text: string): boolean {
  return SECTION_LABEL.test(text.trim());
}

/**
 * The section that starts above the header, where the first `Objective 1: …` row comes before the header
 * it is repeated under: the nearest non-blank row above the header, when it is a lone section label.
 */
export function sectionAboveHeader(grid: Grid, headerRow: number): string | undefined {
  for (let r = headerRow - 1; r >= 0; r--) {
    const filled = grid.values[r].filter((v) => !isBlank(v)).map((v) => cellText(v));
    if (filled.length === 0) continue;
    return new Set(filled).size === 1 && isSectionLabel(filled[0]) ? filled[0] : undefined;
  }
  return undefined;
}

/** A legend or key row: `Key:`, `Legend`, `RAG key`. */
const LEGEND_START = /^(key|legend|rag key|colour key|status key)\b\s*:?/i;

/** The priority a section row names: its text without the `Objective 2:` label (the whole text when that is all). */
export function sectionName(text: string): string {
  const stripped = text.replace(SECTION_LABEL, "").trim();
  return stripped || text.trim();
}

/**
 * Classifies every row below the header (issue 11): actions (text in the action column beside other
 * values), section rows (one text, often merged across, naming a priority), repeated headers, blank rows,
 * and notes (footnotes, single texts after the last action, rows with values but no action).
 */
export function classifyRows(grid: Grid, headerRow: number, actionColumn: number): ClassifiedRow[] {
  const header = grid.values[headerRow];
  const rows: ClassifiedRow[] = [];
  for (let r = headerRow + 1; r < grid.values.length; r++) {
    const values = grid.values[r];
    const filled = values.map((v, c) => ({ v, c })).filter(({ v }) => !isBlank(v));
    if (filled.length === 0) { rows.push({ row: r, kind: "blank" }); continue; }
    if (repeatsHeader(values, header)) { rows.push({ row: r, kind: "repeatedHeader" }); continue; }
    const texts = new Set(filled.map(({ v }) => cellText(v)));
    const first = cellText(filled[0].v);
    // A colour key below the table (`Key:`, `Complete`, `On track`…) spreads over the columns like an action.
    if (LEGEND_START.test(first)) { rows.push({ row: r, kind: "note", text: texts.size === 1 ? first : [...texts].join(" ") }); continue; }
    if (texts.size === 1) {
      const alone = filled.length === 1 && filled[0].c !== actionColumn;
      if (NOTE_START.test(first)) { rows.push({ row: r, kind: "note", text: first }); continue; }
      // A lone short reference (`1.5` with nothing beside it) is a placeholder, not a section's name.
      if (alone && /^\S{1,6}$/.test(first) && /\d/.test(first)) { rows.push({ row: r, kind: "note", text: first }); continue; }
      if (alone || grid.mergedAcross.has(r) || SECTION_LABEL.test(first) || filled.length > 1) {
        rows.push({ row: r, kind: "section", text: first });
        continue;
      }
    }
    if (isBlank(values[actionColumn])) { rows.push({ row: r, kind: "note", text: first }); continue; }
    rows.push({ row: r, kind: "action" });
  }
  // A section with no action after it is a note below the table (a footnote, a sign-off line).
  let actionAfter = false;
  for (let i = rows.length - 1; i >= 0; i--) {
    if (rows[i].kind === "action") actionAfter = true;
    else if (rows[i].kind === "section" && !actionAfter) rows[i] = { ...rows[i], kind: "note" };
  }
  return rows;
}
