/**
 * Guards an .xlsx file before ExcelJS parses it, and finds what an ExcelJS read/write round trip would lose.
 *
 * An .xlsx file is a zip archive. ExcelJS (through JSZip) trusts the archive's own description of itself,
 * so a hostile or broken file can make it allocate without bound. This module reads the zip structure
 * itself, with hard limits, before anything else touches the bytes:
 *
 * - the file size is checked first;
 * - the End Of Central Directory record (and its Zip64 form) is read and the number of entries is checked
 *   *before* the central directory is walked;
 * - the sum of the declared uncompressed sizes is checked, then each part's declared size and how far it is
 *   compressed (its ratio), so a part that honestly declares hundreds of megabytes is refused unread;
 * - every entry is inflated with an output cap of its declared size, so a part that lies about its size
 *   (a "zip bomb") is refused instead of expanding.
 *
 * Node only: `Buffer` and `node:zlib`; no other dependencies. A zip library such as yauzl (3.4.0) was tried
 * for the listing and not used: it refuses an archive whose comment contains the end-record signature, or
 * with bytes after the end record, both of which this reader opens (the first is tested); it is callback-only,
 * so this check and every synchronous reader of parts would become asynchronous; and it checks nothing
 * this reader does not, except file names, which matter only when extracting to disk.
 */
import { constants as bufferConstants } from "node:buffer";
import { inflateRawSync } from "node:zlib";
import { columnIndex } from "../../domain/cells";

export interface PreflightLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Most zip entries (parts) accepted. */
  maxEntries: number;
  /** Largest total of the entries' declared uncompressed sizes, in bytes. */
  maxUncompressedBytes: number;
  /** Largest declared uncompressed size of any one part, in bytes. Checked before anything is inflated. */
  maxPartBytes: number;
  /**
   * Largest ratio of a part's declared uncompressed size to its compressed size (e.g. 100 for 100:1), for parts
   * declaring more than {@link PreflightLimits.compressionRatioFloorBytes}. Checked before anything is inflated.
   */
  maxCompressionRatio: number;
  /** Parts declaring at most this many bytes are cheap to inflate whatever their ratio, so the ratio is not checked. */
  compressionRatioFloorBytes: number;
  /**
   * What the sheets may hold, over the whole file. ExcelJS builds an object for every row and cell, and for
   * every cell a merged range or a data validation covers, so a tiny file declaring `A1:XFD1048576`, or a
   * sheet formatted down to row 1,048,576, would exhaust memory. A merged cell costs ExcelJS about 500 bytes,
   * a validated one about 150.
   */
  maxRows: number;
  maxCells: number;
  maxMergedCells: number;
  /** One whole-column drop-down list fits: Excel saves a whole-column selection as `J2:J1048576`. */
  maxValidatedCells: number;
}

export const DEFAULT_LIMITS: PreflightLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  // The action sheet of a 10,000-action plan is 5.8 MB of XML (9:1 compressed); of a 50,000-action plan 30 MB,
  // which ExcelJS already reads in 570 MB. ExcelJS holds each part whole, as bytes and then as a string: a file
  // of 63 MB parts (880 MB in all) is read in 380 MB at its peak, of 127 MB parts in 570 MB. 64 MB is 11 times
  // a 10,000-action plan's sheet and keeps such a file under 400 MB.
  maxPartBytes: 64 * 1024 * 1024,
  // Real sheet XML compresses 9:1 to 30:1 (measured: plans, formatted empty rows, repeated formulas); deflate
  // can reach 1,032:1. 100:1 is Apache POI's long-standing default for the same check on .xlsx files.
  maxCompressionRatio: 100,
  compressionRatioFloorBytes: 1024 * 1024,
  maxRows: 300_000,
  maxCells: 1_500_000,
  maxMergedCells: 100_000,
  maxValidatedCells: 1_100_000,
};

export type SheetLimits = Pick<PreflightLimits, "maxRows" | "maxCells" | "maxMergedCells" | "maxValidatedCells">;
const NO_SHEET_LIMITS: SheetLimits = { maxRows: Infinity, maxCells: Infinity, maxMergedCells: Infinity, maxValidatedCells: Infinity };

export type PreflightCode =
  | "too-large"
  | "not-a-zip"
  | "damaged"
  | "too-many-entries"
  | "too-much-data"
  | "part-too-large"
  | "too-compressed"
  | "too-many-cells"
  | "not-a-workbook";

/** A file refused before parsing. `message` is written for the person who chose the file. */
export class PreflightError extends Error {
  readonly code: PreflightCode;

