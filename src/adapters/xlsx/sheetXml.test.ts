import { a1, CellValue } from "../../domain/cells";
import { savedByLibreOffice } from "../../../test/support/libreOffice";
import * as shapes from "../../../test/support/xlsxShapes";
import { CellDecoder, CellWrites, excelToDate, readSharedStrings, scanSheet, SharedFormulaProblem, SheetCell, writeSheetCells } from "./sheetXml";
import { readStyleBook } from "./stylesXml";
import { prefixOf, scanXml, XmlProblem } from "./xml";

const MAIN = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
const sheet = (data: string, after = "") => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${MAIN}><sheetData>${data}</sheetData>${after}</worksheet>`;
const NO_DATES: CellDecoder = { sharedStrings: [], dateStyles: new Set(), date1904: false };

function cells(xml: string, decoder: CellDecoder = NO_DATES): Map<string, SheetCell> {
  const found = new Map<string, SheetCell>();
  scanSheet(xml, "sheet.xml", decoder, (cell) => found.set(a1(cell.row, cell.column), cell));
  return found;
}

function values(xml: string, decoder: CellDecoder = NO_DATES): Record<string, CellValue> {
  return Object.fromEntries([...cells(xml, decoder)].map(([ref, c]) => [ref, c.value]));
}

describe("scanSheet", () => {
  it("reads every kind of cell as ExcelJS's host reads it", () => {
    const decoder: CellDecoder = { sharedStrings: ["zero", "one"], dateStyles: new Set([3]), date1904: false };
    const xml = sheet(
      `<row r="1">` +
        `<c r="A1" t="s"><v>1</v></c>` +
        `<c r="B1" t="inlineStr"><is><t xml:space="preserve"> padded </t></is></c>` +
        `<c r="C1" t="inlineStr"><is><r><t>rich</t></r><r><rPr><b/></rPr><t xml:space="preserve"> text</t></r><rPh sb="0" eb="1"><t>ルビ</t></rPh><phoneticPr fontId="1"/></is></c>` +
        `<c r="D1" t="str"><f>A1</f><v>a &amp;lt; b_x000D_</v></c>` +
        `<c r="E1" t="b"><v>1</v></c><c r="F1" t="b"><v>0</v></c>` +
        `<c r="G1" t="e"><v>#REF!</v></c>` +
        `<c r="H1"><v>41730</v></c><c r="I1" s="3"><v>41730</v></c><c r="J1" s="3"><v>41730.5</v></c>` +
        `<c r="K1" s="3" t="d"><v>2014-04-01T00:00:00Z</v></c><c r="L1" t="d"><v>2014-04-01</v></c>` +
        `<c r="M1" s="3"><f>TODAY()</f><v>41730</v></c>` +
        `<c r="N1"><f>1+1</f></c><c r="O1" s="2"/><c r="P1"><v></v></c>` +
        `<c r="Q1" t="n"><v>-1.5E-3</v></c><c r="R1" t="e"><f>1/0</f><v>#DIV/0!</v></c>` +
        `<c r="S1" t="s"><v>7</v></c>` +
        `</row>`,
    );
    expect(values(xml, decoder)).toEqual({
      A1: "one",
      B1: " padded ",
      C1: "rich text",
      // Excel shows the cached text; an entity is decoded once, and _x000D_ is a carriage return.
      D1: "a &lt; b\r",
      E1: true,
      F1: false,
      G1: { error: "#REF!" },
      H1: 41730,
      I1: new Date(Date.UTC(2014, 3, 1)),
      J1: new Date(Date.UTC(2014, 3, 1, 12)),
      K1: new Date(Date.UTC(2014, 3, 1)),
      L1: new Date(Date.UTC(2014, 3, 1)),
      M1: new Date(Date.UTC(2014, 3, 1)),
      N1: null,
      O1: null,
      P1: null,
      Q1: -0.0015,
      R1: { error: "#DIV/0!" },
      // A shared string index past the end: nothing to show.
      S1: null,
    });
    expect(cells(xml, decoder).get("O1")!.style).toBe(2);
  });

  it("reads serials in the 1904 date system 1,462 days later", () => {
    const decoder: CellDecoder = { sharedStrings: [], dateStyles: new Set([1]), date1904: true };
    expect(values(sheet(`<row r="1"><c r="A1" s="1"><v>${41730 - 1462}</v></c></row>`), decoder)).toEqual({ A1: new Date(Date.UTC(2014, 3, 1)) });
    expect(excelToDate(0, true)).toEqual(new Date(Date.UTC(1904, 0, 1)));
    expect(excelToDate(1, false)).toEqual(new Date(Date.UTC(1899, 11, 31)));
  });

  it("places rows and cells without r after the one before, and jumps where r is given", () => {
    const xml = sheet(`<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>3</v></c><c><v>4</v></c></row><row/><row><c><v>5</v></c></row><row r="9"><c r="$B$9"><v>6</v></c></row><row><c><v>7</v></c></row>`);
    expect(values(xml)).toEqual({ A1: 1, B1: 2, E1: 3, F1: 4, A3: 5, B9: 6, A10: 7 });
  });

  it("reads elements whatever their prefix, and only the cells asked for, counting all", () => {
    const xml = shapes.prefixElements(sheet(`<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2" spans="1:2"><c r="A2"><v>3</v></c></row>`, `<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>`));
    expect(xml).toContain("<x:row");
    const got: SheetCell[] = [];
    const scan = scanSheet(xml, "p", NO_DATES, (c) => got.push(c), (row, column) => row === 0 && column === 1);
    expect(got).toEqual([{ row: 0, column: 1, value: 2, style: 0 }]);
    expect(scan).toEqual({ rows: 2, cells: 3, merges: ["A1:B1"], protected: false });
  });

  it("ignores rows and cells outside sheetData", () => {
    const xml = `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><extLst><ext uri="x"><row r="5"><c r="A5"><v>9</v></c></row></ext></extLst></worksheet>`;
    expect(values(xml)).toEqual({ A1: 1 });
  });

  it("refuses a part that is not XML", () => {
    expect(() => scanSheet("<worksheet><sheetData>", "xl/worksheets/sheet1.xml", NO_DATES, () => undefined)).toThrow(XmlProblem);
  });
});

