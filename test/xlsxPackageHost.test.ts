/**
 * Issue 12: the package host (src/adapters/xlsx) reads what the ExcelJS host read, from files Excel,
 * LibreOffice, Google Sheets, .NET writers and ExcelJS itself wrote, and writes a summary leaving every part
 * it does not own byte for byte as it was. Each shape of file is the sample plan rewritten part by part
 * (test/support/xlsxShapes.ts), or saved again by LibreOffice. Where ExcelJS itself misreads a shape, the
 * package host is held to what Excel shows (the plan the shape was made from) and ExcelJS's misreading is
 * pinned down, so a change in either is noticed.
 */
import ExcelJS from "exceljs";
import { SaxesParser } from "saxes";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { listZipEntries, rawZipEntry, readZipEntry } from "../src/adapters/exceljs/xlsxPreflight";
import { XlsxPackageWorkbook } from "../src/adapters/xlsx/xlsxPackageWorkbook";
import { a1, CellValue } from "../src/domain/cells";
import { gridOf } from "../src/domain/sheetAdoption/grid";
import { SheetCells } from "../src/domain/sheetCells";
import { SheetContent } from "../src/domain/layout";
import { TableSnapshot, WorkbookSnapshot } from "../src/domain/snapshot";
import { SummaryReport } from "../src/domain/summary";
import { summarySheet } from "../src/domain/summarySheet";
import { buildSummary } from "../src/usecases/buildSummary";
import { savedByLibreOffice } from "./support/libreOffice";
import { withTempDir } from "./support/tempDir";
import { CellDump, dumpWorkbook, mergedAway, sheetOf } from "./support/workbookDump";
import * as shapes from "./support/xlsxShapes";

const REAL_LAYOUTS = join(__dirname, "fixtures", "real-layouts");

/** How ExcelJS reads a shape: as Excel shows it, not at all, or wrongly (the check says how). */
type ExcelJsReading = "same" | { readonly throws: RegExp } | { readonly misreads: (byExcelJs: WorkbookSnapshot, truth: WorkbookSnapshot) => void };

interface Shape {
  readonly id: string;
  readonly make: (plan: Buffer) => Buffer;
  readonly excelJs: ExcelJsReading;
  /** Where ExcelJS misreads the shape: a file it reads right holding the same values (the plan if absent). */
  readonly sameAs?: (plan: Buffer) => Buffer;
  /** ExcelJS reads the shape but cannot save it again (`summary` through the ExcelJS host fails so). */
  readonly excelJsCannotSave?: RegExp;
  /** What Excel shows, from what it shows for the plan the shape was made from (unchanged if absent). */
  readonly expected?: (truth: WorkbookSnapshot) => WorkbookSnapshot;
}

function actionPlan(snapshot: WorkbookSnapshot): TableSnapshot {
  return snapshot.tables.find((t) => t.name === "ActionPlan")!;
}

function mapStrings(snapshot: WorkbookSnapshot, map: (text: string) => string): WorkbookSnapshot {
  const cell = (v: CellValue): CellValue => (typeof v === "string" ? map(v) : v);
  return { ...snapshot, tables: snapshot.tables.map((t) => ({ ...t, headers: t.headers.map(map), rows: t.rows.map((r) => r.map(cell)) })) };
}

const startDateOfFirstAction = (s: WorkbookSnapshot) => actionPlan(s).rows[0][actionPlan(s).headers.indexOf("Start date")];

/** Formula results ExcelJS turns into dates: an error and a text in date-formatted cells (target dates of 1.4 and 1.5). */
function formulaResultsInDateCells(bytes: Buffer): Buffer {
  return shapes.rewrite(bytes, {
    edits: [[shapes.ACTION_SHEET, (xml) => xml
      .replace(/<c r="I5" s="(\d+)"><v>\d+<\/v><\/c>/, `<c r="I5" s="$1" t="e"><f>DATE(2015,3,31)+"x"</f><v>#VALUE!</v></c>`)
      .replace(/<c r="I6" s="(\d+)"><v>\d+<\/v><\/c>/, `<c r="I6" s="$1" t="str"><f>"TBC"</f><v>TBC</v></c>`)]],
  });
}

