/**
 * The csp-plan command line, end to end on real .xlsx files: most cases call `main()` in-process with a
 * fake Io (fast, and the exit status is its return value); a few spawn `node bin/csp-plan.js` to see the
 * real process's exit status, stdout and stderr.
 */
import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, promises as fs, readdirSync, statSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { FileProblem, openWorkbookFile, writeFileAtomically } from "../src/adapters/exceljs/xlsxFile";
import { listZipEntries, readZipEntry } from "../src/adapters/exceljs/xlsxPreflight";
import { MemoryWorkbook } from "../src/adapters/memory/memoryWorkbook";
import { Io } from "../src/cli/io";
import { main } from "../src/cli/main";
import { columnLetter } from "../src/domain/cells";
import { ACTION_COLUMNS, ACTION_PLAN, ActionColumn, PLAN_SETTINGS, Quarter, STATUSES } from "../src/domain/contract";
import { Finding } from "../src/domain/findings";
import { PeriodChoice } from "../src/domain/period";
import { PlanSeed, shiftSeed } from "../src/domain/planSeed";
import { RAG_RATINGS } from "../src/domain/rag";
import { SAMPLE_PLAN } from "../src/domain/sample/samplePlan";
import { SummaryReport } from "../src/domain/summary";
import { buildSummary } from "../src/usecases/buildSummary";
import { checkPlan } from "../src/usecases/checkPlan";
import { setUpPlan } from "../src/usecases/setUpPlan";
import { useTempDir } from "./support/tempDir";
import { dumpWorkbookFile, sheetOf, WorkbookDump } from "./support/workbookDump";
import { writeZip } from "./support/zipWriter";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "csp-plan.js");
const BUILT_MAIN = path.join(ROOT, "lib", "cli", "main.js");
const COMMANDS = ["init", "check", "summary", "chase", "demo"] as const;
const Q3_SHEET = "Q3 2014-15 Summary";
/** A line of a stack trace. */
const STACK_LINE = /^\s+at /m;

// ---------------------------------------------------------------------------------------------
// Running the command line
// ---------------------------------------------------------------------------------------------

interface Run {
  code: number;
  out: string;
  err: string;
}

/** A fake Io: what the command writes, and a fixed "today" (15 November 2014, in Q3 2014/15). */
function fakeIo(today = new Date(Date.UTC(2014, 10, 15))) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (text) => out.push(text), err: (text) => err.push(text), today: () => today };
  return { io, out, err };
}

/** Runs `csp-plan ARGS` in-process. */
async function cli(...args: string[]): Promise<Run> {
  const { io, out, err } = fakeIo();
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Runs `node bin/csp-plan.js ARGS` as a real process. */
function spawnCli(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, CSP_PLAN_DEBUG: "" } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, out: stdout, err: stderr });
    });
  });
}

function expectNoStackTrace(run: Run): void {
  expect(run.err).not.toMatch(STACK_LINE);
  expect(run.out).not.toMatch(STACK_LINE);
}

// ---------------------------------------------------------------------------------------------
// Files and expectations
// ---------------------------------------------------------------------------------------------

const sha256 = async (file: string) => createHash("sha256").update(await fs.readFile(file)).digest("hex");

let sampleBytes: Buffer;

beforeAll(async () => {
  const workbook = ExcelJsWorkbook.empty();
  const outcome = await setUpPlan(workbook, SAMPLE_PLAN);
  if (!outcome.done) throw new Error(outcome.reason);
  sampleBytes = await workbook.toBuffer();
});

/** The sample plan as a file, as `init --sample` writes it. */
async function sampleFile(file: string, bytes: Buffer = sampleBytes): Promise<string> {
  await fs.writeFile(file, bytes);
  return file;
}

/** What the use-cases say about a seed on the in-memory host: the figures the files must agree with. */
async function expectedCheck(seed: PlanSeed = SAMPLE_PLAN, choice: PeriodChoice = {}) {
  const memory = new MemoryWorkbook();
  await setUpPlan(memory, seed);
  return checkPlan(memory, choice);
}

async function expectedReport(seed: PlanSeed = SAMPLE_PLAN, choice: PeriodChoice = {}): Promise<SummaryReport> {
  const memory = new MemoryWorkbook();
  await setUpPlan(memory, seed);
  const outcome = await buildSummary(memory, choice);
  if (!outcome.done) throw new Error(outcome.reason);
  return outcome.report;
}

const ACTION_KEYS = Object.keys(ACTION_COLUMNS) as ActionColumn[];
/** The A1 address `init` gives an action's cell. */
function cellOf(seed: PlanSeed, id: string, column: ActionColumn): string {
  const row = seed.actions.findIndex((a) => a.id === id);
  if (row < 0) throw new Error(`No action ${id}.`);
  return `${columnLetter(ACTION_KEYS.indexOf(column))}${row + 2}`;
}

/** Every text value of a dumped sheet. */
function textsOf(dump: WorkbookDump, sheet: string): string[] {
  return sheetOf(dump, sheet).cells.map((c) => c.value).filter((v): v is string => typeof v === "string");
}

