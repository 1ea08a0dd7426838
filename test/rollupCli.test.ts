/**
 * `csp-plan rollup` (issue 15, the county roll-up): generated plans plus a damaged file give a workbook and
 * JSON whose plan rows are each plan's own summary figures, whose Overall row is their sum, and which name
 * the damaged file with why; one bad file never stops the others; exit 1 when any file failed.
 */
import { existsSync, promises as fs } from "node:fs";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { checkSnapshot } from "../src/domain/check";
import { STATUSES } from "../src/domain/contract";
import { computeFigures, formatPercent, percentTenths, rateAll } from "../src/domain/figures";
import { PlanSeed } from "../src/domain/planSeed";
import { RAG_RATINGS } from "../src/domain/rag";
import { ROLLUP_HEADERS } from "../src/domain/rollupSheet";
import { setUpPlan } from "../src/usecases/setUpPlan";
import { runCli } from "./support/cliRun";
import { planSeedArb } from "./support/planArbitrary";
import { savedByLibreOffice } from "./support/libreOffice";
import { snapshotOf } from "./support/planFixture";
import { useTempDir } from "./support/tempDir";
import { corpusFileName } from "./corpus/generate";
import { CORPUS_KINDS } from "./corpus/kinds";

const TODAY = new Date(Date.UTC(2026, 11, 1));
const cli = (...args: string[]) => runCli(args, TODAY);
const temp = useTempDir("csp-plan-rollup-");

async function writePlan(file: string, seed: PlanSeed): Promise<void> {
  const workbook = ExcelJsWorkbook.empty();
  const outcome = await setUpPlan(workbook, seed);
  if (!outcome.done) throw new Error(outcome.reason);
  await fs.writeFile(file, await workbook.toBuffer());
}

/** What each plan's own summary says, from its seed: undefined where its structure stops a summary. */
function expectedFigures(seed: PlanSeed) {
  const check = checkSnapshot(snapshotOf(seed));
  if (!check.writable || !check.period) return undefined;
  return computeFigures(check.plan, rateAll(check.plan, check.period)).overall;
}

interface JsonRow { file: string; planName: string; year: string; quarter: string; expected: number; counts: Record<string, number>; rag: Record<string, number>; indicatorRag: Record<string, number>; percentCompleteTenths: number }

