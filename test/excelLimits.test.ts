/**
 * Every workbook the tool writes is within Excel's limits (src/domain/excelLimits.ts), whatever the plan
 * holds: each kind of write (set-up, summary first and again, officer update, sign-off, adoption, repair,
 * RAG refresh, and the command line's init, init --sample, summary in place and --out, and demo) runs on a
 * hostile plan — text of exactly 32,767 characters in actions, updates, names, the plan name and notes,
 * non-Latin scripts, emoji, IDs thousands of characters long — through the in-memory adapter, the Office.js
 * adapter on its test double, and ExcelJS as real .xlsx files re-opened. After each write the whole workbook is walked (test/support/
 * limitsWalk.ts): every cell's text, sheet name, table name, column width, cell position and typed list.
 *
 * Then long lists in messages: a check of a 10,000-action plan gives no message longer than a bound, and the
 * capped phrase carries the right count.
 */
import { promises as fs } from "node:fs";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { OfficeWorkbook } from "../src/adapters/office/officeWorkbook";
import { a1 } from "../src/domain/cells";
import { MemoryWorkbook } from "../src/adapters/memory/memoryWorkbook";
import { findingLines } from "../src/cli/report";
import { Io } from "../src/cli/io";
import { main } from "../src/cli/main";
import { CellValue } from "../src/domain/cells";
import { EXCEL_LIMITS } from "../src/domain/excelLimits";
import { planTables } from "../src/domain/planLayout";
import { PlanSeed, SeedAction } from "../src/domain/planSeed";
import { scaledPlan } from "../src/domain/sample/scaledPlan";
import { SIGN_OFF_CELL } from "../src/domain/summarySheet";
import { WorkbookPort } from "../src/port/workbookPort";
import { adoptPlan, previewAdoption } from "../src/usecases/adoptPlan";
import { buildSummary } from "../src/usecases/buildSummary";
import { checkPlan } from "../src/usecases/checkPlan";
import { recordSignOff } from "../src/usecases/recordSignOff";
import { refreshRag } from "../src/usecases/refreshRag";
import { setUpPlan } from "../src/usecases/setUpPlan";
import { updateAction } from "../src/usecases/updateAction";
import { createFakeExcel, installExcelGlobals, uninstallExcelGlobals } from "./support/fakeExcel";
import { fileWalk, LimitsWalk, memoryWalk, officeWalk } from "./support/limitsWalk";
import { BASE_SEED, CLEAN_ACTION, memoryPlan } from "./support/planFixture";
import { useTempDir } from "./support/tempDir";

const MAX = EXCEL_LIMITS.cellCharacters;

/** Exactly `n` UTF-16 code units of `unit` repeated, never ending in half a surrogate pair. */
function exactly(n: number, unit: string): string {
  const text = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  return /[\ud800-\udbff]$/.test(text) ? `${text.slice(0, -1)}x` : text;
}

// ---------------------------------------------------------------------------------------------
// A hostile plan: every text the summary copies is as long as a cell holds
// ---------------------------------------------------------------------------------------------

const PLAN_NAME = exactly(MAX, "خطة السلامة المجتمعية ");
const OFFICER = exactly(MAX, "Сотрудник по общественной безопасности ");
const PRIORITY = exactly(MAX, "家庭内暴力と虐待への対応 ");
const ACTION = exactly(MAX, "Run patrols 🚓 in the three town centre hotspots, ");
const UPDATE = exactly(MAX, "Calls down 8% 📉; ");
const REASON = exactly(MAX, "Merged into 1.1 by the Responsible Authorities Group. ");
const longId = (letter: string) => `${letter}.${exactly(20_000, "١٢٣")}`;
const SIGNER = exactly(MAX, "Jane Smith-Ó Súilleabháin ");
const Q3_SUMMARY = "Q3 2014-15 Summary";

const hostile = (a: Partial<SeedAction>): SeedAction => ({ ...CLEAN_ACTION, priority: PRIORITY, leadOfficer: OFFICER, leadAgency: "St.Helens Council", ...a });

