/**
 * The command line's file host (src/adapters/xlsx/, issue 12) through the port and the use-cases: what it
 * reads, what it writes, and what it refuses. Byte-level checks use test/support/packageDiff.ts.
 */
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { UnsupportedChangeError, XlsxPackageWorkbook } from "../src/adapters/xlsx/xlsxPackageWorkbook";
import { ACTION_COLUMNS, ACTION_PLAN } from "../src/domain/contract";
import { WorkbookConflictError } from "../src/port/errors";
import { buildSummary } from "../src/usecases/buildSummary";
import { setUpPlan } from "../src/usecases/setUpPlan";
import { SAMPLE_PLAN } from "../src/domain/sample/samplePlan";
import { changedParts, packageParts } from "./support/packageDiff";
import { writeZip, ZipWriterEntry } from "./support/zipWriter";

const Q3 = { quarter: "Q3" as const };
const SUMMARY = "Q3 2014-15 Summary";
const ACTION_SHEET = "xl/worksheets/sheet1.xml";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

async function planBytes(): Promise<Buffer> {
  const workbook = ExcelJsWorkbook.empty();
  const outcome = await setUpPlan(workbook, SAMPLE_PLAN);
  if (!outcome.done) throw new Error(outcome.reason);
  return workbook.toBuffer();
}

/** The package with parts rewritten (by name) and added. */
function rewrite(bytes: Buffer, edits: Record<string, (xml: string) => string>, extra: ZipWriterEntry[] = []): Buffer {
  const parts = packageParts(bytes);
  return writeZip([...[...parts].map(([name, data]) => ({ name, data: edits[name] ? edits[name](data.toString("utf8")) : data })), ...extra]);
}

async function summaryBytes(bytes: Buffer): Promise<Buffer> {
  const workbook = XlsxPackageWorkbook.open(bytes);
  const outcome = await buildSummary(workbook, Q3);
  if (!outcome.done) throw new Error(outcome.reason);
  return workbook.toBytes();
}

/** The RAG column's letter in the tool's own layout. */
async function ragLetter(bytes: Buffer): Promise<string> {
  const table = (await XlsxPackageWorkbook.open(bytes).read()).tables.find((t) => t.name === ACTION_PLAN.table)!;
  return String.fromCharCode(65 + table.left + table.headers.indexOf(ACTION_COLUMNS.rag));
}

/** The action sheet with this cell as the first action's RAG (the sample plan's first action is on row 2, with no rating yet). */
function withRagCell(xml: string, rag: string, cell: string): string {
  const existing = new RegExp(`<c r="${rag}2"[^>]*?(/>|>.*?</c>)`);
  if (existing.test(xml)) return xml.replace(existing, cell);
  // Before the first cell to its right, or at the end of the row.
  const next = new RegExp(`<c r="([${String.fromCharCode(rag.charCodeAt(0) + 1)}-Z])2"`).exec(xml);
  const out = next ? xml.slice(0, next.index) + cell + xml.slice(next.index) : xml.replace(/(<row r="2"[^>]*>.*?)(<\/row>)/, `$1${cell}$2`);
  if (out === xml) throw new Error("No row 2 to put the RAG cell in.");
  return out;
}