/** Changes the sample with ExcelJS (a cell or two) and saves it: a workbook a person edited. */
async function editedSample(file: string, edit: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(sampleBytes as unknown as ArrayBuffer);
  edit(workbook.getWorksheet(ACTION_PLAN.sheet)!);
  await fs.writeFile(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  return file;
}

/** The sample's parts plus extra ones, zipped again: e.g. a chart part ExcelJS would drop on saving. */
function withExtraParts(bytes: Buffer, extra: Record<string, string>): Buffer {
  const parts = listZipEntries(bytes)
    .filter((e) => !e.name.endsWith("/"))
    .map((e) => ({ name: e.name, data: readZipEntry(bytes, e) }));
  return writeZip([...parts, ...Object.entries(extra).map(([name, data]) => ({ name, data }))]);
}

const CHART_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:layout/></c:plotArea></c:chart></c:chartSpace>';

const CUSTOM_PROPERTIES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
  'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
  '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_0a1b2c3d-0000-4000-8000-000000000001_Enabled"><vt:lpwstr>true</vt:lpwstr></property>' +
  '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="MSIP_Label_0a1b2c3d-0000-4000-8000-000000000001_Name"><vt:lpwstr>OFFICIAL</vt:lpwstr></property>' +
  "</Properties>";

/** Half up to one decimal place, in integers: the brief's rule (4/60 = 6.7%). */
function percentHalfUp(count: number, of: number): number {
  if (of === 0) return 0;
  return Math.floor((2000 * count + of) / (2 * of)) / 10;
}

// ---------------------------------------------------------------------------------------------

describe("help and usage", () => {
  const temp = useTempDir();

  it.each([["--help"], ["-h"], ["help"]])("csp-plan %s prints the usage and exits 0", async (flag) => {
    const run = await cli(flag);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Usage: csp-plan <command>/);
    for (const command of COMMANDS) expect(run.out).toContain(`  ${command} `);
    expect(run.err).toBe("");
  });

  it.each(COMMANDS.flatMap((c) => [[c, "--help"], [c, "-h"]]))("csp-plan %s %s prints the command's usage and exits 0", async (command, flag) => {
    const run = await cli(command, flag);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(new RegExp(`^Usage: csp-plan ${command}\\b`));
    expect(run.out).toContain("--help");
    expect(run.err).toBe("");
  });

  it("with no command prints the usage and exits 2", async () => {
    const run = await cli();
    expect(run.code).toBe(2);
    expect(`${run.out}${run.err}`).toContain("Usage: csp-plan <command>");
  });

  it("an unknown command exits 2 with a message and the usage, no stack trace", async () => {
    const run = await cli("sumary", "plan.xlsx");
    expect(run.code).toBe(2);
    expect(run.err).toContain('there is no command "sumary"');
    expect(run.err).toContain("Usage: csp-plan <command>");
    expect(run.out).toBe("");
    expectNoStackTrace(run);
  });

  const BAD: [string, string[], RegExp][] = [
    ["an unknown option", ["check", "FILE", "--bogus"], /--bogus/],
    ["a quarter that is not Q1–Q4", ["check", "FILE", "--quarter", "Q5"], /--quarter must be Q1, Q2, Q3 or Q4/],
    ["an option with its value missing", ["summary", "FILE", "--quarter"], /--quarter/],
    ["a year that is not a financial year", ["summary", "FILE", "--quarter", "Q3", "--year", "2014"], /--year must be a financial year/],
    ["init with a bad year", ["init", "NEW", "--year", "fourteen"], /--year/],
    ["an empty --out", ["summary", "FILE", "--out", ""], /--out needs a file name/],
    ["no file named", ["check"], /Name the workbook file/],
    ["two files", ["check", "FILE", "FILE"], /One workbook at a time/],
    ["two folders for the demo", ["demo", "a", "b"], /one folder/],
    ["--as-of not a real date", ["check", "FILE", "--as-of", "2014-02-30"], /--as-of must be a date written YYYY-MM-DD/],
    ["--as-of in UK order", ["check", "FILE", "--as-of", "31/12/2014"], /--as-of must be a date written YYYY-MM-DD/],
    ["--as-of with a bad month, for summary", ["summary", "FILE", "--quarter", "Q3", "--as-of", "2014-13-01"], /--as-of must be a date/],
    ["a boolean option given a value", ["check", "FILE", "--json=yes"], /--json/],
    ["chase with a quarter that is not Q1–Q4", ["chase", "FILE", "--quarter", "Q0"], /--quarter must be Q1, Q2, Q3 or Q4/],
    ["chase with --out (it writes nothing)", ["chase", "FILE", "--out", "NEW"], /--out/],
  ];

  it.each(BAD)("%s exits 2 with a message and no stack trace, and changes nothing", async (_, template, message) => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const before = await sha256(file);
    const args = template.map((a) => (a === "FILE" ? file : a === "NEW" ? temp.path("new.xlsx") : a));
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(new RegExp(`^csp-plan ${args[0]}: `));
    expect(run.err).toMatch(message);
    // The command's own usage follows, so the user sees what it takes.
    expect(run.err).toContain(`Usage: csp-plan ${args[0]}`);
    expect(run.out).toBe("");
    expectNoStackTrace(run);
    expect(await sha256(file)).toBe(before);
    expect(readdirSync(temp.dir)).toEqual(["plan.xlsx"]);
  });
});

