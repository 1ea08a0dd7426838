import { normaliseHeader } from "../../domain/contract";
import { Finding, Severity } from "../../domain/findings";
import { PlanAction } from "../../domain/plan";

/** What a finding is about, from its rule id: the SMART letter, or structure, settings or updates. */
export const FINDING_GROUPS = [
  { key: "structure", label: "Structure" },
  { key: "settings", label: "Plan settings" },
  { key: "specific", label: "S: Specific" },
  { key: "measurable", label: "M: Measurable" },
  { key: "assignable", label: "A: Achievable and assignable" },
  { key: "relevant", label: "R: Relevant" },
  { key: "timely", label: "T: Timely" },
  { key: "update", label: "Quarterly updates" },
  { key: "other", label: "Other" },
] as const;
export type FindingGroupKey = (typeof FINDING_GROUPS)[number]["key"];

export const SEVERITY_GROUPS: readonly { severity: Severity; label: string }[] = [
  { severity: "error", label: "Errors" },
  { severity: "warning", label: "Warnings" },
];

export function groupOf(rule: string): FindingGroupKey {
  const [first, second] = rule.split(".");
  const key = first === "smart" ? second : first;
  return FINDING_GROUPS.some((g) => g.key === key) ? (key as FindingGroupKey) : "other";
}

export interface SeverityGroup {
  readonly severity: Severity;
  readonly label: string;
  readonly findings: readonly Finding[];
  readonly groups: readonly { readonly key: FindingGroupKey; readonly label: string; readonly findings: readonly Finding[] }[];
}

/** Findings by severity (errors first), then by SMART letter; empty groups left out. */
export function groupFindings(findings: readonly Finding[]): SeverityGroup[] {
  return SEVERITY_GROUPS.map(({ severity, label }) => {
    const these = findings.filter((f) => f.severity === severity);
    const groups = FINDING_GROUPS.map((g) => ({ key: g.key, label: g.label, findings: these.filter((f) => groupOf(f.rule) === g.key) }))
      .filter((g) => g.findings.length > 0);
    return { severity, label, findings: these, groups };
  }).filter((g) => g.findings.length > 0);
}

/** Names once each (trimmed, case-insensitive, blanks left out), sorted. */
export function distinctNames(names: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const name of names) {
    const key = normaliseHeader(name);
    if (key && !byKey.has(key)) byKey.set(key, name.trim());
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, "en-GB"));
}

/** Every lead officer named in the plan's actions. */
export function leadOfficersOf(actions: readonly PlanAction[]): string[] {
  return distinctNames(actions.map((a) => a.leadOfficer));
}

/** The findings about actions led by one officer. Findings about no action are left out. */
export function findingsFor(findings: readonly Finding[], actions: readonly PlanAction[], officer: string): Finding[] {
  const wanted = normaliseHeader(officer);
  const ids = new Set(actions.filter((a) => normaliseHeader(a.leadOfficer) === wanted && a.id).map((a) => a.id));
  return findings.filter((f) => f.actionId !== null && ids.has(f.actionId));
}
