/** @jest-environment jsdom */
import { snapshotOf } from "../../test/support/planFixture";
import { checkSnapshot } from "../domain/check";
import { buildCommitteeReport } from "../domain/committeeReport";
import { PlanSeed } from "../domain/planSeed";
import { SAMPLE_PLAN } from "../domain/sample/samplePlan";
import { buildSummaryReport } from "../domain/summary";
import { committeeReportHtml, committeeReportPlainText } from "./htmlReport";

function report(seed: PlanSeed = SAMPLE_PLAN) {
  const check = checkSnapshot(snapshotOf(seed));
  const summary = buildSummaryReport(check.plan, check.period!);
  const model = buildCommitteeReport(summary);
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${committeeReportHtml(model)}</body>`, "text/html");
  return { summary, model, doc };
}

describe("the committee report as HTML", () => {
  it("has one <h1>, an <h2> per priority, every sentence verbatim, and lang en-GB", () => {
    const { summary, doc } = report();
    expect(doc.querySelector("article")?.getAttribute("lang")).toBe("en-GB");
    expect(doc.querySelectorAll("h1")).toHaveLength(1);
    const h2 = [...doc.querySelectorAll("h2")].map((h) => h.textContent);
    for (const p of summary.figures.priorities) expect(h2.filter((t) => t === `${p.no}. ${p.name}`)).toHaveLength(1);
    const paragraphs = [...doc.querySelectorAll("p")].map((p) => p.textContent);
    for (const sentence of [...summary.narrative.priorities.flatMap((p) => p.sentences), ...summary.narrative.overall]) {
      expect(paragraphs).toContain(sentence);
    }
  });

  it("marks every table's header row and caption, and gives the chart alternative text", () => {
    const { doc } = report();
    const tables = [...doc.querySelectorAll("table")];
    expect(tables.length).toBeGreaterThan(8);
    for (const t of tables) {
      expect(t.querySelector("caption")?.textContent).toBeTruthy();
      expect(t.querySelectorAll("thead th[scope=col]").length).toBeGreaterThan(1);
    }
    const img = doc.querySelector("figure img");
    expect(img?.getAttribute("alt")).toMatch(/^Bar chart of the status of actions by priority/);
    expect(img?.getAttribute("src")).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
  });

  it("escapes the plan's text: markup in an action is text, never an element", () => {
    const seed: PlanSeed = {
      ...SAMPLE_PLAN,
      actions: SAMPLE_PLAN.actions.map((a) => (a.id === "1.2" ? { ...a, action: `${a.action} <img src=x onerror=alert(1)> & "more"` } : a)),
    };
    const { doc } = report(seed);
    expect(doc.querySelectorAll("td img, td script")).toHaveLength(0);
    expect([...doc.querySelectorAll("td")].some((td) => td.textContent?.includes("<img src=x onerror=alert(1)> & \"more\""))).toBe(true);
  });

  it("has a plain-text alternative with every overall sentence", () => {
    const { summary, model } = report();
    const text = committeeReportPlainText(model);
    for (const sentence of summary.narrative.overall) expect(text).toContain(sentence);
  });
});
