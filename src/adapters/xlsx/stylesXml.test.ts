import ExcelJS from "exceljs";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CellStyle } from "../../domain/layout";
import { RAG_RATINGS } from "../../domain/rag";
import * as shapes from "../../../test/support/xlsxShapes";
import { writeZip } from "../../../test/support/zipWriter";
import { ExcelJsWorkbook } from "../exceljs/excelJsWorkbook";
import { styleCell } from "../exceljs/excelJsStyles";
import { isDateFormat, readStyleBook, StyleAppender } from "./stylesXml";
import { XlsxPackageWorkbook } from "./xlsxPackageWorkbook";
import { scanXml } from "./xml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REAL_LAYOUTS = join(__dirname, "../../../test/fixtures/real-layouts");

/** A one-sheet workbook with this styles part and sheet data. */
function workbookWith(stylesXml: string, sheetData: string): Buffer {
  return writeZip([
    {
      name: "[Content_Types].xml",
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    },
    { name: "_rels/.rels", data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: "xl/workbook.xml", data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    },
    { name: "xl/worksheets/sheet1.xml", data: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>` },
    { name: "xl/styles.xml", data: stylesXml },
  ]);
}

/** One row per cellXfs entry: a date serial and a text, both in that format. */
function oneRowPerFormat(stylesXml: string): string {
  const count = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)![1].match(/<xf[\s>/]/g)!.length;
  return Array.from({ length: count }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" s="${i}"><v>41730.25</v></c><c r="B${i + 1}" s="${i}" t="inlineStr"><is><t>x</t></is></c></row>`).join("");
}

/** Formats and fills of every kind a workbook may hold. */
const MANY_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}">` +
  `<numFmts count="8"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"/>` +
  `<numFmt numFmtId="166" formatCode="&quot;Day &quot;0"/><numFmt numFmtId="167" formatCode="[Red]0.00"/><numFmt numFmtId="168" formatCode="0.0%"/>` +
  `<numFmt numFmtId="169" formatCode="hh:mm"/><numFmt numFmtId="170" formatCode="#,##0 &quot;days&quot;"/><numFmt numFmtId="14" formatCode="0.000"/></numFmts>` +
  `<fonts count="1"><font><sz val="11"/><name val="Arial"/></font></fonts>` +
  `<fills count="10"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
  `<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>` +
  `<fill><patternFill patternType="solid"><fgColor theme="4" tint="0.59999389629810485"/><bgColor indexed="64"/></patternFill></fill>` +
  `<fill><patternFill patternType="solid"><fgColor indexed="10"/></patternFill></fill>` +
  `<fill><gradientFill degree="90"><stop position="0"><color rgb="FFFF0000"/></stop><stop position="1"><color rgb="FF0000FF"/></stop></gradientFill></fill>` +
  `<fill><patternFill patternType="darkGray"><fgColor rgb="FF00FF00"/></patternFill></fill>` +
  `<fill><patternFill patternType="solid"><fgColor rgb="00ff00"/></patternFill></fill>` +
  `<fill><patternFill patternType="solid"/></fill>` +
  `<fill><patternFill patternType="solid"><fgColor auto="1"/></patternFill></fill></fills>` +
  `<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="24">` +
  [0, 164, 165, 166, 167, 168, 169, 170, 14, 15, 22, 45, 47, 3, 9, 49].map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`).join("") +
  [2, 3, 4, 5, 6, 7, 8, 9].map((id) => `<xf numFmtId="0" fontId="0" fillId="${id}" borderId="0" xfId="0" applyFill="${id === 2 ? 0 : 1}"/>`).join("") +
  `</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="1"><dxf><fill><patternFill patternType="solid"><fgColor rgb="FFFF0000"/></patternFill></fill></dxf></dxfs></styleSheet>`;

