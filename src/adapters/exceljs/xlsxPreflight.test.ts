import { deflateRawSync } from "node:zlib";
import { crc32, crc32Combine, writeZip, ZipWriterEntry } from "../../../test/support/zipWriter";
import {
  cellsInRange,
  DEFAULT_LIMITS,
  describeLosses,
  findRoundTripLosses,
  listZipEntries,
  preflightXlsx,
  PreflightCode,
  PreflightError,
  PreflightLimits,
  readZipEntry,
  RoundTripLoss,
  ZipEntry,
} from "./xlsxPreflight";

// ---------------------------------------------------------------------------------------------
// A minimal workbook, part by part
// ---------------------------------------------------------------------------------------------

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

interface Rel {
  type: string;
  target: string;
  external?: boolean;
}

interface SheetSpec {
  /** As it would appear in workbook.xml, so already XML-escaped. */
  name: string;
  /** XML placed after `<sheetData/>`. */
  body?: string;
  /** Relationships from this sheet's part. */
  rels?: Rel[];
  /** A chart sheet instead of a worksheet. */
  chartsheet?: boolean;
}

interface WorkbookSpec {
  sheets?: SheetSpec[];
  /** Extra parts, e.g. charts, with their own relationship parts if needed. */
  parts?: ZipWriterEntry[];
  /** XML placed in workbook.xml before `<sheets>`. */
  workbookBody?: string;
  contentTypesExtra?: string;
}

function relsXml(rels: Rel[]): string {
  const items = rels
    .map(
      (rel, i) =>
        `<Relationship Id="rId${i + 1}" Type="${REL}/${rel.type}" Target="${rel.target}"` +
        `${rel.external ? ' TargetMode="External"' : ""}/>`,
    )
    .join("");
  return `${XML_DECL}<Relationships xmlns="${NS_PKG_RELS}">${items}</Relationships>`;
}

function workbookParts(spec: WorkbookSpec = {}): ZipWriterEntry[] {
  const sheets = spec.sheets ?? [{ name: "Action Plan" }];
  const parts: ZipWriterEntry[] = [];
  const overrides: string[] = [];
  const workbookRels: Rel[] = [];
  const sheetTags: string[] = [];

  sheets.forEach((sheet, i) => {
    const folder = sheet.chartsheet ? "chartsheets" : "worksheets";
    const file = `sheet${i + 1}.xml`;
    const part = `xl/${folder}/${file}`;
    workbookRels.push({ type: sheet.chartsheet ? "chartsheet" : "worksheet", target: `${folder}/${file}` });
    sheetTags.push(`<sheet name="${sheet.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
    overrides.push(
      `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${
        sheet.chartsheet ? "chartsheet" : "worksheet"
      }+xml"/>`,
    );
    const root = sheet.chartsheet ? "chartsheet" : "worksheet";
    parts.push({
      name: part,
      data: `${XML_DECL}<${root} xmlns="${NS_MAIN}" xmlns:r="${NS_R}">${sheet.chartsheet ? "" : "<sheetData/>"}${
        sheet.body ?? ""
      }</${root}>`,
    });
    if (sheet.rels) parts.push({ name: `xl/${folder}/_rels/${file}.rels`, data: relsXml(sheet.rels) });
  });
  workbookRels.push({ type: "styles", target: "styles.xml" });

  return [
    {
      name: "[Content_Types].xml",
      data:
        `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
        overrides.join("") +
        (spec.contentTypesExtra ?? "") +
        `</Types>`,
    },
    { name: "_rels/.rels", data: relsXml([{ type: "officeDocument", target: "xl/workbook.xml" }]) },
    {
      name: "xl/workbook.xml",
      data:
        `${XML_DECL}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}">${spec.workbookBody ?? ""}` +
        `<sheets>${sheetTags.join("")}</sheets></workbook>`,
    },
    { name: "xl/_rels/workbook.xml.rels", data: relsXml(workbookRels) },
    { name: "xl/styles.xml", data: `${XML_DECL}<styleSheet xmlns="${NS_MAIN}"/>` },
    ...parts,
    ...(spec.parts ?? []),
  ];
}

function xlsx(spec: WorkbookSpec = {}): Buffer {
  return writeZip(workbookParts(spec));
}

function lossesOf(spec: WorkbookSpec): RoundTripLoss[] {
  return preflightXlsx(xlsx(spec)).losses;
}

/** The error a call throws, checked to be a PreflightError with this code. */
function refusal(call: () => unknown, code: PreflightCode): PreflightError {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(PreflightError);
  const error = thrown as PreflightError;
  expect({ code: error.code, message: error.message }).toEqual({ code, message: expect.any(String) });
  expectPlainEnglish(error.message);
  return error;
}

