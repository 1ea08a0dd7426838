import { checkSnapshot, PlanCheck } from "../domain/check";
import { buildCommitteeReport, CommitteeReport } from "../domain/committeeReport";
import { PeriodChoice } from "../domain/period";
import { buildSummaryReport, SummaryReport } from "../domain/summary";
import { WorkbookPort } from "../port/workbookPort";
import { Refusal, refusedForErrors } from "./outcome";

export type ReportOutcome =
  | { readonly done: true; readonly summary: SummaryReport; readonly report: CommitteeReport; readonly check: PlanCheck }
  | Refusal;

/**
 * The quarter's committee report, read-only: one read, the same check and SummaryReport as the summary
 * (so its figures and sentences are the summary's), and nothing written. Structure errors refuse, as the
 * summary does.
 */
export async function buildReport(workbook: WorkbookPort, choice: PeriodChoice = {}): Promise<ReportOutcome> {
  const snapshot = await workbook.read();
  const check = checkSnapshot(snapshot, choice);
  if (!check.writable || !check.period) return refusedForErrors(check.findings);
  const summary = buildSummaryReport(check.plan, check.period, check.history, check.indicators);
  return { done: true, summary, report: buildCommitteeReport(summary), check };
}
