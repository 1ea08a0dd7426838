import { overlongTableCells, tooLongToWrite } from "../domain/tableLimits";
import { planTables } from "../domain/planLayout";
import { PlanSeed } from "../domain/planSeed";
import { cappedList } from "../domain/wording";
import { WorkbookPort } from "../port/workbookPort";
import { applyOrConflict } from "./outcome";

export type SetUpOutcome = { readonly done: true; readonly sheets: readonly string[] } | { readonly done: false; readonly reason: string };

/**
 * Set up a plan: the contract's four sheets and tables, empty or seeded, and Indicators when the seed has them. Refuses rather than touch existing
 * sheets, or write a value longer than an Excel cell holds (32,767 characters).
 */
export async function setUpPlan(workbook: WorkbookPort, seed: PlanSeed): Promise<SetUpOutcome> {
  const snapshot = await workbook.read();
  const tables = planTables(seed);
  const wanted = tables.map((t) => ({ sheet: t.sheet, table: t.name }));
  const taken = wanted.filter(
    (w) => snapshot.sheetNames.some((s) => s.toLowerCase() === w.sheet.toLowerCase()) ||
      snapshot.tables.some((t) => t.name.toLowerCase() === w.table.toLowerCase()),
  );
  if (taken.length > 0) {
    return {
      done: false,
      reason: `This workbook already has ${cappedList(taken.map((t) => `the sheet or table "${t.sheet}"`))}. Set up a plan in a blank workbook, or repair this one.`,
    };
  }
  // The plan's own cells are never shortened: text Excel cannot hold whole is refused before anything is written.
  const overlong = tables.flatMap(overlongTableCells);
  if (overlong.length > 0) return { done: false, reason: tooLongToWrite(overlong) };
  const conflict = await applyOrConflict(workbook, tables.map((table) => ({ kind: "createTable" as const, table })));
  return conflict ? { done: false, reason: conflict } : { done: true, sheets: tables.map((t) => t.sheet) };
}