const HOSTILE: PlanSeed = {
  ...BASE_SEED,
  name: PLAN_NAME,
  priorities: [{ no: 1, name: PRIORITY }, { no: 2, name: "Serious acquisitive crime" }],
  officers: [{ name: OFFICER, agency: "St.Helens Council", email: "csm@sthelens.example", active: true }, ...BASE_SEED.officers],
  actions: [
    // At risk, so the summary lists it with "Q3: " before its full-length update.
    hostile({ id: "1.1", action: ACTION, outcome: ACTION, measure: exactly(MAX, "Number of calls down 10% in the hotspots; "), status: "At risk", updates: { Q3: UPDATE } }),
    // No Q3 update yet: the officer writes one of full length.
    hostile({ id: "1.2", status: "On target", updates: { Q1: "Started." } }),
    // Two open actions with IDs of 20,000 characters and no Q3 update: the chase list would need 40,000.
    hostile({ id: longId("A"), status: "On target", updates: {} }),
    hostile({ id: longId("B"), status: "On target", updates: {} }),
    // Two removed, with long IDs: the narrative names them.
    hostile({ id: longId("C"), status: "Removed", notes: REASON }),
    hostile({ id: longId("D"), status: "Removed", notes: REASON }),
  ],
};

// ---------------------------------------------------------------------------------------------
// Hosts: the port, and a walk of everything it has written so far
// ---------------------------------------------------------------------------------------------

interface Host {
  readonly port: WorkbookPort;
  /** Walks the workbook as written (ExcelJS: saved, re-opened; the port then works on the re-opened file). */
  walk(): Promise<LimitsWalk>;
  /** A user's own table on their own sheet, from B3, as Excel would hold it. */
  userTable(sheet: string, name: string, headers: readonly string[], rows: readonly (readonly CellValue[])[]): void;
}

function memoryHost(): Host {
  const workbook = new MemoryWorkbook();
  return {
    port: workbook,
    walk: async () => memoryWalk(workbook),
    userTable: (sheet, name, headers, rows) => void workbook.addTable(sheet, name, 2, 1, headers, rows),
  };
}

