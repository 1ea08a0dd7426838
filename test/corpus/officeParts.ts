/**
 * The XML Office adds to a workbook when someone draws a pivot table, a slicer or a chart into it, saves it with
 * macros, or labels it: the parts of the corpus's "nothing may be lost" kinds (test/corpus/kinds.ts). Each is a
 * minimal example of what Excel 365 writes, with the same namespaces, extension URIs, relationship types and
 * element order (sources: ECMA-376, [MS-XLSX], and files Excel saved, as the Open XML SDK's generated tests
 * and EPPlus reproduce them), and fixed identifiers so that every build is the same bytes.
 */
import { ACTION_COLUMNS, ActionColumn } from "../../src/domain/contract";
import { SeedAction } from "../../src/domain/planSeed";

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  packageRels: "http://schemas.openxmlformats.org/package/2006/relationships",
  mc: "http://schemas.openxmlformats.org/markup-compatibility/2006",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  x14: "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main",
  x15: "http://schemas.microsoft.com/office/spreadsheetml/2010/11/main",
  xr10: "http://schemas.microsoft.com/office/spreadsheetml/2016/revision10",
  sle: "http://schemas.microsoft.com/office/drawing/2010/slicer",
  sle15: "http://schemas.microsoft.com/office/drawing/2012/slicer",
  customProperties: "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
  vt: "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
  clbl: "http://schemas.microsoft.com/office/2020/mipLabelMetadata",
} as const;

/** Relationship types, in full: Microsoft's own extensions live outside the ECMA namespace. */
export const REL_TYPE = {
  worksheet: `${NS.r}/worksheet`,
  drawing: `${NS.r}/drawing`,
  chart: `${NS.r}/chart`,
  pivotTable: `${NS.r}/pivotTable`,
  pivotCacheDefinition: `${NS.r}/pivotCacheDefinition`,
  pivotCacheRecords: `${NS.r}/pivotCacheRecords`,
  customProperties: `${NS.r}/custom-properties`,
  slicer: "http://schemas.microsoft.com/office/2007/relationships/slicer",
  slicerCache: "http://schemas.microsoft.com/office/2007/relationships/slicerCache",
  vbaProject: "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
  classificationLabels: "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels",
} as const;

export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  pivotTable: "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml",
  pivotCacheDefinition: "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml",
  pivotCacheRecords: "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml",
  slicer: "application/vnd.ms-excel.slicer+xml",
  slicerCache: "application/vnd.ms-excel.slicerCache+xml",
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  macroEnabledWorkbook: "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  vbaProject: "application/vnd.ms-office.vbaProject",
  customProperties: "application/vnd.openxmlformats-officedocument.custom-properties+xml",
  classificationLabels: "application/vnd.ms-office.classificationlabels+xml",
} as const;

/** Text as XML character data or an attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// ---------------------------------------------------------------------------------------------
// Relationships and worksheets
// ---------------------------------------------------------------------------------------------

export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
}

/** A `.rels` part. */
export function relsXml(relationships: readonly Relationship[]): string {
  const items = relationships.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`);
  return `${XML_DECL}<Relationships xmlns="${NS.packageRels}">${items.join("")}</Relationships>`;
}

/** A cell of a sheet the corpus adds: a shared string (by index), a number, or a formula with its cached result. */
export type NewCell = { readonly s: number } | { readonly n: number } | { readonly f: string; readonly n: number };

function cellXml(ref: string, cell: NewCell): string {
  if ("s" in cell) return `<c r="${ref}" t="s"><v>${cell.s}</v></c>`;
  if ("f" in cell) return `<c r="${ref}"><f>${escapeXml(cell.f)}</f><v>${cell.n}</v></c>`;
  return `<c r="${ref}"><v>${cell.n}</v></c>`;
}

const rowOf = (ref: string): number => Number(/\d+$/.exec(ref)![0]);

/**
 * A plain worksheet as Excel writes one: cells (in reading order, single-letter columns), column widths from A,
 * and what follows the page margins (a `<drawing>`).
 */
export function worksheetXml(cells: readonly (readonly [string, NewCell])[], widths: readonly number[], after = ""): string {
  const rows = new Map<number, string[]>();
  for (const [ref, cell] of cells) rows.set(rowOf(ref), [...(rows.get(rowOf(ref)) ?? []), cellXml(ref, cell)]);
  const lastColumn = cells.map(([ref]) => ref[0]).sort().at(-1);
  const lastRow = Math.max(...rows.keys());
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  return (
    `${XML_DECL}<worksheet xmlns="${NS.main}" xmlns:r="${NS.r}">` +
    `<dimension ref="A1:${lastColumn}${lastRow}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>` +
    [...rows].map(([r, cs]) => `<row r="${r}">${cs.join("")}</row>`).join("") +
    '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `${after}</worksheet>`
  );
}