const SHAPES: readonly Shape[] = [
  { id: "as ExcelJS writes it", make: (b) => b, excelJs: "same" },
  { id: "inline strings", make: shapes.inlineStrings, excelJs: "same" },
  { id: "shared formulas, str formulas, an array formula", make: shapes.sharedFormulas, excelJs: "same" },
  { id: "booleans, errors and formula results", make: shapes.typedCells, excelJs: "same", expected: (truth) => ({
    ...truth,
    tables: truth.tables.map((t) => (t.name !== "ActionPlan" ? t : {
      ...t,
      rows: t.rows.map((r, i) => (i > 7 ? r : r.map((v, c) => (c === t.headers.indexOf("Notes") ? (shapes.TYPED_NOTES[`Q${i + 2}`].value as CellValue) : v)))),
    })),
  }) },
  { id: "1904 dates", make: (b) => shapes.date1904(b), excelJs: "same" },
  {
    id: "1904 dates (date1904=\"true\")",
    make: (b) => shapes.date1904(b, "true"),
    // ExcelJS takes only "1" for the 1904 system: every date reads four years and a day early.
    excelJs: { misreads: (byExcelJs) => expect(startDateOfFirstAction(byExcelJs)).toEqual(new Date(Date.UTC(2010, 2, 31))) },
  },
  {
    id: "ISO dates (t=\"d\")",
    make: shapes.isoDateCells,
    // ExcelJS parses "2014-04-01T…" as the number 2014, then as a serial: 6 July 1905.
    excelJs: { misreads: (byExcelJs) => expect(startDateOfFirstAction(byExcelJs)).toEqual(new Date(Date.UTC(1905, 6, 6))) },
  },
  { id: "rich text and phonetic runs", make: (b) => shapes.richText(b), excelJs: "same" },
  { id: "inline rich text", make: (b) => shapes.inlineStrings(shapes.richText(b, false)), excelJs: "same" },
  {
    id: "inline rich text with phonetic runs",
    make: (b) => shapes.inlineStrings(shapes.richText(b)),
    // ExcelJS ends an inline string's cell at its </rPh> and loses its place: every later cell of the sheet reads empty.
    excelJs: { misreads: (byExcelJs, truth) => {
      expect(actionPlan(byExcelJs).headers).not.toEqual(actionPlan(truth).headers);
      expect(actionPlan(byExcelJs).rows.flat().every((v) => v === null)).toBe(true);
    } },
  },
  { id: "_x000D_ and _x005F_ escapes", make: shapes.escapes, excelJs: "same", expected: (truth) => mapStrings(truth, shapes.escapedText) },
  {
    id: "inline strings with _x000D_ and _x005F_ escapes",
    make: (b) => shapes.inlineStrings(shapes.escapes(b)),
    // ExcelJS decodes escapes only in shared strings: in inline strings it shows them as written.
    excelJs: { misreads: (byExcelJs, truth) => {
      expect(byExcelJs).not.toEqual(truth);
      expect(actionPlan(byExcelJs).rows[0][1]).toBe("Anti-_x005F_x0041__x0009_social behaviour");
      expect(actionPlan(truth).rows[0][1]).toBe("Anti-_x0041_\tsocial behaviour");
    } },
    expected: (truth) => mapStrings(truth, shapes.escapedText),
    sameAs: shapes.escapes,
  },
  { id: "rows and cells without r", make: shapes.withoutReferences, excelJs: { throws: /Invalid row number in model/ } },
  { id: "x: prefix on every element", make: shapes.prefixed, excelJs: { throws: /sheetNo/ } },
  { id: "absolute relationship targets", make: shapes.absoluteTargets, excelJs: { throws: /Cannot read properties of undefined/ } },
  { id: "UTF-8 byte-order marks", make: shapes.byteOrderMarks, excelJs: "same" },
  { id: "ISO/IEC 29500 Strict namespaces", make: shapes.strict, excelJs: "same" },
  { id: "x14 data validations", make: shapes.x14Validations, excelJs: "same" },
  { id: "CRLF after the declaration", make: shapes.crlfDeclarations, excelJs: "same" },
  { id: "pretty-printed with CRLF, line breaks inside tags", make: shapes.prettyPrinted, excelJs: "same" },
  { id: "all of those at once", make: shapes.SAME_VALUES.find((s) => s.id === "all at once")!.make, excelJs: { throws: /./ } },
  // ExcelJS reads LibreOffice's file but fails to save it: there is no theme part ("Cannot read properties of null (reading 'theme')").
  { id: "saved by LibreOffice Calc", make: savedByLibreOffice, excelJs: "same", excelJsCannotSave: /reading 'theme'/ },
];

