/**
 * What a write did to a workbook's package, part by part. The command line's promise for a write in place
 * (issue 12): it rewrites only the parts it owns and copies every other zip part byte for byte, so pivot
 * tables, slicers, charts, macros, labels and anything else it does not understand survive.
 *
 *   expect(unownedChanges(before, after)).toEqual([]);
 *   expect(lostLinks(before, after)).toEqual([]);
 *
 * Parts are compared inflated, so a part zipped again with other settings still counts as unchanged.
 */
import { listZipEntries, readZipEntry } from "../../src/adapters/exceljs/xlsxPreflight";
import { ACTION_PLAN } from "../../src/domain/contract";

export interface PartChanges {
  /** Parts in both packages whose bytes differ. */
  readonly changed: string[];
  /** Parts only in the package before. */
  readonly removed: string[];
  /** Parts only in the package after. */
  readonly added: string[];
}

/** Parts every write may rewrite: the workbook and its relationships, content types, styles and app.xml (sheet titles). */
export const TOOL_OWNED_PARTS: readonly string[] = [
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "[Content_Types].xml",
  "xl/styles.xml",
  "docProps/app.xml",
];

/** Parts a write may drop: Excel rebuilds a missing calculation chain when it next calculates. */
export const REMOVABLE_PARTS: readonly string[] = ["xl/calcChain.xml"];

const WORKBOOK = "xl/workbook.xml";

/** A workbook's parts, inflated, by name (folders left out). */
export function packageParts(bytes: Buffer): Map<string, Buffer> {
  return new Map(
    listZipEntries(bytes)
      .filter((entry) => !entry.name.endsWith("/"))
      .map((entry) => [entry.name, readZipEntry(bytes, entry)] as const),
  );
}

/** One part's bytes; throws if the package has no such part. */
export function partBytes(bytes: Buffer, name: string): Buffer {
  const part = packageParts(bytes).get(name);
  if (!part) throw new Error(`The package has no part ${name}.`);
  return part;
}

/** Which parts a write changed, removed and added, each list in name order. */
export function changedParts(before: Buffer, after: Buffer): PartChanges {
  const [old, now] = [packageParts(before), packageParts(after)];
  const sorted = (names: Iterable<string>) => [...names].sort();
  return {
    changed: sorted([...old].filter(([name, data]) => now.has(name) && !now.get(name)!.equals(data)).map(([name]) => name)),
    removed: sorted([...old.keys()].filter((name) => !now.has(name))),
    added: sorted([...now.keys()].filter((name) => !old.has(name))),
  };
}

/**
 * The parts `summary` may rewrite in this package: {@link TOOL_OWNED_PARTS}, the part of the sheet holding the
 * ActionPlan table, and those of `sheets` (a summary sheet it made before and now replaces), if they exist.
 */
export function ownedParts(before: Buffer, sheets: readonly string[] = []): string[] {
  const bySheet = worksheetParts(before);
  const parts = [actionSheetPart(before), ...sheets.map((name) => bySheet.get(name))];
  return [...TOOL_OWNED_PARTS, ...parts.filter((part): part is string => part !== undefined)];
}

/**
 * What a write did that breaks the promise, one line each ("changed: xl/sharedStrings.xml", "removed:
 * xl/vbaProject.bin"): an empty list when every part it does not own is still there, byte for byte. New parts
 * are allowed (the summary sheet); so is dropping a {@link REMOVABLE_PARTS} part.
 */
export function unownedChanges(before: Buffer, after: Buffer, sheets: readonly string[] = []): string[] {
  const owned = new Set(ownedParts(before, sheets));
  const { changed, removed } = changedParts(before, after);
  return [
    ...changed.filter((name) => !owned.has(name)).map((name) => `changed: ${name}`),
    ...removed.filter((name) => !REMOVABLE_PARTS.includes(name)).map((name) => `removed: ${name}`),
  ];
}

/**
 * What the parts the tool rewrites no longer say about the rest, one line each: a relationship (type and target)
 * gone from any .rels part, a kept part whose content type changed (an .xlsm's workbook no longer
 * macro-enabled), a defined name gone or changed, or a part the workbook pointed to (a pivot cache, a slicer
 * cache, the VBA project) that it no longer points to. A part kept byte for byte is lost all the same if nothing
 * leads to it any more.
 */
