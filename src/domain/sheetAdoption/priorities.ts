import { ClassifiedRow, sectionName } from "./rowKinds";
import { distinct } from "../adoption";

/** Each action row's priority, the priorities in order, and what was inferred (for findings). */
export interface PriorityPlan {
  /** The priority name of each action row (by zero-based sheet row). */
  readonly of: ReadonlyMap<number, string>;
  readonly priorities: readonly { readonly no: number; readonly name: string }[];
  /** Action rows whose blank priority cell (not merged) took the one above. */
  readonly carriedDown: readonly number[];
  /** The one priority for actions the sheet gives none, when any needed it. */
  readonly fallback: string | undefined;
}

/**
 * The priorities of adopted actions (issue 11 item 4): from the objective or priority column (merged down,
 * or a blank cell carrying the one above), else from section rows (`Objective 2: …`, including one just
 * above the header), else one priority named after the sheet, or `General` when the sheet's name is a
 * default such as `Sheet1` and says nothing. Numbered 1, 2… in order of first appearance.
 */
export function planPriorities(
  rows: readonly ClassifiedRow[],
  priorityText: ((row: number) => string) | undefined,
  sectionAbove: string | undefined,
  sheet: string,
): PriorityPlan {
  const of = new Map<number, string>();
  const carriedDown: number[] = [];
  let section = sectionAbove === undefined ? undefined : sectionName(sectionAbove);
  let carried = "";
  for (const row of rows) {
    if (row.kind === "section") section = sectionName(row.text ?? "");
    if (row.kind !== "action") continue;
    if (priorityText) {
      const own = priorityText(row.row);
      if (own) carried = own;
      else if (carried) carriedDown.push(row.row);
    }
    const name = carried || section;
    if (name) of.set(row.row, name);
  }
  const actionRows = rows.filter((r) => r.kind === "action").map((r) => r.row);
  const needed = actionRows.some((r) => !of.has(r));
  const fallback = needed ? (isDefaultSheetName(sheet) ? "General" : sheet.trim()) : undefined;
  if (fallback) for (const r of actionRows) if (!of.has(r)) of.set(r, fallback);
  const priorities = distinct(actionRows.map((r) => of.get(r)!)).map((name, i) => ({ no: i + 1, name }));
  return { of, priorities, carriedDown, fallback };
}

/** A sheet name Excel gave by itself (`Sheet1`): it says nothing about the plan. */
export function isDefaultSheetName(sheet: string): boolean {
  return /^sheet\s*\d*$/i.test(sheet.trim());
}
