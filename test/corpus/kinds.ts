/**
 * A corpus of bad workbooks, built by code rather than committed as binaries: each kind starts from a valid
 * plan made with the project's own code (setUpPlan on an ExcelJS workbook) and damages it with ExcelJS
 * edits or by rewriting the zip's parts. Every build is deterministic: files are zipped again with the
 * test zip writer (fixed entry dates) and the document's created/modified dates are fixed.
 *
 * Each kind says what the user must be told: a refusal (exit 2 and a message) or findings (exit 0 or 1 and
 * rule ids, cells and message parts), and what `summary` may do with the file.
 */
import type ExcelJS from "exceljs";
import { constants as zlibConstants, deflateRawSync } from "node:zlib";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/excelJsWorkbook";
import { listZipEntries, readZipEntry } from "../../src/adapters/exceljs/xlsxPreflight";
import { columnLetter } from "../../src/domain/cells";
import { ACTION_COLUMNS, ACTION_PLAN, ActionColumn, PLAN_SETTINGS, PRIORITIES, SETTINGS } from "../../src/domain/contract";
import { TableSpec } from "../../src/domain/layout";
import { planTables } from "../../src/domain/planLayout";
import { PlanSeed, SeedAction } from "../../src/domain/planSeed";
import { RAG_RATINGS, RagRating } from "../../src/domain/rag";
import { RAG_COLOURS } from "../../src/domain/ragColours";
import { Change } from "../../src/port/workbookPort";
import { setUpPlan } from "../../src/usecases/setUpPlan";
import { BASE_SEED, CLEAN_ACTION } from "../support/planFixture";
import { crc32, crc32Combine, writeZip, ZipWriterEntry } from "../support/zipWriter";
import {
  chartDrawingXml,
  CONTENT_TYPE,
  escapeXml,
  labelCustomPropertiesXml,
  labelInfoXml,
  NewCell,
  NS,
  pieChartXml,
  REL_TYPE,
  Relationship,
  relsXml,
  SensitivityLabel,
  sheetTableSlicerList,
  slicerCacheName,
  slicerCacheXml,
  slicerDrawingXml,
  slicersXml,
  statusPivot,
  TableSlicer,
  workbookTableSlicerCaches,
  worksheetXml,
  XML_DECL,
} from "./officeParts";

// ---------------------------------------------------------------------------------------------
// What a kind expects
// ---------------------------------------------------------------------------------------------

/** One finding `check --json` must list. Strings match exactly (rule, cell) or as a substring (message). */
export interface ExpectedFinding {
  rule: string | RegExp;
  severity?: "error" | "warning";
  cell?: string;
  message?: string | RegExp;
}

/** What `check FILE` tells the user. */
export type CheckExpectation =
  /** The file is refused before it is read: exit 2, and stderr says why (after the file's path). */
  | { readonly refused: true; readonly message: RegExp }
  | {
      readonly refused: false;
      /** 0: no errors (warnings allowed); 1: the plan has errors. */
      readonly exit: 0 | 1;
      /** Findings that must be listed (others may be too). */
      readonly findings: readonly ExpectedFinding[];
      /** Findings that must not be listed: the damage was read as the person meant it. */
      readonly absent?: readonly ExpectedFinding[];
      /** True when `findings` is the whole list. */
      readonly exactly?: boolean;
    };

/** What `summary FILE` (in place) and `summary FILE --out NEW` do. */
export type SummaryExpectation =
  /** Both write: the file holds nothing a save would lose and no structure error. */
  | { readonly inPlace: "writes"; readonly out: "writes" }
  /** In place is refused (exit 1) because saving would lose something; --out writes a new file. */
  | { readonly inPlace: "refused"; readonly out: "writes"; readonly message: RegExp }
  /** Both refused with this exit status and message; nothing is written. */
  | { readonly inPlace: "refused"; readonly out: "refused"; readonly exit: 1 | 2; readonly message: RegExp };

export interface CorpusKind {
  /** Kebab-case; the file is `<id>.<extension>`. */
  readonly id: string;
  /** The file's extension: `xlsx` unless the package is a macro-enabled workbook, which Excel opens only as `.xlsm`. */
  readonly extension?: "xlsx" | "xlsm";
  /** Plain English, as for a README table row. */
  readonly label: string;
  /** What the user is told, in plain English (the README's "What the user is told" column). */
  readonly told: string;
  build(): Promise<Buffer>;
  readonly check: CheckExpectation;
  readonly summary: SummaryExpectation;
  /** CPU and peak memory allowed each run, where a kind needs more than the default. */
  readonly budget?: { readonly cpuMs: number; readonly peakRssMb: number };
}

// ---------------------------------------------------------------------------------------------
// A valid plan to start from
// ---------------------------------------------------------------------------------------------

/** 15 November 2014: inside the sample plan year, fixed so every build is the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2014, 10, 15, 12, 0, 0));

/** Four clean actions over the base seed's three priorities: the plan checks with no findings at all. */
export const CLEAN_ACTIONS: SeedAction[] = [
  { ...CLEAN_ACTION, id: "1.1" },
  {
    ...CLEAN_ACTION,
    id: "1.2",
    action: "Open a youth diversion project on Friday nights in Parr and Thatto Heath",
    outcome: "Fewer young people drawn into ASB",
    measure: "Number of young people attending: 40 a week by March",
    leadOfficer: "Community Safety Manager",
    status: "At risk",
    updates: { Q1: "Venue agreed.", Q2: "Funding bid submitted.", Q3: "Funding delayed; opening moved to February." },
  },
  {
    ...CLEAN_ACTION,
    id: "2.1",
    priority: "Serious acquisitive crime",
    action: "Mark property free of charge at four community events in burglary hotspots",
    outcome: "Fewer repeat burglaries",
    measure: "Repeat burglaries down 5% on 2013/14",
    leadOfficer: "Chief Inspector, St Helens Local Policing",
    leadAgency: "Merseyside Police",
    status: "Complete",
    updates: { Q1: "Two events held.", Q2: "Four events held; complete.", Q3: "Complete." },
  },
  {
    ...CLEAN_ACTION,
    id: "3.1",
    priority: "Domestic violence and abuse",
    action: "Train 60 frontline staff across partner agencies to use the DASH risk checklist",
    outcome: "Earlier referral of high-risk victims to MARAC",
    measure: "60 staff trained; referrals to MARAC up 10%",
    leadOfficer: "Community Safety Manager",
    status: "On target",
    updates: { Q1: "Course booked.", Q2: "24 trained.", Q3: "45 trained." },
  },
];

export const CLEAN_SEED: PlanSeed = { ...BASE_SEED, actions: CLEAN_ACTIONS };

/** Zero-based data row of an action in the clean seed. */
const ROW_OF = (id: string): number => CLEAN_ACTIONS.findIndex((a) => a.id === id);
/** The sheet row (1-based) of an action in the clean seed. */
const SHEET_ROW = (id: string): number => ROW_OF(id) + 2;

/** A seed with some clean actions changed (by ID). */
function seedWith(changes: Record<string, Partial<SeedAction>>, extra: Partial<PlanSeed> = {}): PlanSeed {
  return { ...CLEAN_SEED, ...extra, actions: CLEAN_ACTIONS.map((a) => ({ ...a, ...changes[a.id] })) };
}

async function saved(workbook: ExcelJsWorkbook): Promise<Buffer> {
  workbook.workbook.created = FIXED_DATE;
  workbook.workbook.modified = FIXED_DATE;
  return canonical(await workbook.toBuffer());
}

/** A plan workbook as `init` writes it, from a seed. */
export async function planBytes(seed: PlanSeed = CLEAN_SEED): Promise<Buffer> {
  const workbook = ExcelJsWorkbook.empty();
  const outcome = await setUpPlan(workbook, seed);
  if (!outcome.done) throw new Error(outcome.reason);
  return saved(workbook);
}

/** A workbook made from the plan's table specs after changing them (a column dropped, a setting added). */
async function tablesBytes(seed: PlanSeed, change: (tables: TableSpec[]) => TableSpec[]): Promise<Buffer> {
  const workbook = ExcelJsWorkbook.empty();
  await workbook.apply(change(planTables(seed)).map((table): Change => ({ kind: "createTable", table })));
  return saved(workbook);
}

