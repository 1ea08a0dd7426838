import { formatCellDate, formatLongDate, fromExcelSerial, readDate, toExcelSerial, toUtcDate } from "./dates";

describe("dates", () => {
  it("formats dates the en-GB way", () => {
    expect(formatLongDate("2015-03-31")).toBe("31 March 2015");
    expect(formatLongDate("2014-12-01")).toBe("1 December 2014");
    expect(formatCellDate("2015-03-31")).toBe("31/03/2015");
  });

  it("reads date cells and unambiguous UK dates", () => {
    expect(readDate(toUtcDate("2015-03-31"))).toEqual({ kind: "date", date: "2015-03-31" });
    expect(readDate("31/03/2015")).toEqual({ kind: "date", date: "2015-03-31" });
    expect(readDate(" 1/4/2014 ")).toEqual({ kind: "date", date: "2014-04-01" });
    expect(readDate("31 March 2015")).toEqual({ kind: "date", date: "2015-03-31" });
    // Issue 11 item 6: a named month is unambiguous however it is joined.
    expect(readDate("31 Mar 2015")).toEqual({ kind: "date", date: "2015-03-31" });
    expect(readDate("31-Mar-2015")).toEqual({ kind: "date", date: "2015-03-31" });
    expect(readDate("18.01.2016")).toEqual({ kind: "date", date: "2016-01-18" });
    expect(readDate("2015-03-31")).toEqual({ kind: "date", date: "2015-03-31" });
    expect(readDate(null)).toEqual({ kind: "blank" });
    expect(readDate("  ")).toEqual({ kind: "blank" });
  });

  it("refuses words, impossible dates and two-digit years, with a reason", () => {
    for (const text of ["end of March", "Q4", "31/02/2015", "13/13/2015", "31/03/15", "March 2015"]) {
      const reading = readDate(text);
      expect(reading.kind).toBe("invalid");
      if (reading.kind === "invalid") expect(reading.why.length).toBeGreaterThan(5);
    }
    expect(readDate({ error: "#REF!" })).toMatchObject({ kind: "invalid", why: "holds the error #REF!" });
  });

  it("takes a plausible bare number as an Excel serial date, and nothing else", () => {
    expect(readDate(42094)).toEqual({ kind: "serial", date: "2015-03-31" });
    expect(readDate(12)).toMatchObject({ kind: "invalid" });
    expect(fromExcelSerial(toExcelSerial("2014-12-31"))).toBe("2014-12-31");
  });
});