describe("csp-plan rollup", () => {
  it("rolls up 50 generated plans plus a damaged file: rows are each plan's figures, Overall is their sum, the damaged file is named", async () => {
    const seeds = fc.sample(planSeedArb(20), { numRuns: 50, seed: 15 });
    const files: string[] = [];
    for (const [i, seed] of seeds.entries()) {
      files.push(temp.path(`plan-${String(i + 1).padStart(2, "0")}.xlsx`));
      await writePlan(files[i], seed);
    }
    // A damaged file in the middle: a plan cut short, as an interrupted copy leaves it.
    const damaged = temp.path("damaged.xlsx");
    const whole = await fs.readFile(files[0]);
    await fs.writeFile(damaged, whole.subarray(0, Math.floor(whole.length / 2)));
    const args = [...files.slice(0, 4), damaged, ...files.slice(4)];
    expect(args).toHaveLength(51);
    const out = temp.path("county.xlsx");

    const run = await cli("rollup", ...args, "--out", out, "--json");
    expect(run.code).toBe(1);
    expect(run.err).toContain(`Reading 5 of ${args.length}: ${damaged}`);
    expect(run.err).toContain(`Reading ${args.length} of ${args.length}: ${files[49]}`);
    const json = JSON.parse(run.out) as { plans: JsonRow[]; overall: JsonRow & { plans: number }; failed: { file: string; reason: string }[] };

    const expected = seeds.map(expectedFigures);
    const readable = files.filter((_, i) => expected[i] !== undefined);
    expect(readable.length).toBeGreaterThan(25);
    expect(json.plans.map((p) => p.file)).toEqual(readable);
    expect(json.failed.map((f) => f.file)).toEqual(args.filter((f) => f === damaged || !readable.includes(f)));
    // The reason in check's words, without the file name the Not read table already shows beside it.
    expect(json.failed.find((f) => f.file === damaged)?.reason).toMatch(/^This workbook file is damaged or incomplete/);
    for (const plan of json.plans) {
      const i = files.indexOf(plan.file);
      const figures = expected[i]!;
      expect([plan.planName, plan.year, plan.quarter]).toEqual([checkSnapshot(snapshotOf(seeds[i])).plan.settings.name, seeds[i].year, seeds[i].currentQuarter]);
      expect(plan.expected).toBe(figures.expected);
      expect(plan.counts).toEqual(figures.counts);
      expect(plan.rag).toEqual(figures.rag);
      expect(plan.percentCompleteTenths).toBe(figures.percentTenths.Complete);
      expect(plan.indicatorRag).toEqual({ Green: 0, Amber: 0, Red: 0, Grey: 0 });
    }
    // The Overall row is the sum of the plan rows, % complete from the sums.
    const sum = (pick: (r: JsonRow) => number) => json.plans.reduce((n, r) => n + pick(r), 0);
    expect(json.overall.plans).toBe(json.plans.length);
    expect(json.overall.expected).toBe(sum((r) => r.expected));
    for (const s of STATUSES) expect(json.overall.counts[s]).toBe(sum((r) => r.counts[s]));
    for (const r of RAG_RATINGS) expect(json.overall.rag[r]).toBe(sum((row) => row.rag[r]));
    expect(json.overall.percentCompleteTenths).toBe(percentTenths(json.overall.counts.Complete, json.overall.expected));

    // The workbook: the Rollup table a row per plan, the Overall row below it, the damaged file on Not read.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet("Roll-up")!;
    expect(sheet.getCell("A1").value).toBe("Community safety plans: roll-up at 1 December 2026");
    const table = sheet.getTable("Rollup") as unknown as { table: { tableRef: string; columns: { name: string }[] } };
    expect(table.table.columns.map((c) => c.name)).toEqual(ROLLUP_HEADERS);
    expect(table.table.tableRef).toMatch(new RegExp(`^A4:[A-Z]+${4 + json.plans.length}$`));
    const overallRow = sheet.getRow(5 + json.plans.length);
    expect(overallRow.getCell(1).value).toBe("Overall");
    expect(overallRow.getCell(ROLLUP_HEADERS.indexOf("Expected outcomes") + 1).value).toBe(json.overall.expected);
    expect(overallRow.getCell(ROLLUP_HEADERS.indexOf("Complete") + 1).value).toBe(json.overall.counts.Complete);
    const notRead = book.getWorksheet("Not read")!;
    const listed = notRead.getColumn(1).values.slice(4);
    expect(listed).toContain(damaged);

    // LibreOffice Calc opens it and keeps the table, its header row and every plan's row.
    const resaved = await ExcelJsWorkbook.load(savedByLibreOffice(await fs.readFile(out)));
    const rollup = (await resaved.read()).tables.find((t) => t.name === "Rollup");
    expect(rollup?.headers).toEqual(ROLLUP_HEADERS);
    expect(rollup?.rows.map((r) => r[0])).toEqual(json.plans.map((p) => p.file));
  }, 120_000);

  it("says what it wrote in words, exits 0 when every file was read, and never overwrites --out", async () => {
    const seed = fc.sample(planSeedArb(10).filter((s) => expectedFigures(s) !== undefined), { numRuns: 1, seed: 3 })[0];
    const file = temp.path("one.xlsx");
    await writePlan(file, seed);
    const out = temp.path("county.xlsx");
    const run = await cli("rollup", file, "--out", out);
    expect(run.code).toBe(0);
    const figures = expectedFigures(seed)!;
    expect(run.out).toContain(`Wrote ${out}: 1 plan, ${figures.expected} actions, ${figures.counts.Complete} complete (${formatPercent(figures.percentTenths.Complete)})`);
    const again = await cli("rollup", file, "--out", out);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);
    expect(again.err).not.toMatch(/Reading/);
    const noFolder = await cli("rollup", file, "--out", temp.path("nowhere", "county.xlsx"));
    expect([noFolder.code, noFolder.err]).toEqual([1, expect.stringMatching(/was not written: there is no folder/)]);
    expect(noFolder.err).not.toMatch(/Reading/);
  });

  it("figures every plan for --quarter when given, and for each plan's own current quarter otherwise", async () => {
    const seeds = fc.sample(planSeedArb(15).filter((s) => expectedFigures(s) !== undefined), { numRuns: 3, seed: 21 });
    const files = seeds.map((_, i) => temp.path(`q-${i}.xlsx`));
    for (const [i, seed] of seeds.entries()) await writePlan(files[i], seed);
    const own = JSON.parse((await cli("rollup", ...files, "--out", temp.path("own.xlsx"), "--json")).out) as { plans: JsonRow[] };
    expect(own.plans.map((p) => p.quarter)).toEqual(seeds.map((s) => s.currentQuarter));
    const twice = await cli("rollup", files[0], ...files, "--out", temp.path("twice.xlsx"), "--json");
    expect(twice.err).toContain("One file was named more than once (or through a link): each is read and counted once.");
    expect((JSON.parse(twice.out) as { plans: JsonRow[] }).plans.map((p) => p.file)).toEqual(files);
    // A link to a plan is the plan itself: counted once.
    const link = temp.path("link-to-q-0.xlsx");
    await fs.symlink(files[0], link);
    const linked = await cli("rollup", ...files, link, "--out", temp.path("linked.xlsx"), "--json");
    expect(linked.err).toContain("One file was named more than once (or through a link)");
    expect((JSON.parse(linked.out) as { plans: JsonRow[] }).plans.map((p) => p.file)).toEqual(files);
    const q4 = JSON.parse((await cli("rollup", ...files, "--out", temp.path("q4.xlsx"), "--quarter", "Q4", "--json")).out) as { plans: JsonRow[] };
    expect(q4.plans.map((p) => p.quarter)).toEqual(["Q4", "Q4", "Q4"]);
    for (const [i, plan] of q4.plans.entries()) {
      const check = checkSnapshot(snapshotOf(seeds[i]), { quarter: "Q4" });
      expect(plan.rag).toEqual(computeFigures(check.plan, rateAll(check.plan, check.period!)).overall.rag);
    }
  });

  it("lists a missing file and a file that is not a workbook with the other commands' words", async () => {
    const text = temp.path("export.xlsx");
    await fs.writeFile(text, "ID,Action\n1.1,Something\n");
    const missing = temp.path("missing.xlsx");
    const out = temp.path("county.xlsx");
    const run = await cli("rollup", missing, text, "--out", out, "--json");
    expect(run.code).toBe(1);
    const json = JSON.parse(run.out) as { plans: unknown[]; failed: { file: string; reason: string }[] };
    expect(json.plans).toEqual([]);
    const check = await cli("check", text);
    expect(json.failed).toEqual([
      { file: missing, reason: `There is no file at ${missing}.` },
      { file: text, reason: check.err.replace(/^csp-plan check: /, "").replace(`${text}: `, "") },
    ]);
    expect(existsSync(out)).toBe(true);
  });

  it("refuses usage slips with exit 2 and writes nothing", async () => {
    const out = temp.path("county.xlsx");
    expect((await cli("rollup", "--out", out)).code).toBe(2);
    expect((await cli("rollup", "a.xlsx")).code).toBe(2);
    expect((await cli("rollup", "a.xlsx", "--out", temp.path("county.csv"))).code).toBe(2);
    expect((await cli("rollup", "a.xlsx", "--out", out, "--quarter", "Q5")).code).toBe(2);
    expect((await cli("rollup", out, "--out", out)).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it("takes every damaged-file kind of the corpus in its stride: a row where summary would figure it, else its reason", async () => {
    const files: string[] = [];
    for (const kind of CORPUS_KINDS) {
      files.push(temp.path(corpusFileName(kind)));
      await fs.writeFile(files[files.length - 1], await kind.build());
    }
    const good = temp.path("good.xlsx");
    await writePlan(good, fc.sample(planSeedArb(10).filter((s) => expectedFigures(s) !== undefined), { numRuns: 1, seed: 7 })[0]);
    const out = temp.path("county.xlsx");
    const run = await cli("rollup", ...files, good, "--out", out, "--json");
    expect(run.code).toBe(1);
    const json = JSON.parse(run.out) as { plans: { file: string }[]; failed: { file: string; reason: string }[] };
    expect(json.plans.map((p) => p.file)).toContain(good);
    CORPUS_KINDS.forEach((kind, i) => {
      const failure = json.failed.find((f) => f.file === files[i]);
      const row = json.plans.find((p) => p.file === files[i]);
      expect([kind.id, Boolean(failure) !== Boolean(row)]).toEqual([kind.id, true]);
      if (kind.summary.out === "refused") {
        expect([kind.id, failure?.reason]).toEqual([kind.id, expect.stringMatching(kind.summary.exit === 2 ? kind.summary.message : /structure error/)]);
      }
      expect(failure?.reason ?? "").not.toMatch(/not your doing/);
    });
  });
});
