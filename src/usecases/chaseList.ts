import { buildChaseList, ChaseOfficer } from "../domain/chase";
import { checkSnapshot, PlanCheck } from "../domain/check";
import { Period, PeriodChoice } from "../domain/period";
import { ReadOptions, WorkbookPort } from "../port/workbookPort";
import { blockingFindings } from "../domain/findings";
import { Refusal } from "./outcome";

export type ChaseOutcome =
  | { readonly done: true; readonly list: readonly ChaseOfficer[]; readonly period: Period; readonly check: PlanCheck }
  | Refusal;

/**
 * The chase list for a quarter (src/domain/chase.ts): reads once, never writes, sends nothing. Refuses, as
 * the summary does, while structure or settings errors stop the plan being read reliably.
 */
export async function chaseList(workbook: WorkbookPort, choice: PeriodChoice = {}, read: ReadOptions = {}): Promise<ChaseOutcome> {
  const check = checkSnapshot(await workbook.read(read), choice);
  if (!check.writable || !check.period) {
    const findings = blockingFindings(check.findings);
    const n = findings.length;
    return { done: false, reason: `The plan has ${n} structure ${n === 1 ? "error" : "errors"} to fix first, so no chase list was made.`, findings };
  }
  return { done: true, list: buildChaseList(check.plan, check.period), period: check.period, check };
}