/** The plan, loaded as the command line loads it, changed through the port and/or ExcelJS, and saved. */
async function edited(bytes: Buffer, edit: { changes?: Change[]; excel?: (workbook: ExcelJS.Workbook) => void }): Promise<Buffer> {
  const workbook = await ExcelJsWorkbook.load(bytes);
  if (edit.changes) await workbook.apply(edit.changes);
  edit.excel?.(workbook.workbook);
  return saved(workbook);
}

function actionSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(ACTION_PLAN.sheet);
  if (!sheet) throw new Error(`No sheet "${ACTION_PLAN.sheet}".`);
  return sheet;
}

// ---------------------------------------------------------------------------------------------
// Zip parts
// ---------------------------------------------------------------------------------------------

interface Part {
  name: string;
  data: Buffer;
}

function partsOf(bytes: Buffer): Part[] {
  return listZipEntries(bytes)
    .filter((entry) => !entry.name.endsWith("/"))
    .map((entry) => ({ name: entry.name, data: readZipEntry(bytes, entry) }));
}

const CORE = "docProps/core.xml";
const W3CDTF = FIXED_DATE.toISOString().replace(/\.\d{3}Z$/, "Z");

/** The same parts zipped again with fixed entry dates, and fixed created/modified dates: the same bytes every time. */
function canonical(bytes: Buffer): Buffer {
  return writeZip(
    partsOf(bytes).map((part) =>
      part.name === CORE
        ? { name: part.name, data: part.data.toString("utf8").replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*/g, `$1${W3CDTF}`) }
        : part,
    ),
  );
}

type PartEdit = (xml: string) => string;

/** Rewrites parts (by name; the edit throws if the part is missing) and adds others. */
function rewriteParts(bytes: Buffer, edits: Record<string, PartEdit>, extra: ZipWriterEntry[] = []): Buffer {
  const parts = partsOf(bytes);
  for (const name of Object.keys(edits)) {
    if (!parts.some((p) => p.name === name)) throw new Error(`No part ${name} to edit.`);
  }
  return writeZip([
    ...parts.map((p) => (edits[p.name] ? { name: p.name, data: mustChange(p.name, p.data.toString("utf8"), edits[p.name]) } : p)),
    ...extra,
  ]);
}

function mustChange(name: string, xml: string, edit: PartEdit): string {
  const changed = edit(xml);
  if (changed === xml) throw new Error(`The edit of ${name} changed nothing.`);
  return changed;
}

/** `init` writes the Action Plan sheet first and its table first. */
const ACTION_SHEET_PART = "xl/worksheets/sheet1.xml";
const ACTION_SHEET_RELS = "xl/worksheets/_rels/sheet1.xml.rels";
const ACTION_TABLE_PART = "xl/tables/table1.xml";
const CONTENT_TYPES = "[Content_Types].xml";

const REL = NS.r;

/** Adds a relationship to a .rels part: `type` is a full URI, or the last segment of an ECMA-376 one. */
function addRelationship(id: string, type: string, target: string): PartEdit {
  const uri = type.includes("://") ? type : `${REL}/${type}`;
  return (xml) => xml.replace("</Relationships>", `<Relationship Id="${id}" Type="${uri}" Target="${target}"/></Relationships>`);
}

function addOverride(part: string, contentType: string): PartEdit {
  return (xml) => xml.replace("</Types>", `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`);
}

/** Puts XML into a worksheet after `</sheetData>` (before anything else that follows it). */
const afterSheetData = (text: string): PartEdit => (xml) => xml.replace("</sheetData>", `</sheetData>${text}`);

// ---------------------------------------------------------------------------------------------
// Helpers for particular kinds
// ---------------------------------------------------------------------------------------------

/** 32,767 characters (Excel's most for a cell) of a plain, specific action. */
function longAction(): string {
  const sentence = "Run monthly multi-agency patrols in the three town centre ASB hotspots, with a written debrief. ";
  return sentence.repeat(Math.ceil(32_767 / sentence.length)).slice(0, 32_767);
}

/** Empty rows with a row style (as Excel saves rows formatted down to the bottom of the sheet), from `first` to `last`. */
function formattedRows(first: number, last: number): string {
  const rows: string[] = [];
  for (let r = first; r <= last; r++) rows.push(`<row r="${r}" s="1" customFormat="1"/>`);
  return rows.join("");
}

const MB = 1024 * 1024;

/**
 * The plan with its action sheet padded out with spaces (legal between XML elements) to `size` bytes, honestly
 * declared: a zip bomb whose headers tell the truth. The part is deflated in pieces, each ended with a full
 * flush so that the same 1 MB of spaces compresses once and is repeated, and its CRC-32 is combined rather than
 * computed over hundreds of megabytes.
 */
async function paddedSheetBomb(size: number): Promise<Buffer> {
  const parts = partsOf(await planBytes());
  const sheet = parts.find((p) => p.name === ACTION_SHEET_PART)!;
  const at = sheet.data.indexOf("</sheetData>");
  const [head, tail] = [sheet.data.subarray(0, at), sheet.data.subarray(at)];
  const padding = size - head.length - tail.length;
  const chunk = Buffer.alloc(MB, 0x20);
  const rest = chunk.subarray(0, padding % MB);
  const flushed = (data: Buffer) => deflateRawSync(data, { finishFlush: zlibConstants.Z_FULL_FLUSH });
  const [chunkBody, chunkCrc] = [flushed(chunk), crc32(chunk)];

  const bodies = [flushed(head)];
  let crc = crc32(head);
  for (let i = 0; i < Math.floor(padding / MB); i++) {
    bodies.push(chunkBody);
    crc = crc32Combine(crc, chunkCrc, MB);
  }
  bodies.push(flushed(rest), deflateRawSync(tail));
  crc = crc32Combine(crc32Combine(crc, crc32(rest), rest.length), crc32(tail), tail.length);
  const bomb = { name: ACTION_SHEET_PART, data: Buffer.concat(bodies), deflated: { size, crc } };
  return writeZip(parts.map((p) => (p === sheet ? bomb : p)));
}

const CHART_XML =
  `${XML_DECL}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ` +
  `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}">` +
  '<c:chart><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>' +
  '<c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>\'Action Plan\'!$A$2:$A$5</c:f></c:numRef></c:val></c:ser>' +
  '<c:axId val="1"/><c:axId val="2"/></c:barChart></c:plotArea></c:chart></c:chartSpace>';

const DRAWING_XML =
  `${XML_DECL}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ` +
  `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
  "<xdr:twoCellAnchor><xdr:from><xdr:col>19</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>" +
  "<xdr:to><xdr:col>27</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>" +
  '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
  '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
  '<c:chart r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>';

const RELS_XML = (type: string, target: string) =>
  `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/${type}" Target="${target}"/></Relationships>`;

/** The first bytes of an OLE compound file, as an old .xls starts. */
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** A whole worksheet's range: every column, every row. */
const WHOLE_SHEET = "A1:XFD1048576";

const TOO_MANY_ROWS = /sheets have 1,048,\d+ rows \([\d,]+ on "Action Plan"\), more than the 300,000 this tool will open\. Excel keeps rows that were only formatted: delete the empty rows below the data/;
const DAMAGED = /This workbook file is damaged or incomplete/;
const STRUCTURE_REFUSAL = /structure errors? to fix first; nothing was written/;

/** Summary refused both ways because the plan has structure errors. */
const summaryRefusedForStructure: SummaryExpectation = { inPlace: "refused", out: "refused", exit: 1, message: STRUCTURE_REFUSAL };
/** Summary refused both ways because the file cannot be opened at all. */
const summaryUnusable = (message: RegExp): SummaryExpectation => ({ inPlace: "refused", out: "refused", exit: 2, message });
const summaryWrites: SummaryExpectation = { inPlace: "writes", out: "writes" };

// ---------------------------------------------------------------------------------------------
// Adding what Office adds: sheets, pivot tables, slicers, charts, macros and labels (issue 12)
// ---------------------------------------------------------------------------------------------

const WORKBOOK_PART = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
const SHARED_STRINGS = "xl/sharedStrings.xml";
const APP_PART = "docProps/app.xml";
const PACKAGE_RELS = "_rels/.rels";
/** The plan's four sheets use the workbook's relationships rId1 to rId7; what a kind adds takes the next ones. */
const NEXT_WORKBOOK_RELS = ["rId8", "rId9"] as const;

