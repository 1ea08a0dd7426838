import fc from "fast-check";
import { a1, CellValue } from "../../domain/cells";
import { CellStyle, SheetCell, SheetContent } from "../../domain/layout";
import { CellDecoder, scanSheet } from "./sheetXml";
import { readStyleBook, StyleAppender } from "./stylesXml";
import { summarySheetXml } from "./summarySheetXml";
import { scanXml } from "./xml";

const STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;

function read(xml: string): Map<string, { value: CellValue; style: number }> {
  const decoder: CellDecoder = { sharedStrings: [], dateStyles: new Set(), date1904: false };
  const found = new Map<string, { value: CellValue; style: number }>();
  scanSheet(xml, "summary", decoder, (c) => found.set(a1(c.row, c.column), { value: c.value, style: c.style }));
  return found;
}

const cell = (value: string | number | null, style?: CellStyle): SheetCell => (style ? { value, style } : { value });

describe("summarySheetXml", () => {
  it("writes values from A1: numbers as numbers, text as inline strings, empty formatted cells, and leaves out what is empty", () => {
    const content: SheetContent = {
      rows: [[cell("Title", "title")], [], [cell(null), cell(null, "header"), cell(3, "number"), cell(0.313, "percent")], [cell(null)]],
      columnWidths: [10, 24.5],
    };
    const styles = new StyleAppender(STYLES, "styles");
    const xml = summarySheetXml(content, styles);
    const title = styles.styleFor("title", "Title");
    const [header, number, percent] = [styles.styleFor("header", null), styles.styleFor("number", 3), styles.styleFor("percent", 0.313)];
    expect(xml).toBe(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
        `<dimension ref="A1:D3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
        `<cols><col min="1" max="1" width="10" customWidth="1"/><col min="2" max="2" width="24.5" customWidth="1"/></cols>` +
        `<sheetData><row r="1"><c r="A1" s="${title}" t="inlineStr"><is><t>Title</t></is></c></row>` +
        `<row r="3"><c r="B3" s="${header}"/><c r="C3" s="${number}"><v>3</v></c><c r="D3" s="${percent}"><v>0.313</v></c></row></sheetData>` +
        `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
    );
    const book = readStyleBook(styles.toXml(), "styles");
    expect(book.fillOf(header)).toBe("#D9E1F2");
  });

  it("writes an empty sheet as a well-formed one", () => {
    const xml = summarySheetXml({ rows: [[], [cell(null)]], columnWidths: [] }, new StyleAppender(STYLES, "styles"));
    expect(xml).toContain(`<dimension ref="A1:A1"/>`);
    expect(xml).toContain("<sheetData></sheetData>");
    expect(xml).not.toContain("<cols>");
    expect(() => scanXml(xml, "summary", {})).not.toThrow();
  });

  it("keeps text that looks like a formula, a number, a boolean or an error as text", () => {
    const texts = ["=1+1", "+44 1744", "0012", "TRUE", "#N/A", "1.5E3", "@SUM(A1)", "  padded  ", "ends with a line\n"];
    const xml = summarySheetXml({ rows: texts.map((t) => [cell(t, "wrap")]), columnWidths: [] }, new StyleAppender(STYLES, "styles"));
    expect(xml).not.toMatch(/<f[\s>]/);
    expect([...read(xml).values()].map((c) => c.value)).toEqual(texts);
  });

  it("writes any text so that it reads back exactly (control characters, carriage returns, escapes, astral characters)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom("a", " ", "_", "x", "0", "D", "\r", "\n", "\t", "\u0001", "\u001F", "\uFFFE", "&", "<", ">", '"', "😀", "é"), maxLength: 25 }), { minLength: 1, maxLength: 6 }),
        (texts) => {
          const styles = new StyleAppender(STYLES, "styles");
          const xml = summarySheetXml({ rows: [texts.map((t) => cell(t, "rag"))], columnWidths: [] }, styles);
          const got = read(xml);
          texts.forEach((t, c) => expect(got.get(a1(0, c))?.value).toBe(t));
        },
      ),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it("writes numbers Excel reads as the same numbers", () => {
    const numbers = [0, -1, 0.1 + 0.2, 1 / 3, 123456789012, 1e-7, 2.5e21, -0];
    const xml = summarySheetXml({ rows: [numbers.map((n) => cell(n, "number"))], columnWidths: [] }, new StyleAppender(STYLES, "styles"));
    expect([...read(xml).values()].map((c) => c.value)).toEqual(numbers.map((n) => (Object.is(n, -0) ? 0 : n)));
  });
});
