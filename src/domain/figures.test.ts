import { seedWith, snapshotOf } from "../../test/support/planFixture";
import { checkSnapshot } from "./check";
import { computeFigures, formatPercent, percentTenths, rateAll } from "./figures";

describe("percentages", () => {
  it("rounds half up to one decimal place", () => {
    expect(formatPercent(percentTenths(4, 60))).toBe("6.7%");
    expect(formatPercent(percentTenths(3, 48))).toBe("6.3%");
    expect(formatPercent(percentTenths(21, 48))).toBe("43.8%");
    expect(formatPercent(percentTenths(20, 48))).toBe("41.7%");
    expect(formatPercent(percentTenths(1, 8))).toBe("12.5%");
    expect(formatPercent(percentTenths(1, 3))).toBe("33.3%");
    expect(formatPercent(percentTenths(2, 3))).toBe("66.7%");
    expect(formatPercent(percentTenths(5, 5))).toBe("100.0%");
    expect(formatPercent(percentTenths(0, 0))).toBe("0.0%");
  });
});

describe("completion figures", () => {
  const seed = seedWith([
    { id: "1.1", status: "Complete" },
    { id: "1.2", status: "Removed", notes: "RAG decision" },
    { id: "1.3", status: "At risk" },
    { id: "2.1", priority: "Serious acquisitive crime", status: "Complete" },
    { id: "2.2", priority: "Serious acquisitive crime", status: "On target", targetDate: "2014-10-01" },
    { id: "9.1", priority: "Not a priority", status: "Not started" },
  ]);
  const check = checkSnapshot(snapshotOf(seed));
  const figures = computeFigures(check.plan, rateAll(check.plan, check.period!));

  it("counts every action, removed included, per priority in the Priorities order and overall", () => {
    expect(figures.priorities.map((p) => [p.no, p.name, p.expected])).toEqual([
      [1, "Anti-social behaviour", 3],
      [2, "Serious acquisitive crime", 2],
      [3, "Domestic violence and abuse", 0],
      [null, "Not a priority", 1],
    ]);
    expect(figures.overall.expected).toBe(6);
    expect(figures.overall.counts).toEqual({ "Not started": 1, "On target": 1, "At risk": 1, Incomplete: 0, Complete: 2, Removed: 1 });
    expect(figures.priorities[0].removedIds).toEqual(["1.2"]);
  });

  it("sums per-priority counts to the overall counts", () => {
    for (const status of Object.keys(figures.overall.counts) as (keyof typeof figures.overall.counts)[]) {
      expect(figures.priorities.reduce((n, p) => n + p.counts[status], 0)).toBe(figures.overall.counts[status]);
    }
    expect(figures.priorities.reduce((n, p) => n + p.expected, 0)).toBe(figures.overall.expected);
  });

  it("counts RAG ratings", () => {
    expect(figures.overall.rag).toEqual({ Red: 1, Amber: 2, Green: 0, Blue: 2, Grey: 1 });
    expect(figures.priorities[0].percentTenths.Complete).toBe(333);
  });
});