/** The sheet a summary was written to, as address → value (empty cells left out), as both hosts read it. */
function summaryValues(cells: SheetCells): Record<string, CellValue> {
  const found: Record<string, CellValue> = {};
  cells.values.forEach((row, r) => row.forEach((v, c) => {
    if (v !== null && v !== "") found[a1(r, c)] = v;
  }));
  return found;
}

/** A sheet's contents as address → value (empty cells left out), as the tool meant to write them. */
function contentValues(content: SheetContent): Record<string, CellValue> {
  const found: Record<string, CellValue> = {};
  content.rows.forEach((row, r) => row.forEach((cell, c) => {
    if (cell.value !== null && cell.value !== "") found[a1(r, c)] = cell.value;
  }));
  return found;
}

function mapValues(values: Record<string, CellValue>, map: (text: string) => string): Record<string, CellValue> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? map(v) : v]));
}

/**
 * Text as it reads back from a file ExcelJS wrote: ExcelJS leaves a literal `_xHHHH_` unprotected (Excel writes
 * `_x005F_xHHHH_`), so it reads back decoded, and writes a carriage return as it is, which XML reads as a line feed.
 */
function asExcelJsWritesIt(text: string): string {
  return text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\r\n?/g, "\n");
}

/** A workbook ExcelJS reads and saves, with the summary sheet the ExcelJS host writes for this report. */
async function withSummary(bytes: Buffer, report: SummaryReport): Promise<Buffer> {
  const workbook = await ExcelJsWorkbook.load(bytes);
  await workbook.apply([{ kind: "replaceSheet", sheet: report.sheetName, content: summarySheet(report) }]);
  return workbook.toBuffer();
}

/** `unzip -t` where it is installed, and every part's CRC through the preflight reader. */
function expectSoundZip(bytes: Buffer): void {
  for (const entry of listZipEntries(bytes)) readZipEntry(bytes, entry);
  if (!existsSync("/usr/bin/unzip")) return;
  withTempDir((dir) => {
    writeFileSync(join(dir, "out.xlsx"), bytes);
    const test = spawnSync("/usr/bin/unzip", ["-t", join(dir, "out.xlsx")], { encoding: "utf8" });
    expect(test.stdout).toMatch(/No errors detected/);
  });
}

let plan: Buffer;
let truth: WorkbookSnapshot;
beforeAll(async () => {
  plan = await shapes.planWrittenByExcelJs();
  truth = await (await ExcelJsWorkbook.load(plan)).read();
});

