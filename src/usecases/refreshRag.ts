import { checkSnapshot, PlanCheck } from "../domain/check";
import { rateAll, RatedAction } from "../domain/figures";
import { PeriodChoice } from "../domain/period";
import { Change, WorkbookPort } from "../port/workbookPort";
import { applyOrConflict, Refusal, refusedForErrors } from "./outcome";

/**
 * The writes that put each action's RAG word (and reason, where the plan has that column) into the
 * table, keyed by the action's ID so that a co-author's sort or deleted row in between cannot put a
 * rating on the wrong action. Rows without an ID cannot be found again, so they are left as they are.
 */
export function ragChanges(check: PlanCheck, rated: readonly RatedAction[]): Change[] {
  const table = check.plan.actionTable;
  if (!table || table.columns.id === undefined) return [];
  const byRow = new Map(rated.map((r) => [r.action.row, r.rag]));
  const keyed = check.plan.actions.filter((a) => a.id !== "");
  const rows = (pick: "rating" | "reason") => keyed.map((a) => ({ id: a.id, value: byRow.get(a.row)?.[pick] ?? null }));
  // The headers as the workbook spells them, so hosts that look columns up by name find them.
  const header = (index: number) => table.table.headers[index];
  const key = header(table.columns.id);
  const changes: Change[] = [{ kind: "setColumn", table: table.table.name, key, column: header(table.columns.rag!), rows: rows("rating") }];
  if (table.columns.ragReason !== undefined) {
    changes.push({ kind: "setColumn", table: table.table.name, key, column: header(table.columns.ragReason), rows: rows("reason") });
  }
  return changes;
}

export type RagOutcome = { readonly done: true; readonly rated: readonly RatedAction[] } | Refusal;

/** Refresh RAG: rate every action as of the period and write the RAG (and reason) columns. */
export async function refreshRag(workbook: WorkbookPort, choice: PeriodChoice = {}): Promise<RagOutcome> {
  const check = checkSnapshot(await workbook.read(), choice);
  if (!check.writable || !check.period) return refusedForErrors(check.findings);
  const rated = rateAll(check.plan, check.period);
  // Rows changed between the read and the write: nothing was written, and the message says which actions.
  const conflict = await applyOrConflict(workbook, ragChanges(check, rated));
  if (conflict) return { done: false, reason: conflict, findings: [] };
  return { done: true, rated };
}
