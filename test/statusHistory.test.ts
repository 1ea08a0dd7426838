/**
 * Status History (issue 14) on the three hosts a plan is kept in: the add-in (Office.js on the test double),
 * the preview (in memory) and the command line (`csp-plan summary` on an .xlsx file, the file host).
 * Building Q1, Q2 and Q3 in turn leaves three quarters of history; rebuilding Q2 changes only Q2's rows.
 */
import fc from "fast-check";
import { MemoryWorkbook } from "../src/adapters/memory/memoryWorkbook";
import { OfficeWorkbook } from "../src/adapters/office/officeWorkbook";
import { openPlanFile } from "../src/adapters/xlsx/planFile";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { cellText } from "../src/domain/cells";
import { checkSnapshot } from "../src/domain/check";
import { Quarter, STATUS_HISTORY } from "../src/domain/contract";
import { readHistory } from "../src/domain/history";
import { SAMPLE_PLAN } from "../src/domain/sample/samplePlan";
import { findTable, WorkbookSnapshot } from "../src/domain/snapshot";
import { Io } from "../src/cli/io";
import { main } from "../src/cli/main";
import { WorkbookPort } from "../src/port/workbookPort";
import { buildSummary } from "../src/usecases/buildSummary";
import { setUpPlan } from "../src/usecases/setUpPlan";
import { createFakeExcel, installExcelGlobals, uninstallExcelGlobals } from "./support/fakeExcel";
import { planSeedArb } from "./support/planArbitrary";
import { memoryPlan } from "./support/planFixture";
import { useTempDir } from "./support/tempDir";
import { promises as fs } from "node:fs";
import { strFromU8, unzipSync } from "fflate";

beforeAll(() => installExcelGlobals());
afterAll(() => uninstallExcelGlobals());

const temp = useTempDir("csp-plan-history-");

/** One host as a use-case sees it: build a quarter's summary, and read the workbook back. */
interface Host {
  build(quarter: Quarter, asOf?: string): Promise<void>;
  read(): Promise<WorkbookSnapshot>;
}

async function viaPort(port: WorkbookPort): Promise<Host> {
  const setUp = await setUpPlan(port, SAMPLE_PLAN);
  if (!setUp.done) throw new Error(setUp.reason);
  return {
    async build(quarter, asOf) {
      const outcome = await buildSummary(port, { quarter, ...(asOf ? { asOf } : {}), today: "2015-01-20" });
      if (!outcome.done) throw new Error(outcome.reason);
    },
    read: () => port.read(),
  };
}

/** The sample plan as an .xlsx file, as `csp-plan init --sample` makes it. */
async function samplePlanFile(name: string): Promise<string> {
  const file = temp.path(name);
  const workbook = ExcelJsWorkbook.empty();
  const setUp = await setUpPlan(workbook, SAMPLE_PLAN);
  if (!setUp.done) throw new Error(setUp.reason);
  await fs.writeFile(file, await workbook.toBuffer());
  return file;
}

async function viaCommandLine(): Promise<Host> {
  const file = await samplePlanFile(`plan-${Math.random().toString(36).slice(2)}.xlsx`);
  const io: Io = { out: () => undefined, err: () => undefined, today: () => new Date(2015, 0, 20) };
  return {
    async build(quarter, asOf) {
      const code = await main(["summary", file, "--quarter", quarter, ...(asOf ? ["--as-of", asOf] : [])], io);
      if (code !== 0) throw new Error(`csp-plan summary ${quarter} exited ${code}`);
    },
    read: async () => (await openPlanFile(file)).workbook.read(),
  };
}

const HOSTS: readonly [string, () => Promise<Host>][] = [
  ["the add-in (Office.js)", () => viaPort(new OfficeWorkbook(createFakeExcel().run))],
  ["the preview (in memory)", () => viaPort(new MemoryWorkbook())],
  ["the command line (file host)", viaCommandLine],
];

const rowsOf = (snapshot: WorkbookSnapshot, quarter: Quarter) => {
  const table = findTable(snapshot, STATUS_HISTORY.table)!;
  return table.rows.filter((r) => r[0] === quarter);
};