/** Several edits of one part, applied in order. */
function chain(...edits: PartEdit[]): PartEdit {
  return (xml) => edits.reduce((text, edit) => edit(text), xml);
}

/** Edits of parts merged: where two sets edit the same part, both edits apply, in order. */
function mergeEdits(...sets: Record<string, PartEdit>[]): Record<string, PartEdit> {
  const merged: Record<string, PartEdit> = {};
  for (const set of sets) for (const [name, edit] of Object.entries(set)) merged[name] = merged[name] ? chain(merged[name], edit) : edit;
  return merged;
}

function partText(bytes: Buffer, name: string): string {
  const part = partsOf(bytes).find((p) => p.name === name);
  if (!part) throw new Error(`No part ${name}.`);
  return part.data.toString("utf8");
}

/** Puts XML into the workbook part straight after `<calcPr/>`, where pivot caches and the extension list follow it. */
const afterCalcPr = (text: string): PartEdit => (xml) => xml.replace(/(<calcPr\b[^>]*\/>)/, `$1${text}`);

/**
 * The plan's shared strings, for the text of a sheet a kind adds. Like Excel, it reuses an entry already there
 * (so the plan's own indices stay as they are) and appends the rest; `edit` must run after every `cell` call.
 */
function sharedStringsOf(bytes: Buffer): { cell(text: string): NewCell; edit: PartEdit } {
  const entries = [...partText(bytes, SHARED_STRINGS).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]);
  const added: string[] = [];
  let uses = 0;
  return {
    cell(text) {
      uses++;
      const entry = `<t>${escapeXml(text)}</t>`;
      let index = entries.indexOf(entry);
      if (index < 0) {
        index = entries.push(entry) - 1;
        added.push(entry);
      }
      return { s: index };
    },
    edit: (xml) =>
      xml
        .replace(/\bcount="(\d+)"/, (_, n: string) => `count="${Number(n) + uses}"`)
        .replace(/\buniqueCount="(\d+)"/, (_, n: string) => `uniqueCount="${Number(n) + added.length}"`)
        .replace("</sst>", `${added.map((entry) => `<si>${entry}</si>`).join("")}</sst>`),
  };
}

/** docProps/app.xml with one more worksheet named in it, as Excel counts and lists a new sheet. */
const addSheetTitle =
  (name: string): PartEdit =>
  (xml) =>
    xml
      .replace(/(<vt:lpstr>Worksheets<\/vt:lpstr><\/vt:variant><vt:variant><vt:i4>)(\d+)/, (_, head: string, n: string) => `${head}${Number(n) + 1}`)
      .replace(
        /(<TitlesOfParts><vt:vector size=")(\d+)("[^>]*>[\s\S]*?)(<\/vt:vector><\/TitlesOfParts>)/,
        (_, open: string, n: string, body: string, close: string) => `${open}${Number(n) + 1}${body}<vt:lpstr>${escapeXml(name)}</vt:lpstr>${close}`,
      );

const DASHBOARD = "Dashboard";

/**
 * Edits and parts that add a fifth worksheet after the plan's four, as Excel adds one: its part (and its
 * relationships, if any), its entry in the workbook and its relationships, its content type and its title in app.xml.
 */
function addDashboard(sheetXml: string, relationships: Relationship[] = []): { edits: Record<string, PartEdit>; parts: ZipWriterEntry[] } {
  const relId = NEXT_WORKBOOK_RELS[0];
  return {
    edits: {
      [WORKBOOK_PART]: (xml) => xml.replace("</sheets>", `<sheet sheetId="5" name="${DASHBOARD}" state="visible" r:id="${relId}"/></sheets>`),
      [WORKBOOK_RELS]: addRelationship(relId, REL_TYPE.worksheet, "worksheets/sheet5.xml"),
      [CONTENT_TYPES]: addOverride("xl/worksheets/sheet5.xml", CONTENT_TYPE.worksheet),
      [APP_PART]: addSheetTitle(DASHBOARD),
    },
    parts: [
      { name: "xl/worksheets/sheet5.xml", data: sheetXml },
      ...(relationships.length > 0 ? [{ name: "xl/worksheets/_rels/sheet5.xml.rels", data: relsXml(relationships) }] : []),
    ],
  };
}

/** The column letter of one of the plan's columns, as `init` writes them (ID in A). */
const LETTER = (key: ActionColumn): string => columnLetter(Object.keys(ACTION_COLUMNS).indexOf(key));

/**
 * The plan with a pivot table on a new "Dashboard" sheet counting its actions by status, made from the whole
 * ActionPlan table, with the plan's records saved in the cache (Excel's default).
 */
async function pivotTableBytes(): Promise<Buffer> {
  const bytes = await planBytes();
  const pivot = statusPivot(CLEAN_ACTIONS, "rId1");
  const strings = sharedStringsOf(bytes);
  const cells: [string, NewCell][] = [
    ["A1", strings.cell("Actions by status")],
    ["A3", strings.cell("Row Labels")],
    ["B3", strings.cell(`Count of ${ACTION_COLUMNS.id}`)],
    ...pivot.rows.flatMap(([label, count], i): [string, NewCell][] => [
      [`A${4 + i}`, strings.cell(label)],
      [`B${4 + i}`, { n: count }],
    ]),
  ];
  const sheet = addDashboard(worksheetXml(cells, [22, 12]), [{ id: "rId1", type: REL_TYPE.pivotTable, target: "../pivotTables/pivotTable1.xml" }]);
  const cacheRelId = NEXT_WORKBOOK_RELS[1];
  return rewriteParts(
    bytes,
    mergeEdits(sheet.edits, {
      [WORKBOOK_PART]: afterCalcPr(`<pivotCaches><pivotCache cacheId="1" r:id="${cacheRelId}"/></pivotCaches>`),
      [WORKBOOK_RELS]: addRelationship(cacheRelId, REL_TYPE.pivotCacheDefinition, "pivotCache/pivotCacheDefinition1.xml"),
      [CONTENT_TYPES]: chain(
        addOverride("xl/pivotTables/pivotTable1.xml", CONTENT_TYPE.pivotTable),
        addOverride("xl/pivotCache/pivotCacheDefinition1.xml", CONTENT_TYPE.pivotCacheDefinition),
        addOverride("xl/pivotCache/pivotCacheRecords1.xml", CONTENT_TYPE.pivotCacheRecords),
      ),
      [SHARED_STRINGS]: strings.edit,
    }),
    [
      ...sheet.parts,
      { name: "xl/pivotTables/pivotTable1.xml", data: pivot.table },
      {
        name: "xl/pivotTables/_rels/pivotTable1.xml.rels",
        data: relsXml([{ id: "rId1", type: REL_TYPE.pivotCacheDefinition, target: "../pivotCache/pivotCacheDefinition1.xml" }]),
      },
      { name: "xl/pivotCache/pivotCacheDefinition1.xml", data: pivot.cacheDefinition },
      { name: "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels", data: relsXml([{ id: "rId1", type: REL_TYPE.pivotCacheRecords, target: "pivotCacheRecords1.xml" }]) },
      { name: "xl/pivotCache/pivotCacheRecords1.xml", data: pivot.cacheRecords },
    ],
  );
}

/** A slicer on the ActionPlan table's Status column (table id 1 in the part `init` writes; column ids count from 1). */
const STATUS_SLICER: TableSlicer = {
  name: ACTION_COLUMNS.status,
  tableId: 1,
  columnId: Object.keys(ACTION_COLUMNS).indexOf("status") + 1,
  uids: { slicer: "{6F0B7C2E-4A1D-4E5B-9C3A-2D8E1F7A0B64}", cache: "{3B9D5E71-0C2A-4F8E-B6D4-7A1C9E2F5D38}" },
};