// ---------------------------------------------------------------------------------------------
// A pivot table counting actions by status, on the whole ActionPlan table
// ---------------------------------------------------------------------------------------------

/** One value of a pivot cache record: text, a date (ISO, midnight) or missing (a blank cell). */
type CacheValue = { readonly kind: "s" | "d"; readonly v: string } | { readonly kind: "m" };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const BLANK: CacheValue = { kind: "m" };

function textOrBlank(text: string | null | undefined): CacheValue {
  if (text === null || text === undefined || text === "") return BLANK;
  return ISO_DATE.test(text) ? { kind: "d", v: `${text}T00:00:00` } : { kind: "s", v: text };
}

/** What the plan's cell holds for an action, as the cache records it: `init` leaves RAG, RAG reason and Last updated blank. */
function cacheValue(action: SeedAction, key: ActionColumn): CacheValue {
  switch (key) {
    case "q1":
    case "q2":
    case "q3":
    case "q4":
      return textOrBlank(action.updates[key.toUpperCase() as "Q1"]);
    case "rag":
    case "ragReason":
    case "lastUpdated":
      return BLANK;
    default:
      return textOrBlank(action[key]);
  }
}

const sameValue = (a: CacheValue, b: CacheValue): boolean => a.kind === b.kind && (a.kind === "m" || a.v === (b as { v: string }).v);

interface CacheField {
  readonly name: string;
  /** Shared items (text fields, as Excel keeps them) or undefined for a date field, whose values are inline. */
  readonly items?: readonly CacheValue[];
  readonly values: readonly CacheValue[];
}

function cacheFields(actions: readonly SeedAction[]): CacheField[] {
  return (Object.keys(ACTION_COLUMNS) as ActionColumn[]).map((key) => {
    const values = actions.map((a) => cacheValue(a, key));
    const isDate = values.length > 0 && values.every((v) => v.kind === "d");
    const items = values.filter((v, i) => values.findIndex((w) => sameValue(v, w)) === i);
    return { name: ACTION_COLUMNS[key], items: isDate ? undefined : items, values };
  });
}

function itemXml(value: CacheValue): string {
  return value.kind === "m" ? "<m/>" : `<${value.kind} v="${escapeXml(value.v)}"/>`;
}

function sharedItemsXml(field: CacheField): string {
  if (!field.items) {
    const dates = field.values.map((v) => (v.kind === "d" ? v.v : "")).sort();
    return (
      '<sharedItems containsSemiMixedTypes="0" containsNonDate="0" containsDate="1" containsString="0" ' +
      `minDate="${dates[0]}" maxDate="${dates.at(-1)}"/>`
    );
  }
  const blanks = field.items.filter((v) => v.kind === "m").length;
  const flags = blanks === 0 ? "" : blanks === field.items.length ? ' containsNonDate="0" containsString="0" containsBlank="1"' : ' containsBlank="1"';
  return `<sharedItems${flags} count="${field.items.length}">${field.items.map(itemXml).join("")}</sharedItems>`;
}

/** The plan's date columns use its own date format (numFmtId 164 in the styles `init` writes). */
const DATE_FORMAT_ID = 164;
/** 15 November 2014 12:00 as an Excel serial date: when the cache was last refreshed. */
const REFRESHED_DATE = 41958.5;

export interface StatusPivot {
  readonly cacheDefinition: string;
  readonly cacheRecords: string;
  readonly table: string;
  /** The pivot table's cells as Excel shows them, from its top-left cell down: [label, count] rows. */
  readonly rows: readonly (readonly [string, number])[];
}

/**
 * "Count of ID by Status" over the ActionPlan table, as Excel writes it for Insert > PivotTable on a new sheet at
 * `topLeft` (A3 by default): a cache of every column with the plan's records saved, and a compact pivot whose
 * statuses are sorted A to Z.
 */
