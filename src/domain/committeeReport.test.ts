import { snapshotOf } from "../../test/support/planFixture";
import { checkSnapshot } from "./check";
import { buildCommitteeReport, committeeReportText, ReportBlock } from "./committeeReport";
import { SAMPLE_PLAN } from "./sample/samplePlan";
import { buildSummaryReport } from "./summary";

function sampleReport() {
  const check = checkSnapshot(snapshotOf(SAMPLE_PLAN));
  const summary = buildSummaryReport(check.plan, check.period!);
  return { summary, model: buildCommitteeReport(summary) };
}

const texts = (blocks: readonly ReportBlock[]) => blocks.filter((b) => b.kind === "paragraph").map((b) => b.text);

describe("the committee report model", () => {
  it("has a title, the date in words and the language en-GB", () => {
    const { model } = sampleReport();
    expect(model.title).toBe("Community safety action plan 2014/15: Q3 progress report");
    expect(model.date).toBe("31 December 2014");
    expect(model.language).toBe("en-GB");
    expect(model.blocks[0]).toEqual({ kind: "heading", level: 1, text: model.title });
  });

  it("has one level-2 heading per priority, in the plan's order, and headings never skip a level", () => {
    const { summary, model } = sampleReport();
    const headings = model.blocks.filter((b) => b.kind === "heading");
    for (const p of summary.figures.priorities) {
      expect(headings.filter((h) => h.text === `${p.no}. ${p.name}`)).toEqual([{ kind: "heading", level: 2, text: `${p.no}. ${p.name}` }]);
    }
    expect(headings.filter((h) => h.level === 1)).toHaveLength(1);
    expect(headings.slice(1).every((h) => h.level === 2)).toBe(true);
  });

  it("holds every narrative sentence of the SummaryReport verbatim, each under its priority, and the overall conclusion", () => {
    const { summary, model } = sampleReport();
    const paragraphs = texts(model.blocks);
    for (const sentence of [...summary.narrative.priorities.flatMap((p) => p.sentences), ...summary.narrative.overall]) {
      expect(paragraphs).toContain(sentence);
    }
    summary.narrative.priorities.forEach((p, i) => {
      const start = model.blocks.findIndex((b) => b.kind === "heading" && b.text === `${p.no}. ${p.name}`);
      const next = model.blocks.findIndex((b, j) => j > start && b.kind === "heading");
      expect(texts(model.blocks.slice(start, next))).toEqual(expect.arrayContaining([...summary.narrative.priorities[i].sentences]));
    });
    // Removed outcomes get their sentence (3.4 and 6.x in the sample are removed).
    expect(paragraphs.some((t) => /removed from the action plan/.test(t))).toBe(true);
  });

  it("puts every red and amber exception in exactly one table, with its RAG word and reason", () => {
    const { summary, model } = sampleReport();
    const rows = model.blocks.flatMap((b) => (b.kind === "table" && b.header[0] === "ID" ? b.rows : []));
    expect(rows.map((r) => r[0]).sort()).toEqual(summary.exceptions.map((e) => e.id).sort());
    for (const e of summary.exceptions) expect(rows.find((r) => r[0] === e.id)?.[3]).toBe(`${e.rating}: ${e.reason}`);
  });

  it("lists missing updates by lead officer, and a chart with alternative text naming every priority", () => {
    const { summary, model } = sampleReport();
    const chase = model.blocks.find((b) => b.kind === "table" && b.header[0] === "Lead officer");
    expect(chase?.kind === "table" && chase.rows.map((r) => r[1]).sort()).toEqual(summary.missingUpdates.flatMap((g) => g.actions.map((a) => a.id)).sort());
    const chart = model.blocks.find((b) => b.kind === "chart");
    expect(chart?.kind).toBe("chart");
    if (chart?.kind !== "chart") return;
    expect(chart.categories).toHaveLength(summary.figures.priorities.length);
    for (const p of summary.figures.priorities) expect(chart.alt).toContain(p.name);
  });

  it("has a plain-text rendering holding every sentence", () => {
    const { summary, model } = sampleReport();
    const text = committeeReportText(model);
    for (const sentence of summary.narrative.overall) expect(text).toContain(sentence);
    expect(text).toContain("Signed off by:");
  });
});