describe("the file host", () => {
  it("reads only the parts the plan needs: a damaged part nothing refers to is copied, never inflated", async () => {
    // A part whose stored bytes are not a deflate stream: reading it would fail as damaged.
    const broken: ZipWriterEntry = { name: "xl/media/notes.bin", data: Buffer.from("not deflated at all"), deflated: { size: 1000, crc: 0 } };
    const before = rewrite(await planBytes(), {}, [broken]);
    const after = await summaryBytes(before);
    const raw = (bytes: Buffer, name: string) => {
      const at = bytes.indexOf(Buffer.from(name)) + name.length;
      return bytes.subarray(at, at + broken.data.length).toString();
    };
    expect(raw(after, broken.name)).toBe("not deflated at all");
  });

  it("rebuilding a summary sheet that carries a chart drops the chart's parts, their relationships and content types, and keeps a part another sheet also uses", async () => {
    const first = await summaryBytes(await planBytes());
    const parts = packageParts(first);
    const summaryPart = [...parts.keys()].find((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name) && parts.get(name)!.toString().includes("Made by the CSP Action Plan tool"))!;
    const sheetRels = summaryPart.replace("worksheets/", "worksheets/_rels/") + ".rels";
    const rels = (...targets: [string, string][]) =>
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${targets
        .map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${type}" Target="${target}"/>`)
        .join("")}</Relationships>`;
    const withChart = rewrite(
      first,
      {
        [summaryPart]: (xml) => xml.replace("</worksheet>", `<drawing r:id="rId1"/></worksheet>`),
        "[Content_Types].xml": (xml) =>
          xml.replace(
            "</Types>",
            '<Override PartName="/xl/drawings/drawing9.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>' +
              '<Override PartName="/xl/charts/chart9.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
          ),
        // The Action Plan sheet also uses the shared image: it must stay.
        "xl/worksheets/_rels/sheet1.xml.rels": (xml) => xml.replace("</Relationships>", `<Relationship Id="rId99" Type="${REL}/image" Target="../media/shared.png"/></Relationships>`),
      },
      [
        { name: sheetRels, data: rels(["drawing", "../drawings/drawing9.xml"]) },
        { name: "xl/drawings/drawing9.xml", data: '<?xml version="1.0"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>' },
        { name: "xl/drawings/_rels/drawing9.xml.rels", data: rels(["chart", "../charts/chart9.xml"], ["image", "../media/shared.png"]) },
        { name: "xl/charts/chart9.xml", data: '<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>' },
        { name: "xl/media/shared.png", data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      ],
    );
    const rebuilt = await summaryBytes(withChart);
    const change = changedParts(withChart, rebuilt);
    expect(change.removed).toEqual([sheetRels, "xl/charts/chart9.xml", "xl/drawings/_rels/drawing9.xml.rels", "xl/drawings/drawing9.xml"].sort());
    expect(change.added).toEqual([]);
    expect(packageParts(rebuilt).has("xl/media/shared.png")).toBe(true);
    const types = packageParts(rebuilt).get("[Content_Types].xml")!.toString();
    expect(types).not.toContain("drawing9");
    expect(types).not.toContain("chart9");
    expect(packageParts(rebuilt).get(summaryPart)!.toString()).not.toContain("<drawing");
    // And the result opens as a workbook with the summary in it.
    expect((await (await ExcelJsWorkbook.load(rebuilt)).read()).sheetNames).toContain(SUMMARY);
  });

  it("replaces RAG formulas with ratings and drops the calculation chain that listed them", async () => {
    const plan = await planBytes();
    const rag = await ragLetter(plan);
    const withFormulas = rewrite(
      plan,
      {
        [ACTION_SHEET]: (xml) => withRagCell(xml, rag, `<c r="${rag}2" t="str"><f>"Green"</f><v>Green</v></c>`),
        "[Content_Types].xml": (xml) => xml.replace("</Types>", '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'),
        "xl/_rels/workbook.xml.rels": (xml) => xml.replace("</Relationships>", `<Relationship Id="rId90" Type="${REL}/calcChain" Target="calcChain.xml"/></Relationships>`),
      },
      [{ name: "xl/calcChain.xml", data: `<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="${rag}2" i="1"/></calcChain>` }],
    );
    expect(packageParts(withFormulas).get(ACTION_SHEET)!.toString()).toContain("<f>");
    const after = await summaryBytes(withFormulas);
    const parts = packageParts(after);
    expect(parts.has("xl/calcChain.xml")).toBe(false);
    expect(parts.get("xl/_rels/workbook.xml.rels")!.toString()).not.toContain("calcChain");
    expect(parts.get("[Content_Types].xml")!.toString()).not.toContain("calcChain");
    expect(parts.get(ACTION_SHEET)!.toString()).not.toContain("<f>");
  });

  it("refuses, writing nothing, to replace a shared formula other cells depend on", async () => {
    const plan = await planBytes();
    const rag = await ragLetter(plan);
    const shared = rewrite(plan, {
      [ACTION_SHEET]: (xml) => withRagCell(xml, rag, `<c r="${rag}2" t="str"><f t="shared" ref="${rag}2:${rag}80" si="0">"Green"</f><v>Green</v></c>`),
    });
    const workbook = XlsxPackageWorkbook.open(shared);
    const outcome = await buildSummary(workbook, Q3);
    expect(outcome.done).toBe(false);
    expect(!outcome.done && outcome.reason).toMatch(new RegExp(`Cell ${rag}2 holds a formula that cells ${rag}2:${rag}80 share.*Nothing was written`));
    expect(workbook.changed).toBe(false);
    expect(workbook.toBytes().equals(shared)).toBe(true);
  });

  it("refuses to replace a very hidden summary sheet, writing nothing", async () => {
    const first = await summaryBytes(await planBytes());
    const hidden = rewrite(first, { "xl/workbook.xml": (xml) => xml.replace(new RegExp(`(<sheet [^>]*name="${SUMMARY}")`), '$1 state="veryHidden"') });
    expect(packageParts(hidden).get("xl/workbook.xml")!.toString()).toContain("veryHidden");
    const workbook = XlsxPackageWorkbook.open(hidden);
    const outcome = await buildSummary(workbook, Q3);
    expect(!outcome.done && outcome.reason).toContain(`The sheet "${SUMMARY}" is very hidden`);
    expect(workbook.toBytes().equals(hidden)).toBe(true);
  });

  it("refuses a keyed write whose action is gone, and table changes it leaves to the ExcelJS host", async () => {
    const workbook = XlsxPackageWorkbook.open(await planBytes());
    await workbook.read();
    await expect(
      workbook.apply([{ kind: "setColumn", table: ACTION_PLAN.table, key: ACTION_COLUMNS.id, column: ACTION_COLUMNS.rag, rows: [{ id: "9.9", value: "Red" }] }]),
    ).rejects.toThrow(WorkbookConflictError);
    await expect(workbook.apply([{ kind: "renameTable", table: ACTION_PLAN.table, name: "Other" }])).rejects.toThrow(UnsupportedChangeError);
    expect(workbook.changed).toBe(false);
  });

  it("a second change set sees the first: building the same summary twice changes only the action sheet's unchanged ratings (nothing)", async () => {
    const workbook = XlsxPackageWorkbook.open(await planBytes());
    expect((await buildSummary(workbook, Q3)).done).toBe(true);
    const once = workbook.toBytes();
    expect((await buildSummary(workbook, Q3)).done).toBe(true);
    const change = changedParts(once, workbook.toBytes());
    // Ratings and formats already there: the styles part and the sheet lists are as they were.
    expect(change).toEqual({ changed: [], removed: [], added: [] });
  });
});
