import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import * as shapes from "../../../test/support/xlsxShapes";
import { withTempDir } from "../../../test/support/tempDir";
import { crc32, writeZip, ZipWriterEntry } from "../../../test/support/zipWriter";
import { ExcelJsWorkbook } from "../exceljs/excelJsWorkbook";
import { listZipEntries, PreflightError, rawZipEntry, readZipEntry, ZipEntry } from "../exceljs/xlsxPreflight";
import { isType, OpcPackage, PartEdit, REL, relsPartOf, resolveTarget } from "./opcPackage";
import { XlsxPackageWorkbook } from "./xlsxPackageWorkbook";

const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** A small package of parts stored and deflated, with a folder entry, a UTF-8 name and an odd case. */
function smallPackage(options: { zip64?: boolean } = {}): Buffer {
  const entries: ZipWriterEntry[] = [
    { name: "[Content_Types].xml", data: `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>` },
    { name: "_rels/.rels", data: `<Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: "xl/", data: "", store: true },
    { name: "xl/workbook.xml", data: `<workbook/>` },
    { name: "xl/Media/Café.png", data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), store: true },
    { name: "xl/worksheets/sheet1.xml", data: `<worksheet>${"<row/>".repeat(500)}</worksheet>` },
    { name: "docProps/core.xml", data: "\uFEFF<core/>" },
  ];
  return writeZip(entries, options);
}

function entriesOf(bytes: Uint8Array): ZipEntry[] {
  return listZipEntries(Buffer.from(bytes));
}

function inflated(bytes: Uint8Array, name: string): Buffer {
  const buffer = Buffer.from(bytes);
  return readZipEntry(buffer, listZipEntries(buffer).find((e) => e.name === name)!);
}

/** Every unedited part copied as stored: the same compressed bytes, CRC, sizes, method and date. */
function expectCopiedAsStored(input: Buffer, output: Uint8Array, names: readonly string[]): void {
  const out = Buffer.from(output);
  const before = new Map(listZipEntries(input).map((e) => [e.name, e]));
  const after = new Map(listZipEntries(out).map((e) => [e.name, e]));
  for (const name of names) {
    const [a, b] = [before.get(name)!, after.get(name)!];
    expect(b).toBeDefined();
    expect({ method: b.method, crc: b.crc32, size: b.uncompressedSize, compressed: b.compressedSize, time: b.dosTime, encrypted: (b.flags ?? 0) & 1 })
      .toEqual({ method: a.method, crc: a.crc32, size: a.uncompressedSize, compressed: a.compressedSize, time: a.dosTime, encrypted: 0 });
    expect(rawZipEntry(out, b).equals(rawZipEntry(input, a))).toBe(true);
  }
}

/** `unzip -t` where it is installed (it is on the machines these tests run on), then every part through the preflight reader. */
function expectSoundZip(bytes: Uint8Array): void {
  for (const entry of entriesOf(bytes)) {
    const data = readZipEntry(Buffer.from(bytes), entry);
    expect(crc32(data)).toBe(entry.crc32);
  }
  if (!existsSync("/usr/bin/unzip")) return;
  withTempDir((dir) => {
    const file = join(dir, "out.zip");
    writeFileSync(file, bytes);
    const test = spawnSync("/usr/bin/unzip", ["-t", file], { encoding: "utf8" });
    expect(test.stdout).toMatch(/No errors detected/);
    expect(test.status).toBe(0);
  });
}

describe("OpcPackage reading", () => {
  it("lists parts (not folders) and finds them without regard to case", () => {
    const pkg = OpcPackage.open(smallPackage());
    expect(pkg.partNames()).toEqual(["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/Media/Café.png", "xl/worksheets/sheet1.xml", "docProps/core.xml"]);
    expect(pkg.has("XL/WORKBOOK.XML")).toBe(true);
    expect(pkg.nameOf("xl/media/café.png")).toBe("xl/Media/Café.png");
    expect(pkg.has("xl/")).toBe(false);
    expect(pkg.text("nothing.xml")).toBeUndefined();
  });

  it("reads a part as text without a byte-order mark, UTF-8 or UTF-16, and keeps it until told to forget", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<a>é</a>", "utf16le")]);
    const bytes = writeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "xl/workbook.xml", data: "\uFEFF<workbook>é</workbook>" },
      { name: "xl/utf16.xml", data: utf16 },
    ]);
    const pkg = OpcPackage.open(bytes);
    expect(pkg.text("xl/workbook.xml")).toBe("<workbook>é</workbook>");
    expect(pkg.text("xl/utf16.xml")).toBe("<a>é</a>");
    expect(pkg.text("XL/Workbook.xml")).toBe(pkg.text("xl/workbook.xml"));
    pkg.forget("xl/workbook.xml");
    expect(pkg.text("xl/workbook.xml")).toBe("<workbook>é</workbook>");
  });

  it("resolves relationship targets: relative, absolute, with dot segments, escaped, with fragments, external", () => {
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/workbook.xml", "/xl/worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/worksheets/sheet1.xml", "../tables/table1.xml")).toBe("xl/tables/table1.xml");
    expect(resolveTarget("xl/worksheets/sheet1.xml", "./../../xl/./tables//table1.xml")).toBe("xl/tables/table1.xml");
    expect(resolveTarget("", "xl/workbook.xml")).toBe("xl/workbook.xml");
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet%201.xml#A1")).toBe("xl/worksheets/sheet 1.xml");
    expect(resolveTarget("xl/workbook.xml", "worksheets/%D0%BB%D0%B8%D1%81%D1%82.xml")).toBe("xl/worksheets/лист.xml");
  });

  it("keeps a target whose escapes are not valid as written, rather than failing to open the file", () => {
    expect(resolveTarget("xl/workbook.xml", "worksheets/100%.xml")).toBe("xl/worksheets/100%.xml");
    expect(resolveTarget("xl/workbook.xml", "worksheets/%E0%A4%A.xml")).toBe("xl/worksheets/%E0%A4%A.xml");
  });

  it("reads a part's relationships in order, external ones as written, none where there is no .rels part", () => {
    const bytes = writeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "_rels/.rels", data: `<Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="/xl/workbook.xml"/></Relationships>` },
      { name: "xl/workbook.xml", data: "<workbook/>" },
      {
        name: "xl/_rels/workbook.xml.rels",
        data:
          `\uFEFF<?xml version="1.0"?>\r\n<Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId2" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/styles" Target="/xl/styles.xml"/>` +
          `<Relationship Id="rId9" Type="${RELS}/hyperlink" Target="https://example.org/a%20b" TargetMode="External"/><Relationship Id="bad" Type="${RELS}/x"/></Relationships>`,
      },
    ]);
    const pkg = OpcPackage.open(bytes);
    const rels = pkg.relationships("xl/workbook.xml");
    expect(rels).toEqual([
      { id: "rId2", type: `${RELS}/worksheet`, target: "xl/worksheets/sheet1.xml", external: false },
      { id: "rId1", type: "http://purl.oclc.org/ooxml/officeDocument/relationships/styles", target: "xl/styles.xml", external: false },
      { id: "rId9", type: `${RELS}/hyperlink`, target: "https://example.org/a%20b", external: true },
    ]);
    // Strict's relationship types end the same way.
    expect(isType(rels[1], REL.styles)).toBe(true);
    expect(isType(rels[0], REL.styles)).toBe(false);
    expect(pkg.relationships("xl/worksheets/sheet1.xml")).toEqual([]);
    expect(pkg.workbookPart()).toBe("xl/workbook.xml");
    expect(relsPartOf("xl/workbook.xml")).toBe("xl/_rels/workbook.xml.rels");
  });

  it("finds the workbook by the package's relationship, whatever the case of its name", () => {
    const bytes = writeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "_rels/.rels", data: `<Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="XL/Workbook.xml"/></Relationships>` },
      { name: "xl/workbook.xml", data: "<workbook/>" },
    ]);
    expect(OpcPackage.open(bytes).workbookPart()).toBe("xl/workbook.xml");
  });

  it("refuses what is not a workbook package, as the preflight does", () => {
    expect(() => OpcPackage.open(Buffer.from("not a zip at all, just some text long enough"))).toThrow(PreflightError);
    expect(() => OpcPackage.open(writeZip([{ name: "word/document.xml", data: "<w/>" }, { name: "[Content_Types].xml", data: "<Types/>" }]))).toThrow(PreflightError);
  });
});

describe("OpcPackage.save", () => {
  it.each([
    ["a package zipped classically", smallPackage()],
    ["a package zipped with Zip64 records", smallPackage({ zip64: true })],
  ])("%s: copies unedited parts as stored, writes edited and new ones, drops removed ones, keeps the order", (_, input) => {
    const pkg = OpcPackage.open(input);
    const png = Uint8Array.from([9, 8, 7, 6]);
    const edits = new Map<string, PartEdit>([
      ["XL/WORKBOOK.XML", `<workbook edited="1">ü</workbook>`],
      ["docProps/core.xml", null],
      ["xl/worksheets/sheet2.xml", "<worksheet/>"],
      ["xl/media/image2.png", png],
    ]);
    const out = pkg.save(edits);
    expect(entriesOf(out).map((e) => e.name)).toEqual([
      // A folder entry (some zip writers add them; they are not parts) is copied as it was, too.
      "[Content_Types].xml", "_rels/.rels", "xl/", "xl/workbook.xml", "xl/Media/Café.png", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/media/image2.png",
    ]);
    expectCopiedAsStored(input, out, ["[Content_Types].xml", "_rels/.rels", "xl/Media/Café.png", "xl/worksheets/sheet1.xml"]);
    expect(inflated(out, "xl/workbook.xml").toString("utf8")).toBe(`<workbook edited="1">ü</workbook>`);
    expect(inflated(out, "xl/worksheets/sheet2.xml").toString("utf8")).toBe("<worksheet/>");
    expect([...inflated(out, "xl/media/image2.png")]).toEqual([...png]);
    expectSoundZip(out);
    // The edits themselves are left as they were given.
    expect(edits.size).toBe(4);
  });

  it("saves an unedited package with every part as stored", () => {
    const input = smallPackage();
    const out = OpcPackage.open(input).save(new Map());
    expectCopiedAsStored(input, out, OpcPackage.open(input).partNames());
    expectSoundZip(out);
  });

  it("refuses to copy an encrypted part it cannot vouch for", () => {
    const input = smallPackage();
    const entry = listZipEntries(input).find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    const damaged = Buffer.from(input);
    // Set bit 0 (encrypted) of the general-purpose flags, in the local header and the central directory.
    damaged.writeUInt16LE(damaged.readUInt16LE(entry.localHeaderOffset + 6) | 1, entry.localHeaderOffset + 6);
    let central = -1;
    for (let at = damaged.indexOf("PK\u0001\u0002"); at >= 0 && central < 0; at = damaged.indexOf("PK\u0001\u0002", at + 1)) {
      if (damaged.toString("utf8", at + 46, at + 46 + entry.name.length) === entry.name) central = at;
    }
    expect(central).toBeGreaterThan(entry.localHeaderOffset);
    damaged.writeUInt16LE(damaged.readUInt16LE(central + 8) | 1, central + 8);
    expect(() => OpcPackage.open(damaged).save(new Map())).toThrow(/"xl\/worksheets\/sheet1.xml" is encrypted/);
  });

  it("keeps a workbook ExcelJS wrote opening in ExcelJS, every unedited part as stored", async () => {
    const input = await shapes.planWrittenByExcelJs();
    const pkg = OpcPackage.open(input);
    const workbookXml = pkg.text("xl/workbook.xml")!;
    const out = pkg.save(new Map([["xl/workbook.xml", workbookXml.replace("<sheets>", "<sheets>")]]));
    expectCopiedAsStored(input, out, pkg.partNames().filter((n) => n !== "xl/workbook.xml"));
    expectSoundZip(out);
    const reopened = await ExcelJsWorkbook.load(Buffer.from(out));
    expect(await reopened.read()).toEqual(await (await ExcelJsWorkbook.load(input)).read());
    expect(await XlsxPackageWorkbook.open(Buffer.from(out)).read()).toEqual(await XlsxPackageWorkbook.open(input).read());
  });

  it("copies parts as ExcelJS's zip library stored them (data descriptors), with the same bytes", async () => {
    const input = Buffer.from(await (await ExcelJsWorkbook.load(await shapes.planWrittenByExcelJs())).toBuffer());
    const pkg = OpcPackage.open(input);
    const out = pkg.save(new Map());
    expectCopiedAsStored(input, out, pkg.partNames());
    expectSoundZip(out);
    // Each part's compressed data is a complete deflate stream of exactly its text.
    for (const entry of entriesOf(out)) {
      const raw = rawZipEntry(Buffer.from(out), entry);
      if (entry.method === 8) expect(inflateRawSync(raw).length).toBe(entry.uncompressedSize);
    }
  });
});