describe.each(SHAPES.map((s) => [s.id, s] as const))("the sample plan %s", (_, shape) => {
  let bytes: Buffer;
  let sameValues: Buffer;
  let excelJs: ExcelJsWorkbook | Error;
  beforeAll(async () => {
    bytes = shape.make(plan);
    sameValues = shape.sameAs ? shape.sameAs(plan) : plan;
    excelJs = await ExcelJsWorkbook.load(bytes).catch((error: Error) => error);
  });

  it("reads as Excel shows it, and as ExcelJS reads it where ExcelJS reads it right", async () => {
    const byPackage = await XlsxPackageWorkbook.open(bytes).read();
    expect(byPackage).toEqual(shape.expected ? shape.expected(truth) : truth);
    if (shape.excelJs === "same") {
      expect(excelJs).toBeInstanceOf(ExcelJsWorkbook);
      expect(await (excelJs as ExcelJsWorkbook).read()).toEqual(byPackage);
    } else if ("throws" in shape.excelJs) {
      expect(excelJs).toBeInstanceOf(Error);
      expect((excelJs as Error).message).toMatch(shape.excelJs.throws);
    } else {
      shape.excelJs.misreads(await (excelJs as ExcelJsWorkbook).read(), byPackage);
    }
  });

  it("reads each sheet's values, merges and fills as the ExcelJS host does", async () => {
    const pkg = XlsxPackageWorkbook.open(bytes);
    // Where ExcelJS misreads the shape, the reference is a file it reads right with the same values.
    const reference = shape.excelJs === "same" ? (excelJs as ExcelJsWorkbook) : await ExcelJsWorkbook.load(sameValues);
    const names = (await pkg.read()).sheetNames;
    expect(names).toEqual(truth.sheetNames);
    for (const name of names) expect(await pkg.readSheet(name)).toEqual(await reference.readSheet(name));
  });

  it("builds the summary in place: values as the ExcelJS host writes them, every part it does not own byte for byte, the styles part stable", async () => {
    const host = XlsxPackageWorkbook.open(bytes);
    const outcome = await buildSummary(host);
    // Values: what the ExcelJS host writes for the same plan (the shape itself where ExcelJS reads it right).
    const reference = await ExcelJsWorkbook.load(shape.excelJs === "same" ? bytes : sameValues);
    const refOutcome = await buildSummary(reference);
    if (!outcome.done || !refOutcome.done) {
      // Refused (a plan with error cells): refused alike, and nothing written.
      expect(outcome).toEqual(refOutcome);
      expect(host.changed).toBe(false);
      expect(host.toBytes().equals(bytes)).toBe(true);
      return;
    }
    const out = host.toBytes();
    expect(host.changed).toBe(true);
    expectSoundZip(out);

    // Parts: the same list plus two new worksheets (the summary, then Status History with its table part and
    // the relationships to it); everything but the tool's own parts copied as stored.
    const before = new Map(listZipEntries(bytes).map((e) => [e.name, e]));
    const after = new Map(listZipEntries(out).map((e) => [e.name, e]));
    const added = [...after.keys()].filter((n) => !before.has(n));
    expect(added).toHaveLength(4);
    expect(added[0]).toMatch(/^xl\/worksheets\/sheet\d+\.xml$/);
    expect(added.slice(1).map((n) => n.replace(/\d+/g, "N"))).toEqual(["xl/worksheets/sheetN.xml", "xl/tables/tableN.xml", "xl/worksheets/_rels/sheetN.xml.rels"]);
    expect([...after.keys()].filter((n) => before.has(n))).toEqual([...before.keys()]);
    const owned = new Set([shapes.ACTION_SHEET, "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"]);
    for (const [name, entry] of before) {
      if (owned.has(name)) continue;
      const copy = after.get(name)!;
      expect({ name, crc: copy.crc32, method: copy.method, size: copy.uncompressedSize }).toEqual({ name, crc: entry.crc32, method: entry.method, size: entry.uncompressedSize });
      expect(rawZipEntry(out, copy).equals(rawZipEntry(bytes, entry))).toBe(true);
    }

    // The summary holds what the tool meant to write, as the ExcelJS host writes it: the same cells, values,
    // number formats and bold (the ExcelJS host's file read through ExcelJS, the package host's through both).
    expect(outcome.report).toEqual(refOutcome.report);
    const meant = contentValues(summarySheet(outcome.report));
    const reread = XlsxPackageWorkbook.open(out);
    expect(summaryValues(await reread.readSheet(outcome.report.sheetName))).toEqual(meant);
    let refBytes: Buffer;
    if (shape.excelJsCannotSave) {
      await expect(reference.toBuffer()).rejects.toThrow(shape.excelJsCannotSave);
      // The same summary written by the ExcelJS host into the plan the shape was made from.
      refBytes = await withSummary(shape.excelJs === "same" ? plan : sameValues, outcome.report);
    } else {
      refBytes = await reference.toBuffer();
    }
    // ExcelJS reads a merged area's value into every cell of it: the cells merged away are left out.
    const away = mergedAway(summarySheet(outcome.report));
    const refDump = sheetOf(await dumpWorkbook(refBytes), outcome.report.sheetName);
    const refSummary = { ...refDump, cells: refDump.cells.filter((c) => !away.has(c.address)) };
    expect(Object.fromEntries(refSummary.cells.map((c) => [c.address, c.value]))).toEqual(mapValues(meant, asExcelJsWritesIt));
    if (shape.excelJs === "same") {
      const looks = (cells: readonly CellDump[]) => cells.map(({ address, numFmt, bold }) => ({ address, numFmt, bold }));
      // (Values through ExcelJS would show its own misreading of escapes in inline strings: see that shape.)
      expect(looks(sheetOf(await dumpWorkbook(out), outcome.report.sheetName).cells.filter((c) => !away.has(c.address)))).toEqual(looks(refSummary.cells));
    }
    // The plan as both hosts left it (the RAG column refreshed alike).
    expect(await reread.read()).toEqual(await reference.read());

    // Again: the summary is replaced, not added, and the styles part is the same bytes.
    const again = XlsxPackageWorkbook.open(out);
    const second = await buildSummary(again);
    if (!second.done) throw new Error(second.reason);
    const out2 = again.toBytes();
    expect(listZipEntries(out2).map((e) => e.name)).toEqual([...after.keys()]);
    expect(shapes.partText(out2, "xl/styles.xml")).toBe(shapes.partText(out, "xl/styles.xml"));
    expect(shapes.partText(out2, added[0])).toBe(shapes.partText(out, added[0]));
    expect((await XlsxPackageWorkbook.open(out2).read()).sheetNames).toEqual((await reread.read()).sheetNames);
  });
});

