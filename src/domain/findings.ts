export type Severity = "error" | "warning";

/** One thing wrong with the plan: where it is, which rule found it, and what to do. */
export interface Finding {
  readonly severity: Severity;
  /** Stable rule id, e.g. `smart.timely.not-a-date`; the second part names the SMART letter. */
  readonly rule: string;
  readonly message: string;
  readonly sheet: string;
  /** A1 reference, or "" when the finding is about a whole table or sheet. */
  readonly cell: string;
  readonly actionId: string | null;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  return {
    error: findings.filter((f) => f.severity === "error").length,
    warning: findings.filter((f) => f.severity === "warning").length,
  };
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/** Errors first, then sheet order as found. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.severity === b.f.severity ? a.i - b.i : a.f.severity === "error" ? -1 : 1))
    .map(({ f }) => f);
}

/** Structure and settings errors: the findings that stop any write (brief §4). */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === "error" && (f.rule.startsWith("structure.") || f.rule.startsWith("settings.")));
}
