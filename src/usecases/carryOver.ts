import { CarriedPlan, carryOverPlan, CarryOptions } from "../domain/carryOver";
import { checkSnapshot } from "../domain/check";
import { WorkbookPort } from "../port/workbookPort";
import { Refusal, refusedForErrors } from "./outcome";
import { setUpPlan } from "./setUpPlan";

export type CarryPlanOutcome = { readonly done: true; readonly carried: CarriedPlan } | Refusal;
export type CarryOverOutcome = { readonly done: true; readonly carried: CarriedPlan; readonly sheets: readonly string[] } | Refusal;

/**
 * Next year's plan from the plan in `workbook` (issue 14), read-only: one read and the check; refused, with
 * the blocking findings, while the plan has structure or settings errors, and refused in words when
 * `options.to` is not a later year than the plan's (domain carryOverPlan). Nothing is written anywhere.
 */
export async function planCarryOver(workbook: WorkbookPort, options: CarryOptions = {}): Promise<CarryPlanOutcome> {
  const check = checkSnapshot(await workbook.read());
  if (!check.writable) return refusedForErrors(check.findings);
  const carried = carryOverPlan(check.plan, options);
  if ("refused" in carried) return { done: false, reason: carried.refused, findings: [] };
  return { done: true, carried };
}

/**
 * Year-end carry-over: reads the plan in `from` (never writes to it) and writes next year's plan into `to`,
 * an empty workbook, in one change set through the set-up use-case. Refused as planCarryOver is, or as
 * setUpPlan is (the target already has plan sheets, a cell longer than Excel holds); a refusal writes nothing.
 */
export async function carryOver(from: WorkbookPort, to: WorkbookPort, options: CarryOptions = {}): Promise<CarryOverOutcome> {
  const planned = await planCarryOver(from, options);
  if (!planned.done) return planned;
  const written = await setUpPlan(to, planned.carried.seed);
  if (!written.done) return { done: false, reason: written.reason, findings: [] };
  return { done: true, carried: planned.carried, sheets: written.sheets };
}