describe("files other programs open after the package host wrote a summary", () => {
  it("LibreOffice reads the summary, and the plan, the package host wrote into a plan ExcelJS saved", async () => {
    const host = XlsxPackageWorkbook.open(plan);
    const outcome = await buildSummary(host);
    if (!outcome.done) throw new Error(outcome.reason);
    const byLibreOffice = XlsxPackageWorkbook.open(savedByLibreOffice(host.toBytes()));
    const written = XlsxPackageWorkbook.open(host.toBytes());
    expect(await byLibreOffice.read()).toEqual(await written.read());
    expect(summaryValues(await byLibreOffice.readSheet(outcome.report.sheetName))).toEqual(summaryValues(await written.readSheet(outcome.report.sheetName)));
  });
});

// ---------------------------------------------------------------------------------------------
// Merged cells
// ---------------------------------------------------------------------------------------------

describe("merged cells", () => {
  /** The priority of 1.2 merged into 1.1's (B2:B3, B3 emptied), and two merges beyond the sheet's values (A51:C51, T1:U3). */
  const merged = (bytes: Buffer) => shapes.rewrite(bytes, {
    edits: [[shapes.ACTION_SHEET, (xml) => xml
      .replace(/<c r="B3"( s="\d+")? t="s"><v>\d+<\/v><\/c>/, `<c r="B3"$1/>`)
      .replace("</sheetData>", `</sheetData><mergeCells count="3"><mergeCell ref="B2:B3"/><mergeCell ref="A51:C51"/><mergeCell ref="T1:U3"/></mergeCells>`)]],
  });

  it("a table reads a merged area's value in every cell of it, as through ExcelJS", async () => {
    const bytes = merged(plan);
    const byPackage = await XlsxPackageWorkbook.open(bytes).read();
    expect(byPackage).toEqual(truth);
    expect(await (await ExcelJsWorkbook.load(bytes)).read()).toEqual(byPackage);
  });

  it("readSheet gives the values as stored, and merges clipped to the values (ExcelJS stretches the values over the merges instead)", async () => {
    const bytes = merged(plan);
    const [got, want] = [await XlsxPackageWorkbook.open(bytes).readSheet("Action Plan"), await (await ExcelJsWorkbook.load(bytes)).readSheet("Action Plan")];
    // ExcelJS makes cells for every merged cell, so its values run to row 51 and column U, all empty out there.
    expect([got.values.length, got.values[0].length]).toEqual([49, 18]);
    expect([want.values.length, want.values[0].length]).toEqual([51, 21]);
    expect(want.values.slice(49).flat().every((v) => v === null)).toBe(true);
    expect(want.values.flatMap((r) => r.slice(18)).every((v) => v === null)).toBe(true);
    expect(want.merges).toEqual([{ top: 1, left: 1, bottom: 2, right: 1 }, { top: 50, left: 0, bottom: 50, right: 2 }, { top: 0, left: 19, bottom: 2, right: 20 }]);
    expect(got.merges).toEqual([{ top: 1, left: 1, bottom: 2, right: 1 }]);
    // ExcelJS gives the top-left value in every merged cell; the package host gives what the cell holds, as
    // Office.js does (SheetCells: "only the top-left cell of each holds a value").
    expect([got.values[2][1], want.values[2][1]]).toEqual([null, "Anti-social behaviour"]);
    const clip = (values: readonly (readonly CellValue[])[]) => values.slice(0, 49).map((r) => r.slice(0, 18));
    expect(clip(got.values).map((r, i) => r.map((v, c) => (i === 2 && c === 1 ? "merged" : v)))).toEqual(clip(want.values).map((r, i) => r.map((v, c) => (i === 2 && c === 1 ? "merged" : v))));
    // What the adopter sees (merges spread) is the same.
    expect(clip(gridOf(got).values)).toEqual(clip(gridOf(want).values));
    expect(got.fills).toEqual(want.fills!.slice(0, 49).map((r) => r.slice(0, 18)));
  });

  it("a merged area whose top-left cell is outside a table gives the table its value, as through ExcelJS", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Plan");
    sheet.addTable({
      name: "Tasks", ref: "B2", headerRow: true, totalsRow: false,
      columns: [{ name: "Task" }, { name: "Owner" }, { name: "Due" }],
      rows: [["a", "x", 1], ["b", "y", 2], ["c", "z", 3]],
    });
    sheet.getCell("A3").value = "Section one";
    sheet.mergeCells("A3:B4");
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const byExcelJs = await (await ExcelJsWorkbook.load(bytes)).read();
    const byPackage = await XlsxPackageWorkbook.open(bytes).read();
    expect(byPackage).toEqual(byExcelJs);
    expect(byPackage.tables[0].rows.map((r) => r[0])).toEqual(["Section one", "Section one", "c"]);
  });
});

