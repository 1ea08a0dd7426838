import { Quarter, Status } from "./contract";
import { DateReading } from "./dates";
import { Period } from "./period";
import { rateAction } from "./rag";

const Q3: Period = { year: { startYear: 2014 }, quarter: "Q3", asOf: "2014-12-31" };
const updated = { Q1: "a", Q2: "b", Q3: "c", Q4: "" } as Record<Quarter, string>;
const date = (d: string): DateReading => ({ kind: "date", date: d });

function rate(status: Status, targetDate: DateReading = date("2015-03-31"), updates = updated, period = Q3) {
  return rateAction({ status, targetDate, updates }, period);
}

describe("RAG rating (brief §4 table, first match wins)", () => {
  it("Grey: Removed, whatever else", () => {
    expect(rate("Removed", date("2014-05-01"), { ...updated, Q3: "" })).toEqual({ rating: "Grey", reason: "Removed" });
  });

  it("Blue: Complete, even past its date", () => {
    expect(rate("Complete", date("2014-05-01"))).toEqual({ rating: "Blue", reason: "Complete" });
  });

  it("Red: Incomplete", () => {
    expect(rate("Incomplete")).toEqual({ rating: "Red", reason: "Incomplete" });
  });

  it("Red: not complete and target date before the as-of date", () => {
    expect(rate("On target", date("2014-11-30"))).toEqual({ rating: "Red", reason: "Past target date (30 November 2014)" });
    expect(rate("At risk", date("2014-12-30"))).toEqual({ rating: "Red", reason: "Past target date (30 December 2014)" });
    // Due on the as-of day itself is not past.
    expect(rate("On target", date("2014-12-31")).rating).toBe("Green");
    expect(rate("On target", date("2014-12-31"), updated, { ...Q3, quarter: "Q4", asOf: "2015-03-31" })).toEqual({
      rating: "Red", reason: "Past target date (31 December 2014)",
    });
  });

  it("Amber: At risk", () => {
    expect(rate("At risk")).toEqual({ rating: "Amber", reason: "At risk" });
  });

  it("Amber: no target date", () => {
    expect(rate("On target", { kind: "blank" })).toEqual({ rating: "Amber", reason: "No target date" });
    expect(rate("On target", { kind: "invalid", text: "end of March", why: "" })).toEqual({ rating: "Amber", reason: "Target date is not a date" });
  });

  it("Amber: no update for the current quarter", () => {
    expect(rate("On target", date("2015-03-31"), { ...updated, Q3: "" })).toEqual({ rating: "Amber", reason: "No Q3 update" });
  });

  it("Amber: Not started and due within the next quarter", () => {
    expect(rate("Not started", date("2015-03-31"))).toEqual({ rating: "Amber", reason: "Not started; due 31 March 2015" });
    expect(rate("Not started", date("2015-04-01"))).toEqual({ rating: "Green", reason: "On target" });
  });

  it("Green: otherwise", () => {
    expect(rate("On target")).toEqual({ rating: "Green", reason: "On target" });
  });

  it("counts a serial-number date as a date", () => {
    expect(rate("On target", { kind: "serial", date: "2014-10-01" }).rating).toBe("Red");
  });

  it("respects an as-of date other than the quarter end", () => {
    const early = { ...Q3, asOf: "2014-11-01" };
    expect(rate("On target", date("2014-11-30"), updated, early).rating).toBe("Green");
  });
});