/** Messages are for the person who chose the file: whole sentences, no zip or parser jargon. */
function expectPlainEnglish(message: string): void {
  expect(message).toMatch(/^[A-Z].*\.$/s);
  expect(message).not.toMatch(/\b(EOCD|central directory|signature|offset|inflate|zlib|deflate|zip64|buffer|undefined|NaN|Error)\b/i);
}

/** Deterministic bytes that are not a zip. */
function noise(length: number, seed = 12345): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

const SMALL_LIMITS: PreflightLimits = { maxFileBytes: 1_000, maxEntries: 5, maxUncompressedBytes: 10_000, maxPartBytes: 10_000, maxCompressionRatio: 100, compressionRatioFloorBytes: 10_000, maxRows: 100, maxCells: 1_000, maxMergedCells: 100, maxValidatedCells: 1_000 };

// ---------------------------------------------------------------------------------------------
// A clean workbook
// ---------------------------------------------------------------------------------------------

describe("a clean workbook", () => {
  it("passes with its parts listed and nothing to lose", () => {
    const result = preflightXlsx(xlsx());
    expect(result.losses).toEqual([]);
    expect(result.entries.map((entry) => entry.name)).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    for (const entry of result.entries) expect(entry.method).toBe(8);
  });

  it("reads stored and deflated parts back exactly", () => {
    const text = "Reduce anti-social behaviour — Q1 update ✓";
    const buffer = writeZip([
      { name: "stored.txt", data: text, store: true },
      { name: "deflated.txt", data: text.repeat(100) },
      { name: "empty.txt", data: "" },
    ]);
    const entries = listZipEntries(buffer);
    expect(entries.map((entry) => [entry.name, entry.method])).toEqual([
      ["stored.txt", 0],
      ["deflated.txt", 8],
      ["empty.txt", 8],
    ]);
    expect(readZipEntry(buffer, entries[0]).toString("utf8")).toBe(text);
    expect(readZipEntry(buffer, entries[1]).toString("utf8")).toBe(text.repeat(100));
    expect(readZipEntry(buffer, entries[2]).length).toBe(0);
  });

  it("reads Zip64 archives (end record, locator and extra fields)", () => {
    const buffer = writeZip(workbookParts(), { zip64: true });
    expect(buffer.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true); // Zip64 end record
    const result = preflightXlsx(buffer);
    expect(result.entries).toHaveLength(6);
    expect(result.losses).toEqual([]);
    const workbook = result.entries.find((entry) => entry.name === "xl/workbook.xml") as ZipEntry;
    expect(readZipEntry(buffer, workbook).toString("utf8")).toContain('<sheet name="Action Plan"');
  });

  it("finds the end record behind an archive comment", () => {
    const plain = xlsx();
    // A comment that itself contains an end-record signature, far enough from the end to be scanned.
    const comment = Buffer.from("Saved by the CSP team PK\x05\x06 this is only text, not an end record", "latin1");
    const withComment = Buffer.concat([plain, comment]);
    withComment.writeUInt16LE(comment.length, plain.length - 2);
    expect(preflightXlsx(withComment).entries).toHaveLength(6);
  });

  it("does not count notes (comments drawn with VML) as a loss", () => {
    const losses = lossesOf({
      sheets: [
        {
          name: "Action Plan",
          body: '<legacyDrawing r:id="rId2"/>',
          rels: [
            { type: "comments", target: "../comments1.xml" },
            { type: "vmlDrawing", target: "../drawings/vmlDrawing1.vml" },
          ],
        },
      ],
      parts: [
        { name: "xl/comments1.xml", data: `<comments xmlns="${NS_MAIN}"/>` },
        { name: "xl/drawings/vmlDrawing1.vml", data: "<xml/>" },
      ],
    });
    expect(losses).toEqual([]);
  });

  it("does not count modern sheet or workbook protection as a loss", () => {
    const losses = lossesOf({
      workbookBody: '<workbookProtection lockStructure="1" workbookAlgorithmName="SHA-512" workbookHashValue="abc=" workbookSaltValue="def=" workbookSpinCount="100000"/>',
      sheets: [
        {
          name: "Action Plan",
          body: '<sheetProtection algorithmName="SHA-512" hashValue="abc=" saltValue="def=" spinCount="100000" sheet="1"/>',
        },
      ],
    });
    expect(losses).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Round-trip losses
// ---------------------------------------------------------------------------------------------

describe("round-trip losses", () => {
  const onActionPlan = (rels: Rel[], parts: ZipWriterEntry[]): WorkbookSpec => ({
    sheets: [{ name: "Action Plan", rels }, { name: "Summary" }],
    parts,
  });
  const cases: { feature: string; spec: WorkbookSpec; where: string[] }[] = [
    {
      feature: "charts",
      spec: onActionPlan(
        [{ type: "drawing", target: "../drawings/drawing1.xml" }],
        [
          part("xl/drawings/drawing1.xml"),
          { name: "xl/drawings/_rels/drawing1.xml.rels", data: relsXml([{ type: "chart", target: "../charts/chart1.xml" }]) },
          part("xl/charts/chart1.xml"),
          part("xl/charts/style1.xml"),
        ],
      ),
      where: ["Action Plan"],
    },
    {
      feature: "charts",
      spec: { parts: [part("xl/charts/chart1.xml")] },
      where: ["xl/charts/chart1.xml"],
    },
    {
      feature: "chart sheets",
      spec: { sheets: [{ name: "Action Plan" }, { name: "Progress Chart", chartsheet: true }] },
      where: ["Progress Chart"],
    },
    {
      feature: "pivot tables",
      spec: onActionPlan(
        [{ type: "pivotTable", target: "../pivotTables/pivotTable1.xml" }],
        [part("xl/pivotTables/pivotTable1.xml"), part("xl/pivotCache/pivotCacheDefinition1.xml"), part("xl/pivotCache/pivotCacheRecords1.xml")],
      ),
      where: ["Action Plan"],
    },
    {
      feature: "pivot tables",
      spec: { parts: [part("xl/pivotCache/pivotCacheDefinition1.xml")] },
      where: ["xl/pivotCache/pivotCacheDefinition1.xml"],
    },
    { feature: "macros", spec: { parts: [{ name: "xl/vbaProject.bin", data: noise(64) }] }, where: ["xl/vbaProject.bin"] },
    {
      feature: "macros",
      spec: {
        contentTypesExtra:
          '<Override PartName="/xl/macros.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>',
      },
      where: ["[Content_Types].xml"],
    },
    {
      feature: "macros",
      spec: { parts: [part("xl/macrosheets/sheet1.xml")] },
      where: ["xl/macrosheets/sheet1.xml"],
    },
    {
      feature: "drawings and shapes",
      spec: onActionPlan([{ type: "drawing", target: "../drawings/drawing1.xml" }], [part("xl/drawings/drawing1.xml")]),
      where: ["Action Plan"],
    },
    {
      feature: "slicers",
      spec: onActionPlan(
        [{ type: "slicer", target: "../slicers/slicer1.xml" }],
        [part("xl/slicers/slicer1.xml"), part("xl/slicerCaches/slicerCache1.xml")],
      ),
      where: ["Action Plan"],
    },
    {
      feature: "timelines",
      spec: onActionPlan(
        [{ type: "timeline", target: "../timelines/timeline1.xml" }],
        [part("xl/timelines/timeline1.xml"), part("xl/timelineCaches/timelineCache1.xml")],
      ),
      where: ["Action Plan"],
    },
    {
      feature: "threaded comments",
      spec: onActionPlan(
        [{ type: "threadedComment", target: "../threadedComments/threadedComment1.xml" }],
        [part("xl/threadedComments/threadedComment1.xml")],
      ),
      where: ["Action Plan"],
    },
    {
      feature: "links to other workbooks",
      spec: { parts: [part("xl/externalLinks/externalLink1.xml")] },
      where: ["xl/externalLinks/externalLink1.xml"],
    },
    {
      feature: "form controls",
      spec: onActionPlan([{ type: "ctrlProp", target: "../ctrlProps/ctrlProp1.xml" }], [part("xl/ctrlProps/ctrlProp1.xml")]),
      where: ["Action Plan"],
    },
    {
      feature: "ActiveX controls",
      spec: onActionPlan([{ type: "control", target: "../activeX/activeX1.xml" }], [part("xl/activeX/activeX1.xml")]),
      where: ["Action Plan"],
    },
    {
      feature: "embedded objects",
      spec: onActionPlan(
        [{ type: "oleObject", target: "../embeddings/oleObject1.bin" }],
        [{ name: "xl/embeddings/oleObject1.bin", data: noise(64) }],
      ),
      where: ["Action Plan"],
    },
    {
      feature: "data connections and queries",
      spec: onActionPlan([{ type: "queryTable", target: "../queryTables/queryTable1.xml" }], [part("xl/queryTables/queryTable1.xml")]),
      where: ["Action Plan"],
    },
    {
      feature: "data connections and queries",
      spec: { parts: [part("xl/connections.xml")] },
      where: ["xl/connections.xml"],
    },
    {
      feature: "custom XML data",
      spec: { parts: [part("customXml/item1.xml"), part("customXml/itemProps1.xml"), part("customXml/_rels/item1.xml.rels")] },
      where: ["customXml/item1.xml", "customXml/itemProps1.xml"],
    },
  ];

  it.each(cases)("finds $feature in $where", ({ feature, spec, where }) => {
    const losses = lossesOf(spec);
    expect(losses).toContainEqual({ feature, where });
    expect(losses.filter((loss) => loss.feature === feature)).toHaveLength(1);
  });

  it("reports a chart on a sheet as both a chart and a drawing, on that sheet", () => {
    expect(lossesOf(cases[0].spec)).toEqual([
      { feature: "charts", where: ["Action Plan"] },
      { feature: "drawings and shapes", where: ["Action Plan"] },
    ]);
  });

  const sheetCases: { feature: string; body: string }[] = [
    {
      feature: "sparklines",
      body: '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/></ext></extLst>',
    },
    {
      feature: "newer-style data validation (drop-down lists)",
      body: '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations count="1"/></ext></extLst>',
    },
    {
      feature: "newer-style conditional formatting (such as data bars and icon sets)",
      body: '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}"><x14:conditionalFormattings/></ext></extLst>',
    },
    { feature: "old-style sheet protection passwords", body: '<sheetProtection password="CC3D" sheet="1" objects="1"/>' },
    { feature: "pictures in headers or footers", body: '<legacyDrawingHF r:id="rId1"/>' },
  ];

  it.each(sheetCases)("finds $feature inside a worksheet, by sheet name", ({ feature, body }) => {
    const losses = lossesOf({
      sheets: [{ name: "Action Plan" }, { name: "Summary &amp; Notes", body }, { name: "Lists", body }],
    });
    expect(losses).toEqual([{ feature, where: ["Summary & Notes", "Lists"] }]);
  });

  it("finds an old-style workbook protection password", () => {
    const losses = lossesOf({ workbookBody: '<workbookProtection workbookPassword="CC3D" lockStructure="1"/>' });
    expect(losses).toEqual([{ feature: "an old-style workbook protection password", where: ["xl/workbook.xml"] }]);
  });

  it("falls back to the part name for a worksheet the workbook does not list", () => {
    const losses = lossesOf({
      parts: [{ name: "xl/worksheets/sheet9.xml", data: `<worksheet xmlns="${NS_MAIN}"><sheetProtection password="CC3D"/></worksheet>` }],
    });
    expect(losses).toEqual([{ feature: "old-style sheet protection passwords", where: ["xl/worksheets/sheet9.xml"] }]);
  });

  it("finds several losses in one workbook, in a stable order", () => {
    const losses = lossesOf({
      sheets: [
        { name: "Action Plan", body: "<x14:sparklineGroups/>" },
        { name: "Summary", rels: [{ type: "drawing", target: "/xl/drawings/drawing1.xml" }] },
      ],
      parts: [part("xl/drawings/drawing1.xml"), part("xl/externalLinks/externalLink1.xml"), { name: "xl/vbaProject.bin", data: noise(32) }],
    });
    expect(losses).toEqual([
      { feature: "drawings and shapes", where: ["Summary"] },
      { feature: "links to other workbooks", where: ["xl/externalLinks/externalLink1.xml"] },
      { feature: "macros", where: ["xl/vbaProject.bin"] },
      { feature: "sparklines", where: ["Action Plan"] },
    ]);
  });

  it("can be run on its own from a list of entries", () => {
    const buffer = xlsx({ parts: [part("xl/charts/chart1.xml")] });
    expect(findRoundTripLosses(buffer, listZipEntries(buffer))).toEqual([{ feature: "charts", where: ["xl/charts/chart1.xml"] }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Refusals
// ---------------------------------------------------------------------------------------------

describe("files that are not zips", () => {
  it("refuses random bytes", () => {
    refusal(() => preflightXlsx(noise(5_000)), "not-a-zip");
  });

  it("refuses a text file", () => {
    const error = refusal(() => preflightXlsx(Buffer.from("ID,Action,Lead officer\nA1,Reduce burglary,J Smith\n")), "not-a-zip");
    expect(error.message).toContain("not an Excel workbook (.xlsx)");
  });

  it("refuses an empty file", () => {
    const error = refusal(() => preflightXlsx(Buffer.alloc(0)), "not-a-zip");
    expect(error.message).toContain("empty");
  });

  it("explains an old .xls or a workbook with a password to open", () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), noise(2_000)]);
    const error = refusal(() => preflightXlsx(ole), "not-a-zip");
    expect(error.message).toContain(".xls");
    expect(error.message).toContain("password");
  });
});

describe("damaged zips", () => {
  it("refuses a file cut in half", () => {
    const whole = xlsx();
    const error = refusal(() => preflightXlsx(whole.subarray(0, Math.floor(whole.length / 2))), "damaged");
    expect(error.message).toContain("cut short");
  });

  it("refuses a file missing only its last bytes", () => {
    const whole = xlsx();
    refusal(() => listZipEntries(whole.subarray(0, whole.length - 5)), "damaged");
  });

  it("refuses a table of contents that points past the end of the file", () => {
    const buffer = xlsx();
    buffer.writeUInt32LE(buffer.length + 1_000, buffer.length - 6); // central directory offset
    refusal(() => listZipEntries(buffer), "damaged");
  });

  it("refuses a corrupt table of contents", () => {
    const buffer = xlsx();
    const cd = buffer.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    buffer[cd + 2] = 0x09;
    refusal(() => listZipEntries(buffer), "damaged");
  });

  it("refuses a part that is not where the table of contents says", () => {
    const buffer = xlsx();
    buffer[2] = 0x09; // the first local header's signature
    refusal(() => listZipEntries(buffer), "damaged");
  });

  it("refuses a part whose data runs past the end of the file", () => {
    const buffer = writeZip([{ name: "a.txt", data: "hello" }]);
    const cd = buffer.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    buffer.writeUInt32LE(10_000, cd + 20); // compressed size
    refusal(() => listZipEntries(buffer), "damaged");
  });

  it("refuses an archive split across several files", () => {
    const buffer = xlsx();
    buffer.writeUInt16LE(1, buffer.length - 18); // number of this disk
    refusal(() => listZipEntries(buffer), "damaged");
  });

  it("refuses a Zip64 locator that points nowhere", () => {
    const buffer = writeZip(workbookParts(), { zip64: true });
    const locator = buffer.length - 22 - 20;
    buffer.writeBigUInt64LE(BigInt(0), locator + 8);
    refusal(() => listZipEntries(buffer), "damaged");
  });

  // 50 MB of zeros, deflated to about 50 KB, declared as 1 KB.
  const bomb = (): ZipWriterEntry => ({ name: "xl/sharedStrings.xml", data: Buffer.alloc(50 * 1024 * 1024) });

  it("refuses a part that is larger than it declares (a zip bomb), without inflating it", () => {
    const buffer = writeZip([bomb()], { declaredSizes: { "xl/sharedStrings.xml": 1024 } });
    expect(buffer.length).toBeLessThan(200 * 1024);
    const [entry] = listZipEntries(buffer);
    expect(entry.uncompressedSize).toBe(1024);
    const error = refusal(() => readZipEntry(buffer, entry), "damaged");
    expect(error.message).toContain("xl/sharedStrings.xml");
    expect(error.message).toContain("larger than it claims");
  });

  it("refuses a workbook carrying a zip bomb in any part, not only the worksheets", () => {
    const buffer = writeZip([...workbookParts(), bomb()], { declaredSizes: { "xl/sharedStrings.xml": 1024 } });
    refusal(() => preflightXlsx(buffer), "damaged");
  });

  it("refuses a part that is smaller than it declares", () => {
    const buffer = writeZip(
      [
        { name: "xl/sharedStrings.xml", data: "<sst/>" },
        { name: "xl/styles.xml", data: "<styleSheet/>", store: true },
      ],
      { declaredSizes: { "xl/sharedStrings.xml": 500, "xl/styles.xml": 500 } },
    );
    for (const entry of listZipEntries(buffer)) {
      expect(refusal(() => readZipEntry(buffer, entry), "damaged").message).toContain("smaller than it claims");
    }
  });

  it("refuses a part that does not inflate", () => {
    const buffer = writeZip([{ name: "garbage.xml", data: Buffer.from([0xff, 0xff, 0xff, 0xff]), store: true }]);
    const [stored] = listZipEntries(buffer);
    refusal(() => readZipEntry(buffer, { ...stored, method: 8 }), "damaged");
  });

  it("refuses a compression method it does not support", () => {
    const buffer = writeZip([{ name: "a.txt", data: "hello" }]);
    const [entry] = listZipEntries(buffer);
    refusal(() => readZipEntry(buffer, { ...entry, method: 12 }), "damaged");
  });
});

describe("limits", () => {
  it("refuses a file over the size limit before looking inside it", () => {
    const error = refusal(() => preflightXlsx(noise(2_048), SMALL_LIMITS), "too-large");
    expect(error.message).toBe("This file is 2 KB, which is more than the limit of 1,000 bytes for a workbook, so it will not be opened.");
  });

  it("accepts a file exactly at the size limit", () => {
    const buffer = xlsx();
    expect(() => preflightXlsx(buffer, { ...DEFAULT_LIMITS, maxFileBytes: buffer.length })).not.toThrow();
    refusal(() => preflightXlsx(buffer, { ...DEFAULT_LIMITS, maxFileBytes: buffer.length - 1 }), "too-large");
  });

  it("words the default size limit in megabytes", () => {
    const big = Buffer.alloc(DEFAULT_LIMITS.maxFileBytes + 1);
    const error = refusal(() => preflightXlsx(big), "too-large");
    expect(error.message).toContain("the limit of 104,857,600 bytes");
    const bigger = Buffer.alloc(DEFAULT_LIMITS.maxFileBytes + 5 * 1024 * 1024);
    expect(refusal(() => preflightXlsx(bigger), "too-large").message).toContain("105 MB, which is more than the limit of 100 MB");
  });

  it("refuses too many entries from the declared count, before reading the table of contents", () => {
    const buffer = writeZip(workbookParts(), { declaredEntryCount: 1_000_000 });
    // Wreck every central directory header: the count alone must be enough to refuse.
    for (let at = buffer.indexOf("PK\x01\x02", 0, "latin1"); at >= 0; at = buffer.indexOf("PK\x01\x02", at + 4, "latin1")) {
      buffer.fill(0xee, at, at + 46);
    }
    const error = refusal(() => preflightXlsx(buffer), "too-many-entries");
    expect(error.message).toContain("1,000,000");
    expect(error.message).toContain("10,000");
  });

  it("refuses a classic archive declaring more entries than the limit", () => {
    const buffer = xlsx();
    buffer.writeUInt16LE(60_000, buffer.length - 14);
    buffer.writeUInt16LE(60_000, buffer.length - 12);
    refusal(() => listZipEntries(buffer), "too-many-entries");
  });

  it("refuses a real archive with more entries than a custom limit", () => {
    refusal(() => preflightXlsx(xlsx(), { ...DEFAULT_LIMITS, maxEntries: 5 }), "too-many-entries");
    expect(preflightXlsx(xlsx(), { ...DEFAULT_LIMITS, maxEntries: 6 }).entries).toHaveLength(6);
  });

  it("refuses a total declared size over the limit", () => {
    const buffer = writeZip(workbookParts(), { declaredSizes: { "xl/worksheets/sheet1.xml": 2 * 1024 * 1024 * 1024 } });
    const error = refusal(() => listZipEntries(buffer), "too-much-data");
    expect(error.message).toContain("the limit of 1 GB");
    expect(error.message).toMatch(/expand to 2(\.0)? GB/);
  });

  it("refuses a total declared size over a custom limit, summed across parts", () => {
    const buffer = writeZip([
      { name: "a.txt", data: "a".repeat(6_000) },
      { name: "b.txt", data: "b".repeat(6_000) },
    ]);
    expect(listZipEntries(buffer, { ...SMALL_LIMITS, maxUncompressedBytes: 12_000 })).toHaveLength(2);
    const error = refusal(() => listZipEntries(buffer, { ...SMALL_LIMITS, maxUncompressedBytes: 11_999 }), "too-much-data");
    // Both round to 11.7 KB, so the message gives exact figures rather than look equal.
    expect(error.message).toBe(
      "This file would expand to 12,000 bytes when opened, more than the limit of 11,999 bytes, so it will not be opened.",
    );
  });
});

describe("limits on each part, from its declared sizes", () => {
  const MB = 1024 * 1024;
  /** A stored part of a few bytes that declares `declared` bytes: inflating it would find the lie, so a refusal by size shows nothing was read. */
  const declaring = (name: string, declared: number) => writeZip([...workbookParts(), { name, data: "<x/>", store: true }], { declaredSizes: { [name]: declared } });

  it("refuses a part declaring more than 64 MB before inflating anything, naming the part and the limit", () => {
    const buffer = declaring("xl/worksheets/sheet2.xml", 419 * MB);
    const error = refusal(() => preflightXlsx(buffer), "part-too-large");
    expect(error.message).toBe(
      'The part "xl/worksheets/sheet2.xml" of this file would expand to 419 MB when opened, more than the limit of 64 MB for one part, so it will not be opened.',
    );
  });

  it("accepts a part declaring exactly the limit, and refuses one byte more", () => {
    const data = noise(2_000).toString("hex"); // 4,000 bytes that compress about 2:1
    const buffer = writeZip([{ name: "a.txt", data }]);
    expect(listZipEntries(buffer, { ...SMALL_LIMITS, maxPartBytes: 4_000 })).toHaveLength(1);
    const error = refusal(() => listZipEntries(buffer, { ...SMALL_LIMITS, maxPartBytes: 3_999 }), "part-too-large");
    expect(error.message).toContain("would expand to 4,000 bytes when opened, more than the limit of 3,999 bytes for one part");
  });

  it("refuses a part compressed more than 100:1 before inflating it", () => {
    // 50 MB declared, 10 KB in the file: a stored part that is really 4 bytes, so reading it would say "damaged".
    const buffer = writeZip([...workbookParts(), { name: "xl/sharedStrings.xml", data: Buffer.alloc(10 * 1024, 0x20), store: true }], {
      declaredSizes: { "xl/sharedStrings.xml": 50 * MB },
    });
    const error = refusal(() => preflightXlsx(buffer), "too-compressed");
    expect(error.message).toBe(
      'The part "xl/sharedStrings.xml" of this file would expand from 10 KB to 50 MB when opened, 5,120 times its size in the file, ' +
        "more than the limit of 100 times for one part, so it will not be opened. A genuine workbook does not pack down that far.",
    );
  });

  it("refuses an honest part of zeros compressed about 1,000:1, but not the same under the size floor", () => {
    const zeros = (bytes: number) => writeZip([{ name: "zeros.bin", data: Buffer.alloc(bytes) }]);
    refusal(() => listZipEntries(zeros(2 * MB)), "too-compressed");
    const [small] = listZipEntries(zeros(MB));
    expect(small.uncompressedSize / small.compressedSize).toBeGreaterThan(500);
  });

  it("accepts sheet XML as compressible as real sheets (formatted empty rows, about 16:1)", () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `<row r="${i + 2}" s="1" customFormat="1"/>`).join("");
    const buffer = writeZip([{ name: "xl/worksheets/sheet1.xml", data: `<worksheet><sheetData>${rows}</sheetData></worksheet>` }]);
    const [entry] = listZipEntries(buffer);
    expect(entry.uncompressedSize).toBeGreaterThan(2 * MB);
    expect(entry.uncompressedSize / entry.compressedSize).toBeLessThan(100);
  });

  it("checks the total declared size before each part's", () => {
    const buffer = declaring("xl/worksheets/sheet2.xml", 5 * 1024 * MB);
    expect(refusal(() => preflightXlsx(buffer), "too-much-data").message).toContain("would expand to 5 GB");
  });
});

describe("filters", () => {
  it("counts a filter's criteria as a loss, but not filter buttons alone", () => {
    const criteria = '<autoFilter ref="A1:C9"><filterColumn colId="2"><filters><filter val="On target"/></filters></filterColumn></autoFilter>';
    expect(lossesOf({ sheets: [{ name: "Action Plan", body: criteria }] })).toEqual([{ feature: "filters (which rows each filter hides)", where: ["Action Plan"] }]);
    expect(lossesOf({ sheets: [{ name: "Action Plan", body: '<autoFilter ref="A1:C9"/>' }] })).toEqual([]);
  });
});

describe("declared ranges", () => {
  it("counts the cells of a range, a whole column, a whole row and a list of ranges", () => {
    expect(cellsInRange("A1")).toBe(1);
    expect(cellsInRange("$B$2:$D$11")).toBe(30);
    expect(cellsInRange("C:C")).toBe(1_048_576);
    expect(cellsInRange("2:3")).toBe(2 * 16_384);
    expect(cellsInRange("A1:XFD1048576")).toBe(1_048_576 * 16_384);
    expect(cellsInRange("not a range")).toBe(0);
  });

  it("refuses a tiny file whose merged cells cover the whole sheet, naming the sheet and the range", () => {
    const bomb = xlsx({ sheets: [{ name: "Action Plan", body: '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>' }] });
    expect(bomb.length).toBeLessThan(2_000);
    const error = refusal(() => preflightXlsx(bomb), "too-many-cells");
    expect(error.message).toContain('merged cells cover 17,179,869,184 cells, more than the 100,000 this tool will open (the largest is A1:XFD1048576 on "Action Plan")');
    expectPlainEnglish(error.message);
  });

  it("refuses data validation declared over many whole columns, summed across sheets and ranges", () => {
    const columns = '<dataValidations count="1"><dataValidation type="list" sqref="A:A B:B"><formula1>"a,b"</formula1></dataValidation></dataValidations>';
    refusal(() => preflightXlsx(xlsx({ sheets: [{ name: "One", body: columns }, { name: "Two", body: columns }] })), "too-many-cells");
  });

  it("refuses merged cells over two whole columns, which ExcelJS would build one by one", () => {
    const merged = xlsx({ sheets: [{ name: "Action Plan", body: '<mergeCells count="1"><mergeCell ref="S1:T1048576"/></mergeCells>' }] });
    refusal(() => preflightXlsx(merged), "too-many-cells");
  });

  it("refuses a sheet formatted down to its last row, saying how to fix it", () => {
    const rows = Array.from({ length: 120 }, (_, i) => `<row r="${i + 1}" s="1" customFormat="1"/>`).join("");
    const sheet = `${XML_DECL}<worksheet xmlns="${NS_MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
    const parts = workbookParts().map((p) => (p.name === "xl/worksheets/sheet1.xml" ? { ...p, data: sheet } : p));
    const error = refusal(() => preflightXlsx(writeZip(parts), { ...DEFAULT_LIMITS, maxRows: 100 }), "too-many-cells");
    expect(error.message).toBe(
      'This file\'s sheets have 120 rows (120 on "Action Plan"), more than the 100 this tool will open. Excel keeps rows that were only formatted: delete the empty rows below the data. Then try again.',
    );
  });

  it("counts cells without mistaking other elements for them", () => {
    const cells = '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>';
    const sheet = `${XML_DECL}<worksheet xmlns="${NS_MAIN}"><cols><col min="1" max="2"/></cols><sheetData>${cells}</sheetData></worksheet>`;
    const parts = workbookParts().map((p) => (p.name === "xl/worksheets/sheet1.xml" ? { ...p, data: sheet } : p));
    expect(() => preflightXlsx(writeZip(parts), { ...DEFAULT_LIMITS, maxCells: 2 })).not.toThrow();
    refusal(() => preflightXlsx(writeZip(parts), { ...DEFAULT_LIMITS, maxCells: 1 }), "too-many-cells");
  });

  it("accepts a whole-column drop-down list, as Excel users often make", () => {
    const column = '<dataValidations count="1"><dataValidation type="list" sqref="J2:J1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>';
    expect(preflightXlsx(xlsx({ sheets: [{ name: "Action Plan", body: column }] })).losses).toEqual([]);
  });
});

describe("zips that are not workbooks", () => {
  it("refuses a zip without the workbook parts", () => {
    const buffer = writeZip([{ name: "readme.txt", data: "Minutes of the CSP meeting" }]);
    const error = refusal(() => preflightXlsx(buffer), "not-a-workbook");
    expect(error.message).toBe("This is a zip file but not an Excel workbook (.xlsx).");
  });

  it("refuses a zip with content types but no workbook", () => {
    const parts = workbookParts().filter((entry) => entry.name !== "xl/workbook.xml");
    refusal(() => preflightXlsx(writeZip(parts)), "not-a-workbook");
  });

  it("refuses an empty zip", () => {
    refusal(() => preflightXlsx(writeZip([])), "not-a-workbook");
  });

  it("says when the zip is a Word document", () => {
    const buffer = writeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "word/document.xml", data: "<w:document/>" },
    ]);
    expect(refusal(() => preflightXlsx(buffer), "not-a-workbook").message).toBe(
      "This is a zip file but not an Excel workbook (.xlsx): it looks like a Word document.",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Wording
// ---------------------------------------------------------------------------------------------

describe("describeLosses", () => {
  it("says when nothing would be lost", () => {
    expect(describeLosses([])).toBe("Nothing was found in this workbook that would be lost when it is saved.");
  });

  it("names one feature and its sheet", () => {
    expect(describeLosses([{ feature: "sparklines", where: ["Action Plan"] }])).toBe(
      'This workbook has sparklines (on sheet "Action Plan"), which would be lost if this tool saved changes to it.',
    );
  });

  it("lists several features in one sentence, leaving out part names", () => {
    const text = describeLosses([
      { feature: "charts", where: ["Dashboard", "Summary"] },
      { feature: "macros", where: ["xl/vbaProject.bin"] },
      { feature: "macros", where: ["[Content_Types].xml"] },
      { feature: "an old-style workbook protection password", where: ["xl/workbook.xml"] },
    ]);
    expect(text).toBe(
      'This workbook has charts (on sheets "Dashboard" and "Summary"), macros, macros and an old-style workbook protection password, ' +
        "which would be lost if this tool saved changes to it.",
    );
    expectPlainEnglish(text);
  });

  it("shortens a long list of sheets", () => {
    expect(describeLosses([{ feature: "sparklines", where: ["Q1", "Q2", "Q3", "Q4", "Year"] }])).toBe(
      'This workbook has sparklines (on sheets "Q1", "Q2" and 3 other sheets), which would be lost if this tool saved changes to it.',
    );
  });

  it("describes what preflight finds", () => {
    const { losses } = preflightXlsx(
      xlsx({ sheets: [{ name: "Action Plan", body: '<sheetProtection password="CC3D"/>' }], parts: [part("xl/connections.xml")] }),
    );
    expect(describeLosses(losses)).toBe(
      'This workbook has data connections and queries and old-style sheet protection passwords (on sheet "Action Plan"), ' +
        "which would be lost if this tool saved changes to it.",
    );
  });
});

function part(name: string): ZipWriterEntry {
  return { name, data: "<x/>" };
}

// The zip writer is shared with the generated corpus of bad workbooks, so pin down what it writes.
describe("test zip writer", () => {
  it("writes the standard CRC-32 check value", () => {
    const buffer = writeZip([{ name: "a.txt", data: "The quick brown fox jumps over the lazy dog", store: true }]);
    expect(buffer.readUInt32LE(14)).toBe(0x414fa339);
  });

  it("combines CRC-32 values as if the data were joined", () => {
    const a = Buffer.from("Reduce anti-social behaviour ");
    const b = Buffer.from(" ".repeat(100_003));
    expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
    expect(crc32Combine(crc32(a), crc32(Buffer.alloc(0)), 0)).toBe(crc32(a));
  });

  it("writes deflate streams that inflate to the data", () => {
    const data = "x".repeat(10_000);
    const buffer = writeZip([{ name: "x.txt", data }]);
    const [entry] = listZipEntries(buffer);
    expect(entry.compressedSize).toBe(deflateRawSync(data).length);
    expect(readZipEntry(buffer, entry).toString()).toBe(data);
  });
});
