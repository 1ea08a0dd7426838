/**
 * A tiny zip writer for tests: enough to build workbooks part by part, and to forge archives whose
 * headers lie (declared sizes, entry counts) for the preflight checks. Output is deterministic: every
 * entry is dated 1980-01-01 00:00 and names are flagged as UTF-8.
 */
import { deflateRawSync } from "node:zlib";

export interface ZipWriterEntry {
  /** The part name, e.g. `xl/workbook.xml`. */
  name: string;
  /** Strings are written as UTF-8. */
  data: Buffer | string;
  /** Store uncompressed (method 0) instead of deflating (method 8). */
  store?: boolean;
  /**
   * Already deflated: `data` is then the raw deflate stream, written as it is, and these are the
   * uncompressed size and CRC-32 to declare. Lets a test build a part of hundreds of megabytes without
   * holding or compressing it (see {@link crc32Combine}).
   */
  deflated?: { size: number; crc: number };
}

export interface ZipWriterOptions {
  /** Uncompressed size to declare for these entries (by name) instead of the real one, in every header. */
  declaredSizes?: Record<string, number>;
  /** Entry count to declare in the end record instead of the real one. */
  declaredEntryCount?: number;
  /**
   * Write Zip64 structures: sizes and offsets in Zip64 extra fields, and a Zip64 end record and locator.
   * Used automatically when a declared value does not fit the classic fields.
   */
  zip64?: boolean;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** 32×32 bit matrix times vector over GF(2), as in zlib's crc32_combine. */
function gf2Times(matrix: number[], vector: number): number {
  let sum = 0;
  for (let v = vector >>> 0, i = 0; v !== 0; v >>>= 1, i++) if (v & 1) sum ^= matrix[i];
  return sum >>> 0;
}

function gf2Square(matrix: number[]): number[] {
  return matrix.map((row) => gf2Times(matrix, row));
}

/**
 * The CRC-32 of A followed by B, from the CRC-32 of each and B's length in bytes (zlib's crc32_combine):
 * the CRC of a part of hundreds of megabytes without reading them.
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  // The operator that appends one zero bit, then squared up to one zero byte and on by powers of two.
  let operator = [0xedb88320, ...Array.from({ length: 31 }, (_, n) => (1 << n) >>> 0)];
  operator = gf2Square(gf2Square(gf2Square(operator)));
  let crc = crcA >>> 0;
  for (let n = lengthB; n > 0; n = Math.floor(n / 2)) {
    if (n % 2 === 1) crc = gf2Times(operator, crc);
    operator = gf2Square(operator);
  }
  return (crc ^ crcB) >>> 0;
}

const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;
const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const FLAG_UTF8 = 0x0800;
const VERSION_CLASSIC = 20;
const VERSION_ZIP64 = 45;

interface Written {
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  declaredSize: number;
  offset: number;
}

export function writeZip(entries: ZipWriterEntry[], options: ZipWriterOptions = {}): Buffer {
  const declaredSizes = options.declaredSizes ?? {};
  const entryCount = options.declaredEntryCount ?? entries.length;
  const chunks: Buffer[] = [];
  let offset = 0;
  const push = (chunk: Buffer): void => {
    chunks.push(chunk);
    offset += chunk.length;
  };

  const prepared = entries.map((entry) => {
    const raw = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
    const method = entry.store ? 0 : 8;
    const body = entry.store || entry.deflated ? raw : deflateRawSync(raw);
    const size = entry.deflated ? entry.deflated.size : raw.length;
    const declaredSize = Object.prototype.hasOwnProperty.call(declaredSizes, entry.name) ? declaredSizes[entry.name] : size;
    const crc = entry.deflated ? entry.deflated.crc : crc32(raw);
    return { entry, method, body, declaredSize, crc };
  });

  // Every size and offset is known once the bodies are compressed, so decide on Zip64 up front.
  const totalBytes = prepared.reduce((sum, p) => sum + 30 + 20 + Buffer.byteLength(p.entry.name) + p.body.length, 0);
  const zip64 =
    options.zip64 === true ||
    entryCount >= U16_MAX ||
    totalBytes >= U32_MAX ||
    prepared.some((p) => p.declaredSize >= U32_MAX || p.body.length >= U32_MAX);

  const written: Written[] = [];
  for (const { entry, method, body, declaredSize, crc } of prepared) {
    const name = Buffer.from(entry.name, "utf8");
    const item: Written = { name, method, crc, compressedSize: body.length, declaredSize, offset };
    const extra = zip64 ? zip64Extra([declaredSize, body.length]) : Buffer.alloc(0);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_CLASSIC, 4);
    header.writeUInt16LE(FLAG_UTF8, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt32LE(item.crc, 14);
    header.writeUInt32LE(zip64 ? U32_MAX : body.length, 18);
    header.writeUInt32LE(zip64 ? U32_MAX : declaredSize, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(extra.length, 28);
    push(header);
    push(name);
    push(extra);
    push(body);
    written.push(item);
  }

  const cdOffset = offset;
  for (const item of written) {
    const extra = zip64 ? zip64Extra([item.declaredSize, item.compressedSize, item.offset]) : Buffer.alloc(0);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_CLASSIC, 4); // made by (MS-DOS)
    header.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_CLASSIC, 6); // needed
    header.writeUInt16LE(FLAG_UTF8, 8);
    header.writeUInt16LE(item.method, 10);
    header.writeUInt16LE(DOS_TIME, 12);
    header.writeUInt16LE(DOS_DATE, 14);
    header.writeUInt32LE(item.crc, 16);
    header.writeUInt32LE(zip64 ? U32_MAX : item.compressedSize, 20);
    header.writeUInt32LE(zip64 ? U32_MAX : item.declaredSize, 24);
    header.writeUInt16LE(item.name.length, 28);
    header.writeUInt16LE(extra.length, 30);
    // comment length, disk start, internal and external attributes stay 0
    header.writeUInt32LE(zip64 ? U32_MAX : item.offset, 42);
    push(header);
    push(item.name);
    push(extra);
  }
  const cdSize = offset - cdOffset;

  if (zip64) {
    const recordOffset = offset;
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(BigInt(56 - 12), 4); // size of the rest of the record
    record.writeUInt16LE(VERSION_ZIP64, 12);
    record.writeUInt16LE(VERSION_ZIP64, 14);
    // this disk and the directory's disk stay 0
    record.writeBigUInt64LE(BigInt(entryCount), 24);
    record.writeBigUInt64LE(BigInt(entryCount), 32);
    record.writeBigUInt64LE(BigInt(cdSize), 40);
    record.writeBigUInt64LE(BigInt(cdOffset), 48);
    push(record);

    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(recordOffset), 8);
    locator.writeUInt32LE(1, 16); // total number of disks
    push(locator);
  }

  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(zip64 ? U16_MAX : entryCount, 8);
  eocd.writeUInt16LE(zip64 ? U16_MAX : entryCount, 10);
  eocd.writeUInt32LE(zip64 ? U32_MAX : cdSize, 12);
  eocd.writeUInt32LE(zip64 ? U32_MAX : cdOffset, 16);
  push(eocd);

  return Buffer.concat(chunks);
}

/** A Zip64 extended information extra field (id 0x0001) holding these 64-bit values in order. */
function zip64Extra(values: number[]): Buffer {
  const field = Buffer.alloc(4 + 8 * values.length);
  field.writeUInt16LE(0x0001, 0);
  field.writeUInt16LE(8 * values.length, 2);
  values.forEach((value, i) => field.writeBigUInt64LE(BigInt(value), 4 + 8 * i));
  return field;
}