function excelJsHost(): Host {
  let excel = ExcelJsWorkbook.empty();
  return {
    get port() {
      return excel;
    },
    walk: async () => {
      const bytes = await excel.toBuffer();
      excel = await ExcelJsWorkbook.load(bytes);
      return fileWalk(bytes);
    },
    userTable: (sheet, name, headers, rows) => void excel.workbook.addWorksheet(sheet).addTable({
      name, ref: "B3", headerRow: true, columns: headers.map((h) => ({ name: h })), rows: rows.map((r) => [...r]),
    }),
  };
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function officeHost(): Host {
  const fake = createFakeExcel();
  return {
    port: new OfficeWorkbook(fake.run),
    walk: () => officeWalk(fake),
    userTable: (sheet, name, headers, rows) => {
      if (!fake.sheetNames().includes(sheet)) fake.addSheet(sheet);
      const grid = [headers, ...rows].map((r) => r.map((v) => (v instanceof Date ? (v.getTime() - EXCEL_EPOCH) / 86_400_000 : (v ?? "") as string | number | boolean)));
      const formats = [headers, ...rows].map((r) => r.map((v) => (v instanceof Date ? "dd/mm/yyyy" : typeof v === "string" ? "@" : "General")));
      fake.setValues(sheet, "B3", grid, formats);
      fake.addTable(sheet, name, `B3:${a1(2 + rows.length, headers.length)}`);
    },
  };
}

const HOSTS: [string, () => Host][] = [
  ["in memory", memoryHost], ["Office.js (test double)", officeHost], ["ExcelJS (.xlsx saved and re-opened)", excelJsHost],
];

beforeAll(() => installExcelGlobals());
afterAll(() => uninstallExcelGlobals());

async function done<T extends { done: boolean }>(outcome: Promise<T>): Promise<Extract<T, { done: true }>> {
  const result = await outcome;
  if (!result.done) throw new Error(`Refused: ${JSON.stringify(result).slice(0, 500)}`);
  return result as Extract<T, { done: true }>;
}

/** Runs each write in turn and walks the workbook after each; returns every walk, named. */
async function walkEach(host: Host, writes: [string, () => Promise<unknown>][]): Promise<{ step: string; walk: LimitsWalk }[]> {
  const walks = [];
  for (const [step, write] of writes) {
    await write();
    walks.push({ step, walk: await host.walk() });
  }
  return walks;
}

const breachesOf = (walks: { step: string; walk: LimitsWalk }[]) => walks.map(({ step, walk }) => ({ step, breaches: walk.breaches.slice(0, 5) }));
const noBreaches = (walks: { step: string }[]) => walks.map(({ step }) => ({ step, breaches: [] }));

/** One cell as the port reads it back (table cells), by table, header and data row. */
async function tableCell(port: WorkbookPort, table: string, header: string, row: number): Promise<CellValue> {
  const t = (await port.read()).tables.find((x) => x.name === table)!;
  return t.rows[row][t.headers.indexOf(header)];
}

const DEFAULTS = { name: PLAN_NAME, year: "2014/15", currentQuarter: "Q3" as const };
const USER_HEADERS = ["Ref", "Theme", "Action", "Expected outcome", "Measure", "Responsible officer", "Agency", "Deadline", "Status", "Q1", "Q2", "Q3", "Q4", "Наши заметки"];
const USER_ROWS: CellValue[][] = [
  ["1.1", PRIORITY, ACTION, ACTION, "Number of calls down 10%", OFFICER, "St.Helens Council", new Date(Date.UTC(2015, 2, 31)), "At risk", "a", "b", UPDATE, null, REASON],
  ["1.2", "Serious acquisitive crime", "Deliver target hardening to 200 burgled homes", "Fewer repeat burglaries", "Number of homes", "ASB Coordinator", "St.Helens Council", new Date(Date.UTC(2015, 2, 31)), "On target", "a", "b", null, null, "😀"],
];

describe.each(HOSTS)("every write of a hostile plan stays within Excel's limits, %s", (_, makeHost) => {
  it("set-up, RAG refresh, summary, an officer's full-length update, summary again, sign-off", async () => {
    const host = makeHost();
    const walks = await walkEach(host, [
      ["set-up", () => done(setUpPlan(host.port, HOSTILE))],
      ["RAG refresh", () => done(refreshRag(host.port))],
      ["summary", () => done(buildSummary(host.port))],
      ["officer update", () => done(updateAction(host.port, {
        actionId: "1.2", leadOfficer: OFFICER, quarter: "Q3", status: "At risk", update: UPDATE, shown: { status: "On target", update: "" },
      }))],
      ["summary again", () => done(buildSummary(host.port))],
      ["sign-off", () => done(recordSignOff(host.port, { sheet: Q3_SUMMARY, name: SIGNER, role: "Chair, Responsible Authorities Group", date: "2015-01-20" }))],
    ]);
    expect(breachesOf(walks)).toEqual(noBreaches(walks));
    const last = walks[walks.length - 1].walk;
    // The walk met text at the limit (the plan's own cells), and the summary sheet was there to walk.
    expect(last.longest).toBe(MAX);
    expect(last.sheets).toContain(Q3_SUMMARY);
    // The plan keeps every update whole.
    // (compared as booleans: a failure would otherwise print 32,767 characters twice)
    expect(await tableCell(host.port, "ActionPlan", "Q3 update", 0) === UPDATE).toBe(true);
    expect(await tableCell(host.port, "ActionPlan", "Q3 update", 1) === UPDATE).toBe(true);
  });

  it("adopting a user's table full of long and non-Latin text, then a summary", async () => {
    const host = makeHost();
    host.userTable("Наш план", "Plan2014", USER_HEADERS, USER_ROWS);
    const walks = await walkEach(host, [
      ["adoption", async () => done(adoptPlan(host.port, (await previewAdoption(host.port, DEFAULTS))!, DEFAULTS))],
      ["summary", () => done(buildSummary(host.port))],
    ]);
    expect(breachesOf(walks)).toEqual(noBreaches(walks));
    expect(walks[1].walk.longest).toBe(MAX);
    expect(walks[1].walk.sheets).toEqual(["Наш план", "Lead Officers", "Priorities", "Plan Settings", Q3_SUMMARY, "Status History"]);
  });

  it("repairing a hostile plan without its Priorities table, then a summary", async () => {
    const host = makeHost();
    const [plan, officers, , settings] = planTables(HOSTILE);
    for (const spec of [plan, officers, settings]) host.userTable(spec.sheet, spec.name, spec.columns.map((c) => c.header), spec.rows);
    const walks = await walkEach(host, [
      ["repair", async () => done(adoptPlan(host.port, (await previewAdoption(host.port, DEFAULTS))!, DEFAULTS))],
      ["summary", () => done(buildSummary(host.port))],
    ]);
    expect(breachesOf(walks)).toEqual(noBreaches(walks));
    expect(walks[0].walk.sheets).toContain("Priorities");
  });
});

describe("what the summary sheet says when the plan fills a cell", () => {
  it("shortens composed cells with a visible … and leaves the plan's cells whole", async () => {
    const workbook = await memoryPlan(HOSTILE);
    await done(buildSummary(workbook));
    await done(recordSignOff(workbook, { sheet: Q3_SUMMARY, name: SIGNER, role: "Chair", date: "2015-01-20" }));
    const sheet = workbook.sheet(Q3_SUMMARY)!;
    const texts = [...sheet.cells.values()].map((c) => c.value).filter((v): v is string => typeof v === "string");
    const update = texts.find((t) => t.startsWith("Q3: Calls down"))!;
    expect(update).toHaveLength(MAX);
    expect(update.endsWith("…")).toBe(true);
    expect(texts.find((t) => t.startsWith("خطة"))!.endsWith("…")).toBe(true); // the title: plan name, year and quarter
    expect(texts.find((t) => t.startsWith("1. 家庭内"))!.endsWith("…")).toBe(true); // the narrative's priority heading
    // The chase list names what fits, then how many more: here one 20,000-character ID of three, and 1.2.
    const chase = texts.find((t) => t.startsWith("1.2, A."))!;
    expect(chase.length).toBeLessThanOrEqual(MAX);
    expect(chase).toMatch(/^1\.2, A\.[١٢٣]+ … and one more$/);
    const signOff = workbook.getCell(Q3_SUMMARY, SIGN_OFF_CELL.row, SIGN_OFF_CELL.column)!.value as string;
    expect(signOff.startsWith("Signed off by Jane Smith")).toBe(true);
    expect(signOff).toHaveLength(MAX);
    expect(signOff.endsWith("…")).toBe(true);
    expect((await tableCell(workbook, "ActionPlan", "Q3 update", 0)) === UPDATE).toBe(true); // 1.1's update, as it was
  });

  it("refuses to set up or adopt a plan value longer than a cell, naming it, and writes nothing", async () => {
    const tooLong = { ...HOSTILE, name: `${PLAN_NAME}x` };
    const workbook = new MemoryWorkbook();
    const outcome = await setUpPlan(workbook, tooLong);
    expect(outcome).toEqual({ done: false, reason: expect.stringContaining("'Plan Settings'!B2") });
    expect(workbook.sheets).toEqual([]);

    const adopting = new MemoryWorkbook();
    adopting.addTable("Our plan", "Plan2014", 2, 1, USER_HEADERS, [USER_ROWS[0].map((v) => (v === OFFICER ? `${OFFICER}x` : v))]);
    const before = JSON.stringify(adopting.dump());
    const proposal = (await previewAdoption(adopting, DEFAULTS))!;
    expect(proposal.blockers).toEqual([expect.stringContaining("'Lead Officers'!A2")]);
    expect((await adoptPlan(adopting, proposal, DEFAULTS)).done).toBe(false);
    expect(JSON.stringify(adopting.dump())).toBe(before);
  });
});

describe("the walk itself", () => {
  it("finds what Excel would repair, so a clean walk means something", async () => {
    const workbook = new MemoryWorkbook();
    workbook.setCell("Sheet1", 0, 0, "x".repeat(MAX + 1));
    workbook.setCell("Sheet1", 1, 0, "😀".slice(0, 1));
    workbook.setCell("Sheet1", EXCEL_LIMITS.rows, 0, "below the last row");
    workbook.addSheet("a".repeat(32));
    workbook.addTable("Sheet1", "A1", 5, 5, ["h"], [["v"]]);
    workbook.sheet("Sheet1")!.columnWidths = [300];
    expect(memoryWalk(workbook).breaches).toEqual([
      "'Sheet1': The table name \"A1\" reads as a cell reference.",
      "'Sheet1' column 1: width 300",
      `'Sheet1'!A1: ${MAX + 1} characters`,
      "'Sheet1'!A2: a surrogate pair cut in half",
      "'Sheet1'!A1048577: beyond Excel's last row or column",
      `The sheet name "${"a".repeat(32)}" is 32 characters; Excel allows at most 31.`,
    ]);

    const fake = createFakeExcel();
    fake.addSheet("Sheet1");
    fake.setValues("Sheet1", "C4", [["x".repeat(MAX + 1), "fine"]]);
    expect((await officeWalk(fake)).breaches).toEqual([`'Sheet1'!C4: ${MAX + 1} characters`]); // (the double itself refuses bad table names)

    const excel = ExcelJsWorkbook.empty();
    const sheet = excel.workbook.addWorksheet("Sheet1");
    sheet.getCell("B2").value = "x".repeat(MAX + 1);
    sheet.getColumn(3).width = 300;
    sheet.getCell("D1").dataValidation = { type: "list", allowBlank: true, formulae: [`"${"a,".repeat(200)}a"`] };
    expect((await fileWalk(await excel.toBuffer())).breaches).toEqual([
      "'Sheet1' column 3: width 300",
      `'Sheet1'!B2: ${MAX + 1} characters`,
      "'Sheet1'!D1: a list validation of 401 characters",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The command line: real files, re-opened
// ---------------------------------------------------------------------------------------------

describe("every file the command line writes stays within Excel's limits", () => {
  const temp = useTempDir();
  const said: string[] = [];
  const io: Io = { out: (t) => void said.push(t), err: (t) => void said.push(t), today: () => new Date(Date.UTC(2014, 10, 15)) };
  const cli = (...args: string[]) => main(args, io);
  const walkFile = async (file: string) => fileWalk(await fs.readFile(file));

  async function hostileFile(): Promise<string> {
    const file = temp.path("hostile.xlsx");
    const excel = ExcelJsWorkbook.empty();
    await done(setUpPlan(excel, HOSTILE));
    await fs.writeFile(file, await excel.toBuffer());
    return file;
  }

  it("init (a plan name as long as a cell), and init --sample", async () => {
    const blank = temp.path("blank.xlsx");
    expect(await cli("init", blank, "--name", PLAN_NAME)).toBe(0);
    const walk = await walkFile(blank);
    expect(walk.breaches).toEqual([]);
    expect(walk.longest).toBe(MAX);
    const sample = temp.path("sample.xlsx");
    expect(await cli("init", sample, "--sample")).toBe(0);
    expect((await walkFile(sample)).breaches).toEqual([]);
  });

  it("init refuses a plan name longer than a cell, and writes no file", async () => {
    const file = temp.path("too-long.xlsx");
    expect(await cli("init", file, "--name", `${PLAN_NAME}x`)).toBe(1);
    expect(said.join("\n")).toContain("Excel holds at most 32,767 characters in a cell");
    await expect(fs.stat(file)).rejects.toThrow();
  });

  it("summary in place, and summary --out, on a hostile plan", async () => {
    const file = await hostileFile();
    const out = temp.path("hostile-q3.xlsx");
    expect(await cli("summary", file, "--quarter", "Q3", "--out", out)).toBe(0);
    expect(await cli("summary", file, "--quarter", "Q3")).toBe(0);
    for (const written of [out, file]) {
      const walk = await walkFile(written);
      expect({ written, breaches: walk.breaches }).toEqual({ written, breaches: [] });
      expect(walk.sheets).toContain(Q3_SUMMARY);
      expect(walk.longest).toBe(MAX);
    }
  });

  it("demo", async () => {
    expect(await cli("demo", temp.path("demo"))).toBe(0);
    const walk = await walkFile(temp.path("demo", "sample-plan.xlsx"));
    expect(walk.breaches).toEqual([]);
    expect(walk.sheets).toContain(Q3_SUMMARY);
  });
});

// ---------------------------------------------------------------------------------------------
// Long lists in messages
// ---------------------------------------------------------------------------------------------

describe("messages about a 10,000-action plan", () => {
  /** Long enough for any one finding about one action; far short of a list of hundreds of IDs. */
  const BOUND = 600;

  it("quote at most 100 characters of a person's text, however long the cell", async () => {
    const word = exactly(MAX, "Ωμέγα");
    const workbook = await memoryPlan({
      ...HOSTILE,
      actions: [
        hostile({ id: longId("E"), action: word, measure: exactly(MAX, "Ωμέγα σίγμα "), leadAgency: exactly(MAX, "Агентство "), targetDate: exactly(MAX, "end of March ") }),
        hostile({ id: "1.2", status: exactly(MAX, "In progress ") as SeedAction["status"] }),
      ],
    });
    const check = await checkPlan(workbook);
    const rules = new Set(check.findings.map((f) => f.rule));
    for (const rule of ["smart.specific.too-short", "smart.measurable.not-quantifiable", "smart.assignable.agency-mismatch", "smart.timely.not-a-date", "structure.unknown-status", "structure.id-format"]) {
      expect([rule, rules.has(rule)]).toEqual([rule, true]);
    }
    expect(check.findings.filter((f) => f.message.length > BOUND).map((f) => f.rule)).toEqual([]);
    expect(findingLines(check.findings).filter((line) => line.length > BOUND + 100)).toEqual([]); // the CLI's lines, with the action's ID
    expect(check.findings.find((f) => f.rule === "smart.specific.too-short")!.message).toContain(`"${word.slice(0, 99)}…"`);
  });

  it("name at most ten actions, then say how many more, and no message or summary cell runs on", async () => {
    const seed = scaledPlan(10_000);
    const workbook = await memoryPlan(seed);
    const check = await checkPlan(workbook);
    const longest = Math.max(...check.findings.map((f) => f.message.length));
    expect(longest).toBeLessThanOrEqual(BOUND);
    expect(Math.max(...findingLines(check.findings).map((l) => l.length))).toBeLessThanOrEqual(BOUND + 100);

    const overloaded = check.findings.filter((f) => f.rule === "smart.assignable.overloaded");
    expect(overloaded.length).toBeGreaterThan(0);
    for (const f of overloaded) {
      const leads = Number(/leads (\d+) open actions/.exec(f.message)![1]);
      expect(leads).toBeGreaterThan(10);
      expect(f.message).toContain(`… and ${leads - 10} more.`);
      expect(f.message.match(/\d+\.\d+/g)).toHaveLength(10);
    }

    const summary = await done(buildSummary(workbook));
    const removed = seed.actions.filter((a) => a.status === "Removed").length;
    expect(removed).toBeGreaterThan(10);
    const sentences = [...summary.report.narrative.overall, ...summary.report.narrative.priorities.flatMap((p) => p.sentences)];
    expect(Math.max(...sentences.map((s) => s.length))).toBeLessThanOrEqual(BOUND);
    expect(sentences.some((s) => /… and \d+ more\)/.test(s))).toBe(true);
    expect(memoryWalk(workbook).breaches).toEqual([]);
  });
});
