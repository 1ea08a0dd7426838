import { checkSnapshot, PlanCheck } from "../domain/check";
import { PeriodChoice } from "../domain/period";
import { WorkbookPort } from "../port/workbookPort";

/** Check: structure, SMART and lead-officer findings. Reads once; never writes. */
export async function checkPlan(workbook: WorkbookPort, choice: PeriodChoice = {}): Promise<PlanCheck> {
  return checkSnapshot(await workbook.read(), choice);
}