describe.each(HOSTS)("Status History in %s", (_name, makeHost) => {
  it("records Q1, Q2 and Q3 in turn, and rebuilding Q2 changes only Q2's rows", async () => {
    const host = await makeHost();
    for (const quarter of ["Q1", "Q2", "Q3"] as const) await host.build(quarter);
    const built = await host.read();
    const table = findTable(built, STATUS_HISTORY.table)!;
    expect(table.sheet).toBe(STATUS_HISTORY.sheet);
    expect(table.headers).toEqual(["Quarter", "Year", "ID", "Status", "RAG", "Reason", "Recorded on"]);
    const actions = SAMPLE_PLAN.actions.length;
    expect(table.rows).toHaveLength(3 * actions);
    expect(table.rows.map((r) => r[0])).toEqual([...Array(actions).fill("Q1"), ...Array(actions).fill("Q2"), ...Array(actions).fill("Q3")]);
    const history = readHistory(built)!;
    expect(history.records.every((r) => r && r.recordedOn === "2015-01-20" && r.year.startYear === 2014)).toBe(true);

    // Q2 again, as of a later day: its ratings change (targets now past), the other quarters' rows do not.
    await host.build("Q2", "2015-03-31");
    const rebuilt = await host.read();
    expect(rowsOf(rebuilt, "Q1")).toEqual(rowsOf(built, "Q1"));
    expect(rowsOf(rebuilt, "Q3")).toEqual(rowsOf(built, "Q3"));
    expect(rowsOf(rebuilt, "Q2")).toHaveLength(actions);
    expect(rowsOf(rebuilt, "Q2")).not.toEqual(rowsOf(built, "Q2"));
    expect(findTable(rebuilt, STATUS_HISTORY.table)!.rows.map((r) => r[0]).slice(actions, 2 * actions)).toEqual(Array(actions).fill("Q2"));
  });
});

describe("Status History, property", () => {
  it("the rows recorded for a quarter always equal that quarter's RAG column, action for action", async () => {
    let built = 0;
    await fc.assert(
      fc.asyncProperty(planSeedArb(30), fc.constantFrom<Quarter>("Q1", "Q2", "Q3", "Q4"), async (seed, quarter) => {
        const workbook = await memoryPlan(seed);
        const outcome = await buildSummary(workbook, { quarter, today: "2015-01-20" });
        if (!outcome.done) return;
        built += 1;
        const snapshot = await workbook.read();
        const plan = checkSnapshot(snapshot).plan;
        const ragColumn = plan.actionTable!.columns.rag!;
        const expected = plan.actions.filter((a) => a.id.trim() !== "").map((a) => [a.id.trim(), cellText(a.values[ragColumn])]);
        const recorded = readHistory(snapshot)!.records.filter((r) => r?.quarter === quarter).map((r) => [r!.id, r!.rag ?? ""]);
        expect(recorded).toEqual(expected);
      }),
      { numRuns: 30 },
    );
    // Generated plans are valid, so every run built its summary: the property was tested, not skipped.
    expect(built).toBe(30);
  });
});


describe("csp-plan summary --json, movement", () => {
  it("gives the movement since the previous recorded quarter, or since null on the first build", async () => {
    const file = await samplePlanFile("json-plan.xlsx");
    const out: string[] = [];
    const io: Io = { out: (t) => out.push(t), err: () => undefined, today: () => new Date(2015, 0, 20) };
    expect(await main(["summary", file, "--quarter", "Q2", "--json"], io)).toBe(0);
    const first = JSON.parse(out.pop()!);
    expect(first.movement.since).toBeNull();
    expect(first.movement.sentences).toEqual(["No quarter before Q2 2014/15 is recorded in Status History, so there is no movement to report yet."]);
    expect(await main(["summary", file, "--quarter", "Q3", "--json"], io)).toBe(0);
    const second = JSON.parse(out.pop()!);
    expect(second.movement.since).toEqual({ year: "2014/15", quarter: "Q2" });
    expect(second.movement.sentences[0]).toMatch(/^Since Q2, /);
    for (const key of ["worsened", "improved", "reopened", "completed", "removed", "noUpdateForTwoQuarters"]) expect(Array.isArray(second.movement[key])).toBe(true);
    expect(second.carried).toBeUndefined();
  });
});

describe("the file host adding two sheets in one change set (the first summary and Status History)", () => {
  it("gives each its own sheetId, relationship, part and print titles", async () => {
    const file = await samplePlanFile("two-sheets.xlsx");
    const io: Io = { out: () => undefined, err: () => undefined, today: () => new Date(2015, 0, 20) };
    expect(await main(["summary", file, "--quarter", "Q3"], io)).toBe(0);
    const xml = strFromU8(unzipSync(new Uint8Array(await fs.readFile(file)))["xl/workbook.xml"]);
    const attribute = (element: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
    const sheets = [...xml.matchAll(/<sheet\b[^>]*>/g)].map(([e]) => ({ name: attribute(e, "name"), id: attribute(e, "sheetId"), rel: attribute(e, "r:id") }));
    expect(sheets.map((s) => s.name)).toEqual(["Action Plan", "Lead Officers", "Priorities", "Plan Settings", "Indicators", "Q3 2014-15 Summary", "Status History"]);
    expect(new Set(sheets.map((s) => s.id)).size).toBe(sheets.length);
    expect(new Set(sheets.map((s) => s.rel)).size).toBe(sheets.length);
    const titles = [...xml.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)</g)].map((m) => [Number(m[1]), m[2]]);
    const at = (name: string) => sheets.findIndex((s) => s.name === name);
    expect(titles).toEqual(expect.arrayContaining([
      [at("Q3 2014-15 Summary"), expect.stringContaining("'Q3 2014-15 Summary'!")],
      [at("Status History"), expect.stringContaining("'Status History'!")],
    ]));
    expect(new Set(titles.map((t) => t[0])).size).toBe(titles.length);
  });
});
