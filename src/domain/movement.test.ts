import { QUARTERS } from "./contract";
import { RatedAction } from "./figures";
import { HistoryRecord, HistoryTable } from "./history";
import { computeMovement, Movement, movementSentences } from "./movement";
import { PlanAction } from "./plan";
import { RagRating } from "./rag";

const Y1415 = { startYear: 2014 };
const Y1314 = { startYear: 2013 };

function rated(id: string, rating: RagRating, updates: Partial<Record<"Q1" | "Q2" | "Q3" | "Q4", string>> = { Q1: "u", Q2: "u", Q3: "u" }): RatedAction {
  const action = { id, updates: Object.fromEntries(QUARTERS.map((q) => [q, updates[q] ?? ""])) } as unknown as PlanAction;
  return { action, rag: { rating, reason: rating } };
}

function history(records: readonly Omit<HistoryRecord, "reason" | "recordedOn" | "status">[]): HistoryTable {
  return {
    table: { name: "StatusHistory", sheet: "Status History", top: 0, left: 0, headers: [], rows: records.map(() => []) },
    columns: {},
    records: records.map((r) => ({ ...r, status: "", reason: "", recordedOn: undefined })),
  };
}

const q2 = (id: string, rag: RagRating) => ({ year: Y1415, quarter: "Q2" as const, id, rag });
const done = (id: string) => ({ id, from: "Green" as const, to: "Blue" as const });
const none: Omit<Movement, "since"> = { year: Y1415, quarter: "Q3", worsened: [], improved: [], reopened: [], completed: [], removed: [], stale: [] };

describe("movement since the previous recorded quarter", () => {
  it("compares with the latest quarter recorded before this one, by ID whatever its case and spaces", () => {
    const h = history([
      { year: Y1415, quarter: "Q1", id: "3.2", rag: "Red" },
      q2(" 3.2 ", "Green"),
      q2("5.1", "Green"),
      q2("1.1", "Amber"),
      q2("2.2", "Amber"),
      q2("6.1", "Blue"),
      { year: Y1415, quarter: "Q4", id: "3.2", rag: "Red" },
    ]);
    const m = computeMovement([rated("3.2", "Amber"), rated("5.1", "Red"), rated("1.1", "Green"), rated("2.2", "Blue"), rated("6.1", "Amber"), rated("9.9", "Red")], h, Y1415, "Q3");
    expect(m.since).toEqual({ year: Y1415, quarter: "Q2" });
    expect(m.worsened).toEqual([{ id: "3.2", from: "Green", to: "Amber" }, { id: "5.1", from: "Green", to: "Red" }]);
    expect(m.improved).toEqual([{ id: "1.1", from: "Amber", to: "Green" }]);
    expect(m.completed).toEqual([{ id: "2.2", from: "Amber", to: "Blue" }]);
    expect(m.reopened).toEqual([{ id: "6.1", from: "Blue", to: "Amber" }]);
  });

  it("invents nothing where no earlier quarter is recorded", () => {
    const m = computeMovement([rated("1.1", "Red")], history([{ year: Y1415, quarter: "Q3", id: "1.1", rag: "Green" }]), Y1415, "Q3");
    expect(m.since).toBeUndefined();
    expect(movementSentences(m)).toEqual(["No quarter before Q3 2014/15 is recorded in Status History, so there is no movement to report yet."]);
    expect(computeMovement([rated("1.1", "Red")], undefined, Y1415, "Q1").since).toBeUndefined();
  });

  it("lists open actions with no update for two quarters or more, counting back from this quarter", () => {
    const m = computeMovement(
      [rated("1.1", "Amber", { Q1: "u" }), rated("1.2", "Amber", { Q2: "u" }), rated("1.3", "Blue", {}), rated("1.4", "Amber", {})],
      undefined, Y1415, "Q3");
    expect(m.stale).toEqual([{ id: "1.1", quarters: 2 }, { id: "1.4", quarters: 3 }]);
    expect(computeMovement([rated("1.4", "Amber", {})], undefined, Y1415, "Q1").stale).toEqual([]);
  });
});

describe("the movement sentence", () => {
  const since = { year: Y1415, quarter: "Q2" as const };

  it("says so when nothing changed", () => {
    expect(movementSentences({ ...none, since })).toEqual(["Since Q2, no action's RAG rating changed, and none was completed or removed."]);
  });

  it("one change: singular, in words", () => {
    expect(movementSentences({ ...none, since, worsened: [{ id: "3.2", from: "Green", to: "Amber" }] })).toEqual([
      "Since Q2, one action moved from green to amber (3.2).",
    ]);
    expect(movementSentences({ ...none, since, completed: [done("1.1")] })).toEqual(["Since Q2, one action was completed."]);
    expect(movementSentences({ ...none, since, removed: [{ id: "2.2", from: "Green", to: "Grey" }] })).toEqual(["Since Q2, one action was removed (2.2)."]);
  });

  it("many changes: plural, worst first, joined without a serial comma (the issue's example, in RAG words)", () => {
    expect(
      movementSentences({
        ...none,
        since,
        worsened: [{ id: "3.2", from: "Green", to: "Amber" }, { id: "5.1", from: "Green", to: "Amber" }],
        completed: ["1.1", "1.2", "2.1", "4.4"].map(done),
      }),
    ).toEqual(["Since Q2, two actions moved from green to amber (3.2, 5.1) and four were completed."]);
    expect(
      movementSentences({
        ...none,
        since,
        improved: [{ id: "1.1", from: "Amber", to: "Green" }],
        worsened: [{ id: "4.1", from: "Amber", to: "Red" }, { id: "3.2", from: "Green", to: "Amber" }],
        reopened: [{ id: "6.1", from: "Blue", to: "Amber" }],
        removed: ["2.2", "2.3"].map((id) => ({ id, from: "Amber" as const, to: "Grey" as const })),
        stale: [{ id: "7.1", quarters: 2 }],
      }),
    ).toEqual([
      "Since Q2, one action moved from amber to red (4.1), one moved from green to amber (3.2), one moved from amber to green (1.1), one was reopened (6.1) and two were removed (2.2, 2.3).",
      "One open action has had no update for two quarters or more (7.1).",
    ]);
  });

  it("numbers ten and over in numerals, names a quarter of another year with its year, and caps long lists", () => {
    const ids = Array.from({ length: 12 }, (_, i) => `1.${i + 1}`);
    const [first, second] = movementSentences({
      ...none,
      year: Y1415,
      quarter: "Q1",
      since: { year: Y1314, quarter: "Q4" },
      completed: ids.map(done),
      stale: ids.map((id) => ({ id, quarters: 2 })),
    });
    expect(first).toBe("Since Q4 2013/14, 12 actions were completed.");
    expect(second).toBe("12 open actions have had no update for two quarters or more (1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 1.10 … and two more).");
  });
});