describe("readStyleBook", () => {
  it("knows ExcelJS's date formats: built-in 14–22 and 45–47, custom codes with y, m, d, h or s outside quotes and brackets", () => {
    const book = readStyleBook(MANY_STYLES, "styles");
    // 164 dd/mm/yyyy, 165 long date, 169 hh:mm, 15, 22, 45, 47; 14 is redefined as "0.000" (not a date).
    expect([...book.dateStyles].sort((a, b) => a - b)).toEqual([1, 2, 6, 9, 10, 11, 12]);
    expect(isDateFormat('"Day "0')).toBe(false);
    expect(isDateFormat("[Red]0.00")).toBe(false);
    expect(isDateFormat("[$-F800]dddd")).toBe(true);
  });

  it("gives solid fills as #RRGGBB, theme colours as theme, and nothing for other patterns", () => {
    const book = readStyleBook(MANY_STYLES, "styles");
    expect(Array.from({ length: 8 }, (_, i) => book.fillOf(16 + i))).toEqual(["#D9E1F2", "theme", null, null, null, "#00FF00", null, null]);
    expect(book.fillOf(0)).toBeNull();
    expect(book.fillOf(99)).toBeNull();
  });

  it("reads a part without styles as no dates and no fills, and the same whatever the prefix", () => {
    expect(readStyleBook(undefined, "styles").fillOf(3)).toBeNull();
    const plain = readStyleBook(MANY_STYLES, "styles");
    const prefixed = readStyleBook(shapes.prefixElements(MANY_STYLES, "s"), "styles");
    expect(prefixed.dateStyles).toEqual(plain.dateStyles);
    expect(Array.from({ length: 24 }, (_, i) => prefixed.fillOf(i))).toEqual(Array.from({ length: 24 }, (_, i) => plain.fillOf(i)));
  });

  describe("reads dates and fills as the ExcelJS host does", () => {
    const parts: [string, () => Promise<string>][] = [
      ["formats and fills of every kind", async () => MANY_STYLES],
      ["the plan as ExcelJS writes it", async () => shapes.partText(await shapes.planWrittenByExcelJs(), "xl/styles.xml")],
      ...readdirSync(REAL_LAYOUTS)
        .filter((f) => f.endsWith(".xlsx"))
        .map((f): [string, () => Promise<string>] => [f, async () => shapes.partText(readFileSync(join(REAL_LAYOUTS, f)), "xl/styles.xml")]),
    ];
    it.each(parts)("%s", async (_, styles) => {
      const xml = await styles();
      const bytes = workbookWith(xml, oneRowPerFormat(xml));
      const byExcelJs = await (await ExcelJsWorkbook.load(bytes)).readSheet();
      const byPackage = await XlsxPackageWorkbook.open(bytes).readSheet();
      expect(byPackage).toEqual(byExcelJs);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// StyleAppender
// ---------------------------------------------------------------------------------------------

const ALL_STYLES: readonly [CellStyle | undefined, unknown][] = [
  [undefined, "x"], ["text", "x"], ["title", "x"], ["subtitle", "x"], ["heading", "x"], ["header", "x"], ["wrap", "x"], ["number", 1], ["percent", 0.5],
  ["totalLabel", "x"], ["totalNumber", 1], ["totalPercent", 0.5], ...RAG_RATINGS.map((r): [CellStyle, unknown] => ["rag", r]), ["rag", "Purple"], ["rag", 3],
];

/** Each collection's children (their text) and count attribute. */
function collections(xml: string): Map<string, { count: string | undefined; items: string[] }> {
  const found = new Map<string, { count: string | undefined; items: string[] }>();
  let current: { count: string | undefined; items: string[] } | undefined;
  scanXml(xml, "styles", {
    open: (e) => {
      if (e.depth === 1) found.set(e.name, (current = { count: e.attributes.count, items: [] }));
    },
    close: (e) => {
      if (e.depth === 2) current!.items.push(xml.slice(e.start, e.end));
    },
  });
  return found;
}

/** The part without these collections (whole elements, wherever they are). */
function withoutCollections(xml: string, names: readonly string[]): string {
  const cuts: [number, number][] = [];
  scanXml(xml, "styles", { close: (e) => { if (e.depth === 1 && names.includes(e.name)) cuts.push([e.start, e.end]); } });
  let out = xml;
  for (const [start, end] of cuts.reverse()) out = out.slice(0, start) + out.slice(end);
  return out;
}

function appendAll(xml: string): { appender: StyleAppender; indexes: number[]; out: string } {
  const appender = new StyleAppender(xml, "xl/styles.xml");
  const indexes = ALL_STYLES.map(([style, value]) => appender.styleFor(style, value));
  return { appender, indexes, out: appender.toXml() };
}

/** Styles parts to append to: as writers write them. */
const STYLES_PARTS: readonly [string, (plan: string) => string][] = [
  ["as ExcelJS writes it (numFmts, dxfs, extLst)", (plan) => plan],
  ["without numFmts", (plan) => plan.replace(/<numFmts[\s\S]*?<\/numFmts>/, "").replace(/numFmtId="164"/g, 'numFmtId="14"')],
  ["with an x: prefix on every element", (plan) => shapes.prefixElements(plan)],
  ["with self-closing collections and no counts (openpyxl, hand-made)", () =>
    `<?xml version="1.0" encoding="UTF-8"?>\r\n<styleSheet xmlns="${MAIN}"><numFmts count="0" /><fonts><font><name val="Arial" /><sz val="10" /></font></fonts>` +
    `<fills><fill><patternFill /></fill><fill><patternFill patternType="gray125" /></fill></fills><borders><border><left /><right /><top /><bottom /><diagonal /></border></borders>` +
    `<cellStyleXfs><xf numFmtId="0" fontId="0" fillId="0" borderId="0" /></cellStyleXfs><cellXfs><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" /></cellXfs>` +
    `<cellStyles><cellStyle name="Normal" xfId="0" builtinId="0" /></cellStyles><tableStyles count="0" defaultTableStyle="TableStyleMedium9" /></styleSheet>`],
  ["pretty-printed, with custom formats already using ids above 164", (plan) =>
    plan.replace(/<numFmts count="1">/, `<numFmts count="2">\n    <numFmt numFmtId="190" formatCode="0.000"/>\n    `).replace(/<\/cellXfs>/, "\n  </cellXfs>").replace(/<fonts /, "\n  <fonts ")],
  ["with the tool's own percent format already there", (plan) => plan.replace(/<numFmts count="1">/, `<numFmts count="2"><numFmt numFmtId="170" formatCode="0.0%"/>`)],
];

describe("StyleAppender", () => {
  let plan: string;
  beforeAll(async () => {
    plan = shapes.partText(await shapes.planWrittenByExcelJs(), "xl/styles.xml");
  });

  it.each(STYLES_PARTS)("%s: appends, updates counts, keeps every entry there byte for byte, and a second pass changes nothing", (_, make) => {
    const before = make(plan);
    const { appender, indexes, out } = appendAll(before);
    expect(appender.changed).toBe(true);
    expect(() => scanXml(out, "out", {})).not.toThrow();

    const was = collections(before);
    const now = collections(out);
    for (const [name, { items }] of was) {
      // Entries already there: the same text at the same index.
      expect(now.get(name)!.items.slice(0, items.length)).toEqual(items);
    }
    for (const [name, { count, items }] of now) {
      if (count !== undefined || was.get(name)?.items.length !== items.length) expect(Number(count)).toBe(items.length);
    }
    // Outside the collections added to, nothing moved.
    const grown = [...now].filter(([name, c]) => (was.get(name)?.items.length ?? 0) !== c.items.length).map(([name]) => name);
    expect(grown.sort()).toEqual(expect.arrayContaining(["cellXfs", "fills", "fonts", "borders"]));
    expect(withoutCollections(out, grown)).toBe(withoutCollections(before, grown));

    // A cell with no style keeps the workbook's default format; plain text and a rating that is not one share
    // one format, top-aligned only (so an ID sits level with the wrapped text beside it in a tall row).
    expect(indexes[0]).toBe(0);
    const plain = indexes[1];
    expect(plain).not.toBe(0);
    expect(indexes.slice(-2)).toEqual([plain, plain]);
    expect(now.get("cellXfs")!.items[plain]).toMatch(/<(?:x:)?alignment vertical="top"\/>/);
    expect(new Set(indexes.slice(1, -2)).size).toBe(indexes.length - 3);
    // Every format of the tool's is top-aligned.
    for (const i of new Set(indexes.slice(1))) expect(now.get("cellXfs")!.items[i]).toMatch(/vertical="top"/);
    const cellXfs = now.get("cellXfs")!.items.length;
    for (const i of indexes) expect(i).toBeLessThan(cellXfs);

    // Idempotent: a second appender over the output finds every format and changes nothing.
    const again = appendAll(out);
    expect(again.indexes).toEqual(indexes);
    expect(again.appender.changed).toBe(false);
    expect(again.out).toBe(out);
  });

  it("writes new formats in the part's prefix and reads back its own date and fill formats", () => {
    const { out, indexes } = appendAll(shapes.prefixElements(plan));
    expect(out).toMatch(/<x:xf numFmtId="\d+" fontId="\d+" fillId="\d+" borderId="\d+" xfId="0"/);
    expect(out).not.toMatch(/<(xf|font|fill|border|numFmt)[\s>]/);
    const book = readStyleBook(out, "styles");
    const header = indexes[ALL_STYLES.findIndex(([s]) => s === "header")];
    const red = indexes[ALL_STYLES.findIndex(([s, v]) => s === "rag" && v === "Red")];
    expect([book.fillOf(header), book.fillOf(red)]).toEqual(["#D9E1F2", "#C00000"]);
    expect(book.dateStyles.has(header)).toBe(false);
  });

  it("adds a numFmts collection where the schema puts it (before fonts) when there is none, with a new id above 163", () => {
    const without = STYLES_PARTS[1][1](plan);
    const out = appendAll(without).out;
    expect(out).toMatch(/<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"\/><\/numFmts><fonts /);
    const higher = appendAll(STYLES_PARTS[4][1](plan)).out;
    expect(higher).toContain(`<numFmt numFmtId="191" formatCode="0.0%"/>`);
    const reused = appendAll(STYLES_PARTS[5][1](plan));
    expect(reused.out).not.toMatch(/numFmtId="(?!164|170)\d{3}" formatCode/);
  });

  it("names the workbook's own typeface in the fonts it adds", () => {
    expect(appendAll(STYLES_PARTS[3][1](plan)).out).toContain(`<font><b/><sz val="16"/><name val="Arial"/></font>`);
    expect(appendAll(plan).out).toContain(`<font><b/><sz val="16"/><name val="Calibri"/></font>`);
  });

  it("refuses a part that is not a styles part", () => {
    expect(() => new StyleAppender(`<worksheet xmlns="${MAIN}"/>`, "xl/styles.xml")).toThrow("xl/styles.xml is not a styles part.");
  });

  it("formats each of the tool's styles as the ExcelJS host does (font, fill, alignment, number format, border)", async () => {
    const appender = new StyleAppender(plan, "xl/styles.xml");
    const rows = ALL_STYLES.map(([style, value], i) => {
      const s = appender.styleFor(style, value);
      const v = typeof value === "number" ? `<v>${value}</v>` : `<is><t>${String(value)}</t></is>`;
      return `<row r="${i + 1}"><c r="A${i + 1}"${s ? ` s="${s}"` : ""}${typeof value === "number" ? "" : ` t="inlineStr"`}>${v}</c></row>`;
    });
    const byPackage = new ExcelJS.Workbook();
    await byPackage.xlsx.load(workbookWith(appender.toXml(), rows.join("")) as unknown as ArrayBuffer);

    const byExcelJs = new ExcelJS.Workbook();
    const sheet = byExcelJs.addWorksheet("Sheet1");
    ALL_STYLES.forEach(([style, value], i) => {
      const cell = sheet.getCell(`A${i + 1}`);
      cell.value = value as ExcelJS.CellValue;
      styleCell(cell, style, value);
    });
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(await byExcelJs.xlsx.writeBuffer());

    const look = (cell: ExcelJS.Cell) => ({
      bold: cell.font?.bold === true,
      size: cell.font?.size ?? 11,
      colour: cell.font?.color?.argb ?? null,
      fill: cell.fill?.type === "pattern" && cell.fill.pattern === "solid" ? cell.fill.fgColor?.argb : null,
      wrap: cell.alignment?.wrapText === true,
      numFmt: cell.numFmt ?? "General",
      top: cell.border?.top?.style ?? null,
    });
    const looks = (workbook: ExcelJS.Workbook) => ALL_STYLES.map((_, i) => look(workbook.worksheets[0].getCell(`A${i + 1}`)));
    expect(looks(byPackage)).toEqual(looks(reread));
  });
});
