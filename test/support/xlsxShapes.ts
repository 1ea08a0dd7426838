/**
 * The same workbook as other writers write it: a plan saved by ExcelJS (setUpPlan on ExcelJsWorkbook.empty())
 * rewritten part by part into the shapes Excel, LibreOffice, Google Sheets, .NET's Open XML SDK and others
 * produce (issue 12: "shared strings or inline strings, shared formulas, 1904 dates, rich text, the x14
 * extensions, absolute part paths"). Every rewrite works on ExcelJS's own regular output (`<c r="A1" t="s">
 * <v>0</v></c>`, `<si><t>…</t></si>`), and each says whether it keeps the values a person sees in Excel
 * (then a reader must read the original plan from it) or changes some on purpose (then `expected` says how).
 *
 * Zipped again with the test zip writer: fixed entry dates, so every build is the same bytes.
 */
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/excelJsWorkbook";
import { listZipEntries, readZipEntry } from "../../src/adapters/exceljs/xlsxPreflight";
import { SAMPLE_PLAN } from "../../src/domain/sample/samplePlan";
import { PlanSeed } from "../../src/domain/planSeed";
import { setUpPlan } from "../../src/usecases/setUpPlan";
import { writeZip } from "./zipWriter";

/** A plan as `init` writes it (setUpPlan on ExcelJsWorkbook.empty()), zipped again with fixed entry dates. */
export async function planWrittenByExcelJs(seed: PlanSeed = SAMPLE_PLAN): Promise<Buffer> {
  const workbook = ExcelJsWorkbook.empty();
  const outcome = await setUpPlan(workbook, seed);
  if (!outcome.done) throw new Error(outcome.reason);
  const fixed = new Date(Date.UTC(2014, 10, 15, 12));
  workbook.workbook.created = fixed;
  workbook.workbook.modified = fixed;
  return writeZip(partsOf(await workbook.toBuffer()).map((p) => ({ name: p.name, data: p.data })));
}

export interface Part {
  readonly name: string;
  readonly data: Buffer;
}

export function partsOf(bytes: Buffer | Uint8Array): Part[] {
  const buffer = Buffer.from(bytes);
  return listZipEntries(buffer)
    .filter((entry) => !entry.name.endsWith("/"))
    .map((entry) => ({ name: entry.name, data: readZipEntry(buffer, entry) }));
}

/** One part as text (UTF-8); throws if there is no such part. */
export function partText(bytes: Buffer | Uint8Array, name: string): string {
  const part = partsOf(bytes).find((p) => p.name === name);
  if (!part) throw new Error(`No part ${name}.`);
  return part.data.toString("utf8");
}

export type XmlEdit = (xml: string, name: string) => string;

export interface Rewrite {
  /** Edits by part name, or by a pattern over part names (every matching part is edited). */
  readonly edits?: readonly (readonly [string | RegExp, XmlEdit])[];
  readonly remove?: readonly string[];
  readonly add?: readonly Part[];
}

/** Rewrites parts; an edit that changes none of the parts it names is a mistake in the test, and throws. */
export function rewrite(bytes: Buffer, { edits = [], remove = [], add = [] }: Rewrite): Buffer {
  const parts = partsOf(bytes);
  const changed = new Set<number>();
  const out = parts
    .filter((p) => !remove.includes(p.name))
    .map((part) => {
      let text: string | undefined;
      edits.forEach(([pick, edit], i) => {
        if (typeof pick === "string" ? pick !== part.name : !pick.test(part.name)) return;
        const before = text ?? part.data.toString("utf8");
        text = edit(before, part.name);
        if (text !== before) changed.add(i);
      });
      return text === undefined ? part : { name: part.name, data: Buffer.from(text, "utf8") };
    });
  edits.forEach(([pick], i) => {
    if (!changed.has(i)) throw new Error(`The edit of ${String(pick)} changed nothing.`);
  });
  for (const name of remove) if (!parts.some((p) => p.name === name)) throw new Error(`No part ${name} to remove.`);
  return writeZip([...out, ...add].map((p) => ({ name: p.name, data: p.data })));
}

// ---------------------------------------------------------------------------------------------
// Where things are in a plan ExcelJS wrote
// ---------------------------------------------------------------------------------------------