describe("init", () => {
  const temp = useTempDir();

  it("creates a blank plan in the contract's structure that checks clean", async () => {
    const file = temp.path("plan.xlsx");
    const run = await cli("init", file);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Created ${file}`);
    expect(run.out).toContain("2014/15"); // today (15 November 2014) is in 2014/15 …
    expect(run.out).toContain("current quarter Q3"); // … and in Q3
    const { workbook } = await openWorkbookFile(file);
    const snapshot = await workbook.read();
    expect(snapshot.sheetNames).toEqual(["Action Plan", "Lead Officers", "Priorities", "Plan Settings", "Indicators"]);
    expect(snapshot.tables.map((t) => t.name)).toEqual(["ActionPlan", "LeadOfficers", "Priorities", "PlanSettings", "Indicators"]);
    // The Indicators table (issue 15): its header and one blank row, nothing to rate or report.
    expect(snapshot.tables[4].rows).toEqual([new Array(15).fill(null)]);

    const check = await cli("check", file);
    expect(check.code).toBe(0);
    expect(check.out).toContain("0 errors, 0 warnings");
  });

  it("uses --name and --year", async () => {
    const file = temp.path("plan.xlsx");
    const run = await cli("init", file, "--year", "2016/17", "--name", "safer streets plan");
    expect(run.code).toBe(0);
    const settings = (await (await openWorkbookFile(file)).workbook.read()).tables.find((t) => t.name === PLAN_SETTINGS.table)!;
    expect(settings.rows).toEqual([["Plan name", "safer streets plan"], ["Plan year", "2016/17"], ["Current quarter", "Q1"]]);
  });

  it.each([["a blank plan", []], ["the sample", ["--sample"]]])("refuses to overwrite an existing file (%s): exit 1, file unchanged", async (_, extra) => {
    const file = temp.path("plan.xlsx");
    await fs.writeFile(file, "a file someone cares about");
    const before = await sha256(file);
    const run = await cli("init", file, ...extra);
    expect(run.code).toBe(1);
    expect(run.err).toContain("already exists");
    expectNoStackTrace(run);
    expect(await sha256(file)).toBe(before);
    expect(readdirSync(temp.dir)).toEqual(["plan.xlsx"]);
  });

  it("--sample writes the sample plan", async () => {
    const file = temp.path("plan.xlsx");
    const run = await cli("init", file, "--sample");
    expect(run.code).toBe(0);
    expect(run.out).toContain(`${SAMPLE_PLAN.actions.length} actions`);
    const check = await checkPlan((await openWorkbookFile(file)).workbook);
    expect(check.findings).toEqual((await expectedCheck()).findings);
  });

  it("--sample --year 2015/16 moves the dates to that year", async () => {
    const file = temp.path("plan.xlsx");
    const run = await cli("init", file, "--sample", "--year", "2015/16");
    expect(run.code).toBe(0);
    expect(run.out).toContain("2015/16");

    const snapshot = await (await openWorkbookFile(file)).workbook.read();
    const settings = snapshot.tables.find((t) => t.name === PLAN_SETTINGS.table)!;
    expect(settings.rows).toContainEqual(["Plan year", "2015/16"]);
    const table = snapshot.tables.find((t) => t.name === ACTION_PLAN.table)!;
    const target = table.headers.indexOf(ACTION_COLUMNS.targetDate);
    const start = table.headers.indexOf(ACTION_COLUMNS.startDate);
    let moved = 0;
    SAMPLE_PLAN.actions.forEach((action, row) => {
      const value = table.rows[row][target];
      const m = /^(\d{4})-(\d{2}-\d{2})$/.exec(action.targetDate);
      if (!m) {
        expect(value).toBe(action.targetDate);
        return;
      }
      expect(value).toEqual(new Date(`${Number(m[1]) + 1}-${m[2]}T00:00:00.000Z`));
      if (action.startDate) expect(table.rows[row][start]).toEqual(new Date(`${Number(action.startDate.slice(0, 4)) + 1}${action.startDate.slice(4)}T00:00:00.000Z`));
      moved += 1;
    });
    expect(moved).toBeGreaterThan(40);

    // The same plan a year later: the same faults in the same cells.
    const check = await cli("check", file, "--json");
    const where = (findings: readonly Pick<Finding, "severity" | "rule" | "cell" | "actionId">[]) =>
      findings.map(({ severity, rule, cell, actionId }) => ({ severity, rule, cell, actionId }));
    expect(where(JSON.parse(check.out))).toEqual(where((await expectedCheck()).findings));
    expect(where(JSON.parse(check.out))).toEqual(where((await expectedCheck(shiftSeed(SAMPLE_PLAN, 2015))).findings));
  });
});

describe("check", () => {
  const temp = useTempDir();

  it("on the sample exits 1, lists the findings, and never changes the file", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const before = await sha256(file);
    const expected = await expectedCheck();
    const errors = expected.findings.filter((f) => f.severity === "error").length;
    const warnings = expected.findings.length - errors;
    expect(errors).toBeGreaterThan(0);

    const run = await cli("check", file);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`${errors} errors, ${warnings} warnings`);
    expect(run.out).toContain(`${SAMPLE_PLAN.actions.length} actions`);
    for (const f of expected.findings) expect(run.out).toContain(`${f.sheet}!${f.cell}`);
    expectNoStackTrace(run);

    for (const args of [["--json"], ["--quarter", "Q2"], ["--quarter", "Q4", "--as-of", "2015-03-31"]]) {
      expect((await cli("check", file, ...args)).code).toBe(1);
    }
    expect(await sha256(file)).toBe(before);
    expect(readdirSync(temp.dir)).toEqual(["plan.xlsx"]);
  });

  it("--json prints one JSON list of {severity, rule, message, sheet, cell, actionId}", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const run = await cli("check", file, "--json");
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.out) as Finding[];
    expect(Array.isArray(findings)).toBe(true);
    for (const f of findings) {
      expect(Object.keys(f).sort()).toEqual(["actionId", "cell", "message", "rule", "severity", "sheet"]);
      expect(["error", "warning"]).toContain(f.severity);
      expect(typeof f.message).toBe("string");
    }
    expect(findings).toEqual((await expectedCheck()).findings.map(({ severity, rule, message, sheet, cell, actionId }) => ({ severity, rule, message, sheet, cell, actionId })));
  });

  it("--quarter and --as-of change what is expected", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const choice = { quarter: "Q2" as Quarter, asOf: "2014-08-31" };
    const run = await cli("check", file, "--json", "--quarter", "Q2", "--as-of", "2014-08-31");
    expect(JSON.parse(run.out)).toEqual(JSON.parse(JSON.stringify((await expectedCheck(SAMPLE_PLAN, choice)).findings)));
  });

  it("suggests the registered name for a misspelt lead officer", async () => {
    const registered = new Set(SAMPLE_PLAN.officers.map((o) => o.name.toLowerCase()));
    const misspelt = SAMPLE_PLAN.actions.filter((a) => a.leadOfficer && !registered.has(a.leadOfficer.trim().toLowerCase()));
    expect(misspelt.length).toBeGreaterThan(0);
    const file = await sampleFile(temp.path("plan.xlsx"));
    const findings = JSON.parse((await cli("check", file, "--json")).out) as Finding[];
    for (const action of misspelt) {
      const finding = findings.find((f) => f.actionId === action.id && f.rule === "smart.assignable.unknown-officer");
      expect(finding).toMatchObject({ severity: "error", sheet: ACTION_PLAN.sheet, cell: cellOf(SAMPLE_PLAN, action.id, "leadOfficer") });
      expect(finding!.message).toContain(`"${action.leadOfficer}"`);
      const suggestion = /Did you mean "([^"]+)"\?/.exec(finding!.message)?.[1];
      expect(SAMPLE_PLAN.officers.map((o) => o.name)).toContain(suggestion);
    }
    // The sample's own fault: "Comunity Safety Manager".
    expect(findings.map((f) => f.message).join("\n")).toContain('Did you mean "Community Safety Manager"?');
  });

  it("a target date written in words is an error naming its cell", async () => {
    const inWords = SAMPLE_PLAN.actions.filter((a) => !/^\d{4}-\d{2}-\d{2}$/.test(a.targetDate));
    expect(inWords.map((a) => a.id)).toContain("6.5");
    const file = await sampleFile(temp.path("plan.xlsx"));
    const run = await cli("check", file, "--json");
    const findings = JSON.parse(run.out) as Finding[];
    for (const action of inWords) {
      const cell = cellOf(SAMPLE_PLAN, action.id, "targetDate");
      expect(findings).toContainEqual(expect.objectContaining({ severity: "error", rule: "smart.timely.not-a-date", sheet: ACTION_PLAN.sheet, cell, actionId: action.id }));
    }
    expect(cellOf(SAMPLE_PLAN, "6.5", "targetDate")).toBe("I38");
    // The terminal form names the cell and the action too.
    expect((await cli("check", file)).out).toMatch(/Action Plan!I38 \(6\.5\): .*end of March.*\[smart\.timely\.not-a-date\]/);
  });
});

describe("chase", () => {
  const temp = useTempDir();
  /** Lead officer and action IDs, as the summary's missing updates list them. */
  const groups = (list: readonly { leadOfficer: string; actions: readonly { id: string }[] }[]) =>
    list.map((g) => `${g.leadOfficer}: ${g.actions.map((a) => a.id).join(" ")}`);

  it("on the sample lists each lead officer's missing Q3 updates with a message, exits 0 and never changes the file", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const before = await sha256(file);
    const report = await expectedReport(SAMPLE_PLAN, { quarter: "Q3" });
    expect(report.missingUpdates.length).toBeGreaterThan(0);

    const run = await cli("chase", file);
    expect(run.code).toBe(0);
    expect(run.err).toBe("");
    expect(run.out).toContain(`${file}: five actions lack the Q3 2014/15 update, five lead officers to chase (Q3 2014/15, as of 31 December 2014).`);
    expect(run.out).toContain("No e-mail is sent");
    for (const g of report.missingUpdates) {
      expect(run.out).toContain(`\n${g.leadOfficer}\n`);
      for (const a of g.actions) expect(run.out).toMatch(new RegExp(`\\n  ${a.id.replace(".", "\\.")}  \\S`));
      expect(run.out).toContain(`  Message: Dear ${g.leadOfficer}, the Q3 2014/15 update is still needed for `);
    }
    expect(run.out).toContain(
      "  Message: Dear IOM Manager, the Q3 2014/15 update is still needed for one action in the community safety action plan: " +
        "6.1 (Manage a cohort of 60 priority adult offenders through the…). Please add it in the Q3 update column as soon as you can. Thank you.",
    );
    expectNoStackTrace(run);
    expect(await sha256(file)).toBe(before);
    expect(readdirSync(temp.dir)).toEqual(["plan.xlsx"]);
  });

  it("--json prints [{leadOfficer, active, registered, actions: [{id, action, targetDate}], message}], matching the summary's missing updates exactly", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    for (const quarter of ["Q1", "Q2", "Q3"] as Quarter[]) {
      const run = await cli("chase", file, "--json", "--quarter", quarter);
      expect(run.code).toBe(0);
      const list = JSON.parse(run.out) as { leadOfficer: string; active: boolean; registered: boolean; actions: { id: string; action: string; targetDate: string | null }[]; message: string }[];
      expect(groups(list)).toEqual(groups((await expectedReport(SAMPLE_PLAN, { quarter })).missingUpdates));
      const missing = (await expectedCheck(SAMPLE_PLAN, { quarter })).findings.filter((f) => f.rule === "update.missing").map((f) => f.actionId);
      expect(list.flatMap((e) => e.actions.map((a) => a.id)).sort()).toEqual([...missing].sort());
      for (const entry of list) {
        expect(Object.keys(entry).sort()).toEqual(["actions", "active", "leadOfficer", "message", "registered"]);
        for (const a of entry.actions) {
          expect(Object.keys(a).sort()).toEqual(["action", "id", "targetDate"]);
          expect(a.targetDate === null || /^\d{4}-\d{2}-\d{2}$/.test(a.targetDate)).toBe(true);
        }
        expect(entry.message).toContain(`the ${quarter} 2014/15 update is still needed`);
      }
    }
    const q3 = JSON.parse((await cli("chase", file, "--json")).out);
    expect(q3[0]).toEqual({
      leadOfficer: "Detective Inspector, St Helens CID",
      active: true,
      registered: true,
      actions: [{ id: "2.3", action: "Run intelligence-led operations against prolific vehicle…", targetDate: "2015-03-31" }],
      message:
        "Dear Detective Inspector, St Helens CID, the Q3 2014/15 update is still needed for one action in the community safety action plan: " +
        "2.3 (Run intelligence-led operations against prolific vehicle…). Please add it in the Q3 update column as soon as you can. Thank you.",
    });
  });

  it("--as-of before the quarter's end asks for the update by the end of the quarter", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const list = JSON.parse((await cli("chase", file, "--json", "--as-of", "2014-12-01")).out) as { message: string }[];
    for (const entry of list) expect(entry.message).toMatch(/ in the Q3 update column by 31 December 2014, the end of the quarter\. Thank you\.$/);
  });

  it("flags an inactive lead officer", async () => {
    const file = await editedSample(temp.path("plan.xlsx"), (sheet) => {
      sheet.getCell(cellOf(SAMPLE_PLAN, "6.1", "leadOfficer")).value = "Karen Prescott";
    });
    const run = await cli("chase", file);
    expect(run.code).toBe(0);
    expect(run.out).toContain("\nKaren Prescott (inactive in the Lead Officers register: reassign these actions, or send this to whoever covers the role)\n");
    const list = JSON.parse((await cli("chase", file, "--json")).out) as { leadOfficer: string; active: boolean }[];
    expect(list.find((e) => e.leadOfficer === "Karen Prescott")).toMatchObject({ active: false });
  });

  it("refuses a plan with structure errors: exit 1, the errors on stderr, nothing written", async () => {
    const broken = await editedSample(temp.path("broken.xlsx"), (sheet) => {
      sheet.getCell(cellOf(SAMPLE_PLAN, "1.2", "id")).value = "1.1";
    });
    const before = await sha256(broken);
    const run = await cli("chase", broken);
    expect(run.code).toBe(1);
    expect(run.err).toContain("csp-plan: The plan has 1 structure error to fix first, so no chase list was made.");
    expect(run.err).toContain("[structure.duplicate-id]");
    expect(run.out).toBe("");
    expectNoStackTrace(run);
    expect(await sha256(broken)).toBe(before);
  });
});

describe("summary", () => {
  const temp = useTempDir();

  it("--quarter Q3 writes in place: the summary sheet with the overall narrative", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const report = await expectedReport(SAMPLE_PLAN, { quarter: "Q3" });
    expect(report.sheetName).toBe(Q3_SHEET);

    const run = await cli("summary", file, "--quarter", "Q3");
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Built "${Q3_SHEET}" in ${file}`);
    for (const sentence of report.narrative.overall) expect(run.out).toContain(sentence);

    const dump = await dumpWorkbookFile(file);
    expect(dump.map((s) => s.name)).toEqual(["Action Plan", "Lead Officers", "Priorities", "Plan Settings", "Indicators", Q3_SHEET, "Status History"]);
    const texts = textsOf(dump, Q3_SHEET);
    expect(report.narrative.overall.length).toBeGreaterThan(0);
    for (const sentence of report.narrative.overall) expect(texts).toContain(sentence);
    expect(texts.find((t) => t.startsWith("At the end of Q3, of the 48 expected outcomes within the community safety action plan 2014/15,"))).toBeDefined();
    for (const p of report.narrative.priorities) for (const sentence of p.sentences) expect(texts).toContain(sentence);
    expect(readdirSync(temp.dir)).toEqual(["plan.xlsx"]);
  });

  it("--json prints the counts, percentages, RAG counts and narrative per priority and overall", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const run = await cli("summary", file, "--quarter", "Q3", "--json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out);
    const report = await expectedReport(SAMPLE_PLAN, { quarter: "Q3" });

    const expectFigures = (f: { counts: Record<string, number>; percentages: Record<string, number>; rag: Record<string, number>; expected: number }) => {
      expect(Object.keys(f.counts).sort()).toEqual([...STATUSES].sort());
      expect(Object.keys(f.percentages).sort()).toEqual([...STATUSES].sort());
      expect(Object.keys(f.rag).sort()).toEqual([...RAG_RATINGS].sort());
      const total = STATUSES.reduce((sum, s) => sum + f.counts[s], 0);
      expect(f.expected).toBe(total); // removed included
      expect(RAG_RATINGS.reduce((sum, r) => sum + f.rag[r], 0)).toBe(total);
      for (const s of STATUSES) expect(f.percentages[s]).toBe(percentHalfUp(f.counts[s], f.expected));
    };

    expect(json.priorities).toHaveLength(SAMPLE_PLAN.priorities.length);
    json.priorities.forEach((p: { no: number; name: string; narrative: string[] } & Parameters<typeof expectFigures>[0], i: number) => {
      expect(p.no).toBe(SAMPLE_PLAN.priorities[i].no);
      expect(p.name).toBe(SAMPLE_PLAN.priorities[i].name);
      expectFigures(p);
      expect(p.narrative).toEqual(report.narrative.priorities[i].sentences);
      expect(p.narrative.every((s) => typeof s === "string" && s.length > 0)).toBe(true);
    });
    expectFigures(json.overall);
    expect(json.overall.expected).toBe(SAMPLE_PLAN.actions.length);
    expect(json.overall.narrative).toEqual(report.narrative.overall);
    // Overall is the sum of the priorities, every way.
    for (const key of ["counts", "rag"] as const) {
      const summed: Record<string, number> = {};
      for (const p of json.priorities) for (const [k, v] of Object.entries(p[key] as Record<string, number>)) summed[k] = (summed[k] ?? 0) + v;
      expect(summed).toEqual(json.overall[key]);
    }
    expect(json.sheet).toBe(Q3_SHEET);
    expect(json.quarter).toBe("Q3");
  });

  it("twice gives the same workbook as once", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    expect((await cli("summary", file, "--quarter", "Q3")).code).toBe(0);
    const once = await dumpWorkbookFile(file);
    expect((await cli("summary", file, "--quarter", "Q3")).code).toBe(0);
    expect(await dumpWorkbookFile(file)).toEqual(once);
  });

  const STRUCTURE_FAULTS: [string, (sheet: ExcelJS.Worksheet) => void][] = [
    ["the Status column header deleted", (sheet) => {
      sheet.getCell(`${columnLetter(ACTION_KEYS.indexOf("status"))}1`).value = null;
    }],
    ["a duplicate ID", (sheet) => {
      sheet.getCell(cellOf(SAMPLE_PLAN, SAMPLE_PLAN.actions[1].id, "id")).value = SAMPLE_PLAN.actions[0].id;
    }],
    ["a status not in the vocabulary", (sheet) => {
      sheet.getCell(cellOf(SAMPLE_PLAN, "1.1", "status")).value = "Done-ish";
    }],
    ["an error value in a rule-bearing cell", (sheet) => {
      sheet.getCell(cellOf(SAMPLE_PLAN, "1.2", "leadOfficer")).value = { formula: "#REF!", result: { error: "#REF!" } } as ExcelJS.CellValue;
    }],
  ];

  it.each(STRUCTURE_FAULTS)("refuses a workbook with structure errors (%s): exit 1, file byte-identical", async (_, fault) => {
    const file = await editedSample(temp.path("plan.xlsx"), fault);
    const before = await sha256(file);
    const run = await cli("summary", file, "--quarter", "Q3");
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/structure errors? to fix first; nothing was written/);
    expect(run.err).toMatch(/\[structure\.[a-z-]+\]/);
    expectNoStackTrace(run);
    expect(await sha256(file)).toBe(before);

    // With --out too: nothing is written anywhere.
    const out = temp.path("out.xlsx");
    expect((await cli("summary", file, "--quarter", "Q3", "--out", out)).code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(await sha256(file)).toBe(before);
    expect(readdirSync(temp.dir)).toEqual(["plan.xlsx"]);
  });

  it("writes in place on a workbook holding a chart, and keeps the chart part byte for byte; --out NEW leaves FILE unchanged", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"), withExtraParts(sampleBytes, { "xl/charts/chart1.xml": CHART_XML }));
    const before = await fs.readFile(file);

    const out = temp.path("with-summary.xlsx");
    const written = await cli("summary", file, "--quarter", "Q3", "--out", out);
    expect(written.code).toBe(0);
    expect(written.out).toContain(`in ${out}`);
    expect(written.err).not.toContain("charts");
    expect((await fs.readFile(file)).equals(before)).toBe(true);

    const inPlace = await cli("summary", file, "--quarter", "Q3");
    expect(inPlace.code).toBe(0);
    expectNoStackTrace(inPlace);
    expect(readdirSync(temp.dir).sort()).toEqual(["plan.xlsx", "with-summary.xlsx"]);
    for (const written of [file, out]) {
      const bytes = await fs.readFile(written);
      const chart = listZipEntries(bytes).find((e) => e.name === "xl/charts/chart1.xml")!;
      expect(readZipEntry(bytes, chart).toString("utf8")).toBe(CHART_XML);
      const dump = await dumpWorkbookFile(written);
      expect(dump.map((s) => s.name)).toContain(Q3_SHEET);
      const report = await expectedReport(SAMPLE_PLAN, { quarter: "Q3" });
      for (const sentence of report.narrative.overall) expect(textsOf(dump, Q3_SHEET)).toContain(sentence);
    }
  });

  it("--out refuses a file that exists: exit 1, both files unchanged", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const out = temp.path("taken.xlsx");
    await fs.writeFile(out, "someone else's report");
    const [fileBefore, outBefore] = [await sha256(file), await sha256(out)];
    const run = await cli("summary", file, "--quarter", "Q3", "--out", out);
    expect(run.code).toBe(1);
    expect(run.err).toContain("already exists");
    expectNoStackTrace(run);
    expect(await sha256(file)).toBe(fileBefore);
    expect(await sha256(out)).toBe(outBefore);
    expect(readdirSync(temp.dir).sort()).toEqual(["plan.xlsx", "taken.xlsx"]);
  });

  it("in place on a workbook with a sensitivity label (custom document properties) refuses or keeps the label", async () => {
    // Public-sector workbooks carry a sensitivity label ("OFFICIAL") in docProps/custom.xml; ExcelJS does not read that part.
    const parts = new Map(listZipEntries(sampleBytes).filter((e) => !e.name.endsWith("/")).map((e) => [e.name, readZipEntry(sampleBytes, e).toString("utf8")]));
    parts.set("[Content_Types].xml", parts.get("[Content_Types].xml")!.replace("</Types>",
      '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>'));
    parts.set("_rels/.rels", parts.get("_rels/.rels")!.replace("</Relationships>",
      '<Relationship Id="rIdCustom1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>'));
    parts.set("docProps/custom.xml", CUSTOM_PROPERTIES_XML);
    const file = await sampleFile(temp.path("plan.xlsx"), writeZip([...parts].map(([name, data]) => ({ name, data }))));
    const before = await sha256(file);

    const run = await cli("summary", file, "--quarter", "Q3");
    expectNoStackTrace(run);
    if (run.code === 1) {
      // Refused: it must say so, and leave the file alone.
      expect(run.err).toContain("--out");
      expect(await sha256(file)).toBe(before);
    } else {
      // Written: the label must still be there.
      expect(run.code).toBe(0);
      const after = await fs.readFile(file);
      const entries = listZipEntries(after);
      expect(entries.map((e) => e.name)).toContain("docProps/custom.xml");
      expect(readZipEntry(after, entries.find((e) => e.name === "docProps/custom.xml")!).toString("utf8")).toContain("MSIP_Label_");
    }
  });

  it("in place through a symbolic link updates the plan the link names, and keeps the link", async () => {
    await fs.mkdir(temp.path("shared"));
    const real = await sampleFile(temp.path("shared", "plan.xlsx"));
    const link = temp.path("plan-link.xlsx");
    await fs.symlink(real, link);
    const run = await cli("summary", link, "--quarter", "Q3");
    expect(run.code).toBe(0);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect((await dumpWorkbookFile(real)).map((s) => s.name)).toContain(Q3_SHEET);
    expect(readdirSync(temp.path("shared"))).toEqual(["plan.xlsx"]);
  });

  it("--out NEW writes NEW and leaves FILE unchanged", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const before = await sha256(file);
    const out = temp.path("q3.xlsx");
    const run = await cli("summary", file, "--quarter", "Q3", "--out", out);
    expect(run.code).toBe(0);
    expect(await sha256(file)).toBe(before);
    expect((await dumpWorkbookFile(out)).map((s) => s.name)).toContain(Q3_SHEET);
  });
});

