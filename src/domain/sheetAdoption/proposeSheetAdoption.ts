import { a1, CellValue, cellText, columnLetter, isBlank } from "../cells";
import { ACTION_COLUMNS, ActionColumn, normaliseHeader, Status, STATUSES } from "../contract";
import { Finding } from "../findings";
import { SeedAction } from "../planSeed";
import { AdoptedSeed, ProposedDate, ProposedRow, SheetAdoptionOptions, SheetProposal } from "../sheetProposal";
import { SheetCells } from "../sheetCells";
import { cappedList, quoted } from "../wording";
import { adoptDate } from "./adoptDates";
import { planColumns } from "./columns";
import { Grid, gridOf } from "./grid";
import { findHeaderRow } from "./headerSearch";
import { assignIds } from "./ids";
import { distinct } from "../adoption";
import { readLeads } from "./officers";
import { isDefaultSheetName, planPriorities } from "./priorities";
import { classifyRows, ClassifiedRow, isSectionLabel, sectionAboveHeader, sectionName } from "./rowKinds";
import { foundStatus, legendOf } from "./statusSources";
import { FoundStatus, resolveStatuses } from "./statuses";

/** Extra column headers adoption adds (issue 11 items 2 and 3). */
export const ORIGINAL_REFERENCE = "Original reference";
export const OTHER_LEAD_OFFICERS = "Other lead officers";

/**
 * Proposes how one sheet, kept in any layout, becomes a plan in the workbook contract (issue 11, "Bring in
 * the plans people already keep"): finds the header row, maps columns, classifies rows, reads priorities,
 * statuses (words or fill colours), dates, IDs and lead officers, and builds the seed to write. Pure: the
 * cells come from `SheetReader.readSheet`. Nothing is guessed silently: every mapping, conversion and skipped
 * row is in the proposal. Where no header is found, `headerRow` is -1, with an error finding and no seed.
 */
