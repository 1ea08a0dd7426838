import { checkSnapshot, PlanCheck } from "../domain/check";
import { rateAll, RatedAction } from "../domain/figures";
import { PeriodChoice } from "../domain/period";
import { Change, WorkbookPort } from "../port/workbookPort";
import { Refusal, refusedForErrors } from "./outcome";

/**
 * The writes that put each action's RAG word (and reason, where the plan has that column) into the
 * table. Blank rows get blank cells; nothing else in the table changes.
 */
export function ragChanges(check: PlanCheck, rated: readonly RatedAction[]): Change[] {
  const table = check.plan.actionTable;
  if (!table) return [];
  const byRow = new Map(rated.map((r) => [r.action.row, r.rag]));
  const column = (pick: "rating" | "reason") => table.table.rows.map((_, row) => byRow.get(row)?.[pick] ?? null);
  // The headers as the workbook spells them, so hosts that look columns up by name find them.
  const header = (index: number) => table.table.headers[index];
  const changes: Change[] = [{ kind: "setColumn", table: table.table.name, column: header(table.columns.rag!), values: column("rating") }];
  if (table.columns.ragReason !== undefined) {
    changes.push({ kind: "setColumn", table: table.table.name, column: header(table.columns.ragReason), values: column("reason") });
  }
  return changes;
}

export type RagOutcome = { readonly done: true; readonly rated: readonly RatedAction[] } | Refusal;

/** Refresh RAG: rate every action as of the period and write the RAG (and reason) columns. */
export async function refreshRag(workbook: WorkbookPort, choice: PeriodChoice = {}): Promise<RagOutcome> {
  const check = checkSnapshot(await workbook.read(), choice);
  if (!check.writable || !check.period) return refusedForErrors(check.findings);
  const rated = rateAll(check.plan, check.period);
  await workbook.apply(ragChanges(check, rated));
  return { done: true, rated };
}
