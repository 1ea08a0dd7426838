import { indicator } from "../../test/support/indicatorFixture";
import { changeTenths, rateIndicator } from "./indicatorRag";
import { readIndicators } from "./indicators";

describe("indicator RAG (issue 15): counts, cumulative", () => {
  // Baseline 1,000; target -5% gives 950 for the year; at Q2 the target to date is 475 and the baseline 500;
  // a 5% relative tolerance is 23.75 to date, so Amber runs up to 498.75.
  it("is Green better than target and exactly on target", () => {
    expect(rateIndicator(indicator({ q2: 450 }), "Q2")).toMatchObject({ rating: "Green", reason: "10.0% down on 2013/14 to Q2 against a 5% reduction target" });
    expect(rateIndicator(indicator({ q2: 475 }), "Q2")).toMatchObject({ rating: "Green", reason: "5.0% down on 2013/14 to Q2 against a 5% reduction target" });
  });

  it("is Amber just worse than target and exactly on the tolerance, Red beyond it", () => {
    expect(rateIndicator(indicator({ q2: 475.01 }), "Q2").rating).toBe("Amber");
    expect(rateIndicator(indicator({ q2: 498.75 }), "Q2")).toMatchObject({ rating: "Amber", reason: "0.3% down on 2013/14 to Q2 against a 5% reduction target, within tolerance" });
    expect(rateIndicator(indicator({ q2: 498.76 }), "Q2")).toMatchObject({ rating: "Red", reason: "0.2% down on 2013/14 to Q2 against a 5% reduction target, beyond tolerance" });
  });

  it("uses the quarter's own cumulative value, not earlier ones", () => {
    expect(rateIndicator(indicator({ q1: 900, q2: 475 }), "Q2").rating).toBe("Green");
    expect(rateIndicator(indicator({ q4: 950 }), "Q4")).toMatchObject({ rating: "Green", reason: "5.0% down on 2013/14 against a 5% reduction target" });
  });

  it("is Grey with no value for the quarter, or a value that is not a number", () => {
    expect(rateIndicator(indicator({ q1: 200 }), "Q2")).toEqual({ rating: "Grey", reason: "No Q2 value yet" });
    expect(rateIndicator(indicator({ q2: "n/a" }), "Q2")).toEqual({ rating: "Grey", reason: "Q2 value is not a number" });
  });

  it("is Red on any shortfall with no tolerance, and Amber on an absolute tolerance's boundary (pro-rated)", () => {
    expect(rateIndicator(indicator({ tolerance: null, q2: 476 }), "Q2")).toMatchObject({ rating: "Red", reason: expect.stringMatching(/, no tolerance$/) });
    // 40 for the year is 20 to Q2.
    expect(rateIndicator(indicator({ tolerance: 40, q2: 495 }), "Q2").rating).toBe("Amber");
    expect(rateIndicator(indicator({ tolerance: 40, q2: 495.5 }), "Q2").rating).toBe("Red");
  });
});

describe("indicator RAG: counts per quarter", () => {
  it("sums the quarters so far against the pro-rated target", () => {
    const per = { valuesAre: "per quarter" };
    expect(rateIndicator(indicator({ ...per, q1: 237.5, q2: 237.5 }), "Q2").rating).toBe("Green");
    expect(rateIndicator(indicator({ ...per, q1: 250, q2: 248.75 }), "Q2").rating).toBe("Amber");
    expect(rateIndicator(indicator({ ...per, q1: 250, q2: 249 }), "Q2").rating).toBe("Red");
    expect(rateIndicator(indicator({ ...per, q1: 240, q2: 240, q3: 232.5 }), "Q3")).toMatchObject({ rating: "Green", reason: "5.0% down on 2013/14 to Q3 against a 5% reduction target" });
  });

  it("is Grey when any quarter so far is missing", () => {
    expect(rateIndicator(indicator({ valuesAre: "per quarter", q2: 200 }), "Q2")).toEqual({ rating: "Grey", reason: "No Q1 value yet" });
  });
});