export function statusPivot(actions: readonly SeedAction[], cacheRelId: string, topLeft = { column: "A", row: 3 }): StatusPivot {
  const fields = cacheFields(actions);
  const statusIndex = Object.keys(ACTION_COLUMNS).indexOf("status");
  const statuses = fields[statusIndex].items!.map((item) => (item.kind === "s" ? item.v : ""));
  const sorted = [...statuses].sort((a, b) => a.localeCompare(b, "en-GB"));
  const counts = sorted.map((s) => actions.filter((a) => a.status === s).length);

  const cacheDefinition =
    `${XML_DECL}<pivotCacheDefinition xmlns="${NS.main}" xmlns:r="${NS.r}" r:id="${cacheRelId}" refreshedBy="Community Safety Manager" ` +
    `refreshedDate="${REFRESHED_DATE}" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" recordCount="${actions.length}">` +
    '<cacheSource type="worksheet"><worksheetSource name="ActionPlan"/></cacheSource>' +
    `<cacheFields count="${fields.length}">` +
    fields.map((f) => `<cacheField name="${escapeXml(f.name)}" numFmtId="${f.items ? 0 : DATE_FORMAT_ID}">${sharedItemsXml(f)}</cacheField>`).join("") +
    "</cacheFields></pivotCacheDefinition>";

  const record = (i: number) =>
    fields.map((f) => (f.items ? `<x v="${f.items.findIndex((item) => sameValue(item, f.values[i]))}"/>` : itemXml(f.values[i]))).join("");
  const cacheRecords =
    `${XML_DECL}<pivotCacheRecords xmlns="${NS.main}" xmlns:r="${NS.r}" count="${actions.length}">` +
    actions.map((_, i) => `<r>${record(i)}</r>`).join("") +
    "</pivotCacheRecords>";

  const pivotField = (f: CacheField, i: number): string => {
    if (i === statusIndex) {
      const items = sorted.map((s) => `<item x="${statuses.indexOf(s)}"/>`).join("");
      return `<pivotField axis="axisRow" showAll="0"><items count="${sorted.length + 1}">${items}<item t="default"/></items></pivotField>`;
    }
    if (i === 0) return '<pivotField dataField="1" showAll="0"/>';
    return f.items ? '<pivotField showAll="0"/>' : `<pivotField numFmtId="${DATE_FORMAT_ID}" showAll="0"/>`;
  };
  const last = topLeft.row + sorted.length + 1;
  const nextColumn = String.fromCharCode(topLeft.column.charCodeAt(0) + 1);
  const table =
    `${XML_DECL}<pivotTableDefinition xmlns="${NS.main}" name="PivotTable1" cacheId="1" applyNumberFormats="0" applyBorderFormats="0" ` +
    'applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Values" ' +
    'updatedVersion="6" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="6" indent="0" ' +
    'outline="1" outlineData="1" multipleFieldFilters="0">' +
    `<location ref="${topLeft.column}${topLeft.row}:${nextColumn}${last}" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/>` +
    `<pivotFields count="${fields.length}">${fields.map(pivotField).join("")}</pivotFields>` +
    `<rowFields count="1"><field x="${statusIndex}"/></rowFields>` +
    `<rowItems count="${sorted.length + 1}">${sorted.map((_, i) => (i === 0 ? "<i><x/></i>" : `<i><x v="${i}"/></i>`)).join("")}<i t="grand"><x/></i></rowItems>` +
    '<colItems count="1"><i/></colItems>' +
    `<dataFields count="1"><dataField name="Count of ${ACTION_COLUMNS.id}" fld="0" subtotal="count" baseField="0" baseItem="0"/></dataFields>` +
    '<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/>' +
    "</pivotTableDefinition>";

  const rows: [string, number][] = sorted.map((s, i) => [s, counts[i]]);
  return { cacheDefinition, cacheRecords, table, rows: [...rows, ["Grand Total", actions.length]] };
}

// ---------------------------------------------------------------------------------------------
// Drawings: a table slicer and a chart
// ---------------------------------------------------------------------------------------------

export interface Anchor {
  /** Zero-based column and row of the top-left and bottom-right cells. */
  readonly from: { readonly col: number; readonly row: number };
  readonly to: { readonly col: number; readonly row: number };
}

const marker = (tag: "from" | "to", at: { col: number; row: number }) =>
  `<xdr:${tag}><xdr:col>${at.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${at.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;

function drawingXml(anchor: Anchor, content: string, editAs = ""): string {
  return (
    `${XML_DECL}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">` +
    `<xdr:twoCellAnchor${editAs ? ` editAs="${editAs}"` : ""}>${marker("from", anchor.from)}${marker("to", anchor.to)}${content}<xdr:clientData/></xdr:twoCellAnchor>` +
    "</xdr:wsDr>"
  );
}

