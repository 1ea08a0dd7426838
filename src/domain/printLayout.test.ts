import { footerText, LINE_POINTS, MAX_ROW_POINTS, rowHeight, sheetRowHeights, wrappedLines } from "./printLayout";
import { SAMPLE_PLAN } from "./sample/samplePlan";
import { planTables } from "./planLayout";
import { tableRowHeights } from "./printLayout";

describe("row heights for wrapped text", () => {
  it("counts the lines words take in a column, never splitting a word unless it is longer than a line", () => {
    expect(wrappedLines("short", 20)).toBe(1);
    expect(wrappedLines("one two three four five six seven eight nine ten", 10)).toBeGreaterThanOrEqual(5);
    expect(wrappedLines("a\nb\nc", 40)).toBe(3);
    expect(wrappedLines("x".repeat(100), 11)).toBe(10);
  });

  it("gives a height only where a wrapped cell needs more than one line, capped at Excel's tallest row", () => {
    expect(rowHeight([{ value: "fits", wraps: true }], [30])).toBeNull();
    expect(rowHeight([{ value: "a long sentence that cannot fit in a narrow column", wraps: false }], [8])).toBeNull();
    expect(rowHeight([{ value: "a long sentence that cannot fit in a narrow column", wraps: true }], [8])).toBe(wrappedLines("a long sentence that cannot fit in a narrow column", 8) * LINE_POINTS);
    expect(rowHeight([{ value: "word ".repeat(5000), wraps: true }], [10])).toBe(MAX_ROW_POINTS);
  });

  it("looks at wrapped and header cells of a sheet, and at the wrapped columns of a table", () => {
    const heights = sheetRowHeights([[{ value: "x ".repeat(40), style: "wrap" }], [{ value: "x ".repeat(40), style: "text" }], [{ value: "x ".repeat(40), style: "header" }]], [10]);
    expect(heights[0]).toBeGreaterThan(LINE_POINTS);
    expect(heights[1]).toBeNull();
    expect(heights[2]).toBe(heights[0]);
    const plan = planTables(SAMPLE_PLAN)[0];
    const tableHeights = tableRowHeights(plan);
    expect(tableHeights).toHaveLength(plan.rows.length + 1);
    expect(tableHeights[0]).toBeNull();
    expect(tableHeights.slice(1).every((h) => h !== null && h >= 2 * LINE_POINTS)).toBe(true);
  });

  it("doubles ampersands so a plan's name prints as written in a footer", () => {
    expect(footerText("Safer Streets & Homes")).toBe("Safer Streets && Homes");
  });
});
