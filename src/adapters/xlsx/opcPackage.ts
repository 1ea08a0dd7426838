import { Zip, ZipDeflate, ZipInputFile } from "fflate";
import zlib from "node:zlib";
import { DEFAULT_LIMITS, preflightPackage, PreflightError, PreflightLimits, rawZipEntry, readZipEntry, ZipEntry } from "../exceljs/xlsxPreflight";
import { scanXml } from "./xml";

/** Relationship types the host follows (ECMA-376 Part 1, §12.3; Strict's URIs differ only in their base). */
export const REL = {
  officeDocument: "/officeDocument",
  worksheet: "/worksheet",
  sharedStrings: "/sharedStrings",
  styles: "/styles",
  table: "/table",
  calcChain: "/calcChain",
} as const;

const TRANSITIONAL_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const WORKSHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
export const CONTENT_TYPES = "[Content_Types].xml";

/** One relationship of a part. `target` is the resolved part name (no leading `/`) unless `external`. */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

/** True when a relationship's type ends with this path (`/worksheet`), in the transitional or strict namespace. */
export function isType(relationship: Relationship, suffix: string): boolean {
  return relationship.type.endsWith(suffix) && relationship.type.length > suffix.length;
}

/** The full URI of a transitional relationship type, for relationships the host adds. */
export function relType(suffix: string): string {
  return TRANSITIONAL_RELS + suffix;
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`; the package's own is `_rels/.rels`. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/**
 * A relationship target resolved against the folder of its source part (absolute targets start at the root).
 * Percent-escapes are decoded; a target whose escapes do not decode (`100%.xml`) is taken as written.
 */
export function resolveTarget(source: string, target: string): string {
  const folder = source.slice(0, source.lastIndexOf("/") + 1);
  const path = (target.startsWith("/") ? target.slice(1) : folder + target).split("#")[0];
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    // URIError: not a valid escape sequence, so not an escaped name.
  }
  const segments: string[] = [];
  for (const segment of decoded.split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

/** A part's new content, or null to remove it. */
export type PartEdit = string | Uint8Array | null;

/**
 * An Open Packaging Conventions package (the zip an .xlsx is) read part by part, on demand, with the
 * preflight's limits (src/adapters/exceljs/xlsxPreflight.ts): the directory is checked before anything is
 * inflated and each part read is inflated with a cap at its declared size. Part names match without regard to
 * case, as OPC requires (ECMA-376 Part 2, §6.3.5).
 *
 * Saving writes every part that was not edited as the very bytes it was stored as (its compressed data, CRC
 * and method copied, not inflated and deflated again), in the original order, with edited parts in their
 * places and new parts after. The zip writer is fflate's streaming `Zip`: maintained, dependency-free, and
 * unlike yazl or archiver it takes already-compressed data through its documented `ZipInputFile` interface.
 */
export class OpcPackage {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly texts = new Map<string, string>();
  private readonly relationshipsCache = new Map<string, Relationship[]>();

  private constructor(readonly bytes: Buffer, readonly entries: readonly ZipEntry[]) {
    for (const entry of entries) {
      if (entry.name.endsWith("/")) continue;
      const key = entry.name.toLowerCase();
      // Part names are equal without regard to case (ECMA-376 Part 2, §6.3.5): two such are a damaged package.
      if (this.byName.has(key)) throw new PreflightError("damaged", `This workbook file is damaged: it holds the part "${entry.name}" twice. ${SAVE_AGAIN}`);
      // Office never encrypts zip entries (a workbook with a password to open is not a zip at all).
      if ((entry.flags ?? 0) & 1) throw new PreflightError("damaged", `This workbook file is damaged: its part "${entry.name}" is encrypted as a zip entry, which Excel never does. ${SAVE_AGAIN}`);
      this.byName.set(key, entry);
    }
  }

  /** Lists the zip's parts under the limits; throws PreflightError for a file that is not a workbook package. */
  static open(bytes: Buffer, limits: PreflightLimits = DEFAULT_LIMITS): OpcPackage {
    return new OpcPackage(bytes, preflightPackage(bytes, limits));
  }

  has(part: string): boolean {
    return this.byName.has(part.toLowerCase());
  }

  /** The part's name as the zip spells it. */
  nameOf(part: string): string {
    return this.byName.get(part.toLowerCase())?.name ?? part;
  }

  /** Every part name, as the zip spells them. */
  partNames(): string[] {
    return [...this.byName.values()].map((e) => e.name);
  }

  /** A part as text (UTF-8, a byte-order mark dropped), or undefined when there is no such part. Kept once read. */
  text(part: string): string | undefined {
    const key = part.toLowerCase();
    const cached = this.texts.get(key);
    if (cached !== undefined) return cached;
    const entry = this.byName.get(key);
    if (!entry) return undefined;
    const text = decodePart(entry.name, readZipEntry(this.bytes, entry));
    this.texts.set(key, text);
    return text;
  }

  /** Forgets a part's text (a big sheet, once read). */
  forget(part: string): void {
    this.texts.delete(part.toLowerCase());
  }

  /** The relationships of a part (or of the package, for `""`), in document order. */
  relationships(part: string): Relationship[] {
    const rels = part === "" ? "_rels/.rels" : relsPartOf(part);
    const key = rels.toLowerCase();
    const cached = this.relationshipsCache.get(key);
    if (cached) return cached;
    const xml = this.text(rels);
    const found: Relationship[] = [];
    if (xml !== undefined) {
      scanXml(xml, this.nameOf(rels), {
        open: (e) => {
          if (e.name !== "Relationship") return;
          const { Id: id, Type: type, Target: target, TargetMode: mode } = e.attributes;
          if (id === undefined || type === undefined || target === undefined) return;
          const external = mode === "External";
          found.push({ id, type, external, target: external ? target : resolveTarget(part === "" ? "" : part, target) });
        },
      });
    }
    this.relationshipsCache.set(key, found);
    return found;
  }

  /** The workbook part: the package's officeDocument relationship, or `xl/workbook.xml`. */
  workbookPart(): string {
    const main = this.relationships("").find((r) => isType(r, REL.officeDocument) && !r.external)?.target;
    const part = main && this.has(main) ? main : "xl/workbook.xml";
    if (!this.has(part)) throw new PreflightError("not-a-workbook", "This is a zip file but not an Excel workbook (.xlsx).");
    return this.nameOf(part);
  }

  /**
   * The package with these parts replaced, added or (null) removed. Part names in `edits` match existing
   * parts without regard to case; new ones are added after the existing parts, in the order given.
   */
  save(edits: ReadonlyMap<string, PartEdit>): Uint8Array {
    const pending = new Map([...edits].map(([name, edit]) => [name.toLowerCase(), { name, edit }]));
    const chunks: Uint8Array[] = [];
    let failure: Error | null = null;
    const zip = new Zip((error, data) => {
      if (error) failure = error;
      else chunks.push(data);
    });
    for (const entry of this.entries) {
      const key = entry.name.toLowerCase();
      const edited = pending.get(key);
      pending.delete(key);
      if (!edited) copyRaw(zip, entry, rawZipEntry(this.bytes, entry));
      else if (edited.edit !== null) deflate(zip, entry.name, edited.edit);
    }
    for (const { name, edit } of pending.values()) if (edit !== null) deflate(zip, name, edit);
    zip.end();
    if (failure) throw failure;
    return concat(chunks);
  }
}

/**
 * Adds a new or edited part, deflated. Node's native zlib deflates a big sheet several times faster than
 * fflate's JavaScript, so where Node has `zlib.crc32` (20.15 and later) the part is deflated there and added
 * as compressed data; otherwise fflate deflates it.
 */
function deflate(zip: Zip, name: string, content: string | Uint8Array): void {
  const data = typeof content === "string" ? Buffer.from(asUtf8Declared(content), "utf8") : content;
  if (typeof zlib.crc32 !== "function") {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(data, true);
    return;
  }
  const compressed = zlib.deflateRawSync(data, { level: 6 });
  addCompressed(zip, { filename: name, size: data.length, crc: zlib.crc32(data), compression: 8 }, compressed);
}

const SAVE_AGAIN = "If it opens in Excel, save a new copy of it and try again.";

/**
 * A part's text. OPC allows XML parts in UTF-8 or UTF-16 only (ECMA-376 Part 2, §8.1.4), told apart by the
 * byte-order mark; a part declaring any other encoding is refused rather than read (and written back) wrongly.
 */
function decodePart(name: string, data: Buffer): string {
  let text: string;
  if (data[0] === 0xff && data[1] === 0xfe) text = data.subarray(2).toString("utf16le");
  else if (data[0] === 0xfe && data[1] === 0xff) text = Buffer.from(data.subarray(2)).swap16().toString("utf16le");
  else text = data.toString("utf8").replace(/^\uFEFF/, "");
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([^"']*)["']/.exec(text)?.[1];
  if (declared && !/^(utf-?8|utf-?16(le|be)?)$/i.test(declared)) {
    throw new PreflightError("damaged", `The part "${name}" is written in the ${declared} encoding, which Excel workbooks never use (only UTF-8 or UTF-16). ${SAVE_AGAIN}`);
  }
  return text;
}

/** Text the host wrote is saved as UTF-8, so its XML declaration says so (a part read as UTF-16 said otherwise). */
function asUtf8Declared(xml: string): string {
  return xml.replace(/^(<\?xml[^>]*\bencoding\s*=\s*["'])[^"']*(["'])/, "$1UTF-8$2");
}

/** Adds a part's stored bytes as they are: fflate's ZipInputFile lets a caller supply compressed data with its CRC. */
function copyRaw(zip: Zip, entry: ZipEntry, raw: Buffer): void {
  if ((entry.flags ?? 0) & 1) throw new PreflightError("damaged", `The part "${entry.name}" is encrypted, so the file cannot be saved safely.`);
  const mtime = entry.dosTime === undefined ? undefined : fromDosTime(entry.dosTime);
  addCompressed(zip, { filename: entry.name, size: entry.uncompressedSize, crc: entry.crc32 ?? 0, compression: entry.method, mtime }, raw);
}

/** Adds data already compressed (`compression` is its zip method), with its uncompressed size and CRC-32. */
function addCompressed(zip: Zip, file: ZipInputFile, data: Uint8Array): void {
  zip.add(file);
  file.ondata!(null, new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength), true);
}

/** An MS-DOS time and date (local time, 2-second steps) as a Date; undefined when it is not a valid one (fflate refuses those). */
function fromDosTime(value: number): Date | undefined {
  const time = value & 0xffff;
  const date = value >>> 16;
  const month = (date >>> 5) & 15;
  const day = date & 31;
  if (month < 1 || month > 12 || day < 1) return undefined;
  return new Date(1980 + (date >>> 9), month - 1, day, time >>> 11, (time >>> 5) & 63, (time & 31) * 2);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