// ---------------------------------------------------------------------------------------------
// The real-layout files (openpyxl)
// ---------------------------------------------------------------------------------------------

describe.each(readdirSync(REAL_LAYOUTS).filter((f) => f.endsWith(".xlsx")))("the real layout %s", (file) => {
  it("reads every sheet as the ExcelJS host does, merged cells aside (the adopter's grid is the same)", async () => {
    const bytes = readFileSync(join(REAL_LAYOUTS, file));
    const excelJs = await ExcelJsWorkbook.load(bytes);
    const pkg = XlsxPackageWorkbook.open(bytes);
    expect(await pkg.read()).toEqual(await excelJs.read());
    for (const name of (await pkg.read()).sheetNames) {
      const [got, want] = [await pkg.readSheet(name), await excelJs.readSheet(name)];
      expect({ ...got, values: undefined }).toEqual({ ...want, values: undefined });
      expect(gridOf(got)).toEqual(gridOf(want));
      // Outside merged areas, the very same values; inside them, the package host has only the top-left value.
      const merged = (r: number, c: number) => got.merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left));
      got.values.forEach((row, r) => row.forEach((v, c) => expect(merged(r, c) ? v : [v]).toEqual(merged(r, c) ? null : [want.values[r][c]])));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Other packages
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Writing over formulas
// ---------------------------------------------------------------------------------------------

describe("a summary over a RAG column of formulas", () => {
  const CALC_CHAIN = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="O2" i="1"/><c r="O3"/></calcChain>`;
  /** Every action's RAG cell (O2:O49) a formula of this kind, with the calculation chain Excel keeps for them. */
  const ragFormulas = (kind: "plain" | "shared" | "array", ref = "O2:O49") => (bytes: Buffer) => shapes.rewrite(bytes, {
    edits: [
      // The RAG column's cells are there already, empty and formatted (top-aligned): the formula takes their place.
      [shapes.ACTION_SHEET, (xml) => xml.replace(/<c r="O(\d+)" s="\d+"\/>/g, (whole: string, row: string) => (row === "1" ? whole : "")).replace(/(<c r="N(\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>))/g, (whole: string, _n: string, row: string) => {
        if (row === "1") return whole;
        const f = kind === "plain" ? `<f>IF(TRUE,"Green")</f>` : row !== "2" ? (kind === "shared" ? `<f t="shared" si="0"/>` : "") : `<f t="${kind}" ref="${ref}"${kind === "shared" ? ' si="0"' : ""}>IF(TRUE,"Green")</f>`;
        return `${whole}<c r="O${row}" t="str">${f}<v>Green</v></c>`;
      })],
      ["xl/_rels/workbook.xml.rels", (xml) => xml.replace("</Relationships>", `<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>`)],
      ["[Content_Types].xml", (xml) => xml.replace("</Types>", `<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>`)],
    ],
    add: [{ name: "xl/calcChain.xml", data: Buffer.from(CALC_CHAIN) }],
  });

  it.each([
    ["plain formulas", ragFormulas("plain")],
    ["one shared formula over the RAG cells", ragFormulas("shared")],
    ["one array formula (a dynamic array's spill) over the RAG cells", ragFormulas("array")],
  ])("%s: replaced by the ratings, and the calculation chain dropped with its relationship and content type", async (_, make) => {
    const bytes = make(plan);
    const host = XlsxPackageWorkbook.open(bytes);
    const outcome = await buildSummary(host);
    if (!outcome.done) throw new Error(outcome.reason);
    const out = host.toBytes();
    const names = listZipEntries(out).map((e) => e.name);
    expect(names).not.toContain("xl/calcChain.xml");
    expect(shapes.partText(out, "xl/_rels/workbook.xml.rels")).not.toMatch(/calcChain/);
    expect(shapes.partText(out, "[Content_Types].xml")).not.toMatch(/calcChain/);
    expect(shapes.partText(out, shapes.ACTION_SHEET)).not.toMatch(/<f[\s>]/);
    const reference = await ExcelJsWorkbook.load(plan);
    await buildSummary(reference);
    expect(await XlsxPackageWorkbook.open(out).read()).toEqual(await reference.read());
    expect(await (await ExcelJsWorkbook.load(out)).read()).toEqual(await reference.read());
  });

  it.each([
    ["a shared formula reaching past the table", ragFormulas("shared", "O2:O60"), "O2:O60"],
    ["an array formula reaching past the table", ragFormulas("array", "O2:O50"), "O2:O50"],
  ])("%s: refused with a message, nothing written", async (_, make, ref) => {
    const bytes = make(plan);
    const host = XlsxPackageWorkbook.open(bytes);
    const outcome = await buildSummary(host);
    expect(outcome.done).toBe(false);
    expect(outcome.done ? "" : outcome.reason).toMatch(new RegExp(`Cell O2 holds a formula that cells ${ref} share.*Nothing was written`));
    expect(host.changed).toBe(false);
    expect(host.toBytes().equals(bytes)).toBe(true);
  });
});

describe("formula results in date-formatted cells", () => {
  it("reads an error as the error and a text as the text, where ExcelJS makes both an Invalid Date", async () => {
    const bytes = formulaResultsInDateCells(plan);
    const byPackage = await XlsxPackageWorkbook.open(bytes).read();
    const byExcelJs = await (await ExcelJsWorkbook.load(bytes)).read();
    const target = actionPlan(truth).headers.indexOf("Target date");
    expect(byPackage).toEqual({
      ...truth,
      tables: truth.tables.map((t) => (t.name !== "ActionPlan" ? t : {
        ...t,
        rows: t.rows.map((r, i) => r.map((v, c) => (c !== target ? v : i === 3 ? { error: "#VALUE!" } : i === 4 ? "TBC" : v))),
      })),
    });
    const [error, text] = [actionPlan(byExcelJs).rows[3][target], actionPlan(byExcelJs).rows[4][target]];
    expect([error instanceof Date && Number.isNaN(error.getTime()), text instanceof Date && Number.isNaN(text.getTime())]).toEqual([true, true]);
    const sheet = await XlsxPackageWorkbook.open(bytes).readSheet("Action Plan");
    expect([sheet.values[4][target], sheet.values[5][target]]).toEqual([{ error: "#VALUE!" }, "TBC"]);
  });
});

describe("tables as Excel keeps them", () => {
  it("reads tables with a totals row, away from A1, side by side, as ExcelJS does; a table without a header row as Office.js does", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Plan");
    sheet.addTable({ name: "Totals", ref: "B3", headerRow: true, totalsRow: true, columns: [{ name: "Task", totalsRowLabel: "Total" }, { name: "N", totalsRowFunction: "sum" }], rows: [["a", 1], ["b", 2]] });
    sheet.addTable({ name: "Second", ref: "E3", headerRow: true, totalsRow: false, columns: [{ name: "X" }, { name: "Y" }], rows: [["p", new Date(Date.UTC(2015, 0, 2))], ["q", 3]] });
    sheet.addTable({ name: "NoHeader", ref: "H5", headerRow: false, totalsRow: false, columns: [{ name: "H1" }, { name: "H2" }], rows: [["r", 4], ["s", 5]] });
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const byPackage = await XlsxPackageWorkbook.open(bytes).read();
    // The command line's ExcelJS host was loaded with the names of tables without a header row, and left them out.
    const byExcelJs = await (await ExcelJsWorkbook.load(bytes, new Set(["NoHeader"]))).read();
    expect(byPackage.tables.slice(0, 2)).toEqual(byExcelJs.tables);
    expect(byPackage.tables[2]).toEqual({ name: "NoHeader", sheet: "Plan", top: 3, left: 7, headers: ["H1", "H2"], rows: [["r", 4], ["s", 5]], headerRowHidden: true });
  });
});

describe("other package shapes", () => {
  it("opens a workbook with a relationship target whose % is not an escape, and reads it as ExcelJS does", async () => {
    const bytes = shapes.rewrite(plan, {
      edits: [["xl/_rels/workbook.xml.rels", (xml) => xml.replace("</Relationships>", `<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/100%.xml"/></Relationships>`)]],
    });
    expect(await XlsxPackageWorkbook.open(bytes).read()).toEqual(await (await ExcelJsWorkbook.load(bytes)).read());
  });

  it("lists a chart sheet among the sheet names (ExcelJS and Office.js's worksheets leave it out), but reads no cells from it", async () => {
    const bytes = shapes.rewrite(plan, {
      edits: [
        ["xl/workbook.xml", (xml) => xml.replace("</sheets>", `<sheet name="Chart1" sheetId="9" r:id="rId99"/></sheets>`)],
        ["xl/_rels/workbook.xml.rels", (xml) => xml.replace("</Relationships>", `<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`)],
        ["[Content_Types].xml", (xml) => xml.replace("</Types>", `<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/></Types>`)],
      ],
      add: [{ name: "xl/chartsheets/sheet1.xml", data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`) }],
    });
    const byPackage = await XlsxPackageWorkbook.open(bytes).read();
    const byExcelJs = await (await ExcelJsWorkbook.load(bytes)).read();
    expect(byPackage.sheetNames).toEqual([...byExcelJs.sheetNames, "Chart1"]);
    expect({ ...byPackage, sheetNames: byExcelJs.sheetNames }).toEqual(byExcelJs);
    await expect(XlsxPackageWorkbook.open(bytes).readSheet("Chart1")).rejects.toThrow('There is no sheet named "Chart1".');
  });
});

describe("writing into a workbook whose every element has a prefix (as .NET writers save it)", () => {
  it("adds the summary's sheet, relationship and content type in their parents' namespaces, so LibreOffice sees the sheet", async () => {
    const host = XlsxPackageWorkbook.open(shapes.prefixed(plan));
    const outcome = await buildSummary(host);
    if (!outcome.done) throw new Error(outcome.reason);
    const parser = new SaxesParser({ xmlns: true });
    const uris: string[] = [];
    parser.on("opentag", (t) => {
      if (t.local === "sheet") uris.push(t.uri);
    });
    parser.write(shapes.partText(host.toBytes(), "xl/workbook.xml")).close();
    expect(uris.length).toBeGreaterThan(4);
    expect(uris).toEqual(uris.map(() => "http://schemas.openxmlformats.org/spreadsheetml/2006/main"));
    expect((await XlsxPackageWorkbook.open(savedByLibreOffice(host.toBytes())).read()).sheetNames).toContain(outcome.report.sheetName);
  });
});

describe("readSheet's extent", () => {
  it("is the cells with values, as Office.js's used range (values only) gives it: a cell that is only formatted does not widen it", async () => {
    const bytes = shapes.rewrite(plan, { edits: [[shapes.ACTION_SHEET, (x) => x.replace("</sheetData>", `<row r="70"><c r="Z70" s="1"/></row></sheetData>`)]] });
    const cells = await XlsxPackageWorkbook.open(bytes).readSheet("Action Plan");
    const plain = await XlsxPackageWorkbook.open(plan).readSheet("Action Plan");
    expect([cells.values.length, cells.values[0].length]).toEqual([plain.values.length, plain.values[0].length]);
    expect(cells.values).toEqual(plain.values);
  });
});
