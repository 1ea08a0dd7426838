import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "./excelJsWorkbook";
import { listZipEntries, readZipEntry } from "./xlsxPreflight";

function sqrefs(bytes: Buffer, part: string): string[] {
  const entry = listZipEntries(bytes).find((e) => e.name === part)!;
  return [...readZipEntry(bytes, entry).toString("utf8").matchAll(/<dataValidation [^>]*sqref="([^"]*)"/g)].map((m) => m[1]);
}

describe("data validation through an ExcelJS round trip", () => {
  it("keeps one range per column instead of ExcelJS's overlapping B10:B49 and B2:B49", async () => {
    const source = new ExcelJS.Workbook();
    const sheet = source.addWorksheet("Action Plan");
    for (let row = 2; row <= 49; row++) {
      sheet.getCell(`B${row}`).dataValidation = { type: "list", allowBlank: true, formulae: ['"Yes,No"'] };
    }
    sheet.getCell("C5").dataValidation = { type: "list", allowBlank: true, formulae: ['"A,B"'] };
    const bytes = Buffer.from(await source.xlsx.writeBuffer());
    expect(sqrefs(bytes, "xl/worksheets/sheet1.xml")).toEqual(expect.arrayContaining(["B10:B49", "B2:B49"])); // ExcelJS's own fault

    const reloaded = await ExcelJsWorkbook.load(bytes);
    const saved = await reloaded.toBuffer();
    expect(sqrefs(saved, "xl/worksheets/sheet1.xml").sort()).toEqual(["B2:B49", "C5"]);
  });
});
