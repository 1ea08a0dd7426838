import { ExcelJsWorkbook } from "../../adapters/exceljs/excelJsWorkbook";
import { CarriedPlan, CarryOptions } from "../../domain/carryOver";
import { fileNameFrom } from "../../domain/fileNames";
import { WorkbookPort } from "../../port/workbookPort";
import { carryOver } from "../../usecases/carryOver";
import { Refusal } from "../../usecases/outcome";

export type NextYearFile = { readonly done: true; readonly fileName: string; readonly bytes: Uint8Array; readonly carried: CarriedPlan } | Refusal;

/**
 * The new workbook's file name: "community safety action plan 2015-16.xlsx" (the year's slash as a hyphen;
 * characters a file name cannot hold dropped; at most 120 characters before ".xlsx").
 */
export function nextYearFileName(name: string, year: string): string {
  return fileNameFrom(`${name} ${year}`, "xlsx", "Action plan");
}

/**
 * Next year's plan as .xlsx bytes, for the task pane's "Start next year's plan": the same carry-over use-case
 * and ExcelJS host as `csp-plan carry-over`, so the new workbook is the command line's. Reads `workbook` and
 * never writes to it; refused as carryOver is. The pane loads this module only when the button is pressed,
 * so ExcelJS stays out of its first script.
 */
export async function nextYearFile(workbook: WorkbookPort, options: CarryOptions): Promise<NextYearFile> {
  const next = ExcelJsWorkbook.empty();
  const outcome = await carryOver(workbook, next, options);
  if (!outcome.done) return outcome;
  return {
    done: true,
    fileName: nextYearFileName(outcome.carried.seed.name, outcome.carried.to),
    bytes: await next.toBytes(),
    carried: outcome.carried,
  };
}
