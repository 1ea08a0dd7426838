import { listZipEntries, readZipEntry } from "../../src/adapters/exceljs/xlsxPreflight";
import { CORPUS_KINDS, planBytes } from "../corpus/kinds";
import {
  actionSheetPart,
  changedParts,
  lostLinks,
  outsideSheetData,
  ownedParts,
  partBytes,
  sheetNames,
  TOOL_OWNED_PARTS,
  unownedChanges,
  validationRanges,
  worksheetParts,
} from "./packageDiff";
import { writeZip, ZipWriterEntry } from "./zipWriter";

/** The plan's parts, with some replaced (`null` drops one) and others added. */
function repacked(bytes: Buffer, replace: Record<string, string | null>, add: ZipWriterEntry[] = []): Buffer {
  const parts = listZipEntries(bytes)
    .filter((entry) => !entry.name.endsWith("/") && replace[entry.name] !== null)
    .map((entry) => ({ name: entry.name, data: replace[entry.name] ?? readZipEntry(bytes, entry) }));
  return writeZip([...parts, ...add]);
}

describe("packageDiff", () => {
  let plan: Buffer;
  beforeAll(async () => {
    plan = await planBytes();
  });
  const text = (name: string) => partBytes(plan, name).toString("utf8");

  it("finds the plan's sheets and the part holding the ActionPlan table", () => {
    expect(sheetNames(plan)).toEqual(["Action Plan", "Lead Officers", "Priorities", "Plan Settings"]);
    expect(worksheetParts(plan).get("Priorities")).toBe("xl/worksheets/sheet3.xml");
    expect(actionSheetPart(plan)).toBe("xl/worksheets/sheet1.xml");
    expect(ownedParts(plan)).toEqual([...TOOL_OWNED_PARTS, "xl/worksheets/sheet1.xml"]);
  });

  it("sees no change when the same parts are zipped again", () => {
    expect(changedParts(plan, repacked(plan, {}))).toEqual({ changed: [], removed: [], added: [] });
  });

  it("allows changes to owned parts, new parts and a dropped calculation chain, and reports anything else", () => {
    const withChain = repacked(plan, {}, [{ name: "xl/calcChain.xml", data: "<calcChain/>" }]);
    const after = repacked(
      withChain,
      {
        "xl/styles.xml": `${text("xl/styles.xml")} `,
        "xl/worksheets/sheet1.xml": `${text("xl/worksheets/sheet1.xml")} `,
        "xl/sharedStrings.xml": `${text("xl/sharedStrings.xml")} `,
        "xl/calcChain.xml": null,
        "xl/theme/theme1.xml": null,
      },
      [{ name: "xl/worksheets/sheet5.xml", data: "<worksheet/>" }],
    );
    expect(changedParts(withChain, after)).toEqual({
      changed: ["xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"],
      removed: ["xl/calcChain.xml", "xl/theme/theme1.xml"],
      added: ["xl/worksheets/sheet5.xml"],
    });
    expect(unownedChanges(withChain, after)).toEqual(["changed: xl/sharedStrings.xml", "removed: xl/theme/theme1.xml"]);
  });

  it("compares a sheet outside its cells, and lists its drop-downs' ranges", () => {
    const sheet = partBytes(plan, "xl/worksheets/sheet1.xml");
    const cellsChanged = Buffer.from(sheet.toString("utf8").replace(/<sheetData>[\s\S]*<\/sheetData>/, "<sheetData><row r=\"1\"/></sheetData>"));
    const validationChanged = Buffer.from(sheet.toString("utf8").replace('sqref="J2:J5"', 'sqref="J1:J1048576"'));
    expect(outsideSheetData(cellsChanged)).toBe(outsideSheetData(sheet));
    expect(outsideSheetData(validationChanged)).not.toBe(outsideSheetData(sheet));
    expect(validationRanges(sheet)).toEqual(["B2:B5", "F2:F5", "J2:J5"]);
    expect(validationRanges(validationChanged)).toEqual(["B2:B5", "F2:F5", "J1:J1048576"]);
  });

  it("reports what the rewritten parts no longer lead to: relationships, content types, defined names, pivot caches", async () => {
    const build = (id: string) => CORPUS_KINDS.find((k) => k.id === id)!.build();
    const [xlsm, pivot, slicer] = await Promise.all([build("xlsm-macros"), build("pivot-table"), build("slicer")]);
    const edit = (bytes: Buffer, name: string, change: (xml: string) => string) => repacked(bytes, { [name]: change(partBytes(bytes, name).toString("utf8")) });

    expect(lostLinks(xlsm, repacked(xlsm, {}))).toEqual([]);
    const noMacros = edit(
      edit(xlsm, "xl/_rels/workbook.xml.rels", (xml) => xml.replace(/<Relationship [^>]*vbaProject\.bin"\/>/, "")),
      "[Content_Types].xml",
      (xml) => xml.replace("application/vnd.ms-excel.sheet.macroEnabled.main+xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    );
    expect(lostLinks(xlsm, noMacros)).toEqual([
      "relationship lost from xl/_rels/workbook.xml.rels: http://schemas.microsoft.com/office/2006/relationships/vbaProject -> xl/vbaProject.bin",
      "content type of xl/workbook.xml changed: application/vnd.ms-excel.sheet.macroEnabled.main+xml -> application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ]);
    expect(lostLinks(pivot, edit(pivot, "xl/workbook.xml", (xml) => xml.replace(/<pivotCaches>.*<\/pivotCaches>/, "")))).toEqual([
      "xl/workbook.xml no longer refers to xl/pivotCache/pivotCacheDefinition1.xml",
    ]);
    expect(lostLinks(slicer, edit(slicer, "xl/workbook.xml", (xml) => xml.replace(/<definedName name="Slicer_Status">[^<]*<\/definedName>/, "")))).toEqual([
      "defined name Slicer_Status (#N/A) lost or changed",
    ]);
  });
});
