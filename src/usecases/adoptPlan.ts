import { AdoptionProposal, adoptionCandidates, proposalIsEmpty, proposeAdoption } from "../domain/adoption";
import { ACTION_PLAN } from "../domain/contract";
import { PlanSeed } from "../domain/planSeed";
import { Change, WorkbookPort } from "../port/workbookPort";
import { applyOrConflict } from "./outcome";

export type Defaults = Pick<PlanSeed, "name" | "year" | "currentQuarter">;

/** What Adopt or Repair would do to this workbook, for the user to review: reads only. */
export async function previewAdoption(workbook: WorkbookPort, defaults: Defaults, tableName?: string): Promise<AdoptionProposal | undefined> {
  const snapshot = await workbook.read();
  const name = tableName ?? (snapshot.tables.some((t) => t.name === ACTION_PLAN.table) ? ACTION_PLAN.table : adoptionCandidates(snapshot)[0]?.name);
  return name ? proposeAdoption(snapshot, name, defaults) : undefined;
}

export type AdoptOutcome = { readonly done: true; readonly proposal: AdoptionProposal } | { readonly done: false; readonly reason: string };

/** The writes of a proposal: renames, added columns, then the new registers. Nothing is deleted. */
export function adoptionChanges(p: AdoptionProposal): Change[] {
  const changes: Change[] = [];
  if (p.renames.length > 0) changes.push({ kind: "renameColumns", table: p.table, columns: p.renames.map((r) => ({ index: r.index, name: r.to })) });
  if (p.added.length > 0) changes.push({ kind: "addColumns", table: p.table, columns: p.added });
  if (p.renameTableTo) changes.push({ kind: "renameTable", table: p.table, name: p.renameTableTo });
  for (const table of p.created) changes.push({ kind: "createTable", table });
  return changes;
}

/**
 * Adopt (or repair): writes exactly the proposal the user reviewed. If the workbook changed since,
 * so that the proposal would differ, nothing is written and the user reviews again.
 */
export async function adoptPlan(workbook: WorkbookPort, reviewed: AdoptionProposal, defaults: Defaults): Promise<AdoptOutcome> {
  const now = proposeAdoption(await workbook.read(), reviewed.table, defaults);
  if (JSON.stringify(now) !== JSON.stringify(reviewed)) {
    return { done: false, reason: "The table changed since you reviewed the changes; review them again before applying." };
  }
  if (now.blockers.length > 0) return { done: false, reason: now.blockers.join(" ") };
  if (proposalIsEmpty(now)) return { done: false, reason: "Nothing needs changing: the plan already has every table and column." };
  const conflict = await applyOrConflict(workbook, adoptionChanges(now));
  return conflict ? { done: false, reason: conflict } : { done: true, proposal: now };
}