describe("indicator RAG: higher is better", () => {
  const up = { direction: "higher is better", target: "+3%", tolerance: "5%" };
  // Baseline 1,000, +3%: 1,030 for the year; Q4 cumulative; tolerance 51.5, so Amber down to 978.5.
  it("rates on the boundaries the other way round", () => {
    expect(rateIndicator(indicator({ ...up, q4: 1031 }), "Q4").rating).toBe("Green");
    expect(rateIndicator(indicator({ ...up, q4: 1030 }), "Q4")).toMatchObject({ rating: "Green", reason: "3.0% up on 2013/14 against a 3% increase target" });
    expect(rateIndicator(indicator({ ...up, q4: 1029.99 }), "Q4").rating).toBe("Amber");
    expect(rateIndicator(indicator({ ...up, q4: 978.5 }), "Q4").rating).toBe("Amber");
    expect(rateIndicator(indicator({ ...up, q4: 978.4 }), "Q4").rating).toBe("Red");
  });
});

describe("indicator RAG: rates (%)", () => {
  const rate = { indicator: "MARAC repeat rate", unit: "%", baseline: 25, target: 24, tolerance: "5%" };
  // A rate is compared as it stands, not pro-rated: target 24, Amber up to 25.2.
  it("compares the latest quarter's value directly with the target", () => {
    expect(rateIndicator(indicator({ ...rate, q1: 30, q2: 24 }), "Q2")).toMatchObject({ rating: "Green", reason: "4.0% down on 2013/14 against a target of 24%" });
    expect(rateIndicator(indicator({ ...rate, q2: 25.2 }), "Q2").rating).toBe("Amber");
    expect(rateIndicator(indicator({ ...rate, q2: 25.3 }), "Q2").rating).toBe("Red");
    // Per quarter makes no difference to a rate: only the quarter's own value counts.
    expect(rateIndicator(indicator({ ...rate, valuesAre: "per quarter", q2: 24 }), "Q2").rating).toBe("Green");
  });

  it("reads 24% as text, and a change target against the baseline", () => {
    expect(rateIndicator(indicator({ ...rate, q3: "24%" }), "Q3").rating).toBe("Green");
    expect(rateIndicator(indicator({ ...rate, target: "-4%", q3: 24 }), "Q3").rating).toBe("Green");
  });
});

describe("indicator RAG: what cannot be rated", () => {
  it("is Grey, saying why, without direction, target or (for a change) baseline", () => {
    expect(rateIndicator(indicator({ direction: null, q1: 1 }), "Q1").reason).toBe("No direction");
    expect(rateIndicator(indicator({ target: null, q1: 1 }), "Q1").reason).toBe("No target");
    expect(rateIndicator(indicator({ baseline: null, q1: 1 }), "Q1").reason).toBe("No baseline for the target's change");
    expect(rateIndicator(indicator({ target: "5%", q1: 1 }), "Q1").reason).toBe("Target is not a number or a change such as -5%");
  });

  it("rates a value target without a baseline, giving the value instead of a change", () => {
    expect(rateIndicator(indicator({ baseline: null, target: 1000, q4: "1,000" }), "Q4")).toMatchObject({ rating: "Green", reason: "1,000 against a target of 1,000" });
    expect(rateIndicator(indicator({ baseline: null, target: 1000, q2: 600 }), "Q2")).toMatchObject({ rating: "Red", reason: "600 to Q2 against a target of 500 to Q2 (1,000 for the year), beyond tolerance" });
  });
});

describe("changeTenths", () => {
  it("rounds half up on the size, signed", () => {
    expect(changeTenths(945.5, 1000)).toBe(-55);
    expect(changeTenths(1054.5, 1000)).toBe(55);
    expect(changeTenths(100, 0)).toBeUndefined();
  });
});

describe("readIndicators", () => {
  it("is undefined without an Indicators table", () => {
    expect(readIndicators({ sheetNames: [], tables: [] })).toBeUndefined();
  });
});

describe("indicator RAG: entry mistakes in a rate are not rated", () => {
  const rate = { indicator: "MARAC repeat rate", unit: "%", baseline: 25, target: 24, tolerance: "5%" };

  it("is Grey for a % above 100, and for 24% typed into Excel (kept as 0.24), saying which", () => {
    expect(rateIndicator(indicator({ ...rate, q3: 120 }), "Q3")).toEqual({ rating: "Grey", reason: "Q3 value 120 is above 100%" });
    expect(rateIndicator(indicator({ ...rate, q3: 0.24 }), "Q3")).toEqual({ rating: "Grey", reason: "Q3 value 0.24 looks like 24% typed as a fraction" });
  });

  it("rates a rate below 1% where the baseline and target are below 1% too", () => {
    expect(rateIndicator(indicator({ ...rate, baseline: 0.8, target: 0.6, q3: 0.5 }), "Q3").rating).toBe("Green");
  });
});
