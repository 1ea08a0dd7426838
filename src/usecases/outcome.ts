import { blockingFindings, Finding } from "../domain/findings";
import { WorkbookConflictError } from "../port/errors";
import { ChangeSet, WorkbookPort } from "../port/workbookPort";

/** A use-case that writes either did its work or refused, saying why; a refusal writes nothing. */
export type Refusal = {
  readonly done: false;
  readonly reason: string;
  readonly findings: readonly Finding[];
};

export function refusedForErrors(findings: readonly Finding[]): Refusal {
  const blocking = blockingFindings(findings);
  return {
    done: false,
    reason: `The plan has ${blocking.length} structure ${blocking.length === 1 ? "error" : "errors"} to fix first; nothing was written.`,
    findings: blocking,
  };
}

/**
 * Applies a change set; if the workbook no longer fits it (WorkbookConflictError: nothing was written),
 * returns the adapter's message for the user instead of throwing. Other errors are thrown as they are.
 */
export async function applyOrConflict(workbook: WorkbookPort, changes: ChangeSet): Promise<string | undefined> {
  try {
    await workbook.apply(changes);
    return undefined;
  } catch (error) {
    if (error instanceof WorkbookConflictError) return error.message;
    throw error;
  }
}
