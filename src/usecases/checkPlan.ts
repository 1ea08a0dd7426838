import { checkSnapshot, PlanCheck } from "../domain/check";
import { PeriodChoice } from "../domain/period";
import { ReadOptions, WorkbookPort } from "../port/workbookPort";

/**
 * Check: structure, SMART and lead-officer findings. Reads once; never writes. `read` passes on to the
 * workbook: `{ background: true }` for a re-check nobody asked for (see ReadOptions).
 */
export async function checkPlan(workbook: WorkbookPort, choice: PeriodChoice = {}, read: ReadOptions = {}): Promise<PlanCheck> {
  return checkSnapshot(await workbook.read(read), choice);
}
