import { carriesMark, isSummarySheetName, MARK_SENTENCE, notOursMessage, OWNERSHIP_MARK, sheetOwnership } from "./ownedSheets";
import { WorkbookSnapshot } from "./snapshot";

const snapshot = (heads: Record<string, (string | null)[]>, others: string[] = []): WorkbookSnapshot => ({
  sheetNames: [...others, ...Object.keys(heads)],
  tables: [],
  sheetHeads: Object.entries(heads).map(([sheet, cells]) => ({ sheet, cells })),
});

describe("which sheets the tool made", () => {
  it("knows a summary sheet's name in any letter case, and nothing else", () => {
    expect(["Q3 2014-15 Summary", "q3 2014-15 summary", " Q1 2015-16 SUMMARY "].map(isSummarySheetName)).toEqual([true, true, true]);
    expect(["Q5 2014-15 Summary", "Q3 2014/15 Summary", "Q3 2014-15 Summary (2)", "Summary"].map(isSummarySheetName)).toEqual([false, false, false, false]);
  });

  const A2 = `Position at 31 December 2014. ${MARK_SENTENCE}`;
  const EARLIER_A2 = "Position at 31 December 2014. Built from the action plan; building it again replaces this sheet's contents.";

  it("takes a sheet as its own by the mark in A2, as the tool writes it, or the words earlier versions wrote there", () => {
    expect(MARK_SENTENCE.startsWith(OWNERSHIP_MARK)).toBe(true);
    expect(carriesMark(["Plan 2014/15: Q3 summary", A2, "Not yet signed off."])).toBe(true);
    expect(carriesMark(["Plan 2014/15: Q3 summary", `Position at 1 April 2015. ${MARK_SENTENCE}`])).toBe(true);
    // A2 starts with the mark: what follows it (a user's addition) does not matter.
    expect(carriesMark([null, `${A2} Signed off by the board.`])).toBe(true);
    expect(carriesMark(["Plan", EARLIER_A2])).toBe(true);
    expect(carriesMark(["Q3 2014-15 Summary", "Built from the action plan", null])).toBe(false);
    expect(carriesMark([null, 42 as unknown as string, null])).toBe(false);
  });

  it("does not take a user's sheet as its own because the mark's words appear somewhere in its first cells", () => {
    // The tester's case: the user's own "Q3 2014-15 Summary", whose A1 quotes the mark.
    const quoting = "Q3 notes. The figures sheet is Made by the CSP Action Plan tool; these notes are mine.";
    expect(carriesMark([quoting, null, null])).toBe(false);
    expect(carriesMark([quoting, "My own figures", null])).toBe(false);
    // The mark, or the whole A2, in A1 or A3 rather than A2.
    expect(carriesMark([A2, null, null])).toBe(false);
    expect(carriesMark([null, null, A2])).toBe(false);
    // In A2, but not at its start.
    expect(carriesMark([null, `My notes. ${A2}`])).toBe(false);
    expect(carriesMark([null, `Copied from the tool: ${OWNERSHIP_MARK} from the action plan`])).toBe(false);
    expect(carriesMark([null, `My notes. ${EARLIER_A2}`])).toBe(false);
    // Only part of the sentence: the mark's words without what they mean.
    expect(carriesMark([null, `Position at 31 December 2014. ${OWNERSHIP_MARK}`])).toBe(false);
    expect(carriesMark([null, `${MARK_SENTENCE}`])).toBe(false);
  });

  it("says whether the sheet Excel would take as the name is absent, the tool's, or someone else's", () => {
    const marked = ["Plan 2014/15: Q3 summary", `Position at 31 December 2014. ${MARK_SENTENCE}`];
    expect(sheetOwnership(snapshot({}, ["Action Plan"]), "Q3 2014-15 Summary")).toEqual({ kind: "absent" });
    expect(sheetOwnership(snapshot({ "Q3 2014-15 Summary": marked }), "Q3 2014-15 Summary")).toEqual({ kind: "ours", sheet: "Q3 2014-15 Summary" });
    expect(sheetOwnership(snapshot({ "q3 2014-15 summary": ["My notes", null] }), "Q3 2014-15 Summary")).toEqual({ kind: "notOurs", sheet: "q3 2014-15 summary" });
    // No head read (a host that could not read it): never taken as the tool's.
    expect(sheetOwnership({ sheetNames: ["Q3 2014-15 Summary"], tables: [] }, "Q3 2014-15 Summary")).toEqual({ kind: "notOurs", sheet: "Q3 2014-15 Summary" });
  });

  it("explains a refusal with the sheet, the same-name rule when the case differs, and how to go on", () => {
    expect(notOursMessage("q3 2014-15 summary", "Q3 2014-15 Summary", "build the Q3 summary")).toBe(
      'The sheet "q3 2014-15 summary" was not made by this tool (Excel treats "q3 2014-15 summary" and "Q3 2014-15 Summary" as the same name), ' +
        'so it will not build the Q3 summary over it, and nothing was changed. Rename that sheet (for example to "q3 2014-15 summary notes") ' +
        "or move what you need from it, then try again.",
    );
    expect(notOursMessage("Q3 2014-15 Summary", "Q3 2014-15 Summary", "record a sign-off")).not.toContain("treats");
  });
});
