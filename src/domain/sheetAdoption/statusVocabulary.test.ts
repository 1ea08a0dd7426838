import { colourName, statusForColour, statusForWord, suggestedStatus } from "./statusVocabulary";

/** Issue 11: the one status vocabulary, used by adoption and by the check's suggestions. */
describe("status vocabulary", () => {
  it.each([
    ["Done", "Complete"], ["Completed", "Complete"], ["complete", "Complete"], ["In progress", "On target"], ["On Track", "On target"],
    ["Green", "On target"], ["Behind schedule", "At risk"], ["Amber", "At risk"], ["Yellow", "At risk"], ["Red", "At risk"],
    ["Overdue", "At risk"], ["Blocked", "At risk"], ["Not Started", "Not started"], ["Green (C)", "Complete"],
    ["Done (March 2004)", "Complete"], ["Cancelled", "Removed"],
  ])("reads %s as %s", (word, status) => {
    expect(statusForWord(word)?.status).toBe(status);
  });

  it("reads letters only in a RAG column, and Y/N only in a completion column", () => {
    expect(statusForWord("C", "rag")?.status).toBe("Complete");
    expect(statusForWord("G", "rag")?.status).toBe("On target");
    expect(statusForWord("C")).toBeUndefined();
    expect(statusForWord("Y", "yesNo")?.status).toBe("Complete");
    expect(statusForWord("N", "yesNo")?.status).toBe("Not started");
    expect(statusForWord("Ongoing", "yesNo")?.status).toBe("On target");
    expect(statusForWord("Y")).toBeUndefined();
    expect(statusForWord("Pending review")).toBeUndefined();
  });

  it("names fill colours by family, ignoring white, grey and pale banding", () => {
    expect(["#0070C0", "#00B050", "#92D050", "#FFC000", "#FFFF00", "#FF0000", "#C00000"].map(colourName)).toEqual(
      ["blue", "green", "green", "amber", "amber", "red", "red"],
    );
    expect(["#FFFFFF", "#D9D9D9", "#000000", "#DDEBF7"].map(colourName)).toEqual([undefined, undefined, undefined, undefined]);
    expect(statusForColour("blue")).toBe("Complete");
    expect(statusForColour("other")).toBeUndefined();
  });

  it("suggests for the check the status adopting would choose", () => {
    expect(suggestedStatus("Completed")).toBe("Complete");
    expect(suggestedStatus("nonsense")).toBeUndefined();
  });
});
