import { figuresFrom } from "../../test/support/planFixture";
import { overallNarrative, priorityNarrative } from "./narrative";

describe("priority narrative (brief §5)", () => {
  it("matches the brief's per-priority example verbatim", () => {
    const figures = figuresFrom({ Complete: 5, "On target": 2, "At risk": 1, Incomplete: 1, Removed: 2 }, ["3.4", "3.7"]);
    expect(priorityNarrative(figures, "Q2")).toEqual([
      "At the end of Q2, of the 11 expected outcomes for this priority, five were complete, two were on target to be completed, one was at risk of not being completed and one was incomplete.",
      "Two expected outcomes were removed from the action plan (3.4, 3.7).",
    ]);
  });

  it("uses singular forms for one", () => {
    const figures = figuresFrom({ Complete: 1, "On target": 1, "At risk": 1, "Not started": 1, Incomplete: 1 });
    expect(priorityNarrative(figures, "Q3")).toEqual([
      "At the end of Q3, of the five expected outcomes for this priority, one was complete, one was on target to be completed, one was at risk of not being completed, one had not started and one was incomplete.",
    ]);
  });

  it("says 'had not started' for several too", () => {
    expect(priorityNarrative(figuresFrom({ "Not started": 3, Complete: 2 }), "Q1")[0]).toBe(
      "At the end of Q1, of the five expected outcomes for this priority, two were complete and three had not started.",
    );
  });

  it("writes one to nine in words and 10 and above in numerals", () => {
    const [sentence] = priorityNarrative(figuresFrom({ Complete: 9, "On target": 10, "At risk": 12 }), "Q4");
    expect(sentence).toBe(
      "At the end of Q4, of the 31 expected outcomes for this priority, nine were complete, 10 were on target to be completed and 12 were at risk of not being completed.",
    );
  });

  it("omits categories with zero and keeps the house order whatever the counts", () => {
    const [sentence] = priorityNarrative(figuresFrom({ Incomplete: 2, Complete: 1 }), "Q2");
    expect(sentence).toBe("At the end of Q2, of the three expected outcomes for this priority, one was complete and two were incomplete.");
    expect(sentence).not.toMatch(/on target|at risk|not started|zero|\b0\b/);
  });

  it("says 'all N' when every outcome shares one status and none was removed", () => {
    expect(priorityNarrative(figuresFrom({ Complete: 9 }), "Q2")).toEqual([
      "At the end of Q2, of the nine expected outcomes for this priority, all nine were complete.",
    ]);
    expect(priorityNarrative(figuresFrom({ "On target": 12 }), "Q1")).toEqual([
      "At the end of Q1, of the 12 expected outcomes for this priority, all 12 were on target to be completed.",
    ]);
  });

  it("does not say 'all' when some were removed", () => {
    expect(priorityNarrative(figuresFrom({ Complete: 4, Removed: 1 }, ["2.5"]), "Q3")).toEqual([
      "At the end of Q3, of the five expected outcomes for this priority, four were complete.",
      "One expected outcome was removed from the action plan (2.5).",
    ]);
  });

  it("handles a single outcome, no outcomes, and only removed outcomes", () => {
    expect(priorityNarrative(figuresFrom({ Complete: 1 }), "Q3")).toEqual(["At the end of Q3, the one expected outcome for this priority was complete."]);
    expect(priorityNarrative(figuresFrom({}), "Q3")).toEqual(["At the end of Q3, there were no expected outcomes for this priority."]);
    expect(priorityNarrative(figuresFrom({ Removed: 2 }, ["4.1", "4.2"]), "Q3")).toEqual([
      "At the end of Q3, this priority had two expected outcomes.",
      "Two expected outcomes were removed from the action plan (4.1, 4.2).",
    ]);
  });
});

describe("overall narrative (brief §5)", () => {
  it("matches the brief's overall example verbatim", () => {
    const figures = figuresFrom({ Complete: 20, "On target": 21, Incomplete: 4, Removed: 3 });
    expect(overallNarrative(figures, "Q2", "community safety delivery plan", "2013/14")).toEqual([
      "At the end of Q2, of the 48 expected outcomes within the community safety delivery plan 2013/14, 20 were complete (41.7%), 21 were on target for completion (43.8%), four were incomplete (8.3%) and three were removed from the action plan (6.3%).",
    ]);
  });

  it("uses singular forms and puts removed last", () => {
    const figures = figuresFrom({ Removed: 1, "At risk": 1, "Not started": 2 });
    expect(overallNarrative(figures, "Q4", "community safety action plan", "2014/15")).toEqual([
      "At the end of Q4, of the four expected outcomes within the community safety action plan 2014/15, one was at risk of not being completed (25.0%), two had not started (50.0%) and one was removed from the action plan (25.0%).",
    ]);
  });

  it("rounds half up, as 4/60 = 6.7%", () => {
    const [sentence] = overallNarrative(figuresFrom({ Complete: 56, Incomplete: 4 }), "Q3", "plan", "2014/15");
    expect(sentence).toContain("four were incomplete (6.7%)");
    expect(sentence).toContain("56 were complete (93.3%)");
  });

  it("says so when the plan has no outcomes", () => {
    expect(overallNarrative(figuresFrom({}), "Q1", "community safety action plan", "2015/16")).toEqual([
      "At the end of Q1, there were no expected outcomes within the community safety action plan 2015/16.",
    ]);
  });
});