export function proposeSheetAdoption(cells: SheetCells, options: SheetAdoptionOptions): SheetProposal {
  const grid = gridOf(cells);
  const sheet = cells.sheet;
  const note = (rule: string, message: string, cell = "", actionId: string | null = null, severity: Finding["severity"] = "warning"): Finding =>
    ({ severity, rule, message, sheet, cell, actionId });
  const headerRow = findHeaderRow(grid);
  if (headerRow === undefined) {
    return {
      sheet, headerRow: -1, columns: [], rows: [], statuses: [], dates: [], unread: cells.unread, unmapped: [], seed: undefined,
      findings: [note("adopt.header.not-found", `No row on ${quoted(sheet)} looks like a plan's header (an action column and at least two others such as owner, target date or status).`, "", null, "error")],
    };
  }
  const below = grid.values.map((_, r) => r).filter((r) => r > headerRow);
  const first = planColumns(grid, headerRow, below);
  const findings: Finding[] = [];
  if (first.at.action === undefined) throw new Error("A header row always has an action column.");
  const classified = classifyRows(grid, headerRow, first.at.action);
  const actionRows = classified.filter((r) => r.kind === "action").map((r) => r.row);
  const { columns, at, statusKind } = planColumns(grid, headerRow, actionRows);
  const value = (r: number, k: ActionColumn): CellValue => (at[k] === undefined ? null : grid.values[r][at[k]!]);
  const text = (r: number, k: ActionColumn) => cellText(value(r, k));

  // Priorities.
  const plan = planPriorities(classified, at.priority === undefined ? undefined : (r) => text(r, "priority"), sectionAboveHeader(grid, headerRow), sheet);
  if (plan.carriedDown.length > 0) {
    findings.push(note("adopt.priority.carried-down", `A blank ${quoted(columns[at.priority!].header)} is read as the priority above, on ${plan.carriedDown.length === 1 ? "row" : "rows"} ${cappedList(plan.carriedDown.map((r) => String(r + 1)))}.`));
  }
  if (plan.fallback) {
    findings.push(note("adopt.priority.fallback", `${at.priority === undefined ? "The sheet names no priorities" : "Some actions have no priority"}: they are put under one priority named ${quoted(plan.fallback)}${plan.fallback === "General" ? " (the sheet's own name says nothing)" : " after the sheet"}.`));
  }
  const priorities = plan.priorities;
  const priorityOf = (r: number) => plan.of.get(r)!;
  const priorityNo = (r: number) => priorities.find((p) => p.name.toLowerCase() === priorityOf(r).toLowerCase())!.no;

  // IDs.
  const ids = assignIds(actionRows.map((r) => ({
    ref: text(r, "id"), merged: at.id !== undefined && grid.mergedDown[r].has(at.id), priorityNo: priorityNo(r),
  })));
  const generated = ids.filter((i) => i.generated);
  if (generated.length > 0) {
    findings.push(note("adopt.id.generated", at.id === undefined
      ? `The sheet has no ID column: IDs are generated as priority.number (${cappedList(generated.map((g) => g.id))}).`
      : `IDs missing or shared by several actions are generated as priority.number, the old reference kept in ${quoted(ORIGINAL_REFERENCE)}: ${cappedList(generated.map((g) => `${g.id}${g.ref ? ` (was ${g.ref})` : ""}`))}.`));
  }

  // Lead officers.
  const leads = readLeads(actionRows.map((r) => text(r, "leadOfficer")));
  leads.forEach((l, i) => {
    if (l.ditto) findings.push(note("adopt.officer.ditto", `"${text(actionRows[i], "leadOfficer")}" read as the lead officer above: ${quoted(l.lead)}.`, a1(actionRows[i], at.leadOfficer!), ids[i].id));
  });

  // Statuses: a status cell's word (or its fill when blank), else the row's fill colour, else progress written in the date cell.
  const legend = legendOf(grid, new Set([headerRow, ...classified.filter((c) => c.kind === "action" || c.kind === "repeatedHeader").map((c) => c.row)]));
  const found: FoundStatus[] = actionRows.map((r) => foundStatus(grid, r, at, statusKind));
  const resolved = resolveStatuses(found, legend, options.statusMap);
  const unmapped = resolved.statuses.filter((s) => s.status === null).map((s) => s.value);
  if (unmapped.length > 0) {
    findings.push(note("adopt.status.unmapped", `Status ${unmapped.length === 1 ? "value" : "values"} ${cappedList(unmapped.map((u) => quoted(u)))} ${unmapped.length === 1 ? "is" : "are"} not known: choose a status for each (one of ${STATUSES.join(", ")}) before the plan can be written.`, "", null, "error"));
  }
  const without = found.filter((f) => f.kind === "none").length;
  if (at.status === undefined && without > 0) {
    findings.push(note("adopt.status.no-column", `No status column${!cells.fills && cells.unread.length ? `, and ${cappedList(cells.unread)} could not be read` : ""}: ${without === actionRows.length ? "every action is" : `${without} actions with no status colour or word are`} proposed as Not started.`));
  }

  // Dates.
  const dates: ProposedDate[] = [];
  const dateOf = (r: number, k: "startDate" | "targetDate", actionId: string) => {
    if (at[k] === undefined) return null;
    const d = adoptDate(value(r, k));
    if (d.how === "blank") return d;
    const cell = a1(r, at[k]!);
    dates.push({ cell, from: d.from, to: d.date, how: d.how });
    if (d.periodEnd) findings.push(note("adopt.date.period-end", `${ACTION_COLUMNS[k]} ${quoted(d.from)} names a period, not a day: ${d.how} (${d.date}). Change it if another day was meant.`, cell, actionId));
    return d;
  };

  // Extra columns: an old reference beside a generated ID, further lead officers, and every unmapped column with something in it.
  const extraColumns: string[] = [];
  const extraValues: ((i: number, r: number) => string)[] = [];
  const addExtra = (header: string, get: (i: number, r: number) => string) => {
    if (actionRows.every((r, i) => get(i, r) === "")) return;
    extraColumns.push(uniqueHeader(header, extraColumns));
    extraValues.push(get);
  };
  addExtra(ORIGINAL_REFERENCE, (i) => (ids[i].generated ? ids[i].ref : ""));
  addExtra(OTHER_LEAD_OFFICERS, (i) => leads[i].others.join("; "));
  for (const col of columns.filter((c) => c.mapsTo === null)) {
    addExtra(col.header || `Column ${columnLetter(col.column)}`, (_, r) => cellText(grid.values[r][col.column]));
  }
  const startTexts = new Map<number, string>();

  const actions: SeedAction[] = actionRows.map((r, i) => {
    const id = ids[i].id;
    const start = dateOf(r, "startDate", id);
    const target = dateOf(r, "targetDate", id);
    if (start && start.date === null && start.from) startTexts.set(i, start.from);
    const status: Status = resolved.of(found[i]) ?? "Not started";
    return {
      id, priority: priorityOf(r), action: text(r, "action"), outcome: text(r, "outcome"), measure: text(r, "measure"),
      leadOfficer: leads[i].lead, leadAgency: text(r, "leadAgency"),
      startDate: start?.date ?? null, targetDate: target ? target.date ?? target.from : "",
      status, notes: text(r, "notes"),
      updates: Object.fromEntries((["q1", "q2", "q3", "q4"] as const).filter((q) => text(r, q)).map((q) => [q.toUpperCase(), text(r, q)])),
    };
  });
  addExtra("Start date as written", (i) => startTexts.get(i) ?? "");

  const officerAgency = (name: string) => {
    const i = leads.findIndex((l) => l.lead.toLowerCase() === name.toLowerCase());
    return i >= 0 ? text(actionRows[i], "leadAgency") : "";
  };
  const officers = distinct(leads.flatMap((l) => [l.lead, ...l.others])).map((name) => ({ name, agency: officerAgency(name), email: "", active: true }));

  const seed: AdoptedSeed = {
    // A default sheet name (`Sheet1`) names no plan: then the narrative's usual words, as `init` uses.
    name: options.name?.trim() || titleAbove(grid, headerRow) || (isDefaultSheetName(sheet) ? "community safety action plan" : sheet),
    year: options.year, currentQuarter: options.currentQuarter, priorities, officers, actions,
    extraColumns, extra: actionRows.map((r, i) => extraValues.map((get) => get(i, r))),
  };
  const idByRow = new Map(actionRows.map((r, i) => [r, ids[i].id]));
  const rows: ProposedRow[] = classified.map((c) => proposedRow(c, idByRow));
  return {
    sheet, headerRow, columns, rows, statuses: resolved.statuses, dates, findings, unread: cells.unread, unmapped,
    seed: unmapped.length === 0 ? seed : undefined,
  };
}