/** The plan with a Status slicer beside its table on the Action Plan sheet, as Excel's Insert > Slicer makes one. */
async function slicerBytes(): Promise<Buffer> {
  const cacheRelId = NEXT_WORKBOOK_RELS[0];
  return rewriteParts(
    await planBytes(),
    {
      [ACTION_SHEET_PART]: (xml) =>
        xml.replace(/<tableParts\b/, '<drawing r:id="rId2"/><tableParts').replace("</tableParts>", `</tableParts><extLst>${sheetTableSlicerList("rId3")}</extLst>`),
      [ACTION_SHEET_RELS]: chain(addRelationship("rId2", "drawing", "../drawings/drawing1.xml"), addRelationship("rId3", REL_TYPE.slicer, "../slicers/slicer1.xml")),
      [WORKBOOK_PART]: chain(
        (xml) => xml.replace("</definedNames>", `<definedName name="${slicerCacheName(STATUS_SLICER)}">#N/A</definedName></definedNames>`),
        afterCalcPr(`<extLst>${workbookTableSlicerCaches(cacheRelId)}</extLst>`),
      ),
      [WORKBOOK_RELS]: addRelationship(cacheRelId, REL_TYPE.slicerCache, "slicerCaches/slicerCache1.xml"),
      [CONTENT_TYPES]: chain(
        addOverride("xl/drawings/drawing1.xml", CONTENT_TYPE.drawing),
        addOverride("xl/slicers/slicer1.xml", CONTENT_TYPE.slicer),
        addOverride("xl/slicerCaches/slicerCache1.xml", CONTENT_TYPE.slicerCache),
      ),
    },
    [
      // Right of the table (which ends at column R), the size Excel gives a new slicer.
      { name: "xl/drawings/drawing1.xml", data: slicerDrawingXml({ from: { col: 19, row: 1 }, to: { col: 22, row: 14 } }, STATUS_SLICER.name) },
      { name: "xl/slicers/slicer1.xml", data: slicersXml(STATUS_SLICER) },
      { name: "xl/slicerCaches/slicerCache1.xml", data: slicerCacheXml(STATUS_SLICER) },
    ],
  );
}

/**
 * The plan saved by Excel as a macro-enabled workbook (.xlsm): the macro-enabled main content type, a VBA
 * project (only its compound-file signature: nothing here runs it) and the code names Excel gives the workbook
 * and each sheet once it has a VBA project.
 */
async function xlsmBytes(): Promise<Buffer> {
  const codeName = (n: number): PartEdit => (xml) => xml.replace("<dimension ", `<sheetPr codeName="Sheet${n}"/><dimension `);
  return rewriteParts(
    await planBytes(),
    {
      [CONTENT_TYPES]: (xml) =>
        xml
          .replace(`ContentType="${CONTENT_TYPE.workbook}"`, `ContentType="${CONTENT_TYPE.macroEnabledWorkbook}"`)
          .replace('<Default Extension="rels"', `<Default Extension="bin" ContentType="${CONTENT_TYPE.vbaProject}"/><Default Extension="rels"`),
      [WORKBOOK_PART]: (xml) => xml.replace("<workbookPr ", '<workbookPr codeName="ThisWorkbook" '),
      [WORKBOOK_RELS]: addRelationship(NEXT_WORKBOOK_RELS[0], REL_TYPE.vbaProject, "vbaProject.bin"),
      ...Object.fromEntries([1, 2, 3, 4].map((n) => [`xl/worksheets/sheet${n}.xml`, codeName(n)])),
    },
    [{ name: "xl/vbaProject.bin", data: Buffer.concat([OLE_SIGNATURE, Buffer.alloc(1536 - OLE_SIGNATURE.length)]) }],
  );
}

/** A UK public-sector label, with made-up (but well-formed) label, tenant and action ids. */
const OFFICIAL_LABEL: SensitivityLabel = {
  id: "4e6c2a1b-8d3f-4a7e-9b5c-0f2d1e3a4b6c",
  siteId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
  actionId: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
  name: "OFFICIAL",
  setDate: W3CDTF,
};

/** The plan labelled OFFICIAL both ways Office has stored a label: docMetadata/LabelInfo.xml and MSIP_Label_ custom properties. */
async function sensitivityLabelBytes(): Promise<Buffer> {
  return rewriteParts(
    await planBytes(),
    {
      [PACKAGE_RELS]: chain(
        addRelationship("rId4", REL_TYPE.customProperties, "docProps/custom.xml"),
        addRelationship("rId5", REL_TYPE.classificationLabels, "docMetadata/LabelInfo.xml"),
      ),
      [CONTENT_TYPES]: chain(
        addOverride("docProps/custom.xml", CONTENT_TYPE.customProperties),
        addOverride("docMetadata/LabelInfo.xml", CONTENT_TYPE.classificationLabels),
      ),
    },
    [
      { name: "docProps/custom.xml", data: labelCustomPropertiesXml(OFFICIAL_LABEL) },
      { name: "docMetadata/LabelInfo.xml", data: labelInfoXml(OFFICIAL_LABEL) },
    ],
  );
}

/** Ranges of whole columns, as Excel saves a selection of the column by its header. */
const WHOLE_COLUMN = (letter: string): string => `${letter}1:${letter}1048576`;

/**
 * The plan whose Status drop-down someone widened to the whole column and who added a RAG drop-down to the
 * whole RAG column: both as Excel saves a validation applied to a selected column.
 */
async function wholeColumnDropdownsBytes(): Promise<Buffer> {
  const [status, rag] = [LETTER("status"), LETTER("rag")];
  const planRows = `${status}2:${status}${CLEAN_ACTIONS.length + 1}`;
  const ragList =
    `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorStyle="stop" errorTitle="RAG" error="Choose a RAG rating from the list." ` +
    `sqref="${WHOLE_COLUMN(rag)}"><formula1>&quot;${RAG_RATINGS.join(",")}&quot;</formula1></dataValidation>`;
  return rewriteParts(await planBytes(), {
    [ACTION_SHEET_PART]: chain(
      (xml) => xml.replace(new RegExp(`(<dataValidation\\b[^>]*\\bsqref=")${planRows}"`), `$1${WHOLE_COLUMN(status)}"`),
      (xml) => xml.replace(/<dataValidations count="(\d+)">/, (_, n: string) => `<dataValidations count="${Number(n) + 1}">`),
      (xml) => xml.replace("</dataValidations>", `${ragList}</dataValidations>`),
    ),
  });
}

/** Last quarter's RAG ratings, as a summary wrote them into the plan: the dashboard counts these. */
const LAST_RAG: Record<string, RagRating> = { "1.1": "Green", "1.2": "Amber", "2.1": "Blue", "3.1": "Green" };

/**
 * The plan with a "Dashboard" sheet counting actions by RAG rating (COUNTIF over the ActionPlan table's RAG
 * column, cached results saved) and a pie chart of those counts in the RAG colours.
 */
async function dashboardChartBytes(): Promise<Buffer> {
  const bytes = await edited(await planBytes(), {
    changes: [
      {
        kind: "setColumn",
        table: ACTION_PLAN.table,
        key: ACTION_COLUMNS.id,
        column: ACTION_COLUMNS.rag,
        rows: CLEAN_ACTIONS.map((a) => ({ id: a.id, value: LAST_RAG[a.id] })),
      },
    ],
  });
  const strings = sharedStringsOf(bytes);
  const counts = RAG_RATINGS.map((rating) => Object.values(LAST_RAG).filter((r) => r === rating).length);
  const cells: [string, NewCell][] = [
    ["A1", strings.cell(ACTION_COLUMNS.rag)],
    ["B1", strings.cell("Actions")],
    ...RAG_RATINGS.flatMap((rating, i): [string, NewCell][] => [
      [`A${2 + i}`, strings.cell(rating)],
      [`B${2 + i}`, { f: `COUNTIF(${ACTION_PLAN.table}[${ACTION_COLUMNS.rag}],A${2 + i})`, n: counts[i] }],
    ]),
  ];
  const last = RAG_RATINGS.length + 1;
  const chart = pieChartXml(
    "Actions by RAG rating",
    { name: "Actions", nameRef: `${DASHBOARD}!$B$1`, labelsRef: `${DASHBOARD}!$A$2:$A$${last}`, valuesRef: `${DASHBOARD}!$B$2:$B$${last}` },
    RAG_RATINGS.map((rating, i) => ({ label: rating, value: counts[i], colour: RAG_COLOURS[rating].fill })),
  );
  const sheet = addDashboard(worksheetXml(cells, [12, 10], '<drawing r:id="rId1"/>'), [{ id: "rId1", type: REL_TYPE.drawing, target: "../drawings/drawing1.xml" }]);
  return rewriteParts(
    bytes,
    mergeEdits(sheet.edits, {
      [CONTENT_TYPES]: chain(addOverride("xl/drawings/drawing1.xml", CONTENT_TYPE.drawing), addOverride("xl/charts/chart1.xml", CONTENT_TYPE.chart)),
      [SHARED_STRINGS]: strings.edit,
    }),
    [
      ...sheet.parts,
      { name: "xl/drawings/drawing1.xml", data: chartDrawingXml({ from: { col: 3, row: 1 }, to: { col: 11, row: 18 } }, "Chart 1", "rId1") },
      { name: "xl/drawings/_rels/drawing1.xml.rels", data: relsXml([{ id: "rId1", type: REL_TYPE.chart, target: "../charts/chart1.xml" }]) },
      { name: "xl/charts/chart1.xml", data: chart },
    ],
  );
}