describe("unusable files", () => {
  const temp = useTempDir();

  const KINDS: [string, (file: string) => Promise<void>, RegExp][] = [
    ["not a zip", (file) => fs.writeFile(file, "ID,Priority,Action\n1.1,ASB,Patrol\n"), /not an Excel workbook/i],
    ["an empty file", (file) => fs.writeFile(file, ""), /empty/i],
    ["a missing file", async () => undefined, /no file/i],
    ["a directory", (file) => fs.mkdir(file), /not a file/i],
    ["a zip that is not a workbook", (file) => fs.writeFile(file, writeZip([{ name: "readme.txt", data: "hello" }])), /not an Excel workbook/i],
    ["a truncated workbook", (file) => fs.writeFile(file, sampleBytes.subarray(0, Math.floor(sampleBytes.length / 2))), /damaged|incomplete|could not be read|not an Excel workbook/i],
  ];

  it.each(KINDS)("%s: check and summary exit 2 with a clear message and no stack trace", async (_, make, message) => {
    const file = temp.path("plan.xlsx");
    await make(file);
    const listing = readdirSync(temp.dir);
    for (const args of [["check", file], ["check", file, "--json"], ["summary", file, "--quarter", "Q3"]]) {
      const run = await cli(...args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.err).toMatch(new RegExp(`^csp-plan ${args[0]}: `));
      expect(run.err).toContain(file);
      expect(run.err).toMatch(message);
      expect(run.err).not.toMatch(/not your doing/);
      expect(run.out).toBe("");
      expectNoStackTrace(run);
    }
    expect(readdirSync(temp.dir)).toEqual(listing);
  });
});