describe("readSharedStrings", () => {
  it("reads plain and rich items, without phonetic guides, with escapes decoded", () => {
    const xml =
      `<sst ${MAIN} count="6" uniqueCount="6">` +
      `<si><t>plain</t></si>` +
      `<si><r><t>ri</t></r><r><rPr><i/></rPr><t xml:space="preserve">ch </t></r><rPh sb="0" eb="1"><t>フリ</t></rPh><phoneticPr fontId="0"/></si>` +
      `<si><t>line_x000D_\nbreak _x005F_x0041_</t></si>` +
      `<si><t/></si><si/>` +
      `<si><t xml:space="preserve">  spaced  </t><rPh sb="0" eb="2"><t>x</t></rPh></si>` +
      `</sst>`;
    expect(readSharedStrings(xml, "sst")).toEqual(["plain", "rich ", "line\r\nbreak _x0041_", "", "", "  spaced  "]);
    expect(readSharedStrings(shapes.prefixElements(xml), "sst")).toEqual(readSharedStrings(xml, "sst"));
  });
});

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

const one = (row: number, column: number, value: string | null): CellWrites => new Map([[row, new Map([[column, value]])]]);

/** The text with the elements of these cells taken out (by their place, however their place is written). */
function outsideCells(xml: string, written: ReadonlySet<string>): string {
  const cuts: [number, number][] = [];
  let row = -1;
  let column = -1;
  let inSheetData = false;
  scanXml(xml, "p", {
    open(e) {
      if (e.name === "sheetData") inSheetData = true;
      else if (inSheetData && e.name === "row") {
        row = e.attributes.r ? Number(e.attributes.r) - 1 : row + 1;
        column = -1;
      } else if (inSheetData && e.name === "c") {
        const letters = /^\$?([A-Z]+)/.exec(e.attributes.r ?? "")?.[1];
        column = letters ? [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 : column + 1;
      }
    },
    close(e) {
      if (e.name === "sheetData") inSheetData = false;
      if (inSheetData && e.name === "c" && written.has(a1(row, column))) cuts.push([e.start, e.end]);
    },
  });
  let out = xml;
  for (const [start, end] of cuts.reverse()) out = out.slice(0, start) + out.slice(end);
  return out;
}

function writtenRefs(writes: CellWrites): Set<string> {
  return new Set([...writes].flatMap(([row, columns]) => [...columns.keys()].map((column) => a1(row, column))));
}

/**
 * What a write may change outside the cells it writes: `r` added where a writer left it out, `spans` dropped,
 * a self-closing row opened. Start tags of rows and cells are rewritten without those, their other attributes
 * in order with one space between.
 */
function normalised(xml: string): string {
  return xml.replace(/<((?:\w+:)?(?:row|c))(\s[^>]*?)?(\/?)>/g, (_, name: string, attributes: string | undefined, slash: string) => {
    const kept = [...(attributes ?? "").matchAll(/([\w:]+)="([^"]*)"/g)].filter((m) => m[1] !== "r" && m[1] !== "spans").map((m) => ` ${m[1]}="${m[2]}"`);
    const row = /row$/.test(name);
    return `<${name}${kept.join("")}${slash && row ? `></${name}` : slash}>`;
  });
}

const ODD_VALUES: readonly (string | null)[] = [
  "Red", "Amber", " Green", "Blue ", "line one\r\nline two", "tab\there", "bell\u0007 and \u001F", "<b>&amp;\"quoted\"'</b>",
  "_x000D_ as typed", "😀 emoji", "\u00A0non-breaking\u00A0", "", null, "x".repeat(32_767),
];

describe("writeSheetCells on a small sheet", () => {
  it("replaces a cell's value with an inline string, keeping its format and nothing else of it", () => {
    const xml = sheet(`<row r="1" spans="1:3"><c r="A1" s="4" t="s"><v>0</v></c><c r="B1" s="5" cm="1"><v>2</v></c></row>`);
    const { xml: out, formulasReplaced } = writeSheetCells(xml, "p", new Map([[0, new Map<number, string | null>([[0, "new"], [1, null], [2, "  spaced  "]])]]));
    expect(out).toBe(sheet(`<row r="1" spans="1:3"><c r="A1" s="4" t="inlineStr"><is><t>new</t></is></c><c r="B1" s="5"/><c r="C1" t="inlineStr"><is><t xml:space="preserve">  spaced  </t></is></c></row>`));
    expect(formulasReplaced).toBe(false);
  });

  it("adds cells in column order among the cells there, keeping whitespace between them", () => {
    const xml = sheet(`<row r="2">\n  <c r="B2"><v>1</v></c>\n  <c r="D2"><v>2</v></c>\n</row>`);
    const writes = new Map([[1, new Map<number, string | null>([[0, "a"], [2, "c"], [4, "e"]])]]);
    const out = writeSheetCells(xml, "p", writes).xml;
    // Each new cell goes just before the first cell to its right (or before the end tag): the text between stays.
    expect(out).toBe(sheet(`<row r="2">\n  <c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2"><v>1</v></c>\n  <c r="C2" t="inlineStr"><is><t>c</t></is></c><c r="D2"><v>2</v></c>\n<c r="E2" t="inlineStr"><is><t>e</t></is></c></row>`));
  });

  it("opens a self-closing row, keeps spans a write stays inside, drops spans a write goes outside", () => {
    const xml = sheet(`<row r="1" spans="2:3" ht="20" customHeight="1"/><row r="2" spans="1:3" s="1"/>`);
    const out = writeSheetCells(xml, "p", new Map([[0, new Map([[1, "in"]])], [1, new Map([[5, "out"]])]])).xml;
    expect(out).toBe(sheet(`<row r="1" spans="2:3" ht="20" customHeight="1"><c r="B1" t="inlineStr"><is><t>in</t></is></c></row><row r="2" s="1"><c r="F2" t="inlineStr"><is><t>out</t></is></c></row>`));
  });

  it("replaces a cell where a writer left r out in its place, and gives r to the cells an inserted one would shift", () => {
    const xml = sheet(`<row><c><v>1</v></c></row><row><c><v>2</v></c><c><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>`);
    const out = writeSheetCells(xml, "p", one(1, 1, "new")).xml;
    // A replaced cell keeps its place, so nothing else needs r.
    expect(out).toBe(sheet(`<row><c><v>1</v></c></row><row><c><v>2</v></c><c r="B2" t="inlineStr"><is><t>new</t></is></c><c><v>4</v></c></row><row><c><v>5</v></c></row>`));
    expect(values(out)).toEqual({ A1: 1, A2: 2, B2: "new", C2: 4, A3: 5 });
    // An inserted cell (D, between B and the end) would push later implicit cells right: they get r.
    const gappy = sheet(`<row r="2"><c><v>2</v></c><c r="C2"><v>3</v></c><c><v>4</v></c></row>`);
    const inserted = writeSheetCells(gappy, "p", one(1, 1, "new")).xml;
    expect(values(inserted)).toEqual({ A2: 2, B2: "new", C2: 3, D2: 4 });
    expect(inserted).toContain(`<c r="D2"><v>4</v></c>`);
  });

  it("writes in the prefix the sheet's rows use", () => {
    const xml = shapes.prefixElements(sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`));
    const out = writeSheetCells(xml, "p", new Map([[0, new Map<number, string | null>([[0, " x"], [1, null]])]])).xml;
    expect(out).toContain(`<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve"> x</x:t></x:is></x:c><x:c r="B1"/></x:row>`);
    expect(values(out)).toEqual({ A1: " x", B1: null });
  });

  it("refuses a row that is not there, writing nothing", () => {
    expect(() => writeSheetCells(sheet(`<row r="1"/>`), "xl/worksheets/sheet1.xml", one(4, 0, "x"))).toThrow("xl/worksheets/sheet1.xml has no row 5 to write to.");
  });

  it("says when it replaced a formula (the calculation chain must go)", () => {
    const xml = sheet(`<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><v>1</v></c></row>`);
    expect(writeSheetCells(xml, "p", one(0, 0, "x")).formulasReplaced).toBe(true);
    expect(writeSheetCells(xml, "p", one(0, 1, "x")).formulasReplaced).toBe(false);
    expect(writeSheetCells(xml, "p", one(0, 0, null)).xml).toContain(`<c r="A1"/>`);
  });

  describe("shared and array formulas", () => {
    const xml = sheet(
      `<row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">ROW()</f><v>1</v></c><c r="B1"><f t="array" ref="B1:B2">ROW(B1:B2)</f><v>1</v></c></row>` +
        `<row r="2"><c r="A2"><f t="shared" si="0"/><v>2</v></c><c r="B2"><v>2</v></c></row>` +
        `<row r="3"><c r="A3"><f t="shared" si="0"/><v>3</v></c></row>`,
    );
    const column = (col: number, rows: number[], value = "x"): CellWrites => new Map(rows.map((r) => [r, new Map([[col, value]])]));

    it("refuses to replace a shared formula's master while cells of its range are not written", () => {
      expect(() => writeSheetCells(xml, "p", column(0, [0]))).toThrow(SharedFormulaProblem);
      expect(() => writeSheetCells(xml, "p", column(0, [0, 1]))).toThrow("Cell A1 holds a formula that cells A1:A3 share");
      const problem = (() => { try { writeSheetCells(xml, "p", column(0, [0])); } catch (e) { return e as SharedFormulaProblem; } })()!;
      expect([problem.cell, problem.ref]).toEqual(["A1", "A1:A3"]);
    });

    it("replaces the master when every cell of its range is written", () => {
      const out = writeSheetCells(xml, "p", column(0, [0, 1, 2]));
      expect(out.formulasReplaced).toBe(true);
      expect(values(out.xml)).toMatchObject({ A1: "x", A2: "x", A3: "x" });
      expect(out.xml).not.toContain(`si="0"`);
    });

    it("replaces a shared formula's child on its own (the master still holds the formula)", () => {
      const out = writeSheetCells(xml, "p", column(0, [2]));
      expect(out.formulasReplaced).toBe(true);
      expect(values(out.xml)).toMatchObject({ A1: 1, A2: 2, A3: "x" });
    });

    it("refuses to replace an array formula unless its whole range is written", () => {
      expect(() => writeSheetCells(xml, "p", column(1, [0]))).toThrow(SharedFormulaProblem);
      expect(writeSheetCells(xml, "p", column(1, [0, 1])).formulasReplaced).toBe(true);
    });

    it("refuses to replace one cell of an array formula's range on its own (Excel: \"You can't change part of an array\")", () => {
      expect(() => writeSheetCells(xml, "p", column(1, [1]))).toThrow(SharedFormulaProblem);
      expect(() => writeSheetCells(xml, "p", column(1, [1]))).toThrow(/B2 .*B1:B2/);
    });
  });
});

describe("writeSheetCells on the action sheet as other writers save it", () => {
  let plan: Buffer;
  beforeAll(async () => {
    plan = await shapes.planWrittenByExcelJs();
  });

  const cases: readonly { id: string; make: (b: Buffer) => Buffer }[] = [
    { id: "as ExcelJS writes it", make: (b) => b },
    ...shapes.SAME_VALUES,
    { id: "booleans, errors and formula results", make: shapes.typedCells },
    { id: "_x000D_ escapes", make: shapes.escapes },
    { id: "saved by LibreOffice Calc", make: savedByLibreOffice },
  ];

  it.each(cases.map((c) => [c.id, c] as const))("%s: only the written cells change, the XML stays well formed, and every cell reads back", (_, shape) => {
    const bytes = shape.make(plan);
    const xml = shapes.partText(bytes, shapes.ACTION_SHEET).replace(/^\uFEFF/, "");
    const stylesXml = shapes.partText(bytes, "xl/styles.xml").replace(/^\uFEFF/, "");
    const strings = shapes.partsOf(bytes).some((p) => p.name === shapes.SHARED_STRINGS)
      ? readSharedStrings(shapes.partText(bytes, shapes.SHARED_STRINGS).replace(/^\uFEFF/, ""), "sst")
      : [];
    const book = readStyleBook(stylesXml, "styles");
    const decoder: CellDecoder = { sharedStrings: strings, dateStyles: book.dateStyles, date1904: /date1904="(1|true)"/.test(shapes.partText(bytes, "xl/workbook.xml")) };

    // The RAG column (O) of every action row, one new cell past the last column (S2), an existing formatted
    // cell emptied (C3) and the first cell of a row (A4) replaced.
    const writes = new Map<number, Map<number, string | null>>();
    for (let row = 1; row <= 48; row++) writes.set(row, new Map([[14, ODD_VALUES[row % ODD_VALUES.length]]]));
    writes.get(1)!.set(18, "past the last column");
    writes.get(2)!.set(2, null);
    writes.get(3)!.set(0, "4.0");
    const before = cells(xml, decoder);
    const { xml: out, formulasReplaced } = writeSheetCells(xml, shapes.ACTION_SHEET, writes);

    expect(() => scanXml(out, "out", {})).not.toThrow();
    expect(formulasReplaced).toBe(false);

    // Every other cell as it was; each written one holds its text (null for "" and null) and keeps its format.
    const after = cells(out, decoder);
    const refs = writtenRefs(writes);
    const expected = new Map(before);
    for (const [row, columns] of writes) {
      for (const [column, value] of columns) {
        const ref = a1(row, column);
        expected.set(ref, { row, column, value: value === "" ? null : value, style: before.get(ref)?.style ?? 0 });
      }
    }
    expect(new Map([...after].sort())).toEqual(new Map([...expected].sort()));
    expect(after.get("C3")!.style).toBe(before.get("C3")!.style);
    expect(before.get("C3")!.style).not.toBe(0);

    // Outside the written cells' elements, the text is the same bytes (up to `r` added, `spans` dropped).
    const outside = [outsideCells(xml, refs), outsideCells(out, refs)];
    if (/without r|at once/.test(shape.id)) expect(normalised(outside[1])).toBe(normalised(outside[0]));
    else expect(outside[1]).toBe(outside[0].replace(/(<(?:\w+:)?row\s+r="2"(?:\s+(?!spans=)[\w:]+="[^"]*")*)\s+spans="[^"]*"/, "$1"));

    // New cells are written in the rows' prefix.
    const rowPrefix = prefixOf(/<([\w:]*row)[\s>]/.exec(xml)![1]);
    expect(out).toContain(`<${rowPrefix}c r="S2" t="inlineStr"><${rowPrefix}is><${rowPrefix}t>past the last column</${rowPrefix}t>`);
  });
});