export function lostLinks(before: Buffer, after: Buffer): string[] {
  const [old, now] = [packageParts(before), packageParts(after)];
  return [...lostRelationships(old, now), ...changedContentTypes(old, now), ...lostDefinedNames(old, now), ...lostWorkbookTargets(old, now)];
}

function relationshipsOf(parts: Map<string, Buffer>, relsPart: string): Set<string> {
  const folder = relsPart.replace(/_rels\/[^/]*$/, "");
  return new Set(
    startTags(parts.get(relsPart)?.toString("utf8") ?? "", "Relationship").map((tag) => {
      const a = attributes(tag);
      const target = a.get("TargetMode") === "External" ? a.get("Target") : resolve(folder, a.get("Target") ?? "");
      return `${a.get("Type")} -> ${target}`;
    }),
  );
}

function lostRelationships(old: Map<string, Buffer>, now: Map<string, Buffer>): string[] {
  return [...old.keys()]
    .filter((name) => name.endsWith(".rels"))
    .flatMap((name) => {
      const kept = relationshipsOf(now, name);
      return [...relationshipsOf(old, name)].filter((r) => !kept.has(r)).map((r) => `relationship lost from ${name}: ${r}`);
    });
}

/** Each part's content type: its Override, or the Default for its extension. */
function contentTypes(parts: Map<string, Buffer>): (part: string) => string | undefined {
  const xml = parts.get("[Content_Types].xml")?.toString("utf8") ?? "";
  const defaults = new Map(startTags(xml, "Default").map((tag) => [attributes(tag).get("Extension")?.toLowerCase(), attributes(tag).get("ContentType")]));
  const overrides = new Map(startTags(xml, "Override").map((tag) => [attributes(tag).get("PartName")?.toLowerCase(), attributes(tag).get("ContentType")]));
  return (part) => overrides.get(`/${part}`.toLowerCase()) ?? defaults.get(part.split(".").pop()!.toLowerCase());
}

function changedContentTypes(old: Map<string, Buffer>, now: Map<string, Buffer>): string[] {
  const [was, is] = [contentTypes(old), contentTypes(now)];
  return [...old.keys()]
    .filter((part) => now.has(part) && part !== "[Content_Types].xml" && was(part) !== is(part))
    .map((part) => `content type of ${part} changed: ${was(part)} -> ${is(part)}`);
}

/** Defined names and their formulas; a name local to a sheet is keyed `name@localSheetId`. */
function definedNames(parts: Map<string, Buffer>): Map<string, string> {
  const xml = parts.get(WORKBOOK)?.toString("utf8") ?? "";
  return new Map(
    [...xml.matchAll(/<(?:[\w.-]+:)?definedName\b([^>]*)>([^<]*)</g)].map((m) => {
      const a = attributes(m[1]);
      return [a.has("localSheetId") ? `${a.get("name")}@${a.get("localSheetId")}` : a.get("name") ?? "", decodeXml(m[2])];
    }),
  );
}

function lostDefinedNames(old: Map<string, Buffer>, now: Map<string, Buffer>): string[] {
  const kept = definedNames(now);
  return [...definedNames(old)].filter(([name, value]) => kept.get(name) !== value).map(([name, value]) => `defined name ${name} (${value}) lost or changed`);
}

/** The parts xl/workbook.xml points to through its relationships: sheets, pivot caches, slicer caches, … */
function workbookTargets(parts: Map<string, Buffer>): Set<string> {
  const targets = relationshipTargets(parts, WORKBOOK);
  const ids = [...(parts.get(WORKBOOK)?.toString("utf8") ?? "").matchAll(/\s[\w.-]+:id="([^"]*)"/g)].map((m) => m[1]);
  return new Set(ids.map((id) => targets.get(id) ?? `(no relationship ${id})`));
}

function lostWorkbookTargets(old: Map<string, Buffer>, now: Map<string, Buffer>): string[] {
  const kept = workbookTargets(now);
  return [...workbookTargets(old)].filter((target) => !kept.has(target)).map((target) => `${WORKBOOK} no longer refers to ${target}`);
}

// ---------------------------------------------------------------------------------------------
// Finding sheets' parts
// ---------------------------------------------------------------------------------------------

const ATTRIBUTE = /([\w:.-]+)="([^"]*)"/g;

function attributes(tag: string): Map<string, string> {
  return new Map([...tag.matchAll(ATTRIBUTE)].map((m) => [m[1], decodeXml(m[2])]));
}