  constructor(code: PreflightCode, message: string) {
    super(message);
    this.name = "PreflightError";
    this.code = code;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** One entry of the zip's central directory. */
export interface ZipEntry {
  /** The part name, e.g. `xl/worksheets/sheet1.xml`. */
  name: string;
  /** Compression method: 0 stored, 8 deflate. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** CRC-32 of the uncompressed bytes, as the directory records it (a part copied unchanged keeps it). */
  crc32?: number;
  /** Last modified, as MS-DOS time and date (the low and high 16 bits). */
  dosTime?: number;
  /** The general-purpose bit flags (bit 0: encrypted). */
  flags?: number;
}

/** Something in the workbook that an ExcelJS read/write round trip would drop. */
export interface RoundTripLoss {
  /** In plain words, e.g. `charts`. */
  feature: string;
  /** Sheet names where the feature could be placed on a sheet, otherwise part names (which contain `/`). */
  where: string[];
}

export interface PreflightResult {
  entries: ZipEntry[];
  losses: RoundTripLoss[];
}

// ---------------------------------------------------------------------------------------------
// Zip structure
// ---------------------------------------------------------------------------------------------

const SIG_LOCAL_HEADER = 0x04034b50;
const SIG_CENTRAL_HEADER = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;

const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** The EOCD record is 22 bytes plus a comment of at most 65,535 bytes. */
const EOCD_SEARCH_WINDOW = EOCD_SIZE + MAX_COMMENT; // 65,557
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_MIN_SIZE = 56;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const ZIP64_EXTRA_ID = 0x0001;

const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/** The first bytes of an OLE compound file: an old .xls, or an .xlsx protected by a password to open. */
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const SAVE_A_COPY = "If it opens in Excel, save a new copy of it and try again.";

function damaged(detail: string): PreflightError {
  return new PreflightError("damaged", `This workbook file is damaged or incomplete: ${detail}. ${SAVE_A_COPY}`);
}

function notAZip(buffer: Buffer): PreflightError {
  if (buffer.length === 0) {
    return new PreflightError("not-a-zip", "This file is empty, so it is not an Excel workbook (.xlsx).");
  }
  if (buffer.length >= OLE_SIGNATURE.length && buffer.subarray(0, OLE_SIGNATURE.length).equals(OLE_SIGNATURE)) {
    return new PreflightError(
      "not-a-zip",
      "This file is an older Excel file (.xls) or a workbook protected by a password to open, which cannot be read. " +
        "Open it in Excel and save it as an Excel Workbook (.xlsx) without a password to open, then try again.",
    );
  }
  return new PreflightError(
    "not-a-zip",
    "This file is not an Excel workbook (.xlsx). Check that you chose the right file; " +
      "if it is a workbook in another format, open it in Excel and save it as an Excel Workbook (.xlsx).",
  );
}

/** Reads a little-endian 64-bit value as a number (values past 2^53 lose precision but stay huge). */
function readU64(buffer: Buffer, offset: number): number {
  return Number(buffer.readBigUInt64LE(offset));
}

interface CentralDirectoryLocation {
  entryCount: number;
  size: number;
  offset: number;
  /** Where the (Zip64) end record starts: the central directory must end at or before it. */
  end: number;
}

function findEocd(buffer: Buffer): number {
  const lowest = Math.max(0, buffer.length - EOCD_SEARCH_WINDOW);
  let loose = -1;
  for (let pos = buffer.length - EOCD_SIZE; pos >= lowest; pos--) {
    if (buffer.readUInt32LE(pos) !== SIG_EOCD) continue;
    const commentLength = buffer.readUInt16LE(pos + 20);
    // A record whose comment runs exactly to the end of the file is the real one; a signature inside
    // a comment would rarely line up like that. Otherwise accept one followed by a little trailing junk.
    if (pos + EOCD_SIZE + commentLength === buffer.length) return pos;
    if (loose < 0 && pos + EOCD_SIZE + commentLength <= buffer.length) loose = pos;
  }
  return loose;
}

function locateCentralDirectory(buffer: Buffer): CentralDirectoryLocation {
  const eocd = buffer.length >= EOCD_SIZE ? findEocd(buffer) : -1;
  if (eocd < 0) {
    // It starts like a zip but its end is missing: most likely cut short while copying or downloading.
    if (buffer.length >= 4 && buffer.readUInt32LE(0) === SIG_LOCAL_HEADER) {
      throw damaged("the end of the file is missing, so it may have been cut short while copying or downloading");
    }
    throw notAZip(buffer);
  }

  let diskNumber = buffer.readUInt16LE(eocd + 4);
  let cdDisk = buffer.readUInt16LE(eocd + 6);
  let entriesOnDisk = buffer.readUInt16LE(eocd + 8);
  let entryCount = buffer.readUInt16LE(eocd + 10);
  let size = buffer.readUInt32LE(eocd + 12);
  let offset = buffer.readUInt32LE(eocd + 16);
  let end = eocd;

  const locator = eocd - ZIP64_LOCATOR_SIZE;
  if (locator >= 0 && buffer.readUInt32LE(locator) === SIG_ZIP64_LOCATOR) {
    const recordOffset = readU64(buffer, locator + 8);
    if (recordOffset + ZIP64_EOCD_MIN_SIZE > locator) {
      throw damaged("its table of contents points outside the file");
    }
    if (buffer.readUInt32LE(recordOffset) !== SIG_ZIP64_EOCD) {
      throw damaged("its table of contents is not where the file says it is");
    }
    diskNumber = buffer.readUInt32LE(recordOffset + 16);
    cdDisk = buffer.readUInt32LE(recordOffset + 20);
    entriesOnDisk = readU64(buffer, recordOffset + 24);
    entryCount = readU64(buffer, recordOffset + 32);
    size = readU64(buffer, recordOffset + 40);
    offset = readU64(buffer, recordOffset + 48);
    end = recordOffset;
  }

  if (diskNumber !== 0 || cdDisk !== 0 || entriesOnDisk !== entryCount) {
    throw damaged("it is one piece of a zip archive split across several files");
  }
  return { entryCount, size, offset, end };
}

function checkLocalHeader(buffer: Buffer, entry: ZipEntry): number {
  const at = entry.localHeaderOffset;
  if (at + LOCAL_HEADER_SIZE > buffer.length) {
    throw damaged(`the part "${entry.name}" is missing from the file`);
  }
  if (buffer.readUInt32LE(at) !== SIG_LOCAL_HEADER) {
    throw damaged(`the part "${entry.name}" is not where the file says it is`);
  }
  const dataStart = at + LOCAL_HEADER_SIZE + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  if (dataStart + entry.compressedSize > buffer.length) {
    throw damaged(`the part "${entry.name}" runs past the end of the file`);
  }
  return dataStart;
}

/**
 * Lists the entries of a zip archive from its central directory, refusing archives that are not zips,
 * are damaged, have more than `limits.maxEntries` entries (checked before the directory is read),
 * declare more than `limits.maxUncompressedBytes` of uncompressed data in total, or hold a part that
 * {@link checkPartSize} refuses. Nothing is inflated.
 */
export function listZipEntries(buffer: Buffer, limits: PreflightLimits = DEFAULT_LIMITS): ZipEntry[] {
  const cd = locateCentralDirectory(buffer);

  if (cd.entryCount > limits.maxEntries) {
    throw new PreflightError(
      "too-many-entries",
      `This file is made up of ${formatCount(cd.entryCount)} separate parts, more than the limit of ` +
        `${formatCount(limits.maxEntries)}, so it will not be opened. A genuine workbook has far fewer parts.`,
    );
  }
  if (cd.offset + cd.size > cd.end) {
    throw damaged("its table of contents points outside the file");
  }
  if (cd.entryCount * CENTRAL_HEADER_SIZE > cd.size) {
    throw damaged("its table of contents is shorter than the number of parts it lists");
  }

  const cdEnd = cd.offset + cd.size;
  const entries: ZipEntry[] = [];
  let totalUncompressed = 0;
  let p = cd.offset;
  for (let i = 0; i < cd.entryCount; i++) {
    if (p + CENTRAL_HEADER_SIZE > cdEnd || buffer.readUInt32LE(p) !== SIG_CENTRAL_HEADER) {
      throw damaged("its table of contents is corrupt");
    }
    const flags = buffer.readUInt16LE(p + 8);
    const method = buffer.readUInt16LE(p + 10);
    const dosTime = buffer.readUInt32LE(p + 12);
    const crc32 = buffer.readUInt32LE(p + 16);
    let compressedSize = buffer.readUInt32LE(p + 20);
    let uncompressedSize = buffer.readUInt32LE(p + 24);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    const diskStart = buffer.readUInt16LE(p + 34);
    let localHeaderOffset = buffer.readUInt32LE(p + 42);

    const nameStart = p + CENTRAL_HEADER_SIZE;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > cdEnd) throw damaged("its table of contents is corrupt");
    const name = buffer.toString(flags & 0x0800 ? "utf8" : "latin1", nameStart, extraStart);

    if (compressedSize === U32_MAX || uncompressedSize === U32_MAX || localHeaderOffset === U32_MAX || diskStart === U16_MAX) {
      const zip64 = findExtraField(buffer, extraStart, extraStart + extraLength, ZIP64_EXTRA_ID);
      if (!zip64) throw damaged(`the size of the part "${name}" is missing`);
      let q = zip64.start;
      const take = (): number => {
        if (q + 8 > zip64.end) throw damaged(`the size of the part "${name}" is missing`);
        const value = readU64(buffer, q);
        q += 8;
        return value;
      };
      if (uncompressedSize === U32_MAX) uncompressedSize = take();
      if (compressedSize === U32_MAX) compressedSize = take();
      if (localHeaderOffset === U32_MAX) localHeaderOffset = take();
      // A Zip64 disk number would follow; any disk but the first is refused below.
    }
    if (diskStart !== 0 && diskStart !== U16_MAX) {
      throw damaged("it is one piece of a zip archive split across several files");
    }

    const entry: ZipEntry = { name, method, compressedSize, uncompressedSize, localHeaderOffset, crc32, dosTime, flags };
    if (localHeaderOffset >= cd.offset) throw damaged(`the part "${name}" is not where the file says it is`);
    checkLocalHeader(buffer, entry);
    totalUncompressed += uncompressedSize;
    entries.push(entry);
    p = next;
  }

  if (totalUncompressed > limits.maxUncompressedBytes) {
    const [total, limit] = formatBytePair(totalUncompressed, limits.maxUncompressedBytes);
    throw new PreflightError(
      "too-much-data",
      `This file would expand to ${total} when opened, more than the limit of ${limit}, so it will not be opened.`,
    );
  }
  for (const entry of entries) checkPartSize(entry, limits);
  return entries;
}

/**
 * Refuses a part by its declared sizes alone, before anything inflates it: over `limits.maxPartBytes`
 * uncompressed, or (above `limits.compressionRatioFloorBytes`) compressed more than `limits.maxCompressionRatio`
 * to 1. A part that honestly declares hundreds of megabytes would otherwise be inflated in full.
 *
 * @throws PreflightError `part-too-large` or `too-compressed`.
 */
export function checkPartSize(entry: Pick<ZipEntry, "name" | "compressedSize" | "uncompressedSize">, limits: PreflightLimits = DEFAULT_LIMITS): void {
  const { name, compressedSize, uncompressedSize } = entry;
  if (uncompressedSize > limits.maxPartBytes) {
    const [size, limit] = formatBytePair(uncompressedSize, limits.maxPartBytes);
    throw new PreflightError(
      "part-too-large",
      `The part "${name}" of this file would expand to ${size} when opened, more than the limit of ${limit} for one part, ` +
        "so it will not be opened.",
    );
  }
  if (uncompressedSize > limits.compressionRatioFloorBytes && uncompressedSize > compressedSize * limits.maxCompressionRatio) {
    const ratio = compressedSize === 0 ? "infinitely many" : formatCount(Math.floor(uncompressedSize / compressedSize));
    throw new PreflightError(
      "too-compressed",
      `The part "${name}" of this file would expand from ${formatBytes(compressedSize)} to ${formatBytes(uncompressedSize)} when opened, ` +
        `${ratio} times its size in the file, more than the limit of ${formatCount(limits.maxCompressionRatio)} times for one part, ` +
        "so it will not be opened. A genuine workbook does not pack down that far.",
    );
  }
}

function findExtraField(buffer: Buffer, start: number, end: number, id: number): { start: number; end: number } | undefined {
  let p = start;
  while (p + 4 <= end) {
    const fieldId = buffer.readUInt16LE(p);
    const size = buffer.readUInt16LE(p + 2);
    const dataEnd = p + 4 + size;
    if (dataEnd > end) return undefined;
    if (fieldId === id) return { start: p + 4, end: dataEnd };
    p = dataEnd;
  }
  return undefined;
}

/** The stored (usually deflated) bytes of one entry, as they are in the file: for copying a part unchanged. */
export function rawZipEntry(buffer: Buffer, entry: ZipEntry): Buffer {
  const dataStart = checkLocalHeader(buffer, entry);
  return buffer.subarray(dataStart, dataStart + entry.compressedSize);
}

/**
 * The uncompressed bytes of one entry. Inflation is capped at the declared size (plus one byte to notice
 * a lie), so a part that expands beyond what it declares is refused as damaged rather than inflated.
 */
export function readZipEntry(buffer: Buffer, entry: ZipEntry): Buffer {
  const dataStart = checkLocalHeader(buffer, entry);
  const compressed = buffer.subarray(dataStart, dataStart + entry.compressedSize);
  const declared = entry.uncompressedSize;

  let data: Buffer;
  if (entry.method === 0) {
    data = Buffer.from(compressed);
  } else if (entry.method === 8) {
    try {
      data = inflateRawSync(compressed, { maxOutputLength: Math.min(declared + 1, bufferConstants.MAX_LENGTH) });
    } catch {
      throw damaged(`the part "${entry.name}" cannot be unpacked, or is larger than it claims to be`);
    }
  } else {
    throw damaged(`the part "${entry.name}" is compressed in a way (method ${entry.method}) that cannot be read`);
  }
  if (data.length !== declared) {
    throw damaged(
      `the part "${entry.name}" is ${data.length > declared ? "larger" : "smaller"} than it claims to be`,
    );
  }
  return data;
}

// ---------------------------------------------------------------------------------------------
// Round-trip losses
// ---------------------------------------------------------------------------------------------

interface PartFeature {
  feature: string;
  /** Tested against the lower-cased part name. */
  matches(name: string): boolean;
}

const under =
  (...prefixes: string[]) =>
  (name: string): boolean =>
    prefixes.some((prefix) => name.startsWith(prefix));

/** Features found by part name, in the order they are reported. */
const PART_FEATURES: PartFeature[] = [
  { feature: "charts", matches: under("xl/charts/") },
  { feature: "chart sheets", matches: under("xl/chartsheets/") },
  { feature: "pivot tables", matches: under("xl/pivottables/", "xl/pivotcache/") },
  {
    feature: "drawings and shapes",
    // Any DrawingML drawing, even one holding only pictures (which ExcelJS keeps, unlike shapes, text boxes
    // and picture formatting). VML drawings are left out: they hold notes (which ExcelJS keeps) and legacy
    // controls (reported as form or ActiveX controls); header and footer pictures are found from the worksheet.
    matches: (name) => name.startsWith("xl/drawings/") && !name.endsWith(".vml"),
  },
  { feature: "slicers", matches: under("xl/slicers/", "xl/slicercaches/") },
  { feature: "timelines", matches: under("xl/timelines/", "xl/timelinecaches/") },
  { feature: "threaded comments", matches: under("xl/threadedcomments/") },
  { feature: "links to other workbooks", matches: under("xl/externallinks/") },
  { feature: "form controls", matches: under("xl/ctrlprops/") },
  { feature: "ActiveX controls", matches: under("xl/activex/") },
  { feature: "embedded objects", matches: under("xl/embeddings/") },
  { feature: "data connections and queries", matches: (name) => name.startsWith("xl/querytables/") || name === "xl/connections.xml" },
  { feature: "custom XML data", matches: under("customxml/") },
  // ExcelJS drops custom document properties, where Microsoft 365 keeps sensitivity labels ("OFFICIAL").
  {
    feature: "custom document properties (such as a sensitivity label)",
    matches: (name) => name === "docprops/custom.xml" || name.startsWith("docmetadata/"),
  },
];

interface SheetFeature {
  feature: string;
  found(xml: Buffer): boolean;
}

/** Features found inside worksheet XML, in the order they are reported. */
const SHEET_FEATURES: SheetFeature[] = [
  { feature: "sparklines", found: (xml) => xml.includes("x14:sparklineGroups") },
  {
    feature: "newer-style data validation (drop-down lists)",
    found: (xml) => xml.includes("x14:dataValidations"),
  },
  {
    feature: "newer-style conditional formatting (such as data bars and icon sets)",
    found: (xml) => xml.includes("x14:conditionalFormattings"),
  },
  { feature: "pictures in headers or footers", found: (xml) => startTags(xml, "legacyDrawingHF").length > 0 },
  {
    feature: "old-style sheet protection passwords",
    found: (xml) => startTags(xml, "sheetProtection").some((tag) => hasAttribute(tag, "password")),
  },
];

const MACRO_FEATURE = "macros";
const FILTER_FEATURE = "filters (which rows each filter hides)";
const FILTER_CRITERIA = ["filters", "customFilters", "top10", "dynamicFilter", "colorFilter", "iconFilter"];

function hasFilterCriteria(xml: Buffer): boolean {
  return FILTER_CRITERIA.some((name) => startTags(xml, name).length > 0);
}
const WORKBOOK_PASSWORD_FEATURE = "an old-style workbook protection password";

const CONTENT_TYPES = "[Content_Types].xml";
const WORKBOOK = "xl/workbook.xml";
/** Worksheet parts: Excel names them `sheetN.xml`, other writers may not. */
const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;
/** How far relationships are followed from a sheet: sheet → drawing → chart → chart's own drawing. */
const MAX_RELATIONSHIP_DEPTH = 3;

/**
 * What an ExcelJS read/write round trip would drop from this workbook, by part names and by the
 * content of the worksheets. Parts are inflated with {@link readZipEntry}, so a damaged worksheet throws;
 * so does a file whose sheets hold more rows, cells, merged or validated cells than `limits` allow.
 */
export function findRoundTripLosses(buffer: Buffer, entries: ZipEntry[], limits: SheetLimits = NO_SHEET_LIMITS): RoundTripLoss[] {
  const parts = new Map<string, ZipEntry>();
  for (const entry of entries) parts.set(entry.name.toLowerCase(), entry);
  const read = (name: string): Buffer | undefined => {
    const entry = parts.get(name.toLowerCase());
    return entry ? readZipEntry(buffer, entry) : undefined;
  };

  // Each part's relationships are read once, however many sheets lead to it.
  const relationships = new Map<string, Map<string, string>>();
  const targetsOf: TargetReader = (part) => {
    const key = part.toLowerCase();
    let targets = relationships.get(key);
    if (!targets) relationships.set(key, (targets = relationshipTargets(part, read)));
    return targets;
  };

  const workbookXml = read(WORKBOOK);
  const sheets = sheetParts(workbookXml, targetsOf);
  const owners = partOwners(sheets, targetsOf);

  const losses: RoundTripLoss[] = [];
  const sheetOrder = sheets.map((sheet) => sheet.name);

  for (const { feature, matches } of PART_FEATURES) {
    const found = entries.filter((entry) => {
      const name = entry.name.toLowerCase();
      return !name.endsWith("/") && !name.includes("/_rels/") && matches(name);
    });
    if (found.length === 0) continue;
    const onSheets = new Set<string>();
    for (const entry of found) for (const sheet of owners.get(entry.name.toLowerCase()) ?? []) onSheets.add(sheet);
    losses.push({
      feature,
      where: onSheets.size > 0 ? sheetOrder.filter((name) => onSheets.has(name)) : found.map((entry) => entry.name),
    });
  }

  // VBA, or Excel 4 macro sheets; a macro-enabled content type on its own means the file is an .xlsm.
  const macroParts = entries.filter((entry) => {
    const name = entry.name.toLowerCase();
    return name === "xl/vbaproject.bin" || (name.startsWith("xl/macrosheets/") && !name.endsWith("/") && !name.includes("/_rels/"));
  });
  const contentTypes = read(CONTENT_TYPES);
  if (macroParts.length > 0) {
    losses.push({ feature: MACRO_FEATURE, where: macroParts.map((entry) => entry.name) });
  } else if (contentTypes && /macroEnabled/i.test(contentTypes.toString("utf8"))) {
    losses.push({ feature: MACRO_FEATURE, where: [CONTENT_TYPES] });
  }

  const sheetNameOf = new Map(sheets.map((sheet) => [sheet.part.toLowerCase(), sheet.name]));
  const bySheetFeature = SHEET_FEATURES.map(() => [] as string[]);
  const size = new SheetSize(limits);
  const filteredSheets: string[] = [];
  for (const entry of entries) {
    if (!WORKSHEET_PART.test(entry.name)) continue;
    const xml = readZipEntry(buffer, entry);
    const where = sheetNameOf.get(entry.name.toLowerCase()) ?? entry.name;
    size.add(xml, where);
    if (hasFilterCriteria(xml)) filteredSheets.push(where);
    SHEET_FEATURES.forEach(({ found }, i) => {
      if (found(xml)) bySheetFeature[i].push(where);
    });
  }
  SHEET_FEATURES.forEach(({ feature }, i) => {
    const where = bySheetFeature[i];
    if (where.length > 0) losses.push({ feature, where: sortBy(where, sheetOrder) });
  });

  // A filter's criteria, on a sheet or in a table: ExcelJS keeps the filter buttons but not which rows they hide.
  const filtered = new Set<string>(filteredSheets);
  for (const entry of entries) {
    const name = entry.name.toLowerCase();
    if (!/^xl\/tables\/[^/]+\.xml$/.test(name) || !hasFilterCriteria(readZipEntry(buffer, entry))) continue;
    const onSheets = owners.get(name);
    if (onSheets && onSheets.size > 0) onSheets.forEach((sheet) => filtered.add(sheet));
    else filtered.add(entry.name);
  }
  if (filtered.size > 0) losses.push({ feature: FILTER_FEATURE, where: sortBy([...filtered], sheetOrder) });

  if (workbookXml && startTags(workbookXml, "workbookProtection").some((tag) => hasAttribute(tag, "workbookPassword"))) {
    losses.push({ feature: WORKBOOK_PASSWORD_FEATURE, where: [WORKBOOK] });
  }
  return losses;
}

/** Sheet names in workbook order first, then anything else (part names) in the order found. */
function sortBy(where: string[], sheetOrder: string[]): string[] {
  const rank = (name: string): number => {
    const i = sheetOrder.indexOf(name);
    return i < 0 ? sheetOrder.length : i;
  };
  return where.map((name, i) => ({ name, i })).sort((a, b) => rank(a.name) - rank(b.name) || a.i - b.i).map((x) => x.name);
}

interface SheetPart {
  name: string;
  /** The resolved part name, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
}

type PartReader = (name: string) => Buffer | undefined;
/** A part's internal relationship targets, by relationship id. */
type TargetReader = (part: string) => Map<string, string>;

/** The sheets listed in xl/workbook.xml, with the parts their relationships point to. */
function sheetParts(workbookXml: Buffer | undefined, targetsOf: TargetReader): SheetPart[] {
  if (!workbookXml) return [];
  const targets = targetsOf(WORKBOOK);
  const sheets: SheetPart[] = [];
  for (const tag of startTags(workbookXml, "sheet")) {
    const attributes = parseAttributes(tag);
    const name = attributes.get("name");
    // The relationship id is `r:id`, whatever prefix the workbook binds to the relationships namespace.
    const id = [...attributes].find(([key]) => key.endsWith(":id"))?.[1];
    const part = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && part !== undefined) sheets.push({ name, part });
  }
  return sheets;
}

/** Which sheets each part belongs to, by following relationships out from each sheet. */
function partOwners(sheets: SheetPart[], targetsOf: TargetReader): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  for (const sheet of sheets) {
    const seen = new Set<string>();
    let frontier = [sheet.part];
    for (let depth = 0; depth <= MAX_RELATIONSHIP_DEPTH && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const part of frontier) {
        const key = part.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        let set = owners.get(key);
        if (!set) owners.set(key, (set = new Set()));
        set.add(sheet.name);
        if (depth < MAX_RELATIONSHIP_DEPTH) next.push(...targetsOf(part).values());
      }
      frontier = next;
    }
  }
  return owners;
}

