import { CellValue } from "./cells";
import { RatedAction } from "./figures";
import { actionHistory, historyProblem, historyTable, readHistory, recordsFor } from "./history";
import { PlanAction } from "./plan";
import { RagRating } from "./rag";
import { TableSnapshot } from "./snapshot";

const HEADERS = ["Quarter", "Year", "ID", "Status", "RAG", "Reason", "Recorded on"];
const Y = { startYear: 2014 };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function snapshotOf(rows: CellValue[][], headers = HEADERS) {
  const table: TableSnapshot = { name: "StatusHistory", sheet: "Status History", top: 0, left: 0, headers, rows };
  return { sheetNames: ["Status History"], tables: [table] };
}

function rated(id: string, status: string, rating: RagRating, reason: string): RatedAction {
  return { action: { id, status, statusText: status } as unknown as PlanAction, rag: { rating, reason } };
}

const Q1_ROWS: CellValue[][] = [
  ["Q1", "2014/15", "1.1", "On target", "Green", "On target", day("2014-07-02")],
  ["Q1", "2014/15", "1.2", "At risk", "Amber", "At risk", day("2014-07-02")],
];
const Q3_ROWS: CellValue[][] = [["Q3", "2014/15", "1.1", "Complete", "Blue", "Complete", day("2015-01-05")]];

describe("Status History", () => {
  it("reads each row as a record, IDs that Excel made numbers included, and keeps rows it cannot read", () => {
    const h = readHistory(snapshotOf([...Q1_ROWS, ["Q9", "2014/15", "1.1", "", "", "", null], ["q2", "2014-15", 2.1, "on target", "green", "", 41900]]))!;
    expect(h.records[0]).toEqual({ year: Y, quarter: "Q1", id: "1.1", status: "On target", rag: "Green", reason: "On target", recordedOn: "2014-07-02" });
    expect(h.records[2]).toBeUndefined();
    expect(h.records[3]).toMatchObject({ quarter: "Q2", id: "2.1", status: "On target", rag: "Green", recordedOn: "2014-09-18" });
    expect(readHistory({ sheetNames: [], tables: [] })).toBeUndefined();
  });

  it("records every action with an ID, its status and its RAG word and reason", () => {
    const records = recordsFor([rated(" 2.1 ", "At risk", "Amber", "At risk"), rated("", "On target", "Green", "On target")], Y, "Q2", "2014-10-03");
    expect(records).toEqual([{ year: Y, quarter: "Q2", id: "2.1", status: "At risk", rag: "Amber", reason: "At risk", recordedOn: "2014-10-03" }]);
  });

  it("a first build creates the table with the contract's columns", () => {
    const spec = historyTable(undefined, Y, "Q1", recordsFor([rated("1.1", "On target", "Green", "On target")], Y, "Q1", "2014-07-02"));
    expect(spec).toMatchObject({ sheet: "Status History", name: "StatusHistory" });
    expect(spec.columns.map((c) => c.header)).toEqual(HEADERS);
    expect(spec.columns.map((c) => c.kind)).toEqual(["text", "text", "text", "text", "text", "wrap", "date"]);
    expect(spec.rows).toEqual([["Q1", "2014/15", "1.1", "On target", "Green", "On target", day("2014-07-02")]]);
  });

  it("rebuilding a quarter replaces its rows in place and leaves every other row as it was", () => {
    const q2: CellValue[][] = [["Q2", "2014/15", "1.1", "On target", "Green", "On target", day("2014-10-01")], ["Q2", "2014/15", "1.2", "At risk", "Amber", "At risk", day("2014-10-01")]];
    const typed: CellValue[][] = [["", "", "", "", "", "checked by JS", null]];
    const existing = readHistory(snapshotOf([...Q1_ROWS, ...q2, ...typed, ...Q3_ROWS]));
    const again = recordsFor([rated("1.1", "Complete", "Blue", "Complete")], Y, "Q2", "2014-10-09");
    const spec = historyTable(existing, Y, "Q2", again);
    expect(spec.rows).toEqual([...Q1_ROWS, ["Q2", "2014/15", "1.1", "Complete", "Blue", "Complete", day("2014-10-09")], ...typed, ...Q3_ROWS]);
  });

  it("a quarter not recorded before goes after the earlier quarters, so the table stays in time order", () => {
    const existing = readHistory(snapshotOf([...Q1_ROWS, ...Q3_ROWS]));
    const spec = historyTable(existing, Y, "Q2", recordsFor([rated("1.1", "On target", "Green", "On target")], Y, "Q2", "2014-10-01"));
    expect(spec.rows.map((r) => r[0])).toEqual(["Q1", "Q1", "Q2", "Q3"]);
  });

  it("keeps a person's own column and the table's order of columns, and drops blank rows", () => {
    const headers = ["ID", "Quarter", "Year", "Status", "RAG", "Reason", "Recorded on", "Chair's comment"];
    const existing = readHistory(snapshotOf([["1.1", "Q1", "2014/15", "On target", "Green", "On target", null, "Good"], [null, null, null, null, null, null, null, null]], headers));
    const spec = historyTable(existing, Y, "Q2", recordsFor([rated("1.1", "At risk", "Amber", "At risk")], Y, "Q2", "2014-10-01"));
    expect(spec.columns.map((c) => c.header)).toEqual(headers);
    expect(spec.rows).toEqual([
      ["1.1", "Q1", "2014/15", "On target", "Green", "On target", null, "Good"],
      ["1.1", "Q2", "2014/15", "At risk", "Amber", "At risk", day("2014-10-01"), null],
    ]);
  });

  it("gives one action's quarters oldest first", () => {
    const h = readHistory(snapshotOf([...Q3_ROWS, ...Q1_ROWS]));
    expect(actionHistory(h, " 1.1").map((r) => `${r.quarter} ${r.rag}`)).toEqual(["Q1 Green", "Q3 Blue"]);
    expect(actionHistory(undefined, "1.1")).toEqual([]);
  });
});

