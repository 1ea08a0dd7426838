import { Quarter } from "../domain/contract";
import { fileNameFrom } from "../domain/fileNames";
import { buildReport } from "../usecases/buildReport";
import { Refusal } from "../usecases/outcome";
import { WorkbookPort } from "../port/workbookPort";
import { committeeReportDocx } from "./docxReport";

/** The media type of a Word document (.docx), as Office registers it. */
export const DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export type DownloadReport = { readonly done: true; readonly fileName: string; readonly bytes: Uint8Array } | Refusal;

/**
 * The report's file name from its title: "St Helens CSP 2014/15: Q3 progress report" gives
 * "St Helens CSP 2014-15 Q3 progress report.docx" (the year's slash as a hyphen, as the summary sheet's name
 * has it; other characters a file name cannot hold dropped; at most 120 characters before ".docx").
 */
export function reportFileName(title: string): string {
  return fileNameFrom(title, "docx", "Committee report");
}

/**
 * The quarter's committee report as a Word document, for the task pane's "Download report": the same
 * report and bytes as `csp-plan report` (buildReport, then committeeReportDocx). The pane loads this module
 * only when the button is pressed, so the docx library stays out of its first script.
 */
export async function reportForDownload(workbook: WorkbookPort, quarter: Quarter): Promise<DownloadReport> {
  const result = await buildReport(workbook, { quarter });
  if (!result.done) return result;
  return { done: true, fileName: reportFileName(result.report.title), bytes: await committeeReportDocx(result.report) };
}