/** Internal relationship targets of a part, by relationship id, resolved to part names. */
function relationshipTargets(part: string, read: PartReader): Map<string, string> {
  const slash = part.lastIndexOf("/");
  const folder = slash < 0 ? "" : part.slice(0, slash + 1);
  const relsXml = read(`${folder}_rels/${part.slice(slash + 1)}.rels`);
  const targets = new Map<string, string>();
  if (!relsXml) return targets;
  for (const tag of startTags(relsXml, "Relationship")) {
    const attributes = parseAttributes(tag);
    const id = attributes.get("Id");
    const target = attributes.get("Target");
    if (id === undefined || target === undefined || attributes.get("TargetMode") === "External") continue;
    targets.set(id, resolvePartName(folder, target));
  }
  return targets;
}

function resolvePartName(folder: string, target: string): string {
  const path = target.startsWith("/") ? target.slice(1) : folder + target;
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

// ---------------------------------------------------------------------------------------------
// Minimal XML scanning: start tags found by local name, straight from the bytes (no string for a huge sheet).
// ---------------------------------------------------------------------------------------------

const NAME_CHAR = /[A-Za-z0-9_.:-]/;

/** The start tags (`<…>` text) of elements with this local name, with or without a namespace prefix. */
function startTags(xml: Buffer, localName: string): string[] {
  const tags: string[] = [];
  let from = 0;
  for (;;) {
    const at = xml.indexOf(localName, from, "latin1");
    if (at < 0) return tags;
    from = at + localName.length;
    const after = String.fromCharCode(xml[from] ?? 0);
    if (NAME_CHAR.test(after)) continue; // a longer name, e.g. `sheets` when looking for `sheet`
    // Walk back over an optional `prefix:` to the `<`.
    let start = at - 1;
    if (xml[start] === 0x3a /* : */) {
      start--;
      while (start >= 0 && NAME_CHAR.test(String.fromCharCode(xml[start])) && xml[start] !== 0x3a) start--;
    }
    if (start < 0 || xml[start] !== 0x3c /* < */) continue;
    const end = xml.indexOf(">", from, "latin1");
    if (end < 0) return tags;
    tags.push(xml.toString("utf8", start, end + 1));
    from = end + 1;
  }
}

const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(ATTRIBUTE)) attributes.set(match[1], decodeXml(match[2] ?? match[3] ?? ""));
  return attributes;
}

