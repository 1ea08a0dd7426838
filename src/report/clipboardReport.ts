import { Quarter } from "../domain/contract";
import { buildReport } from "../usecases/buildReport";
import { Refusal } from "../usecases/outcome";
import { WorkbookPort } from "../port/workbookPort";
import { committeeReportHtml, committeeReportPlainText } from "./htmlReport";

export type ClipboardReport = { readonly done: true; readonly html: string; readonly text: string } | Refusal;

/**
 * The quarter's committee report for the clipboard: HTML (headings and tables survive a paste into Word) and
 * its plain-text alternative. The task pane loads this module only when "Copy report" is pressed (a dynamic
 * import, so webpack puts the report model and its renderers in a chunk of their own, out of the initial script).
 */
export async function reportForClipboard(workbook: WorkbookPort, quarter: Quarter): Promise<ClipboardReport> {
  const result = await buildReport(workbook, { quarter });
  if (!result.done) return result;
  return { done: true, html: committeeReportHtml(result.report), text: committeeReportPlainText(result.report) };
}