/** Summary in place must write and lose nothing: every part the tool does not own is copied byte for byte. */
const KEPT_BYTE_FOR_BYTE = "The check runs as usual; summary writes in place, and every part of the file the tool does not own is kept byte for byte";

// ---------------------------------------------------------------------------------------------
// The kinds
// ---------------------------------------------------------------------------------------------

export const CORPUS_KINDS: readonly CorpusKind[] = [
  // --- Headers -------------------------------------------------------------------------------
  {
    id: "missing-column",
    label: "The action plan has no Measure column",
    told:
      'Error: the ActionPlan table has no "Measure" column; summary refuses until it is fixed.',
    build: () =>
      tablesBytes(CLEAN_SEED, (tables) =>
        tables.map((t) => {
          if (t.name !== ACTION_PLAN.table) return t;
          const drop = t.columns.findIndex((c) => c.header === "Measure");
          return { ...t, columns: t.columns.filter((_, i) => i !== drop), rows: t.rows.map((r) => r.filter((_, i) => i !== drop)) };
        }),
      ),
    check: {
      refused: false,
      exit: 1,
      findings: [{ rule: "structure.missing-column", severity: "error", message: 'no "Measure" column' }],
      // One fault, one finding: not also "Action 1.1 has no measure" for every action, placed on its ID cell.
      absent: [{ rule: "smart.measurable.missing" }],
    },
    summary: summaryRefusedForStructure,
  },
  {
    id: "renamed-column",
    label: 'The "Lead officer" header renamed "Responsible officer"',
    told:
      'Error: the ActionPlan table has no "Lead officer" column; summary refuses until it is fixed.',
    build: async () =>
      edited(await planBytes(), { changes: [{ kind: "renameColumns", table: ACTION_PLAN.table, columns: [{ index: 5, name: "Responsible officer" }] }] }),
    check: {
      refused: false,
      exit: 1,
      findings: [{ rule: "structure.missing-column", severity: "error", message: 'no "Lead officer" column' }],
      // Every action does have a lead officer (in "Responsible officer"): not "Action 1.1 has no lead officer" at A2.
      absent: [{ rule: "smart.assignable.missing" }],
    },
    summary: summaryRefusedForStructure,
  },
  {
    id: "duplicate-column",
    label: 'Two columns headed "Status" (the second "Status " with a trailing space) that disagree',
    told: 'Error at the second header (S1): the ActionPlan table has two "Status" columns (J1 and S1); only the first is read. Summary refuses until it is fixed.',
    build: async () =>
      edited(await planBytes(), {
        changes: [
          { kind: "addColumns", table: ACTION_PLAN.table, columns: [{ header: "Status ", kind: "status" }] },
          { kind: "setColumn", table: ACTION_PLAN.table, key: ACTION_COLUMNS.id, column: "Status ", rows: CLEAN_ACTIONS.map((a) => ({ id: a.id, value: "Complete" })) },
        ],
      }),
    // The duplicate is matched by column, not by header text; "Status " normalises to "status", so the
    // lookup finds the first column. The second one's values are silently ignored today.
    check: { refused: false, exit: 1, findings: [{ rule: /^structure\./, cell: "S1", message: /Status/ }] },
    summary: summaryRefusedForStructure,
  },

  // --- Layout --------------------------------------------------------------------------------
  {
    id: "merged-cells",
    label: "Priority cells merged down over two actions of the same priority (B2:B3)",
    told: "Read as the merged value on each row: no finding; summary writes (the merge is kept).",
    build: async () => edited(await planBytes(), { excel: (wb) => actionSheet(wb).mergeCells(`B${SHEET_ROW("1.1")}:B${SHEET_ROW("1.2")}`) }),
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "blank-rows",
    label: "A blank row between actions",
    told: 'Warning at A3: "Row 3 of the action plan is blank. Delete it, or fill it in."',
    build: async () =>
      edited(await planBytes(), {
        excel: (wb) => {
          const row = actionSheet(wb).getRow(SHEET_ROW("1.2"));
          row.eachCell({ includeEmpty: true }, (cell) => (cell.value = null));
        },
      }),
    check: { refused: false, exit: 0, findings: [{ rule: "structure.blank-row", severity: "warning", cell: "A3", message: "Row 3 of the action plan is blank" }], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "hidden-rows",
    label: "Hidden rows, one holding an action with an unregistered lead officer",
    told: 'The hidden action is still checked: error at F3, "not in the Lead Officers register. Did you mean …?"',
    build: async () =>
      edited(await planBytes(seedWith({ "1.2": { leadOfficer: "Community Safety Mgr" } })), {
        excel: (wb) => {
          actionSheet(wb).getRow(SHEET_ROW("1.2")).hidden = true;
          actionSheet(wb).getRow(SHEET_ROW("2.1")).hidden = true;
        },
      }),
    check: {
      refused: false,
      exit: 1,
      findings: [{ rule: "smart.assignable.unknown-officer", cell: "F3", message: 'Did you mean "Community Safety Manager"?' }],
      exactly: true,
    },
    summary: summaryWrites,
  },
  {
    id: "filtered-table",
    label: 'A filtered table (Status = "On target"), with a faulty action in a row the filter hides',
    told:
      "Filtered-out actions are still checked (error at I3). Summary writes in place and the filter (which rows it hides) is kept: the table part is copied as it was.",
    build: async () => {
      const bytes = await edited(await planBytes(seedWith({ "1.2": { targetDate: "end of March" } })), {
        excel: (wb) => {
          for (const a of CLEAN_ACTIONS) if (a.status !== "On target") actionSheet(wb).getRow(SHEET_ROW(a.id)).hidden = true;
        },
      });
      // Excel stores a table's filter in the table part: colId 9 is Status.
      return rewriteParts(bytes, {
        [ACTION_TABLE_PART]: (xml) =>
          xml.replace('<filterColumn colId="9" hiddenButton="0"/>', '<filterColumn colId="9"><filters><filter val="On target"/></filters></filterColumn>'),
      });
    },
    check: { refused: false, exit: 1, findings: [{ rule: "smart.timely.not-a-date", cell: "I3", message: '"end of March" is not a date' }], exactly: true },
    // The file host copies the table part byte for byte, filter criteria and all.
    summary: summaryWrites,
  },
  {
    id: "two-action-tables",
    label: 'A copy of the Action Plan sheet ("Action Plan (2)", table ActionPlan2) holding more actions',
    told: 'Warning: the table ActionPlan2 on "Action Plan (2)" looks like a second action plan; only ActionPlan is checked and counted.',
    build: () =>
      tablesBytes(CLEAN_SEED, (tables) => {
        const copy = planTables({ ...CLEAN_SEED, actions: [{ ...CLEAN_ACTION, id: "1.9", leadOfficer: "Nobody Registered" }] })[0];
        return [...tables.slice(0, 1), { ...copy, sheet: "Action Plan (2)", name: "ActionPlan2" }, ...tables.slice(1)];
      }),
    check: { refused: false, exit: 0, findings: [{ rule: /^structure\./, message: /ActionPlan2/ }] },
    summary: summaryWrites,
  },
  {
    id: "empty-table",
    label: "An action plan table with no actions (one empty row, as Excel shows an empty table)",
    told: "No findings; the check says 0 actions, and the summary reports 0 actions.",
    build: () => planBytes({ ...CLEAN_SEED, actions: [] }),
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "header-only",
    label: "An action plan table that is only its header row (ref A1:R1, no data rows)",
    told: "No findings; the check says 0 actions, and the summary reports 0 actions.",
    build: async () => {
      const bytes = await planBytes({ ...CLEAN_SEED, actions: [CLEAN_ACTION] });
      return rewriteParts(bytes, {
        [ACTION_TABLE_PART]: (xml) => xml.replace(/ref="A1:R2"/g, 'ref="A1:R1"'),
        [ACTION_SHEET_PART]: (xml) => xml.replace(/<row r="2"[\s\S]*?<\/row>/, "").replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:R1"/>'),
      });
    },
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "no-table",
    label: "The action plan typed as a plain range: the headers are there but there is no Excel table",
    told: 'Error: "The workbook has no table named ActionPlan (expected on the sheet "Action Plan")"; summary refuses.',
    build: async () =>
      withoutParts(
        rewriteParts(await planBytes(), {
          [ACTION_SHEET_PART]: (xml) => xml.replace(/<tableParts\b[\s\S]*?<\/tableParts>/, ""),
          [ACTION_SHEET_RELS]: (xml) => xml.replace(/<Relationship [^>]*tables\/table1\.xml"\/>/, ""),
          [CONTENT_TYPES]: (xml) => xml.replace(/<Override PartName="\/xl\/tables\/table1\.xml"[^>]*\/>/, ""),
        }),
        [ACTION_TABLE_PART],
      ),
    check: { refused: false, exit: 1, findings: [{ rule: "structure.missing-table", severity: "error", message: "no table named ActionPlan" }] },
    summary: summaryRefusedForStructure,
  },
  {
    id: "huge-used-range",
    label: "A huge used range: a value in XFD1048576 and the sheet's dimension A1:XFD1048576",
    told: "Read normally, quickly and in bounded memory: no finding.",
    build: async () =>
      rewriteParts(await planBytes(), {
        [ACTION_SHEET_PART]: (xml) =>
          xml
            .replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${WHOLE_SHEET}"/>`)
            .replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>end</t></is></c></row></sheetData>'),
      }),
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },

  {
    id: "formatted-rows-to-bottom",
    label: "A huge used range: empty rows formatted all the way down to row 1,048,576 (a 2.6 MB file)",
    told: 'Refused: "This file\'s sheets have 1,048,576 rows (… on "Action Plan"), more than the 300,000 this tool will open. Excel keeps rows that were only formatted: delete the empty rows below the data."',
    build: async () =>
      rewriteParts(await planBytes(), {
        [ACTION_SHEET_PART]: (xml) =>
          xml
            .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:R1048576"/>')
            .replace("</sheetData>", `${formattedRows(CLEAN_ACTIONS.length + 2, 1_048_576)}</sheetData>`),
      }),
    check: { refused: true, message: TOO_MANY_ROWS },
    summary: summaryUnusable(TOO_MANY_ROWS),
  },
  {
    id: "validation-whole-column",
    label: "The Status drop-down applied to the whole column (J2:J1048576), as Excel saves a whole-column selection",
    told: "Read normally and as cheaply as the plain plan (the range is never expanded into cells): no finding; summary writes in place and the drop-down keeps its range.",
    build: async () =>
      rewriteParts(await planBytes(), {
        [ACTION_SHEET_PART]: (xml) => xml.replace(/(<dataValidation\b[^>]*\bsqref=")J2:J5"/, "$1J2:J1048576\""),
      }),
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },

  // --- Values --------------------------------------------------------------------------------
  {
    id: "dates-as-text",
    label: 'Target dates typed as text: "31/03/2015" (which reads as a date) and "end of March" (which does not)',
    told: 'Error at I3: target date "end of March" is not a date; enter a date such as 31/03/2015. "31/03/2015" as text is read as a date.',
    build: () => planBytes(seedWith({ "1.1": { targetDate: "31/03/2015" }, "1.2": { targetDate: "end of March" } })),
    check: {
      refused: false,
      exit: 1,
      findings: [{ rule: "smart.timely.not-a-date", severity: "error", cell: "I3", message: '"end of March" is not a date' }],
      exactly: true,
    },
    summary: summaryWrites,
  },
  {
    id: "dates-as-serial-numbers",
    label: "A target date stored as a plain number (42094) in a cell formatted General",
    told: "Warning at I2: the target date is a plain number, read as 31 March 2015; format the cell as a date.",
    build: async () =>
      edited(await planBytes(), {
        excel: (wb) => {
          const cell = actionSheet(wb).getCell(`I${SHEET_ROW("1.1")}`);
          cell.value = 42094;
          // A style of its own: ExcelJS shares a loaded style between the cells that use it.
          cell.style = { ...cell.style, numFmt: "General" };
        },
      }),
    check: { refused: false, exit: 0, findings: [{ rule: "smart.timely.number", severity: "warning", cell: "I2", message: "read as 31 March 2015" }], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "dates-wrong-century",
    label: "Target dates in the wrong century: 31/03/1915 and 31/03/2115",
    told: "Warnings at I2 and I3: the target date is outside the plan year 2014/15 (1 April 2014 to 31 March 2015).",
    build: () => planBytes(seedWith({ "1.1": { targetDate: "1915-03-31" }, "1.2": { targetDate: "2115-03-31" } })),
    check: {
      refused: false,
      exit: 0,
      findings: [
        { rule: "smart.timely.outside-year", cell: "I2", message: "31/03/1915 is outside the plan year 2014/15" },
        { rule: "smart.timely.outside-year", cell: "I3", message: "31/03/2115 is outside the plan year 2014/15" },
      ],
      exactly: true,
    },
    summary: summaryWrites,
  },
  {
    id: "dates-two-digit-year",
    label: 'A target date typed as text with a two-digit year ("31/03/15")',
    told: 'Error at I2: target date "31/03/15" has a two-digit year; write the year in full.',
    build: () => planBytes(seedWith({ "1.1": { targetDate: "31/03/15" } })),
    check: { refused: false, exit: 1, findings: [{ rule: "smart.timely.not-a-date", cell: "I2", message: "has a two-digit year" }], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "error-values",
    label: "Error values: a lookup formula showing #N/A as a lead officer, and #REF! as a target date",
    told:
      "Errors at F2 and I3: the cell shows the error #N/A / #REF!; correct it so it holds a value. Summary refuses until then. " +
      '(Today: also \'lead officer "#N/A" is not in the Lead Officers register. Add them to the register\'.)',
    build: async () =>
      edited(await planBytes(), {
        excel: (wb) => {
          const sheet = actionSheet(wb);
          sheet.getCell(`F${SHEET_ROW("1.1")}`).value = { formula: "VLOOKUP(A2,Officers!A:B,2,FALSE)", result: { error: "#N/A" } } as ExcelJS.CellValue;
          sheet.getCell(`I${SHEET_ROW("1.2")}`).value = { error: "#REF!" } as ExcelJS.CellValue;
        },
      }),
    check: {
      refused: false,
      exit: 1,
      findings: [
        { rule: "structure.error-value", severity: "error", cell: "F2", message: "shows the error #N/A" },
        { rule: "structure.error-value", severity: "error", cell: "I3", message: "shows the error #REF!" },
      ],
      // Not also 'lead officer "#N/A" is not in the Lead Officers register. Add them to the register'.
      absent: [{ rule: "smart.assignable.unknown-officer", cell: "F2" }],
    },
    summary: summaryRefusedForStructure,
  },
  {
    id: "numbers-as-text",
    label: 'Numbers stored as text: priority numbers "1", "2", "3" and "Max open actions per officer" = "1"',
    told: "Read as numbers: IDs match their priorities (no ID warning), and the limit of 1 gives an overload warning at F3.",
    build: () =>
      tablesBytes(CLEAN_SEED, (tables) =>
        tables.map((t) => {
          if (t.name === PRIORITIES.table) return { ...t, rows: t.rows.map(([no, name]) => [String(no), name]) };
          if (t.name === PLAN_SETTINGS.table) return { ...t, rows: [...t.rows, [SETTINGS.maxOpenActions, "1"]] };
          return t;
        }),
      ),
    check: {
      refused: false,
      exit: 0,
      findings: [{ rule: "smart.assignable.overloaded", cell: "F3", message: '"Community Safety Manager" leads 2 open actions (more than 1)' }],
      absent: [{ rule: "structure.id-priority" }],
      exactly: true,
    },
    summary: summaryWrites,
  },
  {
    id: "long-text",
    label: "An action of 32,767 characters (the most a cell can hold)",
    told: "Read whole, quickly: no finding; summary writes.",
    build: () => planBytes(seedWith({ "1.2": { action: longAction() } })),
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "non-latin-names",
    label: "Lead officers with non-Latin and right-to-left names (Arabic, Hebrew, Chinese, Polish), one misspelt",
    told: 'Error at F3: lead officer "محمد احمد" is not in the register. Did you mean "محمد الأحمد"? Names are shown intact.',
    build: () =>
      planBytes(
        seedWith(
          {
            "1.1": { leadOfficer: "אבי כהן", leadAgency: "St.Helens Council" },
            "1.2": { leadOfficer: "محمد احمد", leadAgency: "St.Helens Council" },
            "2.1": { leadOfficer: "王芳", leadAgency: "Merseyside Police" },
            "3.1": { leadOfficer: "Małgorzata Wójcik", leadAgency: "St.Helens Council" },
          },
          {
            officers: [
              ...BASE_SEED.officers,
              { name: "محمد الأحمد", agency: "St.Helens Council", email: "m.alahmad@sthelens.example", active: true },
              { name: "אבי כהן", agency: "St.Helens Council", email: "a.cohen@sthelens.example", active: true },
              { name: "王芳", agency: "Merseyside Police", email: "wang.fang@police.example", active: true },
              { name: "Małgorzata Wójcik", agency: "St.Helens Council", email: "m.wojcik@sthelens.example", active: true },
            ],
          },
        ),
      ),
    check: {
      refused: false,
      exit: 1,
      findings: [{ rule: "smart.assignable.unknown-officer", cell: "F3", message: 'lead officer "محمد احمد" is not in the Lead Officers register. Did you mean "محمد الأحمد"?' }],
      exactly: true,
    },
    summary: summaryWrites,
  },
  {
    id: "trailing-spaces",
    label: 'Trailing and leading spaces: header "Status ", status "On target ", officer "ASB Coordinator  ", priority " Anti-social behaviour"',
    told: "Spaces are ignored: no finding.",
    build: () =>
      tablesBytes(
        seedWith({ "1.1": { status: "On target " as SeedAction["status"], leadOfficer: "ASB Coordinator  ", priority: " Anti-social behaviour" } }),
        (tables) =>
          tables.map((t) => (t.name === ACTION_PLAN.table ? { ...t, columns: t.columns.map((c) => (c.header === "Status" ? { ...c, header: "Status " } : c)) } : t)),
      ),
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "formula-like-text",
    label: "Text beginning =, +, - and @ in an at-risk action's cells (stored as text, not formulas)",
    told: "Read as text: no finding; the summary copies it as text, never as a formula.",
    build: () =>
      planBytes(
        seedWith({
          "1.2": {
            action: "=HYPERLINK(\"http://example.com\",\"Open a youth diversion project\") on Friday nights",
            outcome: "@Parr ward: fewer young people drawn into ASB",
            measure: "-10% ASB calls for service on 2013/14",
            updates: { Q1: "Venue agreed.", Q2: "Funding bid submitted.", Q3: "+44 1744 000000 is the new referral line; funding delayed." },
          },
        }),
      ),
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "duplicate-ids",
    label: "Two actions with the same ID (1.1)",
    told: "Error at A3: ID 1.1 is used twice (first at A2). Summary refuses until it is fixed.",
    build: () => planBytes(seedWith({ "1.2": { id: "1.1" } })),
    check: { refused: false, exit: 1, findings: [{ rule: "structure.duplicate-id", cell: "A3", message: "ID 1.1 is used twice (first at A2)" }], exactly: true },
    summary: summaryRefusedForStructure,
  },
  {
    id: "unknown-status",
    label: 'A status outside the list ("In progress")',
    told: 'Error at J2: status "In progress" is not one of: Not started, On target, At risk, Incomplete, Complete, Removed.',
    build: () => planBytes(seedWith({ "1.1": { status: "In progress" as SeedAction["status"] } })),
    check: { refused: false, exit: 1, findings: [{ rule: "structure.unknown-status", cell: "J2", message: 'Status "In progress" for action 1.1 is not one of' }], exactly: true },
    summary: summaryRefusedForStructure,
  },

  // --- Round-trip losses ---------------------------------------------------------------------
  {
    id: "macros",
    label: "A macro-enabled workbook (xl/vbaProject.bin) saved as .xlsx",
    told: "The check runs as usual; summary writes in place and the macros are kept byte for byte.",
    build: async () =>
      rewriteParts(
        await planBytes(),
        {
          [CONTENT_TYPES]: (xml) =>
            xml
              .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
              .replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
          "xl/_rels/workbook.xml.rels": addRelationship("rId99", "vbaProject", "vbaProject.bin"),
        },
        [{ name: "xl/vbaProject.bin", data: Buffer.concat([OLE_SIGNATURE, Buffer.alloc(504)]) }],
      ),
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "chart",
    label: "A chart on the Action Plan sheet",
    told: "The check runs as usual; summary writes in place and the chart (its drawing and chart parts) is kept byte for byte.",
    build: async () =>
      rewriteParts(
        await planBytes(),
        {
          [ACTION_SHEET_PART]: (xml) => xml.replace(/<tableParts\b/, '<drawing r:id="rId99"/><tableParts'),
          [ACTION_SHEET_RELS]: addRelationship("rId99", "drawing", "../drawings/drawing1.xml"),
          [CONTENT_TYPES]: (xml) =>
            addOverride("xl/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml")(
              addOverride("xl/drawings/drawing1.xml", "application/vnd.openxmlformats-officedocument.drawing+xml")(xml),
            ),
        },
        [
          { name: "xl/drawings/drawing1.xml", data: DRAWING_XML },
          { name: "xl/drawings/_rels/drawing1.xml.rels", data: RELS_XML("chart", "../charts/chart1.xml") },
          { name: "xl/charts/chart1.xml", data: CHART_XML },
        ],
      ),
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },

  // --- Kept byte for byte by summary in place (issue 12) -------------------------------------
  {
    id: "pivot-table",
    label: 'A pivot table on a new "Dashboard" sheet counting actions by status, made from the whole ActionPlan table',
    told: `${KEPT_BYTE_FOR_BYTE} (the pivot table, its cache and its records).`,
    build: pivotTableBytes,
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "slicer",
    label: "A slicer on the ActionPlan table's Status column, beside the table on the Action Plan sheet",
    told: `${KEPT_BYTE_FOR_BYTE} (the slicer, its cache and the drawing that places it; the Action Plan sheet keeps its drawing and extension list).`,
    build: slicerBytes,
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "xlsm-macros",
    label: "A macro-enabled workbook saved by Excel as .xlsm (xl/vbaProject.bin, the macro-enabled content type, code names)",
    told: `${KEPT_BYTE_FOR_BYTE} (the VBA project, and the file stays an .xlsm).`,
    extension: "xlsm",
    build: xlsmBytes,
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "sensitivity-label",
    label: "A sensitivity label (OFFICIAL) stored both ways Office stores one: docMetadata/LabelInfo.xml and MSIP_Label_ custom properties",
    told: `${KEPT_BYTE_FOR_BYTE} (the label's parts and the package relationships that point to them).`,
    build: sensitivityLabelBytes,
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "whole-column-dropdowns",
    label: `The Status and RAG drop-downs applied to whole columns (${WHOLE_COLUMN(LETTER("status"))} and ${WHOLE_COLUMN(LETTER("rag"))}), as Excel saves a whole-column selection`,
    told: `${KEPT_BYTE_FOR_BYTE}; both drop-downs keep their whole-column ranges.`,
    build: wholeColumnDropdownsBytes,
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "dashboard-chart",
    label: 'A "Dashboard" sheet counting actions by RAG rating from the ActionPlan table, with a pie chart of the counts',
    told: `${KEPT_BYTE_FOR_BYTE} (the dashboard sheet, its drawing and its chart).`,
    build: dashboardChartBytes,
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },

  // --- Declared over whole sheets: refused by ExcelJS, read by the file host ------------------
  {
    id: "huge-validation-range",
    label: "A tiny file whose drop-down list (data validation) is declared over the whole sheet, A1:XFD1048576",
    told: "Read as usual: a declared range is never expanded into cells, so it costs nothing. No finding; summary writes in place and the drop-down keeps its range.",
    build: async () => rewriteParts(await planBytes(), { [ACTION_SHEET_PART]: (xml) => xml.replace(/(<dataValidation\b[^>]*\bsqref=")[^"]*"/, `$1${WHOLE_SHEET}"`) }),
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  {
    id: "huge-merge-range",
    label: "A tiny file declaring one merged range over the whole sheet, A1:XFD1048576",
    told: 'Read as Excel shows it, without expanding the range: every cell of the plan takes A1\'s value ("ID"), so check lists structure errors (e.g. "ID ID is used twice") and summary refuses until the sheet is unmerged.',
    build: async () =>
      rewriteParts(await planBytes(), { [ACTION_SHEET_PART]: afterSheetData(`<mergeCells count="1"><mergeCell ref="${WHOLE_SHEET}"/></mergeCells>`) }),
    check: { refused: false, exit: 1, findings: [{ rule: "structure.duplicate-id", severity: "error", cell: "A3", message: "ID ID is used twice" }] },
    summary: summaryRefusedForStructure,
  },
  {
    id: "merge-two-whole-columns",
    label: "A tiny file declaring a merged range over two whole columns (S1:T1048576: 2,097,152 cells)",
    told: "Read as usual: the merged range is beside the plan and is never expanded into cells. No finding; summary writes in place and the merge is kept.",
    build: async () =>
      rewriteParts(await planBytes(), { [ACTION_SHEET_PART]: afterSheetData('<mergeCells count="1"><mergeCell ref="S1:T1048576"/></mergeCells>') }),
    check: { refused: false, exit: 0, findings: [], exactly: true },
    summary: summaryWrites,
  },
  // --- Refused before reading ----------------------------------------------------------------
  {
    id: "zip-bomb",
    label: "A zip bomb: xl/sharedStrings.xml packs 32 MB into 32 KB while its headers declare only a few KB",
    told: 'Refused as damaged: "the part "xl/sharedStrings.xml" cannot be unpacked, or is larger than it claims to be".',
    build: async () => {
      const parts = partsOf(await planBytes());
      const strings = parts.find((p) => p.name === "xl/sharedStrings.xml")!;
      const bomb = Buffer.concat([strings.data, Buffer.alloc(32 * 1024 * 1024, 0x20)]);
      return writeZip(
        parts.map((p) => (p === strings ? { name: p.name, data: bomb } : p)),
        { declaredSizes: { [strings.name]: strings.data.length } },
      );
    },
    check: { refused: true, message: /the part "xl\/sharedStrings\.xml" cannot be unpacked, or is larger than it claims to be/ },
    summary: summaryUnusable(DAMAGED),
  },
  {
    id: "zip-bomb-declared",
    label: "A zip that declares 5 GB of uncompressed data (a huge declared total)",
    told: 'Refused: "This file would expand to 5 GB when opened, more than the limit of 1 GB, so it will not be opened."',
    build: async () => writeZip(partsOf(await planBytes()), { declaredSizes: { "xl/sharedStrings.xml": 5 * 1024 ** 3 } }),
    check: { refused: true, message: /would expand to 5 GB when opened, more than the limit of 1 GB/ },
    summary: summaryUnusable(/would expand to 5 GB/),
  },
  {
    id: "zip-bomb-honest",
    label: "A zip bomb that tells the truth: a 440 KB file whose action sheet declares 419 MB (padded with spaces)",
    told: 'Refused before anything is unpacked, in about 65 MB and 0.3 s of CPU (it took 1.4 GB and 10 s before parts had a limit): "The part "xl/worksheets/sheet1.xml" of this file would expand to 419 MB when opened, more than the limit of 64 MB for one part".',
    build: () => paddedSheetBomb(419 * MB),
    check: { refused: true, message: /The part "xl\/worksheets\/sheet1\.xml" of this file would expand to 419 MB when opened, more than the limit of 64 MB for one part/ },
    summary: summaryUnusable(/would expand to 419 MB when opened/),
  },
  {
    id: "zip-bomb-ratio",
    label: "A zip bomb under the size limit: a 75 KB file whose action sheet declares 60 MB (padded with spaces)",
    told: 'Refused before anything is unpacked: "The part "xl/worksheets/sheet1.xml" of this file would expand from … to 60 MB when opened, … times its size in the file, more than the limit of 100 times for one part".',
    build: () => paddedSheetBomb(60 * MB),
    check: { refused: true, message: /The part "xl\/worksheets\/sheet1\.xml" of this file would expand from [\d.]+ KB to 60 MB when opened, [\d,]+ times its size in the file, more than the limit of 100 times for one part/ },
    summary: summaryUnusable(/more than the limit of 100 times for one part/),
  },
  {
    id: "too-many-parts",
    label: "A zip whose table of contents claims 100,000 parts",
    told: 'Refused: "This file is made up of 100,000 separate parts, more than the limit of 10,000".',
    build: async () => writeZip(partsOf(await planBytes()), { declaredEntryCount: 100_000 }),
    check: { refused: true, message: /made up of 100,000 separate parts, more than the limit of 10,000/ },
    summary: summaryUnusable(/100,000 separate parts/),
  },
  {
    id: "not-a-zip",
    label: "Not a zip: a CSV export renamed .xlsx",
    told: 'Refused: "This file is not an Excel workbook (.xlsx). Check that you chose the right file …"',
    build: async () => Buffer.from("ID,Priority,Action\r\n1.1,Anti-social behaviour,Run monthly patrols\r\n", "utf8"),
    check: { refused: true, message: /This file is not an Excel workbook \(\.xlsx\)/ },
    summary: summaryUnusable(/not an Excel workbook/),
  },
  {
    id: "old-xls",
    label: "An old .xls file (or a workbook with a password to open) renamed .xlsx",
    told: 'Refused: "This file is an older Excel file (.xls) or a workbook protected by a password to open …"',
    build: async () => Buffer.concat([OLE_SIGNATURE, Buffer.alloc(4096 - OLE_SIGNATURE.length)]),
    check: { refused: true, message: /older Excel file \(\.xls\) or a workbook protected by a password to open/ },
    summary: summaryUnusable(/older Excel file/),
  },
  {
    id: "empty-file",
    label: "An empty file (0 bytes)",
    told: 'Refused: "This file is empty, so it is not an Excel workbook (.xlsx)."',
    build: async () => Buffer.alloc(0),
    check: { refused: true, message: /This file is empty/ },
    summary: summaryUnusable(/This file is empty/),
  },
  {
    id: "truncated-zip",
    label: "A truncated zip: the first 60% of a valid plan, as an interrupted download leaves it",
    told: 'Refused as damaged: "the end of the file is missing, so it may have been cut short while copying or downloading".',
    build: async () => {
      const bytes = await planBytes();
      return bytes.subarray(0, Math.floor(bytes.length * 0.6));
    },
    check: { refused: true, message: /the end of the file is missing, so it may have been cut short/ },
    summary: summaryUnusable(/cut short/),
  },
  {
    id: "word-document",
    label: "A Word document renamed .xlsx",
    told: 'Refused: "This is a zip file but not an Excel workbook (.xlsx): it looks like a Word document."',
    build: async () =>
      writeZip([
        {
          name: CONTENT_TYPES,
          data:
            `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
            '<Default Extension="xml" ContentType="application/xml"/>' +
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        },
        {
          name: "word/document.xml",
          data: `${XML_DECL}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Action plan</w:t></w:r></w:p></w:body></w:document>`,
        },
      ]),
    check: { refused: true, message: /zip file but not an Excel workbook \(\.xlsx\): it looks like a Word document/ },
    summary: summaryUnusable(/Word document/),
  },
];

/** A zip with some parts left out. */
function withoutParts(bytes: Buffer, names: string[]): Buffer {
  return writeZip(partsOf(bytes).filter((p) => !names.includes(p.name)));
}