export const WORKSHEETS = /^xl\/worksheets\/sheet\d+\.xml$/;
/** The parts .NET writers prefix (every SpreadsheetML part). */
export const SPREADSHEETML = /^xl\/(workbook|styles|sharedStrings|worksheets\/sheet\d+|tables\/table\d+)\.xml$/;
export const XML_PARTS = /\.(xml|rels)$/;
export const ACTION_SHEET = "xl/worksheets/sheet1.xml";
export const SHARED_STRINGS = "xl/sharedStrings.xml";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** The `<si>` items of a shared strings part, as written (inner XML). */
export function sharedStringItems(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]);
}

export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function unescapeText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

/** The plain text of an ExcelJS `<si>` holding one `<t>`. */
function plainItem(item: string): string | undefined {
  const match = /^<t(?: xml:space="preserve")?>([^<]*)<\/t>$/.exec(item);
  return match ? unescapeText(match[1]) : undefined;
}

/** cellXfs indexes whose number format shows a date (built-in 14–22 or a custom format with d, m or y). */
export function dateStyleIndexes(stylesXml: string): Set<number> {
  const custom = new Map([...stylesXml.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [Number(m[1]), m[2]]));
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? "";
  const ids = [...cellXfs.matchAll(/<xf [^>]*?numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
  const dates = new Set<number>();
  ids.forEach((id, i) => {
    const code = custom.get(id);
    if (code !== undefined ? /[dmy]/i.test(code) : id >= 14 && id <= 22) dates.add(i);
  });
  return dates;
}

// ---------------------------------------------------------------------------------------------
// The shapes
// ---------------------------------------------------------------------------------------------

/** Every shared string cell as an inline string (`<is>` holding the item's own XML), and no shared strings part. */
export function inlineStrings(bytes: Buffer): Buffer {
  const items = sharedStringItems(partText(bytes, SHARED_STRINGS));
  return rewrite(bytes, {
    edits: [
      [WORKSHEETS, (xml) => xml.replace(/<c( [^>]*?) t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_, a: string, b: string, n: string) => `<c${a} t="inlineStr"${b}><is>${items[Number(n)]}</is></c>`)],
      ["xl/_rels/workbook.xml.rels", (xml) => xml.replace(/<Relationship [^>]*Target="sharedStrings.xml"\/>/, "")],
      ["[Content_Types].xml", (xml) => xml.replace(/<Override PartName="\/xl\/sharedStrings.xml"[^>]*\/>/, "")],
    ],
    remove: [SHARED_STRINGS],
  });
}

/**
 * The action sheet's start dates (column H) as one shared formula, a master and children each with its cached
 * value; its priorities (column B) as formulas giving strings (`t="str"`); one outcome (D2) as a one-cell
 * array formula. Values read as before.
 */
export function sharedFormulas(bytes: Buffer): Buffer {
  const items = sharedStringItems(partText(bytes, SHARED_STRINGS));
  return rewrite(bytes, {
    edits: [
      [ACTION_SHEET, (xml) => {
        const rows = [...xml.matchAll(/<c r="H(\d+)" s="(\d+)"><v>/g)].map((m) => Number(m[1]));
        const [first, last] = [Math.min(...rows), Math.max(...rows)];
        return xml
          .replace(/<c r="H(\d+)" s="(\d+)"><v>(\d+)<\/v><\/c>/g, (_, r: string, s: string, v: string) =>
            Number(r) === first
              ? `<c r="H${r}" s="${s}"><f t="shared" ref="H${first}:H${last}" si="0">DATE(2014,4,1)+0*ROW()</f><v>${v}</v></c>`
              : `<c r="H${r}" s="${s}"><f t="shared" si="0"/><v>${v}</v></c>`)
          .replace(/<c r="B(\d+)" t="s"><v>(\d+)<\/v><\/c>/g, (_, r: string, n: string) =>
            Number(r) === 1 ? `<c r="B1" t="s"><v>${n}</v></c>` : `<c r="B${r}" t="str"><f>INDEX(Priorities[Priority],1)</f><v>${escapeText(plainItem(items[Number(n)])!)}</v></c>`)
          .replace(/<c r="D2" s="1" t="s"><v>(\d+)<\/v><\/c>/, (_, n: string) => `<c r="D2" s="1" t="str"><f t="array" ref="D2">TRIM(D2)</f><v>${escapeText(plainItem(items[Number(n)])!)}</v></c>`);
      }],
    ],
  });
}

/** The action sheet's first notes (column Q, rows 2–9) as booleans, errors and formula results of each kind. */
export const TYPED_NOTES: Readonly<Record<string, { xml: string; value: unknown }>> = {
  Q2: { xml: `t="b"><v>1</v>`, value: true },
  Q3: { xml: `t="b"><v>0</v>`, value: false },
  Q4: { xml: `t="e"><v>#N/A</v>`, value: { error: "#N/A" } },
  Q5: { xml: `t="b"><f>TRUE()</f><v>1</v>`, value: true },
  Q6: { xml: `t="e"><f>1/0</f><v>#DIV/0!</v>`, value: { error: "#DIV/0!" } },
  Q7: { xml: `><f>1+1</f><v>2</v>`, value: 2 },
  // A formula never calculated (no cached value) reads as an empty cell.
  Q8: { xml: `><f>1+1</f>`, value: null },
  Q9: { xml: `t="str"><f>"a"&amp;"b"</f><v>ab</v>`, value: "ab" },
};

export function typedCells(bytes: Buffer): Buffer {
  return rewrite(bytes, {
    edits: [[ACTION_SHEET, (xml) => {
      let out = xml;
      for (const [ref, { xml: body }] of Object.entries(TYPED_NOTES)) {
        const before = out;
        out = out.replace(new RegExp(`<c r="${ref}" s="(\\d+)"/>`), (_, s: string) => `<c r="${ref}" s="${s}"${body.startsWith(">") ? "" : " "}${body}</c>`);
        if (out === before) throw new Error(`No empty ${ref} in the action sheet.`);
      }
      return out;
    }]],
  });
}

/** The 1904 date system: `date1904` set (as `1`, or as `true`, which the schema also allows) and every date serial 1,462 days less. */
export function date1904(bytes: Buffer, flag: "1" | "true" = "1"): Buffer {
  const dates = dateStyleIndexes(partText(bytes, "xl/styles.xml"));
  return rewrite(bytes, {
    edits: [
      ["xl/workbook.xml", (xml) => xml.replace("<workbookPr ", `<workbookPr date1904="${flag}" `)],
      // Formula cells too (a shared formula's cached values are serials like any other).
      [WORKSHEETS, (xml) => xml.replace(/<c r="([A-Z]+\d+)" s="(\d+)">(<f[^>]*\/>|<f[^>]*>[^<]*<\/f>)?<v>(\d+(?:\.\d+)?)<\/v><\/c>/g, (whole, r: string, s: string, f: string | undefined, v: string) =>
        dates.has(Number(s)) ? `<c r="${r}" s="${s}">${f ?? ""}<v>${Number(v) - 1462}</v></c>` : whole)],
    ],
  });
}

/** Dates written as ISO 8601 text in `t="d"` cells (ECMA-376's date cell type; some libraries write it). */
export function isoDateCells(bytes: Buffer): Buffer {
  const dates = dateStyleIndexes(partText(bytes, "xl/styles.xml"));
  return rewrite(bytes, {
    edits: [[ACTION_SHEET, (xml) => xml.replace(/<c r="([A-Z]+\d+)" s="(\d+)"><v>(\d+)<\/v><\/c>/g, (whole, r: string, s: string, v: string) => {
      if (!dates.has(Number(s))) return whole;
      const iso = new Date(Math.round((Number(v) - 25569) * 86400000)).toISOString().slice(0, 10);
      return `<c r="${r}" s="${s}" t="d"><v>${iso}T00:00:00Z</v></c>`;
    })]],
  });
}

/**
 * Every third plain shared string of more than ten characters as two rich text runs (the second bold, with
 * `xml:space="preserve"`) followed by a phonetic run (`rPh`, furigana) and its properties: Excel shows the runs'
 * text and never the phonetic guide.
 */
export function richText(bytes: Buffer, phonetic = true): Buffer {
  return rewrite(bytes, {
    edits: [[SHARED_STRINGS, (xml) => {
      let n = 0;
      return xml.replace(/<si>([\s\S]*?)<\/si>/g, (whole, item: string) => {
        const text = plainItem(item);
        if (text === undefined || text.length <= 10 || n++ % 3 !== 0) return whole;
        const cut = Math.floor(text.length / 2);
        return (
          `<si><r><t>${escapeText(text.slice(0, cut))}</t></r>` +
          `<r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr><t xml:space="preserve">${escapeText(text.slice(cut))}</t></r>` +
          (phonetic ? `<rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1" type="noConversion"/>` : "") +
          "</si>"
        );
      });
    }]],
  });
}

/** How escapes rewrite a shared string's text (applied to what a reader of the original read): those it rewrites. */
export function escapedText(text: string): string {
  return text.length >= 20 && !/[&<>"']/.test(text) ? text.replace(". ", ".\r\n").replace(/^(.{5})/, "$1_x0041_\t") : text;
}

/**
 * Shared strings of twenty characters or more (and no character XML escapes) with Excel's `_xHHHH_` escapes: a
 * carriage return (`_x000D_`, which XML cannot carry literally) before a line feed at the first sentence break, a
 * tab (`_x0009_`), and a literal `_x0041_` written as `_x005F_x0041_`.
 */
export function escapes(bytes: Buffer): Buffer {
  return rewrite(bytes, {
    edits: [[SHARED_STRINGS, (xml) => xml.replace(/<si><t(?: xml:space="preserve")?>([^<&]{20,})<\/t><\/si>/g, (_, t: string) =>
      `<si><t xml:space="preserve">${t.replace(". ", "._x000D_\n").replace(/^(.{5})/, "$1_x005F_x0041__x0009_")}</t></si>`)]],
  });
}

/** Rows and cells without `r` wherever it can be implied (the next row, the next column), as some writers save them. */
export function withoutReferences(bytes: Buffer): Buffer {
  return rewrite(bytes, {
    edits: [[WORKSHEETS, (xml) => {
      let lastRow = 0;
      return xml.replace(/<row r="(\d+)"([^>]*?)(\/?)>([\s\S]*?)(?=<row |<\/sheetData>)/g, (_, r: string, attrs: string, slash: string, rest: string) => {
        const row = Number(r);
        const rowTag = row === lastRow + 1 ? `<row${attrs}${slash}>` : `<row r="${r}"${attrs}${slash}>`;
        lastRow = row;
        let lastColumn = -1;
        const cells = rest.replace(/<c r="([A-Z]+)\d+"/g, (whole, letters: string) => {
          const column = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
          const implied = column === lastColumn + 1;
          lastColumn = column;
          return implied ? "<c" : whole;
        });
        return rowTag + cells;
      });
    }]],
  });
}

/** Every SpreadsheetML element with the `x:` prefix, as .NET's Open XML SDK writes them. */
export function prefixed(bytes: Buffer): Buffer {
  return rewrite(bytes, {
    edits: [[SPREADSHEETML, (xml) => prefixElements(xml)]],
  });
}

export function prefixElements(xml: string, prefix = "x"): string {
  return xml
    .replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, `<$1${prefix}:$2`)
    .replace(`xmlns="${MAIN}"`, `xmlns:${prefix}="${MAIN}"`);
}

/** Relationship targets as absolute part names (`/xl/worksheets/sheet1.xml`). */
export function absoluteTargets(bytes: Buffer): Buffer {
  return rewrite(bytes, {
    edits: [
      ["_rels/.rels", (xml) => xml.replace(/Target="(?!\/)/g, 'Target="/')],
      ["xl/_rels/workbook.xml.rels", (xml) => xml.replace(/Target="(?!\/)/g, 'Target="/xl/')],
      [/^xl\/worksheets\/_rels\/sheet\d+\.xml\.rels$/, (xml) => xml.replace(/Target="\.\.\//g, 'Target="/xl/')],
    ],
  });
}

/** A UTF-8 byte-order mark at the start of every XML part. */
export function byteOrderMarks(bytes: Buffer): Buffer {
  return rewrite(bytes, { edits: [[XML_PARTS, (xml) => `\uFEFF${xml}`]] });
}

/** An x14 data validation (a drop-down over another sheet, as Excel 2010+ saves it) in the action sheet's extLst. */
export const X14_VALIDATION =
  `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">` +
  `<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">` +
  `<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1><xm:f>'Lead Officers'!$A$2:$A$1048576</xm:f></x14:formula1>` +
  `<xm:sqref>G2:G1048576</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>`;

export function x14Validations(bytes: Buffer): Buffer {
  return rewrite(bytes, { edits: [[ACTION_SHEET, (xml) => xml.replace("</worksheet>", `${X14_VALIDATION}</worksheet>`)]] });
}

/** CRLF after the XML declaration (as some Windows writers save parts). */
export function crlfDeclarations(bytes: Buffer): Buffer {
  return rewrite(bytes, { edits: [[XML_PARTS, (xml) => xml.replace(/^(\uFEFF?<\?xml[^>]*\?>)\n/, "$1\r\n")]] });
}

/**
 * Worksheets pretty-printed with CRLF line ends and indents between rows and cells, and line breaks inside
 * start tags between the name and the attributes (`<row\r\n  r="2"`): well-formed XML, read as before.
 */
export function prettyPrinted(bytes: Buffer): Buffer {
  return rewrite(bytes, {
    edits: [[WORKSHEETS, (xml) => xml
      .replace(/<sheetData>/g, "<sheetData>\r\n  ")
      .replace(/<\/row>/g, "\r\n  </row>\r\n  ")
      .replace(/<row /g, "<row\r\n    ")
      .replace(/<\/c><c /g, "</c>\r\n    <c\r\n      ")
      .replace(/\/><c /g, "/>\r\n    <c\r\n      ")]],
  });
}

/** The shapes whose values a person sees in Excel are those of the plan they were made from. */
export const SAME_VALUES: readonly { readonly id: string; readonly make: (bytes: Buffer) => Buffer }[] = [
  { id: "inline strings", make: inlineStrings },
  { id: "shared formulas, str formulas, an array formula", make: sharedFormulas },
  { id: "1904 dates", make: (b) => date1904(b) },
  { id: "1904 dates (date1904=\"true\")", make: (b) => date1904(b, "true") },
  { id: "ISO dates (t=\"d\")", make: isoDateCells },
  { id: "rich text and phonetic runs", make: richText },
  { id: "inline rich text", make: (b) => inlineStrings(richText(b, false)) },
  { id: "inline rich text with phonetic runs", make: (b) => inlineStrings(richText(b)) },
  { id: "rows and cells without r", make: withoutReferences },
  { id: "x: prefix on every element", make: prefixed },
  { id: "absolute relationship targets", make: absoluteTargets },
  { id: "UTF-8 byte-order marks", make: byteOrderMarks },
  { id: "x14 data validations", make: x14Validations },
  { id: "CRLF after the declaration", make: crlfDeclarations },
  { id: "pretty-printed with CRLF, breaks inside tags", make: prettyPrinted },
  {
    id: "all at once",
    make: (b) => prefixed(prettyPrinted(crlfDeclarations(byteOrderMarks(absoluteTargets(x14Validations(withoutReferences(date1904(inlineStrings(richText(sharedFormulas(b))))))))))),
  },
];

/**
 * ISO/IEC 29500 Strict, as Excel's "Strict Open XML Spreadsheet" saves it: the purl.oclc.org namespaces for
 * SpreadsheetML, relationships and relationship types, and `conformance="strict"` on the workbook.
 */
export function strict(bytes: Buffer): Buffer {
  const names = (xml: string) => xml
    .replace(/http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main/g, "http://purl.oclc.org/ooxml/spreadsheetml/main")
    .replace(/http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships/g, "http://purl.oclc.org/ooxml/officeDocument/relationships");
  return rewrite(bytes, {
    edits: [
      [SPREADSHEETML, names],
      [/\.rels$/, names],
      ["xl/workbook.xml", (xml) => xml.replace(/<workbook /, '<workbook conformance="strict" ')],
    ],
  });
}