function decodeXml(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, code: string) => {
    if (code[0] !== "#") return named[code] ?? whole;
    return String.fromCodePoint(code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : Number(code.slice(1)));
  });
}

/** Start tags of elements with this local name, whatever their prefix. */
function startTags(xml: string, localName: string): string[] {
  return xml.match(new RegExp(`<(?:[\\w.-]+:)?${localName}\\b[^>]*>`, "g")) ?? [];
}

/** A part's internal relationships: id to the target's part name. */
export function relationshipTargets(parts: Map<string, Buffer>, part: string): Map<string, string> {
  const slash = part.lastIndexOf("/");
  const folder = part.slice(0, slash + 1);
  const rels = parts.get(`${folder}_rels/${part.slice(slash + 1)}.rels`)?.toString("utf8") ?? "";
  const targets = new Map<string, string>();
  for (const tag of startTags(rels, "Relationship")) {
    const a = attributes(tag);
    if (a.get("TargetMode") === "External" || !a.has("Id") || !a.has("Target")) continue;
    targets.set(a.get("Id")!, resolve(folder, a.get("Target")!));
  }
  return targets;
}

function resolve(folder: string, target: string): string {
  const segments: string[] = [];
  for (const segment of (target.startsWith("/") ? target.slice(1) : folder + target).split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

/** Sheet names listed in xl/workbook.xml, in order. */
export function sheetNames(bytes: Buffer): string[] {
  const workbook = packageParts(bytes).get(WORKBOOK)?.toString("utf8") ?? "";
  return startTags(workbook, "sheet").map((tag) => attributes(tag).get("name") ?? "");
}

/** Each sheet's part, by sheet name, through xl/workbook.xml and its relationships. */
export function worksheetParts(bytes: Buffer): Map<string, string> {
  const parts = packageParts(bytes);
  const targets = relationshipTargets(parts, WORKBOOK);
  const sheets = new Map<string, string>();
  for (const tag of startTags(parts.get(WORKBOOK)?.toString("utf8") ?? "", "sheet")) {
    const a = attributes(tag);
    const id = [...a].find(([key]) => key.endsWith(":id"))?.[1];
    const part = id === undefined ? undefined : targets.get(id);
    if (a.has("name") && part) sheets.set(a.get("name")!, part);
  }
  return sheets;
}

/**
 * The part of the worksheet that holds the ActionPlan table (the sheet whose relationships reach a table part
 * named ActionPlan), or else the part of the sheet named "Action Plan".
 */
export function actionSheetPart(bytes: Buffer): string | undefined {
  const parts = packageParts(bytes);
  const sheets = worksheetParts(bytes);
  const isActionTable = (part: string) => {
    const table = startTags(parts.get(part)?.toString("utf8") ?? "", "table")[0];
    return table !== undefined && attributes(table).get("name") === ACTION_PLAN.table;
  };
  for (const part of sheets.values()) {
    if ([...relationshipTargets(parts, part).values()].some(isActionTable)) return part;
  }
  return sheets.get(ACTION_PLAN.sheet);
}

// ---------------------------------------------------------------------------------------------
// Inside a worksheet
// ---------------------------------------------------------------------------------------------

/**
 * A worksheet's XML without what is inside `<sheetData>` (the cells): everything a write of cell values must
 * leave exactly as it was, such as drop-downs, conditional formats, drawings and extension lists. Latin-1, so
 * that comparing the strings compares the bytes.
 */
export function outsideSheetData(xml: Buffer): string {
  const text = xml.toString("latin1");
  const empty = /<((?:[\w.-]+:)?sheetData)\b[^>]*\/>/.exec(text);
  if (empty) return text;
  const open = /<((?:[\w.-]+:)?sheetData)\b[^>]*>/.exec(text);
  if (!open) return text;
  const close = text.indexOf(`</${open[1]}>`, open.index);
  return close < 0 ? text : text.slice(0, open.index + open[0].length) + text.slice(close);
}

/** The ranges (`sqref`) of a worksheet's data validations, older-style and x14 (`<xm:sqref>`), in document order. */
export function validationRanges(xml: Buffer): string[] {
  const text = xml.toString("utf8");
  const ranges = startTags(text, "dataValidation").map((tag) => attributes(tag).get("sqref") ?? "");
  const x14 = [...text.matchAll(/<(?:[\w.-]+:)?sqref>([^<]*)<\/(?:[\w.-]+:)?sqref>/g)].map((m) => m[1]);
  return [...ranges, ...x14];
}
