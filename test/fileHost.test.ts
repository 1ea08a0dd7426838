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

/** A sheet with no reference to a styles part: no cell formats, no conditional formats (their dxfs live there). */
function withoutFormats(xml: string): string {
  return xml.replace(/ s="\d+"/g, "").replace(/<conditionalFormatting\b.*?<\/conditionalFormatting>/g, "");
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

  it("writes a part it read as UTF-16 back as UTF-8, saying so in its XML declaration", async () => {
    const plan = await planBytes();
    const utf16 = writeZip(
      [...packageParts(plan)].map(([name, data]) => {
        if (name !== ACTION_SHEET) return { name, data };
        const xml = data.toString("utf8").replace(/encoding="UTF-8"/, 'encoding="UTF-16"');
        return { name, data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]) };
      }),
    );
    const after = await summaryBytes(utf16);
    const sheet = packageParts(after).get(ACTION_SHEET)!.toString("utf8");
    expect(sheet.startsWith('<?xml version="1.0" encoding="UTF-8"')).toBe(true);
    const reread = await XlsxPackageWorkbook.open(after).read();
    const before = await XlsxPackageWorkbook.open(utf16).read();
    expect(reread.tables.find((t) => t.name === ACTION_PLAN.table)!.rows.length).toBe(before.tables.find((t) => t.name === ACTION_PLAN.table)!.rows.length);
    expect((await (await ExcelJsWorkbook.load(after)).read()).sheetNames).toContain(SUMMARY);
  });

  it("refuses a part in an encoding OPC does not allow, rather than misread (and rewrite) the user's text", async () => {
    const latin1 = rewrite(await planBytes(), { [ACTION_SHEET]: (xml) => xml.replace(/encoding="UTF-8"/, 'encoding="ISO-8859-1"') });
    await expect(XlsxPackageWorkbook.open(latin1).read()).rejects.toThrow(/written in the ISO-8859-1 encoding, which Excel workbooks never use/);
  });

  it("refuses a package holding the same part twice (names differing only in case)", async () => {
    const plan = await planBytes();
    const doubled = writeZip([...[...packageParts(plan)].map(([name, data]) => ({ name, data })), { name: "XL/Worksheets/Sheet1.xml", data: "<worksheet/>" }]);
    expect(() => XlsxPackageWorkbook.open(doubled)).toThrow(/holds the part "XL\/Worksheets\/Sheet1.xml" twice/);
  });

  it("refuses to write on a protected sheet, and to add a sheet to a workbook whose structure is protected, writing nothing", async () => {
    const plan = await planBytes();
    const protectedSheet = rewrite(plan, { [ACTION_SHEET]: (xml) => xml.replace("</sheetData>", '</sheetData><sheetProtection sheet="1" objects="1" scenarios="1"/>') });
    const one = XlsxPackageWorkbook.open(protectedSheet);
    const refused = await buildSummary(one, Q3);
    expect(!refused.done && refused.reason).toMatch(/The sheet "Action Plan" is protected .*Nothing was written/);
    expect(one.toBytes().equals(protectedSheet)).toBe(true);

    const locked = rewrite(plan, { "xl/workbook.xml": (xml) => xml.replace("<sheets>", '<workbookProtection lockStructure="1"/><sheets>') });
    expect(packageParts(locked).get("xl/workbook.xml")!.toString()).toContain("lockStructure");
    const two = XlsxPackageWorkbook.open(locked);
    const noSheet = await buildSummary(two, Q3);
    expect(!noSheet.done && noSheet.reason).toMatch(/structure is protected .*the sheet "Q3 2014-15 Summary" cannot be added/);
    expect(two.toBytes().equals(locked)).toBe(true);
  });

  it("tells the command line when the workbook has a password to modify", async () => {
    const plan = await planBytes();
    expect(XlsxPackageWorkbook.open(plan).passwordToModify).toBe(false);
    const guarded = rewrite(plan, { "xl/workbook.xml": (xml) => xml.replace(/(<workbook\b[^>]*>)/, '$1<fileSharing userName="Clerk" reservationPassword="CBEB"/>') });
    expect(XlsxPackageWorkbook.open(guarded).passwordToModify).toBe(true);
  });

  it("asks Excel to recalculate on opening, so formulas counting the RAG column do not show old results", async () => {
    const plan = await planBytes();
    const withCalc = packageParts(await summaryBytes(plan)).get("xl/workbook.xml")!.toString();
    expect(withCalc).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    // A workbook without calcPr gets one where the schema puts it: after definedNames, before anything later.
    const without = rewrite(plan, { "xl/workbook.xml": (xml) => xml.replace(/<calcPr[^>]*\/>/, "") });
    const added = packageParts(await summaryBytes(without)).get("xl/workbook.xml")!.toString();
    expect(added).toMatch(/<\/definedNames><calcPr fullCalcOnLoad="1"\/><\/workbook>/);
  });

  it("gives a workbook without a styles part (it is optional) one for the summary's formats", async () => {
    const plan = await planBytes();
    const styleless = writeZip(
      [...packageParts(plan)]
        .filter(([name]) => name !== "xl/styles.xml")
        .map(([name, data]) => ({
          name,
          data: name === "xl/_rels/workbook.xml.rels" ? data.toString().replace(/<Relationship [^>]*styles"[^>]*\/>/, "") : name.startsWith("xl/worksheets/sheet") ? withoutFormats(data.toString()) : data,
        })),
    );
    expect(packageParts(styleless).get("xl/_rels/workbook.xml.rels")!.toString()).not.toContain("styles");
    const after = await summaryBytes(styleless);
    const parts = packageParts(after);
    expect(parts.get("xl/_rels/workbook.xml.rels")!.toString()).toMatch(/relationships\/styles" Target="styles.xml"/);
    expect(parts.get("[Content_Types].xml")!.toString()).toContain('PartName="/xl/styles.xml"');
    expect(parts.get("xl/styles.xml")!.toString()).toContain('<sz val="16"/>');
    expect((await (await ExcelJsWorkbook.load(after)).read()).sheetNames).toContain(SUMMARY);
  });
});
