import { checkSnapshot } from "../domain/check";
import { computeFigures, rateAll } from "../domain/figures";
import { blockingFindings } from "../domain/findings";
import { indicatorRagCounts } from "../domain/indicatorCounts";
import { PeriodChoice } from "../domain/period";
import { formatFinancialYear } from "../domain/quarters";
import { rollupRow, RollupRow } from "../domain/rollup";
import { WorkbookPort } from "../port/workbookPort";

export type RollupRowOutcome = { readonly done: true; readonly row: RollupRow } | { readonly done: false; readonly reason: string };

/**
 * One plan's roll-up row: one read, the same check as the summary, and the overall figures the summary
 * computes for the plan's current quarter (Plan Settings) or `choice.quarter`. Nothing is written and
 * nothing of the plan is kept but the row. Structure or settings errors that would stop its summary give
 * a reason in words instead (the count and the first error's message), as `summary` refuses.
 */
export async function rollupRowOf(workbook: WorkbookPort, file: string, choice: PeriodChoice = {}): Promise<RollupRowOutcome> {
  const check = checkSnapshot(await workbook.read(), choice);
  if (!check.writable || !check.period) {
    const blocking = blockingFindings(check.findings);
    const n = blocking.length;
    const first = blocking[0];
    return {
      done: false,
      reason: `The plan has ${n} structure ${n === 1 ? "error" : "errors"} to fix first${first ? ` (${first.sheet}${first.cell ? `!${first.cell}` : ""}: ${first.message}${n > 1 ? " …" : ""})` : ""}; run csp-plan check ${file} for them all.`,
    };
  }
  const { plan, period } = check;
  const figures = computeFigures(plan, rateAll(plan, period)).overall;
  return {
    done: true,
    row: rollupRow(
      { file, planName: plan.settings.name, year: formatFinancialYear(period.year), quarter: period.quarter },
      figures,
      indicatorRagCounts(check.indicators, period.quarter),
    ),
  };
}