describe("Status History: a person's own column on a rebuilt quarter", () => {
  it("keeps their cell on the new record of the same action", () => {
    const headers = [...HEADERS, "Chair's comment"];
    const existing = readHistory(snapshotOf([
      ["Q3", "2014/15", "1.1", "On target", "Green", "On target", null, "Ask for the figures"],
      ["Q3", "2014/15", "1.2", "At risk", "Amber", "At risk", null, null],
    ], headers));
    const again = recordsFor([rated("1.2", "At risk", "Amber", "At risk"), rated("1.1", "Complete", "Blue", "Complete")], Y, "Q3", "2015-01-09");
    const spec = historyTable(existing, Y, "Q3", again);
    expect(spec.rows).toEqual([
      ["Q3", "2014/15", "1.2", "At risk", "Amber", "At risk", day("2015-01-09"), null],
      ["Q3", "2014/15", "1.1", "Complete", "Blue", "Complete", day("2015-01-09"), "Ask for the figures"],
    ]);
  });
});

describe("a Status History sheet that is not the tool's", () => {
  const plan = { sheetNames: ["Action Plan", "status history"], tables: [] as TableSnapshot[] };
  it("names a renamed table and says how to rename it back", () => {
    const renamed = { ...plan, tables: [{ name: "History2", sheet: "status history", top: 0, left: 0, headers: HEADERS, rows: [] }] };
    expect(historyProblem(renamed)).toBe(
      'The table on the "status history" sheet is called "History2", not StatusHistory, so the quarter cannot be recorded in it. Nothing was written: rename the table back to StatusHistory (Table Design → Table Name), then build the summary again.',
    );
  });
  it("says a person's own sheet of that name must be renamed; no problem where the table is there or no such sheet", () => {
    expect(historyProblem(plan)).toMatch(/^A sheet named "status history" already exists, but it is not the tool's/);
    expect(historyProblem(snapshotOf(Q1_ROWS))).toBeUndefined();
    expect(historyProblem({ sheetNames: ["Action Plan"], tables: [] })).toBeUndefined();
  });
});
