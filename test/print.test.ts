/**
 * Issue 13 part 1, "Print-ready sheets from every host", for the files the command line and `init` write:
 * the sample plan after `summary`, and a plan of 60 actions in six priorities.
 *
 * 1. The print settings read back from the written XML: the summary sheet and the Action Plan (created by the
 *    tool) fit to one page wide (sheetPr/pageSetUpPr fitToPage, pageSetup fitToWidth 1 and fitToHeight 0),
 *    print landscape, repeat their top row (a `_xlnm.Print_Titles` name local to the sheet) and have a footer;
 *    every summary row holding wrapped text that needs more than one line has its height set; sheets the tool
 *    did not create carry no print settings of ours.
 * 2. Printed by LibreOffice (headless, to PDF; pages read with poppler's pdfinfo and pdftotext): every page of
 *    both sheets is landscape, starts with the repeated row (the summary's title, the Action Plan's header, so
 *    no page holds only columns cut off from the others: one page wide), and has the "Page n of m" footer.
 * The test waits for soffice and poppler to exit, never for a time.
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { OpcPackage } from "../src/adapters/xlsx/opcPackage";
import { main } from "../src/cli/main";
import { PlanSeed, SeedAction } from "../src/domain/planSeed";
import { SAMPLE_PLAN } from "../src/domain/sample/samplePlan";
import { sheetRowHeights, spannedWidth, wrappedLines } from "../src/domain/printLayout";
import { summarySheet } from "../src/domain/summarySheet";
import { buildSummary } from "../src/usecases/buildSummary";
import { setUpPlan } from "../src/usecases/setUpPlan";
import { printedByLibreOffice } from "./support/libreOffice";
import { makeTempDir, removeTempDir } from "./support/tempDir";

/** 60 actions, ten in each of six priorities, their text from the sample. */
function sixtyActions(): PlanSeed {
  const priorities = SAMPLE_PLAN.priorities.slice(0, 6);
  const actions: SeedAction[] = Array.from({ length: 60 }, (_, i) => {
    const p = priorities[i % 6];
    return { ...SAMPLE_PLAN.actions[i % SAMPLE_PLAN.actions.length], priority: p.name, id: `${p.no}.${Math.floor(i / 6) + 1}` };
  });
  return { ...SAMPLE_PLAN, priorities, actions };
}

async function planFile(seed: PlanSeed, file: string): Promise<void> {
  const workbook = ExcelJsWorkbook.empty();
  const outcome = await setUpPlan(workbook, seed);
  if (!outcome.done) throw new Error(outcome.reason);
  await fs.writeFile(file, await workbook.toBuffer());
  const err: string[] = [];
  const code = await main(["summary", file, "--quarter", "Q3"], { out: () => undefined, err: (t) => err.push(t), today: () => new Date(Date.UTC(2014, 10, 15)) });
  if (code !== 0) throw new Error(`summary exited ${code}: ${err.join("\n")}`);
}

interface SheetPart {
  name: string;
  position: number;
  xml: string;
}

function sheetsOf(pkg: OpcPackage): { workbook: string; sheets: SheetPart[] } {
  const workbook = pkg.text("xl/workbook.xml")!;
  const rels = pkg.text("xl/_rels/workbook.xml.rels")!;
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m, position) => {
    const name = /name="([^"]*)"/.exec(m[0])![1].replace(/&apos;/g, "'").replace(/&amp;/g, "&");
    const id = /r:id="([^"]*)"/.exec(m[0])![1];
    const target = new RegExp(`<Relationship[^>]*Id="${id}"[^>]*>`).exec(rels)![0];
    const part = `xl/${/Target="([^"]*)"/.exec(target)![1].replace(/^\/?xl\//, "")}`;
    return { name, position, xml: pkg.text(part)! };
  });
  return { workbook, sheets };
}

function printTitles(workbook: string, position: number): string | undefined {
  const m = new RegExp(`<definedName name="_xlnm\\.Print_Titles" localSheetId="${position}">([^<]*)</definedName>`).exec(workbook);
  return m?.[1].replace(/&apos;/g, "'");
}

function pdfPages(pdf: string): { landscape: boolean; text: string }[] {
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", "9999", pdf], { encoding: "utf8" });
  return [...info.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => ({
    landscape: Number(m[2]) > Number(m[3]),
    text: execFileSync("pdftotext", ["-f", m[1], "-l", m[1], "-layout", pdf, "-"], { encoding: "utf8" }),
  }));
}

/** The median height of the words on a page, in points: the printed size of the body text, so a scale to compare. */
function medianWordHeight(pdf: string, page: number): number {
  const xml = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-bbox", pdf, "-"], { encoding: "utf8" });
  const heights = [...xml.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1])).sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)] ?? 0;
}

