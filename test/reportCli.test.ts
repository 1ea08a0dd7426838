/**
 * `csp-plan report`: the committee report as a Word document. The .docx must open in LibreOffice Writer and
 * hold every narrative sentence `summary --json` gives, verbatim; one Heading 2 per priority; tables with
 * marked header rows; alternative text on the chart; the language en-GB. FILE is never changed, an existing
 * --out never overwritten, and a plan with structure errors refused.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { listZipEntries, readZipEntry } from "../src/adapters/exceljs/xlsxPreflight";
import { columnLetter } from "../src/domain/cells";
import { ACTION_COLUMNS, ACTION_PLAN, ActionColumn } from "../src/domain/contract";
import { SAMPLE_PLAN } from "../src/domain/sample/samplePlan";
import { setUpPlan } from "../src/usecases/setUpPlan";
import { docxTextByLibreOffice } from "./support/libreOffice";
import { CliRun as Run, runCli } from "./support/cliRun";
import { useTempDir } from "./support/tempDir";

/** Runs `csp-plan ARGS` in-process (test/support/cliRun.ts). */
const cli = (...args: string[]) => runCli(args);

/** Runs the built command line (`node bin/csp-plan.js`, as `npm ci` builds lib/) as a real process. */
function spawnCli(args: string[], cwd: string): Promise<Run> {
  const bin = path.resolve(__dirname, "..", "bin", "csp-plan.js");
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, CSP_PLAN_DEBUG: "" } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, out: stdout, err: stderr });
    });
  });
}

const sha256 = async (file: string) => createHash("sha256").update(await fs.readFile(file)).digest("hex");

let sampleBytes: Buffer;
beforeAll(async () => {
  const workbook = ExcelJsWorkbook.empty();
  const outcome = await setUpPlan(workbook, SAMPLE_PLAN);
  if (!outcome.done) throw new Error(outcome.reason);
  sampleBytes = await workbook.toBuffer();
});

const temp = useTempDir("csp-plan-report-");

async function samplePlanFile(name = "plan.xlsx"): Promise<string> {
  const file = temp.path(name);
  await fs.writeFile(file, sampleBytes);
  return file;
}

function part(docx: Buffer, name: string): string {
  const entry = listZipEntries(docx).find((e) => e.name === name);
  if (!entry) throw new Error(`No ${name} in the document.`);
  return readZipEntry(docx, entry).toString("utf8");
}

/** The document's paragraphs as [style, text]. */
function paragraphs(documentXml: string): { style: string | undefined; text: string }[] {
  return (documentXml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1],
    text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("")
      .replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'"),
  }));
}

interface SummaryJson {
  priorities: { no: number | null; name: string; narrative: string[] }[];
  overall: { narrative: string[] };
  exceptions: { id: string }[];
}

