import { checkSnapshot, PlanCheck } from "../domain/check";
import { PeriodChoice } from "../domain/period";
import { buildSummaryReport, SummaryReport } from "../domain/summary";
import { summarySheet } from "../domain/summarySheet";
import { WorkbookPort } from "../port/workbookPort";
import { applyOrConflict, Refusal, refusedForErrors } from "./outcome";
import { ragChanges } from "./refreshRag";

export type SummaryOutcome = { readonly done: true; readonly report: SummaryReport; readonly check: PlanCheck } | Refusal;

/**
 * Build the quarter's summary in place: refresh the RAG column and replace the quarter's summary
 * sheet. One read, one change set; structure errors refuse before anything is written.
 */
export async function buildSummary(workbook: WorkbookPort, choice: PeriodChoice = {}): Promise<SummaryOutcome> {
  const check = checkSnapshot(await workbook.read(), choice);
  if (!check.writable || !check.period) return refusedForErrors(check.findings);
  const report = buildSummaryReport(check.plan, check.period);
  // A conflict (an action's row gone, a very hidden summary sheet) writes nothing and says why.
  const conflict = await applyOrConflict(workbook, [
    ...ragChanges(check, report.rated),
    { kind: "replaceSheet", sheet: report.sheetName, content: summarySheet(report) },
  ]);
  if (conflict) return { done: false, reason: conflict, findings: [] };
  return { done: true, report, check };
}
