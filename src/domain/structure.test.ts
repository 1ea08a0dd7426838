import { seedWith, setActionCell, snapshotOf, withTable } from "../../test/support/planFixture";
import { checkSnapshot } from "./check";
import { Finding } from "./findings";

const rules = (findings: readonly Finding[]) => findings.map((f) => f.rule);
const clean = snapshotOf(seedWith([{ id: "1.1" }, { id: "1.2" }]));

describe("structure rules (brief §4)", () => {
  it("finds nothing wrong with a clean plan", () => {
    const check = checkSnapshot(clean);
    expect(check.findings).toEqual([]);
    expect(check.writable).toBe(true);
  });

  it("errors on each missing table, and stops writes", () => {
    for (const name of ["ActionPlan", "LeadOfficers", "Priorities", "PlanSettings"]) {
      const check = checkSnapshot(withTable(clean, name, () => undefined));
      const missing = check.findings.filter((f) => f.rule === "structure.missing-table");
      expect(missing).toHaveLength(1);
      expect(missing[0]).toMatchObject({ severity: "error", cell: "", actionId: null });
      expect(missing[0].message).toContain(name);
      expect(check.writable).toBe(false);
    }
  });

  it("errors on a missing required column, matching headers case- and space-insensitively", () => {
    const renamed = withTable(clean, "ActionPlan", (t) => ({ ...t, headers: t.headers.map((h) => (h === "Status" ? "State" : h.toUpperCase().replace(" ", "  "))) }));
    const check = checkSnapshot(renamed);
    expect(check.findings.filter((f) => f.rule === "structure.missing-column").map((f) => f.message)).toEqual([
      'The ActionPlan table has no "Status" column.',
    ]);
    expect(check.writable).toBe(false);
  });

  it("errors on a duplicate ID, naming both cells", () => {
    const check = checkSnapshot(setActionCell(clean, 1, "ID", "1.1"));
    const dup = check.findings.find((f) => f.rule === "structure.duplicate-id")!;
    expect(dup).toMatchObject({ severity: "error", cell: "A3", actionId: "1.1", sheet: "Action Plan" });
    expect(dup.message).toContain("A2");
    expect(check.writable).toBe(false);
  });

  it("errors on a status outside the vocabulary, or blank, and accepts any case", () => {
    expect(checkSnapshot(setActionCell(clean, 0, "Status", "Done")).findings[0]).toMatchObject({
      rule: "structure.unknown-status", severity: "error", cell: "J2", actionId: "1.1",
    });
    expect(rules(checkSnapshot(setActionCell(clean, 0, "Status", "")).findings)).toContain("structure.unknown-status");
    expect(checkSnapshot(setActionCell(clean, 0, "Status", " on TARGET ")).findings).toEqual([]);
  });

  it("suggests the status adopting would map an unknown word to, and stays an error (issue 11 item 6)", () => {
    const message = (status: string) => checkSnapshot(setActionCell(clean, 0, "Status", status)).findings[0];
    expect(message("Completed")).toMatchObject({ severity: "error", message: expect.stringContaining('Did you mean "Complete"?') });
    expect(message("Done").message).toContain('Did you mean "Complete"?');
    expect(message("Green").message).toContain('Did you mean "On target"?');
    expect(message("Behind schedule").message).toContain('Did you mean "At risk"?');
    expect(message("Pending review").message).not.toContain("Did you mean");
  });

  it("errors on error values in rule-bearing cells", () => {
    const check = checkSnapshot(setActionCell(clean, 1, "Lead officer", { error: "#REF!" }));
    expect(check.findings).toContainEqual(expect.objectContaining({ rule: "structure.error-value", cell: "F3", actionId: "1.2" }));
    expect(check.findings.find((f) => f.rule === "structure.error-value")!.message).toContain("#REF!");
    expect(check.writable).toBe(false);
  });

  it("warns on blank rows inside the table but not on Excel's trailing blank row", () => {
    const gap = withTable(clean, "ActionPlan", (t) => ({ ...t, rows: [t.rows[0], t.rows[0].map(() => null), t.rows[1]] }));
    expect(checkSnapshot(gap).findings).toEqual([expect.objectContaining({ rule: "structure.blank-row", severity: "warning", cell: "A3" })]);
    const trailing = withTable(clean, "ActionPlan", (t) => ({ ...t, rows: [...t.rows, t.rows[0].map(() => null)] }));
    expect(checkSnapshot(trailing).findings).toEqual([]);
  });

  it("warns on IDs not of the form p.n, or whose p disagrees with the priority", () => {
    expect(checkSnapshot(setActionCell(clean, 0, "ID", "A1")).findings).toEqual([
      expect.objectContaining({ rule: "structure.id-format", severity: "warning", actionId: "A1" }),
    ]);
    const wrongPriority = checkSnapshot(setActionCell(clean, 0, "ID", "2.1")).findings;
    expect(wrongPriority).toEqual([expect.objectContaining({ rule: "structure.id-priority", severity: "warning", cell: "A2" })]);
    expect(wrongPriority[0].message).toBe('ID 2.1 starts with 2, but its priority "Anti-social behaviour" is number 1.');
  });

  it("errors when Plan Settings lacks a readable year or quarter", () => {
    const noYear = withTable(clean, "PlanSettings", (t) => ({ ...t, rows: t.rows.filter((r) => r[0] !== "Plan year") }));
    expect(rules(checkSnapshot(noYear).findings)).toContain("settings.plan-year");
    expect(checkSnapshot(noYear).writable).toBe(false);
    const badQuarter = withTable(clean, "PlanSettings", (t) => ({ ...t, rows: t.rows.map((r) => (r[0] === "Current quarter" ? [r[0], "Autumn"] : r)) }));
    expect(checkSnapshot(badQuarter).findings.map((f) => f.message)).toContain('Plan Settings gives the current quarter as "Autumn"; write Q1, Q2, Q3 or Q4.');
    // A chosen quarter stands in for a missing setting.
    expect(checkSnapshot(badQuarter, { quarter: "Q2" }).writable).toBe(true);
  });

  it("reads tables placed anywhere on their sheet, with cells named accordingly", () => {
    const moved = withTable(clean, "ActionPlan", (t) => ({ ...t, top: 4, left: 2 }));
    const check = checkSnapshot(setActionCell(moved, 0, "Status", "Done"));
    expect(check.findings[0].cell).toBe("L6");
  });
});

