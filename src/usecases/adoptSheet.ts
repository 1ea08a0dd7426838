import { proposeSheetAdoption } from "../domain/sheetAdoption/proposeSheetAdoption";
import { SheetAdoptionOptions, SheetProposal } from "../domain/sheetProposal";
import { cappedList, quoted } from "../domain/wording";
import { SheetReader, WorkbookPort } from "../port/workbookPort";
import { setUpPlan } from "./setUpPlan";

/** What adopting a sheet did: the contract's sheets written beside it, or a refusal saying why (nothing written). */
export type AdoptSheetOutcome =
  | { readonly done: true; readonly proposal: SheetProposal; readonly sheets: readonly string[] }
  | { readonly done: false; readonly reason: string; readonly proposal: SheetProposal | undefined };

/**
 * Reads one sheet in any layout and proposes a plan from it (issue 11, "Bring in the plans people already
 * keep"); writes nothing. `sheet` undefined means the sheet the user is on (Office), or the first sheet.
 */
export async function proposeSheet(workbook: SheetReader, sheet: string | undefined, options: SheetAdoptionOptions): Promise<SheetProposal> {
  return proposeSheetAdoption(await workbook.readSheet(sheet), options);
}

/**
 * Adopts a sheet: proposes a plan from it, then writes the contract's four sheets and tables beside it
 * through set-up. The sheet itself is never changed. Refuses, writing nothing, while a status value has no
 * mapping (the user chooses one: `options.statusMap`), or when the workbook already has the contract's sheets.
 */
export async function adoptSheet(workbook: WorkbookPort & SheetReader, sheet: string | undefined, options: SheetAdoptionOptions): Promise<AdoptSheetOutcome> {
  const proposal = await proposeSheet(workbook, sheet, options);
  if (!proposal.seed || proposal.unmapped.length > 0) {
    return { done: false, proposal, reason: unmappedReason(proposal) };
  }
  if (proposal.seed.actions.length === 0) {
    return { done: false, proposal, reason: `No actions were found on the sheet ${quoted(proposal.sheet)}, so no plan was written.` };
  }
  const outcome = await setUpPlan(workbook, proposal.seed);
  return outcome.done ? { done: true, proposal, sheets: outcome.sheets } : { done: false, proposal, reason: outcome.reason };
}

/** Why a proposal cannot be written yet: the status values nobody has mapped. */
function unmappedReason(proposal: SheetProposal): string {
  const values = proposal.unmapped.map((v) => quoted(v));
  return (
    `The statuses ${cappedList(values)} on ${quoted(proposal.sheet)} are not words this tool knows, so no plan was written. ` +
    "Choose a status for each (Not started, On target, At risk, Incomplete, Complete or Removed)."
  );
}
