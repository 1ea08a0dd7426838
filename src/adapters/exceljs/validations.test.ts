import ExcelJS from "exceljs";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";
import { setUpPlan } from "../../usecases/setUpPlan";
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

describe("officer and priority drop-downs over workbook names, as the Office add-in makes them", () => {
  const part = (bytes: Buffer, name: string) => readZipEntry(bytes, listZipEntries(bytes).find((e) => e.name === name)!).toString("utf8");

  it("writes CSP_LeadOfficerNames = LeadOfficers[Name] and lists that refer to it, and keeps them through a round trip", async () => {
    const workbook = ExcelJsWorkbook.empty();
    await setUpPlan(workbook, SAMPLE_PLAN);
    for (const bytes of [await workbook.toBuffer(), await (await ExcelJsWorkbook.load(await workbook.toBuffer())).toBuffer()]) {
      const book = part(bytes, "xl/workbook.xml");
      expect(book).toContain('<definedName name="CSP_LeadOfficerNames">LeadOfficers[Name]</definedName>');
      expect(book).toContain('<definedName name="CSP_PriorityNames">Priorities[Priority]</definedName>');
      const plan = part(bytes, "xl/worksheets/sheet1.xml");
      expect(plan).toContain("<formula1>CSP_LeadOfficerNames</formula1>");
      expect(plan).not.toContain("INDIRECT");
    }
  });

  it("keeps a name of the user's with the same spelling and uses CSP_LeadOfficerNames_2", async () => {
    const source = new ExcelJS.Workbook();
    source.addWorksheet("Mine").getCell("A1").value = "x";
    source.definedNames.add("Mine!$A$1", "CSP_LeadOfficerNames");
    const workbook = await ExcelJsWorkbook.load(Buffer.from(await source.xlsx.writeBuffer()));
    await setUpPlan(workbook, SAMPLE_PLAN);
    const bytes = await workbook.toBuffer();
    const book = part(bytes, "xl/workbook.xml");
    expect(book).toContain('<definedName name="CSP_LeadOfficerNames">Mine!$A$1</definedName>');
    expect(book).toContain('<definedName name="CSP_LeadOfficerNames_2">LeadOfficers[Name]</definedName>');
    expect(part(bytes, "xl/worksheets/sheet2.xml")).toContain("<formula1>CSP_LeadOfficerNames_2</formula1>");
  });
});