describe("one fault, one finding", () => {
  it("reports a missing column once, not as a missing value in every action", () => {
    const noMeasure = withTable(clean, "ActionPlan", (t) => {
      const drop = t.headers.indexOf("Measure");
      return { ...t, headers: t.headers.filter((_, i) => i !== drop), rows: t.rows.map((r) => r.filter((_, i) => i !== drop)) };
    });
    expect(rules(checkSnapshot(noMeasure).findings)).toEqual(["structure.missing-column"]);
  });

  it("reports an error value once, not also as an unknown lead officer", () => {
    const broken = withTable(clean, "ActionPlan", (t) => {
      const officer = t.headers.indexOf("Lead officer");
      return { ...t, rows: t.rows.map((r, i) => (i === 0 ? r.map((v, c) => (c === officer ? { error: "#N/A" } : v)) : r)) };
    });
    expect(checkSnapshot(broken).findings.map((f) => [f.rule, f.cell])).toEqual([["structure.error-value", "F2"]]);
  });

  it("errors on a column headed twice, at the second header, and stops writes", () => {
    const twice = withTable(clean, "ActionPlan", (t) => ({ ...t, headers: [...t.headers, "Status "], rows: t.rows.map((r) => [...r, "Complete"]) }));
    const check = checkSnapshot(twice);
    expect(check.findings).toEqual([expect.objectContaining({
      rule: "structure.duplicate-column", severity: "error", cell: "S1",
      message: 'The ActionPlan table has two "Status" columns (J1 and S1); only the first is read. Delete or rename one.',
    })]);
    expect(check.writable).toBe(false);
  });

  it("warns about a second table that looks like an action plan, whose actions are not counted", () => {
    const plan = clean.tables.find((t) => t.name === "ActionPlan")!;
    const copied = { ...clean, tables: [...clean.tables, { ...plan, name: "ActionPlan2", sheet: "Action Plan (2)" }] };
    const check = checkSnapshot(copied);
    expect(check.findings).toEqual([expect.objectContaining({ rule: "structure.second-action-table", severity: "warning", sheet: "Action Plan (2)", cell: "A1" })]);
    expect(check.findings[0].message).toContain("ActionPlan2");
    expect(check.writable).toBe(true);
  });
});
