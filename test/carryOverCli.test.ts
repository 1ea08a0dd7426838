/**
 * `csp-plan carry-over` (issue 14, year-end carry-over): the sample plan gives a valid 2015/16 plan (no
 * structure errors) with exactly the open actions, each with its old ID and `Carried from`; the original
 * file stays byte-identical; an existing --out is never overwritten; wrong years and broken plans are refused.
 */
import { createHash } from "node:crypto";
import { existsSync, promises as fs } from "node:fs";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { openPlanFile } from "../src/adapters/xlsx/planFile";
import { checkSnapshot } from "../src/domain/check";
import { PLAN_SETTINGS } from "../src/domain/contract";
import { blockingFindings } from "../src/domain/findings";
import { SAMPLE_PLAN } from "../src/domain/sample/samplePlan";
import { setUpPlan } from "../src/usecases/setUpPlan";
import { seedWith } from "./support/planFixture";
import { runCli } from "./support/cliRun";
import { useTempDir } from "./support/tempDir";

/** Runs `csp-plan ARGS` in-process (test/support/cliRun.ts). */
const cli = (...args: string[]) => runCli(args, new Date(Date.UTC(2015, 2, 20)));

async function sha256(file: string): Promise<string> {
  return createHash("sha256").update(await fs.readFile(file)).digest("hex");
}

const OPEN = SAMPLE_PLAN.actions.filter((a) => a.status !== "Complete" && a.status !== "Removed").map((a) => a.id);
const temp = useTempDir("csp-plan-carry-");

async function samplePlanFile(): Promise<string> {
  const file = temp.path("plan.xlsx");
  expect((await cli("init", file, "--sample")).code).toBe(0);
  return file;
}

describe("csp-plan carry-over", () => {
  it("gives a valid 2015/16 plan with exactly the open actions, each with its old ID; the original is byte-identical", async () => {
    const file = await samplePlanFile();
    const before = await sha256(file);
    const next = temp.path("next.xlsx");
    const run = await cli("carry-over", file, "--to", "2015/16", "--out", next);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(await sha256(file)).toBe(before);
    expect(run.out).toContain(`30 actions carried from 2014/15`);
    expect(run.out).toContain(`Carried: ${OPEN.join(", ")}.`);
    expect(run.out).toMatch(/Left, complete \(15\): /);
    expect(run.out).toMatch(/Left, removed \(3\): /);

    const check = checkSnapshot(await (await openPlanFile(next)).workbook.read());
    expect(blockingFindings(check.findings)).toEqual([]);
    expect(check.writable).toBe(true);
    expect([check.plan.settings.name, check.plan.settings.yearText, check.plan.settings.quarterText]).toEqual([SAMPLE_PLAN.name, "2015/16", "Q1"]);
    expect(check.plan.actions.map((a) => a.id)).toEqual(OPEN);
    expect(new Set(check.plan.actions.map((a) => a.status))).toEqual(new Set(["Not started"]));
    for (const a of check.plan.actions) expect([a.updates.Q1, a.updates.Q2, a.updates.Q3, a.updates.Q4]).toEqual(["", "", "", ""]);
    const table = check.plan.actionTable!.table;
    expect(table.rows.map((r) => r[table.headers.indexOf("Carried from")])).toEqual(OPEN.map((id) => `${id} (2014/15)`));
    expect(check.plan.officers).toHaveLength(SAMPLE_PLAN.officers.length);
    expect(check.plan.priorities.map((p) => p.name)).toEqual(SAMPLE_PLAN.priorities.map((p) => p.name));
  });

  it("keeps statuses with --keep-status, defaults --to to the next year, and prints JSON with --json", async () => {
    const file = await samplePlanFile();
    const next = temp.path("next.xlsx");
    const run = await cli("carry-over", file, "--out", next, "--keep-status", "--json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out) as { to: string; carried: { id: string; carriedFrom: string; status: string }[]; left: { id: string; reason: string }[] };
    expect(json.to).toBe("2015/16");
    expect(json.carried.map((c) => c.id)).toEqual(OPEN);
    expect(json.carried.map((c) => c.status)).toEqual(SAMPLE_PLAN.actions.filter((a) => OPEN.includes(a.id)).map((a) => a.status));
    expect(json.left).toHaveLength(18);
  });

  it("refuses a year not later than the plan's, an existing --out, a non-.xlsx --out and a plan with structure errors, writing nothing", async () => {
    const file = await samplePlanFile();
    const before = await sha256(file);
    const next = temp.path("next.xlsx");
    const sameYear = await cli("carry-over", file, "--to", "2014/15", "--out", next);
    expect(sameYear.code).toBe(1);
    expect(sameYear.err).toContain("must come after this plan's 2014/15");
    expect(existsSync(next)).toBe(false);

    expect((await cli("carry-over", file, "--to", "2015", "--out", next)).code).toBe(2);
    expect((await cli("carry-over", file, "--out", temp.path("next.csv"))).code).toBe(2);
    expect((await cli("carry-over", file)).code).toBe(2);

    await fs.writeFile(next, "already here");
    const exists = await cli("carry-over", file, "--out", next);
    expect(exists.code).toBe(1);
    expect(exists.err).toContain("already exists");
    expect(await fs.readFile(next, "utf8")).toBe("already here");
    expect(await sha256(file)).toBe(before);

    // A plan whose Plan Settings table is missing: a structure error.
    const broken = ExcelJsWorkbook.empty();
    const outcome = await setUpPlan(broken, seedWith([{}]));
    expect(outcome.done).toBe(true);
    broken.workbook.removeWorksheet(broken.workbook.getWorksheet(PLAN_SETTINGS.sheet)!.id);
    const brokenFile = temp.path("broken.xlsx");
    await fs.writeFile(brokenFile, await broken.toBuffer());
    const refused = await cli("carry-over", brokenFile, "--out", temp.path("next2.xlsx"));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("structure error");
    expect(existsSync(temp.path("next2.xlsx"))).toBe(false);
  });
});
