/** `ditto`, `do.`, `"` and `〃`: the name above, as plans write it. */
const DITTO = /^(ditto|do\.?|"|''|〃|”|“|as above)$/i;

export interface LeadCell {
  readonly lead: string;
  /** Further names from the same cell, one per line after the first. */
  readonly others: readonly string[];
  /** True when the cell said `ditto` (or `"`, `do.`) and took the row above's names. */
  readonly ditto: boolean;
}

/**
 * Reads the lead-officer cells of the actions in order (issue 11 item 3): several names on separate lines
 * give the first as lead and the rest as others; `ditto` repeats the action above. A `Lead Officer / Agency`
 * cell such as `Sergeant Smith, Police` is kept whole: splitting at a comma or slash would break names and
 * job titles that hold them (`Superintendent, Safeguarding`).
 */
export function readLeads(cells: readonly string[]): LeadCell[] {
  const out: LeadCell[] = [];
  for (const cell of cells) {
    const text = cell.trim();
    if (DITTO.test(text)) {
      const above = out[out.length - 1];
      out.push({ lead: above?.lead ?? "", others: above?.others ?? [], ditto: true });
      continue;
    }
    const names = text.split(/\r?\n/).map((n) => n.trim()).filter((n) => n !== "");
    out.push({ lead: names[0] ?? "", others: names.slice(1), ditto: false });
  }
  return out;
}
