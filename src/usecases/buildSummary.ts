import { checkSnapshot, PlanCheck } from "../domain/check";
import { IsoDate } from "../domain/dates";
import { historyProblem, historyTable, recordsFor } from "../domain/history";
import { PeriodChoice } from "../domain/period";
import { buildSummaryReport, SummaryReport } from "../domain/summary";
import { notOursMessage, sheetOwnership } from "../domain/ownedSheets";
import { summarySheet } from "../domain/summarySheet";
import { WorkbookPort } from "../port/workbookPort";
import { applyOrConflict, Refusal, refusedForErrors } from "./outcome";
import { ragChanges } from "./refreshRag";

/** The quarter to build (as for every use-case), and today, the day Status History records it on. */
export interface SummaryChoice extends PeriodChoice {
  /**
   * `YYYY-MM-DD`. The pane passes its host's today and the command line its own; a caller without a clock
   * (tests, the benchmark) gets the period's as-of day, so the same build always writes the same workbook.
   */
  readonly today?: IsoDate;
}

export type SummaryOutcome = { readonly done: true; readonly report: SummaryReport; readonly check: PlanCheck } | Refusal;

/**
 * Build the quarter's summary in place: refresh the RAG column, replace the quarter's summary sheet and
 * record the quarter in Status History (created on the first build; other quarters' rows never change). One read, one change set; structure errors refuse before anything is written, and so does a sheet
 * of the summary's name that the tool did not make (src/domain/ownedSheets.ts).
 */
export async function buildSummary(workbook: WorkbookPort, choice: SummaryChoice = {}): Promise<SummaryOutcome> {
  const snapshot = await workbook.read();
  const check = checkSnapshot(snapshot, choice);
  if (!check.writable || !check.period) return refusedForErrors(check.findings);
  const { history } = check;
  const report = buildSummaryReport(check.plan, check.period, history, check.indicators);
  const { year, quarter } = check.period;
  const records = recordsFor(report.rated, year, quarter, choice.today ?? check.period.asOf);
  // Only a sheet the tool made is ever replaced (a user's "q3 2014-15 summary" is the same name to Excel).
  const owner = sheetOwnership(snapshot, report.sheetName);
  if (owner.kind === "notOurs") {
    return { done: false, reason: notOursMessage(owner.sheet, report.sheetName, `build the ${report.quarter} summary`), findings: [] };
  }
  const historyRefusal = historyProblem(snapshot);
  if (historyRefusal) return { done: false, reason: historyRefusal, findings: [] };
  // A conflict (an action's row gone, a very hidden summary sheet) writes nothing and says why.
  const conflict = await applyOrConflict(workbook, [
    ...ragChanges(check, report.rated),
    { kind: "replaceSheet", sheet: report.sheetName, content: summarySheet(report) },
    // The quarter's position, recorded: that quarter's rows replaced, every other row kept (issue 14).
    { kind: "writeOwnedTable", table: historyTable(history, year, quarter, records) },
  ]);
  if (conflict) return { done: false, reason: conflict, findings: [] };
  return { done: true, report, check };
}