/** The cellXfs entry of a cell's style in a written sheet. */
function cellFormat(pkg: OpcPackage, sheetXml: string, ref: string): string {
  const s = Number(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(sheetXml)?.[1] ?? 0);
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(pkg.text("xl/styles.xml")!)![1];
  return cellXfs.match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)![s];
}

const firstLine = (text: string) => text.split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "";

describe("print-ready sheets in the files the command line writes", () => {
  let dir: string;
  const files: Record<"sample" | "sixty", { seed: PlanSeed; file: string; pdf?: string }> = {} as never;

  beforeAll(async () => {
    dir = makeTempDir("csp-plan-print-");
    files.sample = { seed: SAMPLE_PLAN, file: path.join(dir, "sample.xlsx") };
    files.sixty = { seed: sixtyActions(), file: path.join(dir, "sixty.xlsx") };
    for (const f of Object.values(files)) await planFile(f.seed, f.file);
    const pdfs = await printedByLibreOffice([files.sample.file, files.sixty.file], dir);
    files.sample.pdf = pdfs[0];
    files.sixty.pdf = pdfs[1];
  });
  afterAll(() => (process.env.KEEP_PRINT_DIR ? undefined : removeTempDir(dir)));

  describe.each(["sample", "sixty"] as const)("%s plan", (key) => {
    it("has the summary's and the Action Plan's print settings in its XML, and none on the sheets the tool did not print-set", async () => {
      const { workbook, sheets } = sheetsOf(OpcPackage.open(await fs.readFile(files[key].file)));
      const summary = sheets.find((s) => s.name === "Q3 2014-15 Summary")!;
      const plan = sheets.find((s) => s.name === "Action Plan")!;
      for (const sheet of [summary, plan]) {
        expect(sheet.xml).toMatch(/<sheetPr[^>]*>(?:(?!<\/sheetPr>).)*<pageSetUpPr fitToPage="1"\/>/);
        const setup = /<pageSetup\b[^>]*>/.exec(sheet.xml)![0];
        expect(setup).toContain('orientation="landscape"');
        expect(setup).toContain('fitToWidth="1"');
        expect(setup).toContain('fitToHeight="0"');
        expect(printTitles(workbook, sheet.position)).toBe(`'${sheet.name}'!$1:$1`);
      }
      expect(summary.xml).toContain("<oddFooter>&amp;CCommunity safety action plan 2014/15, Q3 summary - Page &amp;P of &amp;N</oddFooter>");
      expect(plan.xml).toContain("<oddFooter>&amp;C&amp;A - Page &amp;P of &amp;N</oddFooter>");
      // Status History, the tool's own table sheet: portrait, one page wide, its header row on every page.
      const history = sheets.find((s) => s.name === "Status History")!;
      expect(history.xml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
      expect(/<pageSetup\b[^>]*>/.exec(history.xml)![0]).toContain('orientation="portrait"');
      expect(printTitles(workbook, history.position)).toBe("'Status History'!$1:$1");
      // Indicators (issue 15), where the plan has them: printed like the Action Plan.
      const indicators = sheets.find((s) => s.name === "Indicators");
      if (indicators) {
        expect(/<pageSetup\b[^>]*>/.exec(indicators.xml)![0]).toContain('orientation="landscape"');
        expect(printTitles(workbook, indicators.position)).toBe("'Indicators'!$1:$1");
      }
      for (const other of sheets.filter((s) => s !== summary && s !== plan && s !== history && s !== indicators)) {
        expect(other.xml).not.toContain("fitToPage");
        expect(printTitles(workbook, other.position)).toBeUndefined();
      }
    });

    it("sets the height of every summary row whose wrapped text needs more than one line", async () => {
      const { sheets } = sheetsOf(OpcPackage.open(await fs.readFile(files[key].file)));
      const summary = sheets.find((s) => s.name === "Q3 2014-15 Summary")!;
      // The same report the command line built: the same plan, quarter and day.
      const workbook = ExcelJsWorkbook.empty();
      await setUpPlan(workbook, files[key].seed);
      const built = await buildSummary(workbook, { quarter: "Q3" });
      if (!built.done) throw new Error(built.reason);
      const content = summarySheet(built.report);
      expect(built.report.sheetName).toBe(summary.name);
      const expected = sheetRowHeights(content.rows, content.columnWidths);
      expect(expected.filter((h) => h !== null).length).toBeGreaterThan(5);
      const written = new Map([...summary.xml.matchAll(/<row r="(\d+)"( ht="([\d.]+)" customHeight="1")?/g)].map((m) => [Number(m[1]) - 1, m[3] ? Number(m[3]) : null]));
      expected.forEach((h, r) => {
        if (h !== null) expect({ row: r + 1, height: written.get(r) }).toEqual({ row: r + 1, height: h });
      });
    });

    it("aligns the tool's cells to the top: the Action Plan's ID, RAG and wrapped text, the summary's exceptions", async () => {
      const pkg = OpcPackage.open(await fs.readFile(files[key].file));
      const { sheets } = sheetsOf(pkg);
      const plan = sheets.find((s) => s.name === "Action Plan")!;
      const summary = sheets.find((s) => s.name === "Q3 2014-15 Summary")!;
      for (const ref of ["A2", "C2", "L2", "O2"]) expect(cellFormat(pkg, plan.xml, ref)).toMatch(/vertical="top"/);
      expect(cellFormat(pkg, plan.xml, "C2")).toMatch(/wrapText="1"/);
      const exceptionRow = Number(/<c r="A(\d+)"[^>]*t="inlineStr"><is><t>ID<\/t>/.exec(summary.xml)![1]) + 1;
      for (const column of ["A", "B", "D"]) expect(cellFormat(pkg, summary.xml, `${column}${exceptionRow}`)).toMatch(/vertical="top"/);
    });

    it("wraps the summary's narrative sentences across B to G, merged, each row as tall as its wrapped text", async () => {
      const workbook = ExcelJsWorkbook.empty();
      await setUpPlan(workbook, files[key].seed);
      const built = await buildSummary(workbook, { quarter: "Q3" });
      if (!built.done) throw new Error(built.reason);
      const content = summarySheet(built.report);
      const heights = content.rowHeights!;
      const summaryXml = sheetsOf(OpcPackage.open(await fs.readFile(files[key].file))).sheets.find((x) => x.name === built.report.sheetName)!.xml;
      const sentences = [
        ...built.report.narrative.priorities.flatMap((p) => p.sentences), ...built.report.narrative.overall, ...built.report.movementSentences,
        ...built.report.indicators.flatMap((g) => g.lines.map((l) => l.sentence)),
      ];
      for (const sentence of sentences) {
        const r = content.rows.findIndex((row) => row[1]?.value === sentence);
        expect(content.rows[r][1]).toMatchObject({ style: "wrap", across: 6 });
        expect(heights[r] ?? 15).toBe(Math.max(15, 15 * wrappedLines(sentence, spannedWidth(content.columnWidths, 1, 6))));
        expect(summaryXml).toContain(`<mergeCell ref="B${r + 1}:G${r + 1}"/>`);
      }
      expect(summaryXml.match(/<mergeCell /g)).toHaveLength(sentences.length);
    });

    it("prints the summary and the Action Plan at a readable size, compared with a sheet printed at full size", () => {
      const pdf = files[key].pdf!;
      const pages = pdfPages(pdf).map((p, i) => ({ ...p, height: medianWordHeight(pdf, i + 1) }));
      const full = pages.find((p) => firstLine(p.text).startsWith("Setting"))!.height;
      const summary = pages.filter((p) => firstLine(p.text).startsWith("Community safety action plan 2014/15: Q3 summary"));
      const plan = pages.filter((p) => /^ID\s+Priority\s+Action/.test(firstLine(p.text)));
      // Before the narrative wrapped and the columns were narrowed, the summary printed at 35% and the Action Plan at 20%.
      for (const page of summary) expect(page.height / full).toBeGreaterThan(0.45);
      for (const page of plan) expect(page.height / full).toBeGreaterThan(0.35);
    });

    it("prints, in LibreOffice, both sheets landscape and one page wide, the repeated row at the top of every page, with page numbers", () => {
      const pages = pdfPages(files[key].pdf!);
      const summary = pages.filter((p) => firstLine(p.text).startsWith("Community safety action plan 2014/15: Q3 summary"));
      const plan = pages.filter((p) => /^ID\s+Priority\s+Action\s+Outcome/.test(firstLine(p.text)));
      expect(summary.length).toBeGreaterThanOrEqual(1);
      expect(plan.length).toBeGreaterThanOrEqual(2);
      for (const page of [...summary, ...plan]) {
        expect(page.landscape).toBe(true);
        expect(page.text).toMatch(/Page \d+ of \d+/);
      }
      // One page wide: the last column is on every Action Plan page, and no page holds only columns cut from others.
      for (const page of plan) expect(firstLine(page.text)).toMatch(/Last updated$/);
      const printed = pages.filter((p) => p.landscape).length;
      // The Indicators sheet (issue 15) prints landscape too, one page wide.
      const indicators = pages.filter((p) => /^Indicator\s+Priority\s+Unit/.test(firstLine(p.text)));
      for (const page of indicators) expect(page.text).toMatch(/Page \d+ of \d+/);
      expect(printed).toBe(summary.length + plan.length + indicators.length);
      // Every action is printed.
      const planText = plan.map((p) => p.text).join("\n");
      for (const action of files[key].seed.actions) expect(planText).toMatch(new RegExp(`^\\s*${action.id.replace(".", "\\.")}\\s`, "m"));
    });
  });
});
