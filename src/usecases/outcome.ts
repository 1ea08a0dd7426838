import { blockingFindings, Finding } from "../domain/findings";

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