function hasAttribute(tag: string, name: string): boolean {
  return parseAttributes(tag).has(name);
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, code: string) => {
    switch (code) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default: {
        const point = code[1] === "x" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return point <= 0x10ffff ? String.fromCodePoint(point) : "";
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The whole check
// ---------------------------------------------------------------------------------------------

/**
 * What every host checks before reading any part: the file's size, the zip's structure and limits
 * ({@link listZipEntries}), and that it is an Excel workbook (with a hint when it is another kind of file).
 * Nothing is inflated. Returns the entries; throws PreflightError.
 */
export function preflightPackage(buffer: Buffer, limits: PreflightLimits = DEFAULT_LIMITS): ZipEntry[] {
  if (buffer.length > limits.maxFileBytes) {
    const [size, limit] = formatBytePair(buffer.length, limits.maxFileBytes);
    throw new PreflightError(
      "too-large",
      `This file is ${size}, which is more than the limit of ${limit} for a workbook, so it will not be opened.`,
    );
  }

  const entries = listZipEntries(buffer, limits);

  const names = new Set(entries.map((entry) => entry.name.toLowerCase()));
  if (!names.has(CONTENT_TYPES.toLowerCase()) || !names.has(WORKBOOK)) {
    throw new PreflightError("not-a-workbook", `This is a zip file but not an Excel workbook (.xlsx)${otherKind(names)}.`);
  }
  return entries;
}

/**
 * Everything to do before ExcelJS sees the file: size, zip structure and limits, that it is an Excel
 * workbook, that every part unpacks to exactly its declared size, then what a round trip would lose.
 */
export function preflightXlsx(buffer: Buffer, limits: PreflightLimits = DEFAULT_LIMITS): PreflightResult {
  const entries = preflightPackage(buffer, limits);

  // ExcelJS inflates every part without a cap: make sure none is bigger than it claims to be. Worksheets, the
  // big parts, are left to findRoundTripLosses, which inflates each of them once anyway (no second copy in memory).
  for (const entry of entries) if (!WORKSHEET_PART.test(entry.name)) readZipEntry(buffer, entry);

  return { entries, losses: findRoundTripLosses(buffer, entries, limits) };
}

// ---------------------------------------------------------------------------------------------
// Declared ranges
// ---------------------------------------------------------------------------------------------

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** Cells in `A1`, `A1:C9`, `C:C` or `2:2` (0 for anything else, which ExcelJS does not expand either). */
export function cellsInRange(ref: string): number {
  const [from, to = from] = ref.replace(/\$/g, "").split(":");
  const part = (text: string) => {
    const match = /^([A-Z]{0,3})(\d{0,7})$/i.exec(text);
    if (!match || (!match[1] && !match[2])) return undefined;
    const column = match[1] ? columnIndex(match[1]) : undefined;
    return { column, row: match[2] ? Number(match[2]) : undefined };
  };
  const a = part(from);
  const b = part(to);
  if (!a || !b) return 0;
  const rows = a.row === undefined || b.row === undefined ? MAX_ROWS : Math.abs(b.row - a.row) + 1;
  const columns = a.column === undefined || b.column === undefined ? MAX_COLUMNS : Math.abs(b.column - a.column) + 1;
  return Math.min(rows, MAX_ROWS) * Math.min(columns, MAX_COLUMNS);
}

/** How many elements named `name` start in the XML (`<row …>`, `<row>`, `<row/>`), without building strings. */
function countStartTags(xml: Buffer, name: string): number {
  const open = `<${name}`;
  let count = 0;
  for (let at = xml.indexOf(open, 0, "latin1"); at >= 0; at = xml.indexOf(open, at + open.length, "latin1")) {
    const next = xml[at + open.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) count++;
  }
  return count;
}

/**
 * Counts what the sheets hold (rows, cells, and the cells merged ranges and data validation cover) and
 * refuses the file past the limits, before ExcelJS builds them one by one. Read from each sheet's XML.
 */
export class SheetSize {
  private readonly totals = { rows: 0, cells: 0, merged: 0, validated: 0 };
  private readonly biggest = { rows: { sheet: "", count: 0 }, merged: { ref: "", cells: 0, sheet: "" }, validated: { ref: "", cells: 0, sheet: "" } };

  constructor(private readonly limits: SheetLimits) {}

  add(xml: Buffer, sheet: string): void {
    const rows = countStartTags(xml, "row");
    this.totals.rows += rows;
    if (rows > this.biggest.rows.count) this.biggest.rows = { sheet, count: rows };
    this.totals.cells += countStartTags(xml, "c");
    this.ranges(startTags(xml, "mergeCell").map((tag) => parseAttributes(tag).get("ref") ?? ""), sheet, "merged");
    this.ranges(startTags(xml, "dataValidation").map((tag) => parseAttributes(tag).get("sqref") ?? ""), sheet, "validated");
    this.refuseIfTooBig();
  }

  private ranges(refs: string[], sheet: string, kind: "merged" | "validated"): void {
    for (const ref of refs.flatMap((r) => r.split(/\s+/)).filter(Boolean)) {
      const cells = cellsInRange(ref);
      this.totals[kind] += cells;
      if (cells > this.biggest[kind].cells) this.biggest[kind] = { ref, cells, sheet };
    }
  }

  private refuseIfTooBig(): void {
    const { rows, cells, merged, validated } = this.totals;
    const refuse = (message: string) => {
      throw new PreflightError("too-many-cells", `${message} Then try again.`);
    };
    if (rows > this.limits.maxRows) {
      refuse(
        `This file's sheets have ${formatCount(rows)} rows (${formatCount(this.biggest.rows.count)} on "${this.biggest.rows.sheet}"), ` +
          `more than the ${formatCount(this.limits.maxRows)} this tool will open. Excel keeps rows that were only formatted: ` +
          "delete the empty rows below the data.",
      );
    }
    if (cells > this.limits.maxCells) {
      refuse(`This file's sheets hold ${formatCount(cells)} cells, more than the ${formatCount(this.limits.maxCells)} this tool will open. Move other data out of the plan's workbook.`);
    }
    if (merged > this.limits.maxMergedCells) {
      const { ref, sheet } = this.biggest.merged;
      refuse(
        `This file's merged cells cover ${formatCount(merged)} cells, more than the ${formatCount(this.limits.maxMergedCells)} this tool will open ` +
          `(the largest is ${ref} on "${sheet}"). Unmerge them.`,
      );
    }
    if (validated > this.limits.maxValidatedCells) {
      const { ref, sheet } = this.biggest.validated;
      refuse(
        `This file's data validation (drop-down lists) covers ${formatCount(validated)} cells, more than the ` +
          `${formatCount(this.limits.maxValidatedCells)} this tool will open (the largest is ${ref} on "${sheet}"). Limit it to the rows the plan uses.`,
      );
    }
  }
}

function otherKind(names: Set<string>): string {
  if (names.has("xl/workbook.bin")) {
    return ": it is an Excel binary workbook (.xlsb). Open it in Excel and save it as an Excel Workbook (.xlsx)";
  }
  if (names.has("word/document.xml")) return ": it looks like a Word document";
  if (names.has("ppt/presentation.xml")) return ": it looks like a PowerPoint presentation";
  if (names.has("content.xml") && names.has("mimetype")) {
    return ": it looks like an OpenDocument file. Open it in Excel and save it as an Excel Workbook (.xlsx)";
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// Wording
// ---------------------------------------------------------------------------------------------

const MAX_SHEETS_NAMED = 3;

/** One sentence naming what would be lost, and on which sheets. Part names are left out. */
export function describeLosses(losses: RoundTripLoss[]): string {
  if (losses.length === 0) return "Nothing was found in this workbook that would be lost when it is saved.";
  const items = losses.map((loss) => {
    const sheets = loss.where.filter(isSheetName);
    if (sheets.length === 0) return loss.feature;
    const quoted = sheets.map((name) => `"${name}"`);
    const named =
      quoted.length > MAX_SHEETS_NAMED
        ? joinList([...quoted.slice(0, MAX_SHEETS_NAMED - 1), `${quoted.length - (MAX_SHEETS_NAMED - 1)} other sheets`])
        : joinList(quoted);
    return `${loss.feature} (on ${sheets.length === 1 ? "sheet" : "sheets"} ${named})`;
  });
  return `This workbook has ${joinList(items)}, which would be lost if this tool saved changes to it.`;
}

/** Excel forbids `/`, `[` and `]` in sheet names; part names contain `/` (or are `[Content_Types].xml`). */
function isSheetName(where: string): boolean {
  return !/[/[\]]/.test(where);
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function formatCount(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function formatBytes(n: number): string {
  const units = ["KB", "MB", "GB", "TB"];
  if (n < 1024) return `${formatCount(n)} ${n === 1 ? "byte" : "bytes"}`;
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${units[unit]}`;
}

/** Two sizes worded so that they never look equal when they are not. */
function formatBytePair(a: number, b: number): [string, string] {
  const [fa, fb] = [formatBytes(a), formatBytes(b)];
  return fa === fb && a !== b ? [`${formatCount(a)} bytes`, `${formatCount(b)} bytes`] : [fa, fb];
}