function proposedRow(c: ClassifiedRow, idByRow: ReadonlyMap<number, string>): ProposedRow {
  if (c.kind === "action") return { row: c.row, kind: c.kind, id: idByRow.get(c.row) };
  if (c.kind === "section") return { row: c.row, kind: c.kind, text: sectionName(c.text ?? "") };
  if (c.kind === "note") return { row: c.row, kind: c.kind, text: (c.text ?? "").slice(0, 80) };
  return { row: c.row, kind: c.kind };
}

/** The plan's title: the last single short text above the header that is not a sentence. */
function titleAbove(grid: Grid, headerRow: number): string | undefined {
  for (let r = headerRow - 1; r >= 0; r--) {
    const filled = grid.values[r].filter((v) => !isBlank(v));
    if (filled.length !== 1) continue;
    const t = cellText(filled[0]);
    if (t.length <= 100 && !t.endsWith(".") && !isSectionLabel(t)) return t;
  }
  return undefined;
}

/** Extra headers must not repeat a contract header or each other (the table would refuse a duplicate). */
function uniqueHeader(header: string, taken: readonly string[]): string {
  const used = new Set([...Object.values(ACTION_COLUMNS), ...taken].map(normaliseHeader));
  let name = header;
  for (let n = 2; used.has(normaliseHeader(name)); n++) name = `${header} (original${n > 2 ? ` ${n - 1}` : ""})`;
  return name;
}
