import { formatFinancialYear, nextQuarter, parseFinancialYear, quarterEnd, quarterOf, quarterStart, summarySheetName, yearEnd, yearStart } from "./quarters";

const y2014 = { startYear: 2014 };

describe("financial years and quarters", () => {
  it("reads and writes financial years as 2014/15", () => {
    expect(parseFinancialYear("2014/15")).toEqual(y2014);
    expect(parseFinancialYear("2014-15")).toEqual(y2014);
    expect(parseFinancialYear("2014/2015")).toEqual(y2014);
    expect(parseFinancialYear("1999/00")).toEqual({ startYear: 1999 });
    expect(parseFinancialYear("2014/16")).toBeUndefined();
    expect(parseFinancialYear("2014")).toBeUndefined();
    expect(parseFinancialYear("next year")).toBeUndefined();
    expect(formatFinancialYear(y2014)).toBe("2014/15");
    expect(formatFinancialYear({ startYear: 1999 })).toBe("1999/00");
  });

  it("runs from 1 April to 31 March", () => {
    expect(yearStart(y2014)).toBe("2014-04-01");
    expect(yearEnd(y2014)).toBe("2015-03-31");
  });

  it("puts quarter ends where the brief says: Q4 of 2014/15 ends 31 March 2015", () => {
    expect(quarterEnd(y2014, "Q1")).toBe("2014-06-30");
    expect(quarterEnd(y2014, "Q2")).toBe("2014-09-30");
    expect(quarterEnd(y2014, "Q3")).toBe("2014-12-31");
    expect(quarterEnd(y2014, "Q4")).toBe("2015-03-31");
    expect(quarterStart(y2014, "Q1")).toBe("2014-04-01");
    expect(quarterStart(y2014, "Q4")).toBe("2015-01-01");
  });

  it("rolls Q4 into Q1 of the next year", () => {
    expect(nextQuarter(y2014, "Q3")).toEqual({ year: y2014, quarter: "Q4" });
    expect(nextQuarter(y2014, "Q4")).toEqual({ year: { startYear: 2015 }, quarter: "Q1" });
  });

  it("finds the quarter a day falls in", () => {
    expect(quarterOf("2014-04-01")).toEqual({ year: y2014, quarter: "Q1" });
    expect(quarterOf("2014-12-31")).toEqual({ year: y2014, quarter: "Q3" });
    expect(quarterOf("2015-03-31")).toEqual({ year: y2014, quarter: "Q4" });
    expect(quarterOf("2015-04-01")).toEqual({ year: { startYear: 2015 }, quarter: "Q1" });
  });

  it("names the summary sheet without a slash", () => {
    expect(summarySheetName(y2014, "Q3")).toBe("Q3 2014-15 Summary");
  });
});