/** A chart's frame in a drawing: the chart itself is the drawing's relationship `chartRelId`. */
export function chartDrawingXml(anchor: Anchor, name: string, chartRelId: string): string {
  return drawingXml(
    anchor,
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${escapeXml(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${chartRelId}"/></a:graphicData></a:graphic>` +
      "</xdr:graphicFrame>",
  );
}

/** The words Excel puts in a slicer's fallback shape, for versions that cannot show table slicers. */
const SLICER_FALLBACK =
  "This shape represents a table slicer. Table slicers are supported in Excel or later versions.\n\n" +
  "If the shape was modified in an earlier version of Excel, or if the workbook was saved in Excel 2007 or earlier, the slicer can't be used.";

/**
 * A table slicer's place in a drawing, as Excel 2013 and later write it: a graphic frame that needs `sle15`,
 * and for older readers a plain rectangle saying what it was.
 */
export function slicerDrawingXml(anchor: Anchor, name: string): string {
  const fallback =
    '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="0" name=""/><xdr:cNvSpPr><a:spLocks noTextEdit="1"/></xdr:cNvSpPr></xdr:nvSpPr>' +
    '<xdr:spPr><a:xfrm><a:off x="12954000" y="190500"/><a:ext cx="1828800" cy="2524125"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>' +
    '<a:solidFill><a:prstClr val="white"/></a:solidFill><a:ln w="1"><a:solidFill><a:prstClr val="green"/></a:solidFill></a:ln></xdr:spPr>' +
    '<xdr:txBody><a:bodyPr vertOverflow="clip" horzOverflow="clip"/><a:lstStyle/>' +
    `<a:p><a:r><a:rPr lang="en-GB" sz="1100"/><a:t>${escapeXml(SLICER_FALLBACK)}</a:t></a:r></a:p></xdr:txBody></xdr:sp>`;
  return drawingXml(
    anchor,
    `<mc:AlternateContent xmlns:mc="${NS.mc}"><mc:Choice xmlns:sle15="${NS.sle15}" Requires="sle15">` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${escapeXml(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${NS.sle}"><sle:slicer xmlns:sle="${NS.sle}" name="${escapeXml(name)}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame></mc:Choice><mc:Fallback>${fallback}</mc:Fallback></mc:AlternateContent>`,
    "oneCell",
  );
}

export interface TableSlicer {
  /** The slicer's name, shown as its caption: the column's header. */
  readonly name: string;
  /** The table's `id` and the column's `id` in the table part (1-based). */
  readonly tableId: number;
  readonly columnId: number;
  /** Fixed `xr10:uid`s for the slicer and its cache. */
  readonly uids: { readonly slicer: string; readonly cache: string };
}

/** The slicer cache's name, which is also a workbook defined name (`#N/A`) that Excel writes for it. */
export const slicerCacheName = (slicer: TableSlicer): string => `Slicer_${slicer.name.replace(/\W/g, "_")}`;

/** `xl/slicers/slicerN.xml`: the slicers on one sheet. */
export function slicersXml(slicer: TableSlicer): string {
  return (
    `${XML_DECL}<slicers xmlns="${NS.x14}" xmlns:mc="${NS.mc}" mc:Ignorable="x xr10" xmlns:x="${NS.main}" xmlns:xr10="${NS.xr10}">` +
    `<slicer name="${escapeXml(slicer.name)}" xr10:uid="${slicer.uids.slicer}" cache="${slicerCacheName(slicer)}" caption="${escapeXml(slicer.name)}" rowHeight="241300"/>` +
    "</slicers>"
  );
}

/** `xl/slicerCaches/slicerCacheN.xml`: a table slicer's cache, which names the table and column it filters. */
export function slicerCacheXml(slicer: TableSlicer): string {
  return (
    `${XML_DECL}<slicerCacheDefinition xmlns="${NS.x14}" xmlns:mc="${NS.mc}" mc:Ignorable="x xr10" xmlns:x="${NS.main}" xmlns:xr10="${NS.xr10}" ` +
    `name="${slicerCacheName(slicer)}" xr10:uid="${slicer.uids.cache}" sourceName="${escapeXml(slicer.name)}">` +
    `<extLst><x:ext uri="{2F2917AC-EB37-4324-AD4E-5DD8C200BD13}" xmlns:x15="${NS.x15}">` +
    `<x15:tableSlicerCache tableId="${slicer.tableId}" column="${slicer.columnId}"/></x:ext></extLst>` +
    "</slicerCacheDefinition>"
  );
}

/** The workbook's list of table slicer caches (its `extLst` entry for them). */
export const workbookTableSlicerCaches = (cacheRelId: string): string =>
  `<ext uri="{46BE6895-7355-4a93-B00E-2C351335B9C9}" xmlns:x15="${NS.x15}">` +
  `<x15:slicerCaches xmlns:x14="${NS.x14}"><x14:slicerCache r:id="${cacheRelId}"/></x15:slicerCaches></ext>`;

/** A sheet's list of table slicers (its `extLst` entry for them). */
export const sheetTableSlicerList = (slicersRelId: string): string =>
  `<ext uri="{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}" xmlns:x15="${NS.x15}">` +
  `<x14:slicerList xmlns:x14="${NS.x14}"><x14:slicer r:id="${slicersRelId}"/></x14:slicerList></ext>`;

export interface PieSlice {
  readonly label: string;
  readonly value: number;
  /** Fill colour, hex RGB. */
  readonly colour: string;
}

/**
 * A pie chart as Excel writes one from a selected range: series name, categories and values as references with
 * their cached values (what Excel shows before it recalculates), one colour per slice, and a legend.
 */
export function pieChartXml(title: string, series: { name: string; nameRef: string; labelsRef: string; valuesRef: string }, slices: readonly PieSlice[]): string {
  const points = (values: readonly string[]) =>
    `<c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join("")}`;
  const colours = slices
    .map((s, i) => `<c:dPt><c:idx val="${i}"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="${s.colour}"/></a:solidFill></c:spPr></c:dPt>`)
    .join("");
  return (
    `${XML_DECL}<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    '<c:date1904 val="0"/><c:lang val="en-GB"/><c:roundedCorners val="0"/><c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:rPr lang="en-GB"/><a:t>${escapeXml(title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:pieChart><c:varyColors val="1"/>' +
    '<c:ser><c:idx val="0"/><c:order val="0"/>' +
    `<c:tx><c:strRef><c:f>${escapeXml(series.nameRef)}</c:f><c:strCache>${points([series.name])}</c:strCache></c:strRef></c:tx>` +
    colours +
    `<c:cat><c:strRef><c:f>${escapeXml(series.labelsRef)}</c:f><c:strCache>${points(slices.map((s) => s.label))}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeXml(series.valuesRef)}</c:f><c:numCache><c:formatCode>General</c:formatCode>${points(slices.map((s) => String(s.value)))}</c:numCache></c:numRef></c:val>` +
    '</c:ser><c:firstSliceAng val="0"/></c:pieChart></c:plotArea>' +
    '<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    "</c:chart></c:chartSpace>"
  );
}

// ---------------------------------------------------------------------------------------------
// A sensitivity label, both ways Office has stored one
// ---------------------------------------------------------------------------------------------

export interface SensitivityLabel {
  /** The label's and the tenant's ids: lower-case GUIDs without braces. */
  readonly id: string;
  readonly siteId: string;
  readonly actionId: string;
  readonly name: string;
  /** When it was applied (W3CDTF). */
  readonly setDate: string;
}

/** `docMetadata/LabelInfo.xml`: how Microsoft 365 stores a label since 2021. */
export function labelInfoXml(label: SensitivityLabel): string {
  return (
    `${XML_DECL}<clbl:labelList xmlns:clbl="${NS.clbl}">` +
    `<clbl:label id="{${label.id}}" enabled="1" method="Standard" siteId="{${label.siteId}}" contentBits="0" removed="0"/>` +
    "</clbl:labelList>"
  );
}

/** `docProps/custom.xml` with the `MSIP_Label_…` properties that older Office and the AIP client write. */
export function labelCustomPropertiesXml(label: SensitivityLabel): string {
  const properties: [string, string][] = [
    ["Enabled", "true"],
    ["SetDate", label.setDate],
    ["Method", "Standard"],
    ["Name", label.name],
    ["SiteId", label.siteId],
    ["ActionId", label.actionId],
    ["ContentBits", "0"],
  ];
  const items = properties.map(
    ([key, value], i) =>
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="MSIP_Label_${label.id}_${key}"><vt:lpwstr>${escapeXml(value)}</vt:lpwstr></property>`,
  );
  return `${XML_DECL}<Properties xmlns="${NS.customProperties}" xmlns:vt="${NS.vt}">${items.join("")}</Properties>`;
}
