import { EXCEL_LIMITS, fitColumnWidth, fitText, overlongCells, sheetNameProblem, tableNameProblem } from "./excelLimits";
import { summarySheetName } from "./quarters";
import { fitSheetContent } from "./sheetLimits";
import { ACTION_PLAN, LEAD_OFFICERS, PLAN_SETTINGS, PRIORITIES, QUARTERS } from "./contract";

const MAX = EXCEL_LIMITS.cellCharacters;

describe("Excel's limits on what the tool writes", () => {
  it("keeps text that fits, and shortens text that does not to exactly the limit with a visible …", () => {
    expect(fitText("a".repeat(MAX))).toBe("a".repeat(MAX));
    const shortened = fitText(`Q3: ${"a".repeat(MAX)}`);
    expect(shortened).toHaveLength(MAX);
    expect(shortened.startsWith("Q3: aaa")).toBe(true);
    expect(shortened.endsWith("a…")).toBe(true);
    expect(fitText("abcdef", 4)).toBe("abc…");
    expect(fitText("ab   cdef", 6)).toBe("ab…"); // no spaces before the …
    expect(() => fitText("abc", 0)).toThrow(RangeError);
  });

  it("never cuts a surrogate pair in half", () => {
    const emoji = "😀"; // two UTF-16 code units
    const text = emoji.repeat(10);
    for (let max = 2; max < text.length; max++) {
      const fitted = fitText(text, max);
      expect(fitted.length).toBeLessThanOrEqual(max);
      expect(fitted.endsWith("…")).toBe(true);
      expect(fitted.slice(0, -1)).toBe(emoji.repeat(fitted.slice(0, -1).length / 2)); // whole emoji only
      expect(() => encodeURIComponent(fitted)).not.toThrow(); // a lone surrogate would throw URIError
    }
    const cjk = `${"地".repeat(MAX - 2)}𠀀𠀀`; // 𠀀 is outside the BMP
    const fitted = fitText(cjk);
    expect(fitted.length).toBeLessThanOrEqual(MAX);
    expect(() => encodeURIComponent(fitted)).not.toThrow();
  });

  it("knows Excel's sheet-name rules, and every sheet the tool names follows them", () => {
    expect(sheetNameProblem("Q3 2014-15 Summary")).toBeUndefined();
    expect(sheetNameProblem("x".repeat(31))).toBeUndefined();
    expect(sheetNameProblem("x".repeat(32))).toMatch(/32 characters; Excel allows at most 31/);
    expect(sheetNameProblem("")).toMatch(/blank/);
    for (const bad of ["a:b", "a\\b", "a/b", "a?b", "a*b", "a[b", "a]b"]) expect(sheetNameProblem(bad)).toMatch(/does not allow/);
    expect(sheetNameProblem("'quoted")).toMatch(/apostrophe/);
    expect(sheetNameProblem("quoted'")).toMatch(/apostrophe/);
    expect(sheetNameProblem("it's fine")).toBeUndefined();
    expect(sheetNameProblem("HISTORY")).toMatch(/History/);
    expect(sheetNameProblem("Сводка 第3四半期")).toBeUndefined();
    const names: string[] = [ACTION_PLAN, LEAD_OFFICERS, PRIORITIES, PLAN_SETTINGS].map((t) => t.sheet);
    for (const startYear of [1999, 2014, 9998]) for (const q of QUARTERS) names.push(summarySheetName({ startYear }, q));
    expect(names.filter((n) => sheetNameProblem(n) !== undefined)).toEqual([]);
  });

  it("knows Excel's table-name rules, and every table the tool names follows them", () => {
    for (const good of ["ActionPlan", "_t", "\\t", "Plan2014", "Plan.2014", "Tábla", "ABCD1", "XFE1"]) expect([good, tableNameProblem(good)]).toEqual([good, undefined]);
    expect(tableNameProblem("A1")).toMatch(/cell reference/);
    expect(tableNameProblem("xfd1048576")).toMatch(/cell reference/);
    expect(tableNameProblem("R1C1")).toMatch(/cell reference/);
    expect(tableNameProblem("R")).toMatch(/cell reference/);
    expect(tableNameProblem("c")).toMatch(/cell reference/);
    expect(tableNameProblem("Q1")).toMatch(/cell reference/);
    expect(tableNameProblem("1Plan")).toMatch(/begin with/);
    expect(tableNameProblem("Action Plan")).toMatch(/no spaces/);
    expect(tableNameProblem("\\a\\b")).toMatch(/no spaces/); // a backslash may begin a name, not follow
    expect(tableNameProblem("TRUE")).toMatch(/TRUE or FALSE/);
    expect(tableNameProblem("t".repeat(255))).toBeUndefined();
    expect(tableNameProblem("t".repeat(256))).toMatch(/256 characters/);
    expect(tableNameProblem("")).toMatch(/blank/);
    const tables = [ACTION_PLAN, LEAD_OFFICERS, PRIORITIES, PLAN_SETTINGS].map((t) => t.table);
    expect(tables.filter((n) => tableNameProblem(n) !== undefined)).toEqual([]);
  });

  it("clamps column widths to 0–255 characters", () => {
    expect([fitColumnWidth(-1), fitColumnWidth(44), fitColumnWidth(255), fitColumnWidth(300)]).toEqual([0, 44, 255, 255]);
  });

  it("names the cells of a table that are too long to write", () => {
    expect(overlongCells("Plan Settings", 0, 0, [["Plan name", "x".repeat(MAX)], ["Plan year", "2014/15"]])).toEqual([]);
    expect(overlongCells("Plan Settings", 0, 1, [["Plan name", "x".repeat(MAX + 1)], [1, null]])).toEqual(["'Plan Settings'!C1"]);
  });
});

describe("a composed sheet within the limits", () => {
  it("leaves content that fits untouched", () => {
    const content = { rows: [[{ value: "a" }, { value: 3 }]], columnWidths: [8, 44] };
    expect(fitSheetContent(content)).toBe(content);
  });

  it("shortens overlong text, clamps widths and cuts rows and columns at Excel's edges", () => {
    const wide = Array.from({ length: EXCEL_LIMITS.columns + 5 }, () => ({ value: 1 }));
    const content = { rows: [[{ value: "x".repeat(MAX + 4), style: "wrap" as const }, { value: null }], wide], columnWidths: [300, 8] };
    const fitted = fitSheetContent(content);
    expect(fitted.rows[0][0]).toEqual({ value: `${"x".repeat(MAX - 1)}…`, style: "wrap" });
    expect(fitted.rows[1]).toHaveLength(EXCEL_LIMITS.columns);
    expect(fitted.columnWidths).toEqual([255, 8]);
    expect(content.rows[0][0].value).toHaveLength(MAX + 4); // the input is not changed

    const tall = { rows: Array.from({ length: EXCEL_LIMITS.rows + 2 }, () => []), columnWidths: [] };
    const cut = fitSheetContent(tall);
    expect(cut.rows).toHaveLength(EXCEL_LIMITS.rows);
    expect(cut.rows[EXCEL_LIMITS.rows - 1][0].value).toBe("… and 3 more rows, which do not fit on one sheet.");
  });
});
