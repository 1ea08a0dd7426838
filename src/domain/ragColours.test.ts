import { RAG_RATINGS } from "./rag";
import { contrastRatio, RAG_COLOURS } from "./ragColours";

describe("RAG colours", () => {
  it.each(RAG_RATINGS)("%s text is readable on its fill (at least 3:1)", (rating) => {
    const { fill, text } = RAG_COLOURS[rating];
    expect(contrastRatio(fill, text)).toBeGreaterThanOrEqual(3);
  });

  it("computes WCAG contrast", () => {
    expect(contrastRatio("FFFFFF", "000000")).toBeCloseTo(21, 0);
    expect(contrastRatio("777777", "777777")).toBe(1);
  });
});
