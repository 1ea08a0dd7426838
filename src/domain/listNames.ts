import { LEAD_OFFICERS, PRIORITIES } from "./contract";
import { ColumnKind } from "./layout";

/**
 * A drop-down list kept in a workbook name over a register's column (for example `CSP_LeadOfficerNames`
 * = `=LeadOfficers[Name]`), so a list rule's source is just `=CSP_LeadOfficerNames`: it grows with the
 * register and needs no INDIRECT, which Excel on the web is not known to accept in a list source.
 */
export interface ListName {
  /** The preferred name; `_2`, `_3` are used instead when a name of the user's is in the way. */
  readonly base: string;
  /** The register the list comes from; no register, no drop-down. */
  readonly table: string;
  /** The name's formula, as Excel shows it (starting with "="). */
  readonly formula: string;
}

/** The lists kept in names, by the kind of column that gets the drop-down. */
export const LIST_NAMES: Partial<Record<ColumnKind, ListName>> = {
  leadOfficer: { base: "CSP_LeadOfficerNames", table: LEAD_OFFICERS.table, formula: `=${LEAD_OFFICERS.table}[Name]` },
  priority: { base: "CSP_PriorityNames", table: PRIORITIES.table, formula: `=${PRIORITIES.table}[Priority]` },
};

/** The spellings tried in order, after the base name. */
export const LIST_NAME_SUFFIXES = ["", "_2", "_3"] as const;

/** Formulas compared as Excel may give them back: without spaces, any case. */
export function sameFormula(a: string, b: string): boolean {
  const bare = (f: string) => f.replace(/\s+/g, "").replace(/^=/, "").toLowerCase();
  return bare(a) === bare(b);
}