describe("csp-plan report", () => {
  it("writes a .docx that LibreOffice opens, with every narrative sentence of summary --json verbatim and one heading per priority", async () => {
    const plan = await samplePlanFile();
    const before = await sha256(plan);
    const out = temp.path("report.docx");
    const run = await cli("report", plan, "--quarter", "Q3", "--out", out);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Wrote the Q3 2014\/15 committee report to .*report\.docx/);
    expect(await sha256(plan)).toBe(before); // read-only on FILE

    // What summary --json says, on a copy (summary writes).
    const summary = await cli("summary", plan, "--quarter", "Q3", "--out", temp.path("copy.xlsx"), "--json");
    expect(summary.code).toBe(0);
    const json = JSON.parse(summary.out) as SummaryJson;
    const sentences = [...json.priorities.flatMap((p) => p.narrative), ...json.overall.narrative];
    expect(sentences.length).toBeGreaterThan(json.priorities.length);

    const docx = await fs.readFile(out);
    const text = docxTextByLibreOffice(docx);
    const lines = text.split(/\r?\n/).map((l) => l.trim());
    for (const sentence of sentences) expect(lines).toContain(sentence);
    expect(lines).toContain("31 December 2014");

    // Word's structure: one Heading 2 per priority, headings in order (one Heading 1 first), header rows marked.
    const document = part(docx, "word/document.xml");
    const paras = paragraphs(document);
    const headings = paras.filter((p) => p.style?.startsWith("Heading"));
    expect(headings[0]).toEqual({ style: "Heading1", text: "Community safety action plan 2014/15: Q3 progress report" });
    expect(headings.slice(1).every((h) => h.style === "Heading2")).toBe(true);
    for (const p of json.priorities) {
      expect(headings.filter((h) => h.style === "Heading2" && h.text === `${p.no}. ${p.name}`)).toHaveLength(1);
    }
    const tables = document.match(/<w:tbl>/g)?.length ?? 0;
    expect(tables).toBeGreaterThanOrEqual(json.priorities.length + 1);
    expect(document.match(/<w:tblHeader\/>|<w:tblHeader w:val="(?:true|1|on)"\/>/g)?.length).toBe(tables);
    // Every exception is in a table row.
    for (const e of json.exceptions) expect(lines).toContain(e.id);
    // The chart: an image with alternative text naming every priority.
    const alt = /<wp:docPr [^>]*descr="([^"]+)"/.exec(document)?.[1] ?? "";
    expect(alt).toMatch(/^Bar chart of the status of actions by priority/);
    for (const p of json.priorities) expect(alt).toContain(p.name);
    expect(listZipEntries(docx).some((e) => /^word\/media\/.+\.png$/.test(e.name))).toBe(true);
    // The language: en-GB by default.
    expect(part(docx, "word/styles.xml")).toMatch(/<w:lang w:val="en-GB"/);
    expect(lines.some((l) => l.startsWith("Signed off by:"))).toBe(true);
  });

  it("never overwrites an existing --out: exit 1, the file unchanged", async () => {
    const plan = await samplePlanFile();
    const out = temp.path("report.docx");
    await fs.writeFile(out, "the clerk's own report");
    const run = await cli("report", plan, "--out", out);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/already exists.*never overwrites/);
    expect(await fs.readFile(out, "utf8")).toBe("the clerk's own report");
  });

  it.each([
    ["no --out", ["--quarter", "Q3"], /--out REPORT\.docx/],
    ["--out not a .docx", ["--out", "report.pdf"], /--out must name a \.docx file/],
    ["a bad quarter", ["--out", "r.docx", "--quarter", "Q5"], /--quarter must be Q1, Q2, Q3 or Q4/],
    ["a bad year", ["--out", "r.docx", "--year", "2014"], /--year must be a financial year/],
    ["a bad --as-of", ["--out", "r.docx", "--as-of", "31/12/2014"], /--as-of must be a date/],
    ["an unknown option", ["--out", "r.docx", "--json"], /Unknown option/],
  ])("usage error (%s): exit 2 with the usage, nothing written", async (_, args, message) => {
    const plan = await samplePlanFile();
    const run = await cli("report", plan, ...args.map((a) => (a.endsWith(".docx") ? temp.path(a) : a)));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.err).toMatch(/Usage: csp-plan report FILE/);
    expect(existsSync(temp.path("r.docx"))).toBe(false);
  });

  it("names the workbook: no file is a usage error, a missing file exit 2", async () => {
    expect((await cli("report", "--out", temp.path("r.docx"))).code).toBe(2);
    const missing = await cli("report", temp.path("nowhere.xlsx"), "--out", temp.path("r.docx"));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nowhere\.xlsx/);
  });

  it("refuses a plan with structure errors: exit 1, nothing written, the plan unchanged", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sampleBytes as unknown as ArrayBuffer);
    const keys = Object.keys(ACTION_COLUMNS) as ActionColumn[];
    workbook.getWorksheet(ACTION_PLAN.sheet)!.getCell(`${columnLetter(keys.indexOf("status"))}2`).value = "Done-ish";
    const plan = temp.path("plan.xlsx");
    await fs.writeFile(plan, Buffer.from(await workbook.xlsx.writeBuffer()));
    const before = await sha256(plan);
    const out = temp.path("report.docx");
    const run = await cli("report", plan, "--out", out);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/structure errors? to fix first/);
    expect(run.err).toMatch(/\[structure\.unknown-status\]/);
    expect(existsSync(out)).toBe(false);
    expect(await sha256(plan)).toBe(before);
  });

  it("runs as a real process: writes the .docx (exit 0), and a usage error is exit 2 without a stack trace", async () => {
    await samplePlanFile();
    const done = await spawnCli(["report", "plan.xlsx", "--out", "report.docx"], temp.dir);
    expect(done).toMatchObject({ code: 0, err: "" });
    expect((await fs.readFile(temp.path("report.docx"))).subarray(0, 2).toString()).toBe("PK");
    const usage = await spawnCli(["report", "plan.xlsx"], temp.dir);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/--out REPORT\.docx/);
    expect(usage.err).not.toMatch(/^\s+at /m);
  });

  it("is listed in csp-plan --help and has its own --help", async () => {
    expect((await cli("--help")).out).toMatch(/^\s+report FILE --out REPORT\.docx/m);
    const help = await cli("report", "--help");
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: csp-plan report FILE --out REPORT\.docx/);
  });
});
