import { ACTION_COLUMNS } from "../domain/contract";
import { formatLongDate, IsoDate } from "../domain/dates";
import { SheetProposal } from "../domain/sheetProposal";
import { cappedList, plural } from "../domain/wording";

/** How many date conversions and notes are listed one per line before "… and N more". */
const LINES_SHOWN = 10;

/** An adoption proposal in words for the terminal: header, columns, statuses, dates, skipped rows, what could not be read. */
export function proposalLines(p: SheetProposal): string[] {
  const actions = p.rows.filter((r) => r.kind === "action").length;
  const lines = [`Sheet "${p.sheet}": header on row ${p.headerRow + 1}, ${actions} ${plural(actions, "action", "actions")}.`, "", "Columns:"];
  for (const c of p.columns) {
    const to = c.mapsTo ? ACTION_COLUMNS[c.mapsTo] : "not a plan column";
    lines.push(`  ${c.header === "" ? "(blank header)" : `"${c.header}"`} → ${to}${c.why ? ` (${c.why})` : ""}`);
  }
  if (p.statuses.length > 0) {
    lines.push("", "Statuses:");
    for (const s of p.statuses) lines.push(`  "${s.value}" (${s.count}) → ${s.status ?? "not mapped: choose one with --status"}${s.why ? ` (${s.why})` : ""}`);
  }
  const converted = p.dates.filter((d) => d.to !== null);
  const kept = p.dates.filter((d) => d.to === null);
  if (p.dates.length > 0) {
    lines.push("", `Dates: ${converted.length} read as dates, ${kept.length} kept as text.`);
    const shown = p.dates.filter((d) => d.how !== "date cell");
    for (const d of shown.slice(0, LINES_SHOWN)) {
      lines.push(`  ${d.cell} "${d.from}" → ${d.to ? formatLongDate(d.to as IsoDate) : "kept as text"}${d.to === null && d.how === "kept as text" ? "" : ` (${d.how})`}`);
    }
    if (shown.length > LINES_SHOWN) lines.push(`  … and ${shown.length - LINES_SHOWN} more (--json lists them all)`);
  }
  const skipped = p.rows.filter((r) => r.kind !== "action");
  if (skipped.length > 0) {
    lines.push("", `Rows not taken as actions: ${cappedList(skipped.map((r) => `${r.row + 1} (${describeKind(r.kind)})`))}.`);
  }
  if (p.findings.length > 0) {
    lines.push("", "Notes:");
    for (const f of p.findings.slice(0, LINES_SHOWN)) lines.push(`  ${f.cell ? `${f.cell}: ` : ""}${f.message}`);
    if (p.findings.length > LINES_SHOWN) lines.push(`  … and ${p.findings.length - LINES_SHOWN} more (--json lists them all)`);
  }
  if (p.unread.length > 0) lines.push("", `Could not be read: ${p.unread.join("; ")}.`);
  return lines;
}

function describeKind(kind: SheetProposal["rows"][number]["kind"]): string {
  return { action: "action", section: "section", repeatedHeader: "header repeated", blank: "blank", note: "note" }[kind];
}
