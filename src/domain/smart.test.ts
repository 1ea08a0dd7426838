import { CLEAN_ACTION, seedWith, snapshotOf } from "../../test/support/planFixture";
import { checkSnapshot } from "./check";
import { SeedAction } from "./planSeed";

function findingsFor(change: Partial<SeedAction>, others: Partial<SeedAction>[] = []) {
  return checkSnapshot(snapshotOf(seedWith([change, ...others]))).findings;
}

function only(change: Partial<SeedAction>) {
  const findings = findingsFor(change);
  expect(findings).toHaveLength(1);
  return findings[0];
}

describe("SMART and lead-officer rules (brief §4)", () => {
  it("Specific: action text missing is an error; too short and hedging are warnings", () => {
    expect(only({ action: "" })).toMatchObject({ rule: "smart.specific.missing", severity: "error", cell: "C2", actionId: "1.1" });
    expect(only({ action: "Reduce ASB" })).toMatchObject({ rule: "smart.specific.too-short", severity: "warning" });
    for (const hedge of ["try", "consider", "explore", "look into", "where possible", "as appropriate", "hope to"]) {
      const finding = only({ action: `We will ${hedge} new ways of running patrols in hotspots` });
      expect(finding).toMatchObject({ rule: "smart.specific.hedging", severity: "warning" });
      expect(finding.message).toContain(hedge);
    }
    // Words that merely contain a hedge are fine.
    expect(findingsFor({ action: "Record every entry to the country park in the patrol log" })).toEqual([]);
  });

  it("Measurable: a measure present and quantifiable", () => {
    expect(only({ measure: "" })).toMatchObject({ rule: "smart.measurable.missing", severity: "error", cell: "E2" });
    expect(only({ measure: "Improved partnership working" })).toMatchObject({ rule: "smart.measurable.not-quantifiable", severity: "warning" });
    for (const measure of ["MARAC repeat rate (%)", "Number of domestic burglaries", "Protocol agreed and published (yes/no)", "25 officers trained"]) {
      expect(findingsFor({ measure })).toEqual([]);
    }
  });

  it("Assignable: lead officer present, registered and active", () => {
    expect(only({ leadOfficer: "" })).toMatchObject({ rule: "smart.assignable.missing", severity: "error", cell: "F2" });
    const unknown = only({ leadOfficer: "Comunity Safety Manager" });
    expect(unknown).toMatchObject({ rule: "smart.assignable.unknown-officer", severity: "error", cell: "F2", actionId: "1.1" });
    expect(unknown.message).toBe('Action 1.1\'s lead officer "Comunity Safety Manager" is not in the Lead Officers register. Did you mean "Community Safety Manager"?');
    expect(only({ leadOfficer: "Someone Else Entirely" }).message).toContain("Add them to the register");
    expect(only({ leadOfficer: "Former Partnership Officer", leadAgency: "St.Helens CVS" })).toMatchObject({ rule: "smart.assignable.inactive-officer", severity: "error" });
    // Trimmed and case-insensitive.
    expect(findingsFor({ leadOfficer: "  asb coordinator " })).toEqual([]);
  });

  it("Assignable: lead agency agrees with the register", () => {
    const finding = only({ leadAgency: "Merseyside Police" });
    expect(finding).toMatchObject({ rule: "smart.assignable.agency-mismatch", severity: "warning", cell: "G2" });
    expect(finding.message).toContain("St.Helens Council");
  });

  it("Assignable: an officer with too many open actions is a warning", () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ id: `1.${i + 1}` }));
    const findings = checkSnapshot(snapshotOf(seedWith(many))).findings;
    expect(findings).toEqual([expect.objectContaining({ rule: "smart.assignable.overloaded", severity: "warning", actionId: "1.1", cell: "F2" })]);
    expect(findings[0].message).toContain("11 open actions");
    // Closed actions do not count.
    const closed = many.map((a, i) => (i < 2 ? { ...a, status: "Complete" as const } : a));
    expect(checkSnapshot(snapshotOf(seedWith(closed))).findings).toEqual([]);
  });

  it("Relevant: the priority is one of Priorities (by name or number)", () => {
    const finding = only({ priority: "Anti social behavior" });
    expect(finding).toMatchObject({ rule: "smart.relevant.unknown-priority", severity: "error", cell: "B2" });
    expect(finding.message).toContain('Did you mean "Anti-social behaviour"?');
    expect(only({ priority: "" })).toMatchObject({ rule: "smart.relevant.unknown-priority" });
    expect(findingsFor({ priority: "1" })).toEqual([]);
    expect(findingsFor({ priority: "1. Anti-social behaviour" })).toEqual([]);
  });

  it("Timely: a real date, not words; outside the plan year is a warning", () => {
    expect(only({ targetDate: "" })).toMatchObject({ rule: "smart.timely.missing", severity: "error", cell: "I2" });
    const words = only({ targetDate: "end of March" });
    expect(words).toMatchObject({ rule: "smart.timely.not-a-date", severity: "error", cell: "I2", actionId: "1.1" });
    expect(words.message).toContain('"end of March"');
    expect(findingsFor({ targetDate: "31/03/2015" })).toEqual([]);
    const outside = only({ targetDate: "2015-06-30" });
    expect(outside).toMatchObject({ rule: "smart.timely.outside-year", severity: "warning" });
    expect(outside.message).toContain("30/06/2015");
  });

  it("Update discipline: an open action with no update this quarter; a removal with no reason", () => {
    const missing = only({ updates: { Q1: "a", Q2: "b" } });
    expect(missing).toMatchObject({ rule: "update.missing", severity: "warning", cell: "M2", actionId: "1.1" });
    expect(missing.message).toContain("ASB Coordinator");
    expect(findingsFor({ status: "Complete", updates: {} })).toEqual([]);
    expect(only({ status: "Removed", notes: "" })).toMatchObject({ rule: "update.removed-without-reason", cell: "Q2" });
    expect(findingsFor({ status: "Removed", notes: "RAG decision, 12 November 2014: no resources." })).toEqual([]);
  });

  it("names the rule, the cell and the action for every finding", () => {
    const findings = findingsFor({ ...CLEAN_ACTION, action: "", measure: "", leadOfficer: "", targetDate: "soon" });
    expect(findings.length).toBeGreaterThanOrEqual(4);
    for (const f of findings) {
      expect(f.rule).toMatch(/^[a-z]+\.[a-z-]+(\.[a-z-]+)?$/);
      expect(f.cell).toMatch(/^[A-Z]+\d+$/);
      expect(f.actionId).toBe("1.1");
      expect(f.sheet).toBe("Action Plan");
    }
  });
});