describe("writing in place", () => {
  const temp = useTempDir();

  it("an interrupted write leaves the original bytes and no temporary file", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const before = await fs.readFile(file);
    let seen: string | undefined;
    await expect(writeFileAtomically(file, Buffer.from("the new bytes"), {
      hooks: {
        beforeRename: (temporary) => {
          seen = temporary;
          // The temporary file sits beside the target, holds the new bytes, and the target is still the old one.
          expect(path.dirname(temporary)).toBe(temp.dir);
          expect(readdirSync(temp.dir)).toHaveLength(2);
          throw new Error("power cut");
        },
      },
    })).rejects.toThrow("power cut");
    expect(seen).toBeDefined();
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    expect(readdirSync(temp.dir)).toEqual(["plan.xlsx"]);
  });

  it("refuses when the file changed since it was read, leaving the newer bytes and no temporary file", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const read = await fs.readFile(file);
    await fs.writeFile(file, "saved by someone else meanwhile");
    const error = await writeFileAtomically(file, Buffer.from("ours"), { expected: read }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileProblem);
    expect((error as FileProblem).exitCode).toBe(1);
    expect(await fs.readFile(file, "utf8")).toBe("saved by someone else meanwhile");
    expect(readdirSync(temp.dir)).toEqual(["plan.xlsx"]);
  });

  it("replaces the file and keeps its permissions when all goes well", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    await fs.chmod(file, 0o640);
    await writeFileAtomically(file, Buffer.from("new"), { expected: await fs.readFile(file) });
    expect(await fs.readFile(file, "utf8")).toBe("new");
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(temp.dir)).toEqual(["plan.xlsx"]);
  });
});

