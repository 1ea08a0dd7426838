import { createFakeExcel, installExcelGlobals, uninstallExcelGlobals } from "../../../test/support/fakeExcel";
import { a1 } from "../../domain/cells";
import { lookOf } from "../../domain/cellLooks";
import { planTables } from "../../domain/planLayout";
import { tableRowHeights } from "../../domain/printLayout";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";
import { summarySheet } from "../../domain/summarySheet";
import { buildSummary } from "../../usecases/buildSummary";
import { setUpPlan } from "../../usecases/setUpPlan";
import { OfficeWorkbook, SupportsSet } from "./officeWorkbook";

/** A new sheet's row height in the double (Excel's default for Calibri 11). */
const DEFAULT_ROW_POINTS = 15;

beforeAll(() => installExcelGlobals());
afterAll(() => uninstallExcelGlobals());

async function summaryThrough(supports: SupportsSet) {
  const fake = createFakeExcel();
  fake.addSheet("Sheet1");
  const workbook = new OfficeWorkbook(fake.run, { supports });
  const outcome = await setUpPlan(workbook, SAMPLE_PLAN);
  if (!outcome.done) throw new Error(outcome.reason);
  const built = await buildSummary(workbook);
  if (!built.done) throw new Error("summary refused");
  return { fake, sheet: built.report.sheetName, content: summarySheet(built.report) };
}

describe("print settings through Office.js (Worksheet.pageLayout, ExcelApi 1.9)", () => {
  it("prints the summary landscape, one page wide, its title on every page, with the plan, quarter and page in the footer", async () => {
    const { fake, sheet } = await summaryThrough(() => true);
    const info = fake.sheetInfo(sheet);
    expect(info.orientation).toBe("Landscape");
    expect(info.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(info.printTitleRows).toBe("$1:$1");
    expect(info.centerFooter).toMatch(/Q3 summary - Page &P of &N$/);
    expect(info.centerFooter).toContain("2014/15");
  });

  it("sets the Action Plan's print settings when it creates the sheet, and none on the other registers", async () => {
    const { fake } = await summaryThrough(() => true);
    const plan = fake.sheetInfo("Action Plan");
    expect(plan).toMatchObject({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: "$1:$1", centerFooter: "&A - Page &P of &N" });
    for (const other of ["Sheet1", "Lead Officers", "Priorities", "Plan Settings"].filter((s) => fake.sheetNames().includes(s))) {
      expect(fake.sheetInfo(other)).toMatchObject({ orientation: "Portrait", zoom: { scale: 100 }, printTitleRows: undefined, centerFooter: "" });
    }
  });

  it("sets the domain's row heights for wrapped text, and leaves other rows at the default", async () => {
    const { fake, sheet, content } = await summaryThrough(() => true);
    const heights = content.rowHeights ?? [];
    expect(heights.filter((h) => h !== null).length).toBeGreaterThan(0);
    heights.forEach((h, r) => expect({ row: r + 1, height: fake.cellFormat(sheet, a1(r, 0)).rowHeight }).toEqual({ row: r + 1, height: h ?? DEFAULT_ROW_POINTS }));
    // The Action Plan's rows with wrapped text are as tall as the domain worked out.
    const planHeights = tableRowHeights(planTables(SAMPLE_PLAN)[0]);
    planHeights.forEach((h, r) => expect({ row: r + 1, height: fake.cellFormat("Action Plan", a1(r, 0)).rowHeight }).toEqual({ row: r + 1, height: h ?? DEFAULT_ROW_POINTS }));
  });

  it("writes the sheets without print settings, and with nothing else missing, where Excel lacks ExcelApi 1.9", async () => {
    const old = await summaryThrough((name, version) => !(name === "ExcelApi" && version === "1.9"));
    const info = old.fake.sheetInfo(old.sheet);
    expect(info).toMatchObject({ orientation: "Portrait", zoom: { scale: 100 }, printTitleRows: undefined, centerFooter: "" });
    expect(old.fake.sheetInfo("Action Plan")).toMatchObject({ orientation: "Portrait", printTitleRows: undefined });
    const now = await summaryThrough(() => true);
    expect(old.fake.cell(old.sheet, "A1")?.value).toBe(now.fake.cell(now.sheet, "A1")?.value);
  });

  it("formats every summary cell with its CellLook, as the file and ExcelJS hosts do: font, fill, wrapping, top alignment, a totals row's top line", async () => {
    const { fake, sheet, content } = await summaryThrough(() => true);
    let checked = 0;
    content.rows.forEach((row, r) => row.forEach((cell, c) => {
      const look = lookOf(cell.style, cell.value);
      const got = fake.cellFormat(sheet, a1(r, c));
      const want = {
        cell: a1(r, c),
        bold: look?.bold ?? false,
        fontSize: look?.size ?? 11,
        fontColor: look?.colour ? `#${look.colour}` : "#000000",
        fill: look?.fill ? `#${look.fill}` : "",
        wrap: look?.wrap ?? false,
        verticalAlignment: look?.top ? "Top" : "Bottom",
        topBorder: look?.topBorder ? "Continuous" : "None",
        ...(typeof cell.value === "number" ? { numberFormat: look?.numFmt ?? "0" } : {}),
      };
      expect({ cell: a1(r, c), bold: got.bold, fontSize: got.fontSize, fontColor: got.fontColor, fill: got.fill, wrap: got.wrap, verticalAlignment: got.verticalAlignment, topBorder: got.topBorder, ...(typeof cell.value === "number" ? { numberFormat: got.numberFormat } : {}) }).toEqual(want);
      checked++;
    }));
    expect(checked).toBeGreaterThan(100);
    // The narrative's sentences are merged across their columns, as the file and ExcelJS hosts merge them.
    const merged = content.rows.flatMap((row, r) => row.flatMap((cell, c) => ((cell.across ?? 1) > 1 ? [`${a1(r, c)}:${a1(r, c + cell.across! - 1)}`] : [])));
    expect(merged.length).toBeGreaterThan(5);
    expect(fake.mergedAreas(sheet)).toEqual(merged);
    // The totals row has its top line, and the RAG words their colours, without conditional formats.
    const overall = content.rows.findIndex((row) => row[1]?.value === "Overall");
    expect(fake.cellFormat(sheet, a1(overall, 2)).topBorder).toBe("Continuous");
  });
});
