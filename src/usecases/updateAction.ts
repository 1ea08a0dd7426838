import { cellText } from "../domain/cells";
import { checkSnapshot } from "../domain/check";
import { normaliseHeader, parseStatus, Quarter, STATUSES, Status, UPDATE_COLUMN } from "../domain/contract";
import { IsoDate, localIsoDate, toUtcDate } from "../domain/dates";
import { EXCEL_LIMITS } from "../domain/excelLimits";
import { PeriodChoice } from "../domain/period";
import { quoted, shortText } from "../domain/wording";
import { TableCellWrite, WorkbookPort } from "../port/workbookPort";
import { applyOrConflict } from "./outcome";

export interface ActionUpdate {
  readonly actionId: string;
  /** The officer making the update: only their own actions can be changed here. */
  readonly leadOfficer: string;
  readonly quarter: Quarter;
  readonly status: Status;
  readonly update: string;
  /** The status and update as they were shown: if the workbook now says otherwise, someone else changed them. */
  readonly shown: { readonly status: string; readonly update: string };
  /** Today, `YYYY-MM-DD`: stamped in the plan's `Last updated` column where it has one (issue 14). */
  readonly today?: IsoDate;
}

export type UpdateOutcome = { readonly done: true } | { readonly done: false; readonly reason: string };

// An officer's own words go into the plan whole or not at all: never shortened.
const MAX_UPDATE_LENGTH = EXCEL_LIMITS.cellCharacters;

/**
 * A lead officer sets their action's status and this quarter's update. Validated before writing; writes
 * only those two cells (and `Last updated`, with today's date, where the plan has that column), and
 * refuses if either changed since the officer saw it.
 */
export async function updateAction(workbook: WorkbookPort, change: ActionUpdate, choice: PeriodChoice = {}): Promise<UpdateOutcome> {
  if (!parseStatus(change.status)) return { done: false, reason: `Choose a status: ${STATUSES.join(", ")}.` };
  const update = change.update.trim();
  if (update.length > MAX_UPDATE_LENGTH) return { done: false, reason: `The update is ${update.length} characters; Excel holds at most ${MAX_UPDATE_LENGTH} in a cell.` };
  if (change.status === "Removed") {
    return { done: false, reason: "Only the Responsible Authorities Group can remove an action; ask the CSP manager to record it with the reason." };
  }
  const check = checkSnapshot(await workbook.read(), choice);
  const table = check.plan.actionTable;
  if (!table) return { done: false, reason: "This workbook has no action plan table." };
  const action = check.plan.actions.find((a) => a.id === change.actionId);
  if (!action) return { done: false, reason: `Action ${shortText(change.actionId)} is no longer in the plan; refresh the list.` };
  if (normaliseHeader(action.leadOfficer) !== normaliseHeader(change.leadOfficer)) {
    return { done: false, reason: `Action ${shortText(change.actionId)} is now led by ${action.leadOfficer ? shortText(action.leadOfficer) : "nobody"}; refresh the list.` };
  }
  const updateColumn = table.columns[UPDATE_COLUMN[change.quarter]];
  const statusColumn = table.columns.status;
  const idColumn = table.columns.id;
  if (updateColumn === undefined || statusColumn === undefined || idColumn === undefined) return { done: false, reason: "The action plan has no Status or update column for this quarter." };
  const now = { status: action.statusText, update: cellText(action.values[updateColumn]) };
  if (now.status !== change.shown.status.trim() || now.update !== change.shown.update.trim()) {
    return { done: false, reason: `Someone else changed action ${shortText(change.actionId)} since you opened it (it now says ${quoted(now.status)}). Your words are kept here: refresh, then save again.` };
  }
  if (change.status !== "Complete" && change.status !== "Incomplete" && update === "" && now.update === "") {
    return { done: false, reason: `Write a ${change.quarter} update: what was done this quarter and what happens next.` };
  }
  const headers = table.table.headers;
  // By ID, not by row: a co-author may sort or delete rows between this read and the write.
  const cells: TableCellWrite[] = [
    { id: action.id, column: headers[statusColumn], value: change.status },
    { id: action.id, column: headers[updateColumn], value: update || null },
  ];
  const stamped = table.columns.lastUpdated;
  if (stamped !== undefined) cells.push({ id: action.id, column: headers[stamped], value: toUtcDate(change.today ?? localIsoDate(new Date())) });
  // If the action's row went between the read and the write, nothing was written and the officer is told why.
  const conflict = await applyOrConflict(workbook, [{ kind: "setCells", table: table.table.name, key: headers[idColumn], cells }]);
  return conflict ? { done: false, reason: conflict } : { done: true };
}