describe("demo", () => {
  const temp = useTempDir();

  it("writes DIR/sample-plan.xlsx, checks it, builds the Q3 summary, and says where it is", async () => {
    const dir = temp.path("demo");
    const run = await cli("demo", dir);
    expect(run.code).toBe(0);
    const file = path.join(dir, "sample-plan.xlsx");
    expect(run.out).toContain(path.resolve(file));
    const expected = await expectedCheck();
    const errors = expected.findings.filter((f) => f.severity === "error").length;
    expect(run.out).toContain(`${errors} errors, ${expected.findings.length - errors} warnings`);
    expectNoStackTrace(run);

    const dump = await dumpWorkbookFile(file);
    expect(dump.map((s) => s.name)).toContain(Q3_SHEET);
    const report = await expectedReport();
    for (const sentence of report.narrative.overall) expect(textsOf(dump, Q3_SHEET)).toContain(sentence);
    expect(readdirSync(dir)).toEqual(["sample-plan.xlsx"]);

    // Again: the earlier demo's workbook is replaced, the same.
    expect((await cli("demo", dir)).code).toBe(0);
    expect(await dumpWorkbookFile(file)).toEqual(dump);
    expect(readdirSync(dir)).toEqual(["sample-plan.xlsx"]);
  });

  it("names the problem when DIR is a file, not calling it an internal fault", async () => {
    const notAFolder = temp.path("notes.txt");
    await fs.writeFile(notAFolder, "not a folder");
    const run = await cli("demo", notAFolder);
    expect([1, 2]).toContain(run.code);
    expect(run.err).toContain(notAFolder);
    expect(run.err).not.toMatch(/not your doing|please report it/i);
    expectNoStackTrace(run);
    expect(await fs.readFile(notAFolder, "utf8")).toBe("not a folder");
  });
});

