import { snapshotOf } from "../../test/support/planFixture";
import { CellValue } from "./cells";
import { checkSnapshot } from "./check";
import { buildCommitteeReport, ReportBlock } from "./committeeReport";
import { HISTORY_COLUMNS, STATUS_HISTORY } from "./contract";
import { SAMPLE_PLAN } from "./sample/samplePlan";
import { WorkbookSnapshot } from "./snapshot";
import { buildSummaryReport } from "./summary";
import { summarySheet } from "./summarySheet";

/** The sample plan with a Status History of Q2 in which 1.1 was Green, 2.2 Amber and 3.2 Green. */
function withQ2History(): WorkbookSnapshot {
  const base = snapshotOf(SAMPLE_PLAN);
  const rows: CellValue[][] = [
    ["Q2", "2014/15", "1.1", "On target", "Green", "On target", null],
    ["Q2", "2014/15", "1.2", "On target", "Green", "On target", null],
    ["Q2", "2014/15", "2.2", "At risk", "Amber", "At risk", null],
  ];
  const table = { name: STATUS_HISTORY.table, sheet: STATUS_HISTORY.sheet, top: 0, left: 0, headers: Object.values(HISTORY_COLUMNS), rows };
  return { ...base, sheetNames: [...base.sheetNames, STATUS_HISTORY.sheet], tables: [...base.tables, table] };
}

function reportOf(snapshot: WorkbookSnapshot, quarter: "Q3" | "Q4" = "Q3") {
  const check = checkSnapshot(snapshot, { quarter });
  return buildSummaryReport(check.plan, check.period!, check.history);
}

const texts = (blocks: readonly ReportBlock[]) => blocks.flatMap((b) => (b.kind === "paragraph" || b.kind === "heading" ? [b.text] : []));
const sheetTexts = (report: ReturnType<typeof reportOf>) => summarySheet(report).rows.flat().map((c) => String(c.value ?? ""));

describe("movement and carry-over in the summary sheet and the committee report", () => {
  it("with a recorded Q2, both say what moved since Q2 and list the changes with the RAG words of then and now", () => {
    const report = reportOf(withQ2History());
    const sample = SAMPLE_PLAN.actions;
    const now = (id: string) => report.rated.find((r) => r.action.id === id)!.rag.rating;
    expect(report.movement.since).toEqual({ year: { startYear: 2014 }, quarter: "Q2" });
    expect(report.movementSentences[0]).toMatch(/^Since Q2, /);
    const changed = [...report.movement.worsened, ...report.movement.improved, ...report.movement.completed, ...report.movement.removed].map((c) => c.id);
    expect(changed.length).toBeGreaterThan(0);
    for (const [id, then] of [["1.1", "Green"], ["1.2", "Green"], ["2.2", "Amber"]] as const) {
      expect(changed.includes(id)).toBe(now(id) !== then);
    }
    const model = buildCommitteeReport(report);
    expect(texts(model.blocks)).toContain("Since last quarter");
    expect(texts(model.blocks)).toContain(report.movementSentences[0]);
    const table = model.blocks.find((b) => b.kind === "table" && b.caption.startsWith("Changes in RAG rating since Q2 2014/15"));
    expect(table && table.kind === "table" ? table.rows.map((r) => r[0]) : []).toEqual(changed);
    const onSheet = sheetTexts(report);
    expect(onSheet).toContain("Since last quarter");
    expect(onSheet).toContain(report.movementSentences[0]);
    expect(onSheet).toContain("RAG at Q2");
    expect(onSheet).toContain(sample.find((a) => a.id === changed[0])!.action);
  });

  it("without a Status History, both say there is no earlier quarter and show no table of changes", () => {
    const report = reportOf(snapshotOf(SAMPLE_PLAN));
    expect(report.movementSentences[0]).toBe("No quarter before Q3 2014/15 is recorded in Status History, so there is no movement to report yet.");
    expect(sheetTexts(report)).not.toContain("RAG at Q2");
    expect(buildCommitteeReport(report).blocks.some((b) => b.kind === "table" && b.caption.startsWith("Changes"))).toBe(false);
  });

  it("the closing summary (Q4) lists what carries over to next year; Q1 to Q3 do not", () => {
    const q4 = reportOf(snapshotOf(SAMPLE_PLAN), "Q4");
    const open = SAMPLE_PLAN.actions.filter((a) => a.status !== "Complete" && a.status !== "Removed").map((a) => a.id);
    expect(q4.carried?.actions.map((a) => a.id)).toEqual(open);
    expect(sheetTexts(q4)).toContain(`Carried over to next year (${open.length})`);
    const model = buildCommitteeReport(q4);
    expect(texts(model.blocks)).toContain("Carried over to next year");
    expect(reportOf(snapshotOf(SAMPLE_PLAN), "Q3").carried).toBeUndefined();
    expect(sheetTexts(reportOf(snapshotOf(SAMPLE_PLAN), "Q3")).some((t) => t.startsWith("Carried over"))).toBe(false);
  });
});
