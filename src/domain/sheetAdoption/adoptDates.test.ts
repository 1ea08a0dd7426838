import { toUtcDate } from "../dates";
import { adoptDate } from "./adoptDates";

/** Issue 11: dates kept, UK text converted, periods taken as their last day (flagged), the rest kept as text. */
describe("adoptDate", () => {
  it.each([
    ["31/03/2016", "2016-03-31"], ["01/09/07", "2007-09-01"], ["03/01/07", "2007-01-03"], ["18.01.2016", "2016-01-18"],
    ["31-Mar-2015", "2015-03-31"], ["31 Mar 2015", "2015-03-31"], ["1st April 2015", "2015-04-01"],
  ])("converts %s to %s", (text, date) => {
    expect(adoptDate(text)).toMatchObject({ date, periodEnd: false });
  });

  it.each([
    ["Apr-21", "2021-04-30"], ["March 2016", "2016-03-31"], ["Feb 2016", "2016-02-29"], ["Q4 2015/16", "2016-03-31"],
    ["Q1 2015/16", "2015-06-30"], ["Q3 2015-2016", "2015-12-31"], ["2015/16 Q2", "2015-09-30"], ["Quarter 4 2015/16", "2016-03-31"],
  ])("takes the period %s as its last day, %s, and says so", (text, date) => {
    expect(adoptDate(text)).toMatchObject({ date, periodEnd: true });
  });

  it.each(["Ongoing", "Monthly", "Within six months of commencement of Action Plan", "Done (March 2004)", "31/02/2016", "Q4 2015/17", "78/91/104"])(
    "keeps %s as text",
    (text) => {
      expect(adoptDate(text)).toEqual({ date: null, from: text, how: "kept as text", periodEnd: false });
    },
  );

  it("keeps date cells and reads a plausible serial number", () => {
    expect(adoptDate(toUtcDate("2016-03-31"))).toMatchObject({ date: "2016-03-31", how: "date cell" });
    expect(adoptDate(42460)).toMatchObject({ date: "2016-03-31" });
    expect(adoptDate(null)).toMatchObject({ date: null, how: "blank" });
  });
});