describe("the real process (node bin/csp-plan.js)", () => {
  const temp = useTempDir();

  beforeAll(() => {
    // The built command line: build it when it is missing or older than its sources.
    const sources = ["src/cli", "src/domain", "src/port", "src/usecases", "src/adapters/memory", "src/adapters/exceljs"]
      .flatMap((dir) => readdirSync(path.join(ROOT, dir), { recursive: true }).map((f) => path.join(ROOT, dir, String(f))))
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    const newest = Math.max(...sources.map((f) => statSync(f).mtimeMs));
    if (!existsSync(BUILT_MAIN) || statSync(BUILT_MAIN).mtimeMs < newest) {
      execFileSync("npm", ["run", "build:cli"], { cwd: ROOT, stdio: "pipe" });
    }
  });

  it("exits 0 for --help, 2 for an unknown command, 2 for a missing file, 1 for the sample's errors; never a stack trace", async () => {
    const plan = await sampleFile(temp.path("plan.xlsx"));
    const notAZip = temp.path("notes.xlsx");
    await fs.writeFile(notAZip, "not a workbook");
    const before = await sha256(plan);
    const [help, unknown, missing, garbage, badDate, check, json] = await Promise.all([
      spawnCli(["--help"], temp.dir),
      spawnCli(["frobnicate"], temp.dir),
      spawnCli(["check", temp.path("missing.xlsx")], temp.dir),
      spawnCli(["summary", notAZip, "--quarter", "Q3"], temp.dir),
      spawnCli(["check", plan, "--as-of", "2014-02-30"], temp.dir),
      spawnCli(["check", plan], temp.dir),
      spawnCli(["check", plan, "--json"], temp.dir),
    ]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: csp-plan <command>/);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('there is no command "frobnicate"');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("missing.xlsx");
    expect(garbage.code).toBe(2);
    expect(garbage.err).toContain("notes.xlsx");
    expect(badDate.code).toBe(2);
    expect(badDate.err).toContain("--as-of");
    expect(check.code).toBe(1);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual(JSON.parse(JSON.stringify((await expectedCheck()).findings)));
    for (const run of [help, unknown, missing, garbage, badDate, check, json]) expectNoStackTrace(run);
    expect(await sha256(plan)).toBe(before);
  });

  it("summary in place exits 0 and the file has the Q3 summary sheet; refused with structure errors, exit 1", async () => {
    const plan = await sampleFile(temp.path("plan.xlsx"));
    const broken = await editedSample(temp.path("broken.xlsx"), (sheet) => {
      sheet.getCell(cellOf(SAMPLE_PLAN, "1.2", "id")).value = "1.1";
    });
    const brokenBefore = await sha256(broken);
    const [built, refused] = await Promise.all([
      spawnCli(["summary", plan, "--quarter", "Q3"], temp.dir),
      spawnCli(["summary", broken, "--quarter", "Q3"], temp.dir),
    ]);
    expect(built.code).toBe(0);
    expect((await dumpWorkbookFile(plan)).map((s) => s.name)).toContain(Q3_SHEET);
    expect(refused.code).toBe(1);
    expect(await sha256(broken)).toBe(brokenBefore);
    for (const run of [built, refused]) expectNoStackTrace(run);
    expect(readdirSync(temp.dir).sort()).toEqual(["broken.xlsx", "plan.xlsx"]);
  });
});
