import { indicator } from "../../test/support/indicatorFixture";
import { rateIndicator } from "./indicatorRag";
import { indicatorSentence } from "./indicatorWording";
import { CellValue } from "./cells";
import { IndicatorColumn } from "./contract";
import { Quarter } from "./contract";

function sentence(change: Partial<Record<IndicatorColumn, CellValue>>, quarter: Quarter = "Q4"): string {
  const ind = indicator(change);
  return indicatorSentence(ind, rateIndicator(ind, quarter));
}

describe("indicator sentences (issue 15, part 3)", () => {
  it("lower is better, a reduction targeted: better, in line, short, the wrong way", () => {
    expect(sentence({ q4: 909 })).toBe("Domestic burglary fell by 9.1% against 2013/14, better than the 5% reduction targeted.");
    expect(sentence({ q4: 950 })).toBe("Domestic burglary fell by 5.0% against 2013/14, in line with the 5% reduction targeted.");
    expect(sentence({ q4: 980 })).toBe("Domestic burglary fell by 2.0% against 2013/14, short of the 5% reduction targeted.");
    expect(sentence({ indicator: "Secondary fires", q4: 1032 })).toBe("Secondary fires rose by 3.2% against 2013/14, against a 5% reduction targeted.");
    expect(sentence({ q4: 1000 })).toBe("Domestic burglary was unchanged on 2013/14, against a 5% reduction targeted.");
  });

  it("counts before Q4 say the quarters they cover", () => {
    expect(sentence({ q3: 681.75 }, "Q3")).toBe("Domestic burglary fell by 9.1% in Q1 to Q3 against 2013/14, better than the 5% reduction targeted.");
    expect(sentence({ q1: 227.25 }, "Q1")).toBe("Domestic burglary fell by 9.1% in Q1 against 2013/14, better than the 5% reduction targeted.");
  });

  it("higher is better, an increase targeted", () => {
    const up = { indicator: "Positive outcomes", direction: "higher is better", target: "+3%" };
    expect(sentence({ ...up, q4: 1040 })).toBe("Positive outcomes rose by 4.0% against 2013/14, better than the 3% increase targeted.");
    expect(sentence({ ...up, q4: 1010 })).toBe("Positive outcomes rose by 1.0% against 2013/14, short of the 3% increase targeted.");
    expect(sentence({ ...up, q4: 990 })).toBe("Positive outcomes fell by 1.0% against 2013/14, against a 3% increase targeted.");
  });

  it("value targets and rates", () => {
    const rate = { indicator: "MARAC repeat rate", unit: "%", baseline: 25, target: 24 };
    expect(sentence({ ...rate, q3: 23.5 }, "Q3")).toBe("MARAC repeat rate was 23.5% in Q3, better than the target of 24%.");
    expect(sentence({ ...rate, q3: 26 }, "Q3")).toBe("MARAC repeat rate was 26% in Q3, short of the target of 24%.");
    expect(sentence({ target: 900, q2: 450 }, "Q2")).toBe("Domestic burglary was 450 in Q1 to Q2, in line with the target of 450 to date.");
  });

  it("says when there is no value yet, lower-casing the name mid-sentence but not an abbreviation", () => {
    expect(sentence({}, "Q3")).toBe("No Q3 value yet for domestic burglary.");
    expect(sentence({ indicator: "ASB calls for service" }, "Q3")).toBe("No Q3 value yet for ASB calls for service.");
    expect(sentence({ target: null, q3: 5 }, "Q3")).toBe("Domestic burglary cannot be rated: no target.");
  });
});

describe("an indicator that cannot be rated for a quarter's value", () => {
  it("keeps the quarter's capital Q in the middle of the sentence", () => {
    const ind = indicator({ indicator: "MARAC repeat rate", unit: "%", baseline: 25, target: 24, q3: "n/a" });
    expect(indicatorSentence(ind, rateIndicator(ind, "Q3"))).toBe("MARAC repeat rate cannot be rated: Q3 value is not a number.");
  });
});
