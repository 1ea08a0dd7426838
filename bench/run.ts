/* npm run bench [-- --json] [-- --quick] [-- --only rollup]: engine, command line, Office round trips and bundle size. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { createFakeExcel, installExcelGlobals } from "../test/support/fakeExcel";
import { snapshotOf } from "../test/support/planFixture";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { OfficeWorkbook } from "../src/adapters/office/officeWorkbook";
import { checkSnapshot } from "../src/domain/check";
import { scaledPlan } from "../src/domain/sample/scaledPlan";
import { buildSummaryReport } from "../src/domain/summary";
import { summarySheet } from "../src/domain/summarySheet";
import { buildSummary } from "../src/usecases/buildSummary";
import { checkPlan } from "../src/usecases/checkPlan";
import { setUpPlan } from "../src/usecases/setUpPlan";
import { proposeSheetAdoption } from "../src/domain/sheetAdoption/proposeSheetAdoption";
import { layoutCells, layoutFile } from "./adoptSheet";
import { withWholeColumnDropdowns } from "./wholeColumn";
import { median, runNode, timeMs } from "./measure";

const root = path.join(__dirname, "..", "..");
const json = process.argv.includes("--json");
const quick = process.argv.includes("--quick");
const say = (text: string) => (json ? process.stderr : process.stdout).write(`${text}\n`);

function engine(sizes: number[]) {
  return sizes.map((actions) => {
    const snapshot = snapshotOf(scaledPlan(actions));
    const runs = actions >= 10_000 ? 5 : 9;
    const times = Array.from({ length: runs }, () =>
      timeMs(() => {
        const check = checkSnapshot(snapshot);
        summarySheet(buildSummaryReport(check.plan, check.period!));
      }));
    return { actions, ms: Math.round(median(times) * 10) / 10 };
  });
}

async function planFile(dir: string, actions: number): Promise<string> {
  const workbook = ExcelJsWorkbook.empty();
  await setUpPlan(workbook, scaledPlan(actions));
  const file = path.join(dir, `plan-${actions}.xlsx`);
  writeFileSync(file, await workbook.toBuffer());
  return file;
}

async function cli(sizes: number[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "csp-bench-"));
  try {
    const results = [];
    for (const actions of sizes) {
      const file = await planFile(dir, actions);
      const runs = actions >= 50_000 ? 1 : 3;
      const floor: number[] = [];
      const command: { ms: number; peakRssMb: number }[] = [];
      for (let i = 0; i < runs; i++) {
        const out = path.join(dir, `out-${actions}-${i}.xlsx`);
        floor.push(runNode([path.join(__dirname, "floor.js"), file, path.join(dir, `floor-${actions}-${i}.xlsx`)]).ms);
        command.push(runNode([path.join(root, "bin", "csp-plan.js"), "summary", file, "--quarter", "Q3", "--out", out]));
      }
      const ms = median(command.map((c) => c.ms));
      const floorMs = median(floor);
      results.push({
        actions, ms: Math.round(ms), floorMs: Math.round(floorMs), ratio: Math.round((ms / floorMs) * 100) / 100,
        peakRssMb: Math.round(Math.max(...command.map((c) => c.peakRssMb))),
      });
      say(`  cli ${actions}: ${Math.round(ms)} ms (floor ${Math.round(floorMs)} ms)`);
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function office(sizes: number[]) {
  installExcelGlobals();
  const results = [];
  for (const actions of sizes) {
    const fake = createFakeExcel();
    fake.addSheet("Sheet1");
    const workbook = new OfficeWorkbook(fake.run);
    await setUpPlan(workbook, scaledPlan(actions));
    for (const [useCase, run] of [["check", () => checkPlan(workbook)], ["summary", () => buildSummary(workbook)]] as const) {
      fake.resetCounters();
      await run();
      results.push({ useCase, actions, syncs: fake.syncCount, maxRequestBytes: Math.max(...fake.requestBytes), maxResponseBytes: Math.max(...fake.responseBytes) });
    }
  }
  return results;
}

/**
 * Reading a plan whose drop-downs cover whole columns against reading the same plan plain (issue 12): the file
 * host never expands a declared range into cells, so the two should cost the same.
 */
async function wholeColumn(sizes: number[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "csp-bench-whole-"));
  try {
    const results = [];
    for (const actions of sizes) {
      const plain = await planFile(dir, actions);
      const whole = path.join(dir, `whole-${actions}.xlsx`);
      writeFileSync(whole, await withWholeColumnDropdowns(readFileSync(plain)));
      const runs = 3;
      const check = (file: string) => Array.from({ length: runs }, () => runNode([path.join(root, "bin", "csp-plan.js"), "check", file, "--quarter", "Q3", "--json"], [0, 1]));
      const [a, b] = [check(plain), check(whole)];
      const plainMs = median(a.map((r) => r.ms));
      const wholeMs = median(b.map((r) => r.ms));
      results.push({
        actions, plainMs: Math.round(plainMs), wholeColumnMs: Math.round(wholeMs), ratio: Math.round((wholeMs / plainMs) * 100) / 100,
        plainPeakRssMb: Math.round(Math.max(...a.map((r) => r.peakRssMb))), wholeColumnPeakRssMb: Math.round(Math.max(...b.map((r) => r.peakRssMb))),
      });
      say(`  check ${actions}: plain ${Math.round(plainMs)} ms, whole-column drop-downs ${Math.round(wholeMs)} ms`);
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The county roll-up (issue 15): `csp-plan rollup` of `plans` plans of `actions` actions against the floor,
 * the file host opening and reading each of the same files in turn (bench/rollupFloor.ts). The plans are one
 * generated plan written under `plans` names: each is read from its own file.
 */
async function rollup(plans: number, actions: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "csp-bench-rollup-"));
  try {
    const bytes = readFileSync(await planFile(dir, actions));
    const files = Array.from({ length: plans }, (_, i) => path.join(dir, `plan-${String(i + 1).padStart(2, "0")}.xlsx`));
    for (const file of files) writeFileSync(file, bytes);
    const runs = 3;
    const floor: { ms: number; peakRssMb: number }[] = [];
    const command: { ms: number; peakRssMb: number }[] = [];
    for (let i = 0; i < runs; i++) {
      floor.push(runNode([path.join(__dirname, "rollupFloor.js"), ...files]));
      command.push(runNode([path.join(root, "bin", "csp-plan.js"), "rollup", ...files, "--out", path.join(dir, `county-${i}.xlsx`)]));
    }
    const ms = median(command.map((c) => c.ms));
    const floorMs = median(floor.map((f) => f.ms));
    say(`  rollup ${plans} × ${actions}: ${Math.round(ms)} ms (floor ${Math.round(floorMs)} ms)`);
    return {
      plans, actions, ms: Math.round(ms), floorMs: Math.round(floorMs), ratio: Math.round((ms / floorMs) * 100) / 100,
      peakRssMb: Math.round(Math.max(...command.map((c) => c.peakRssMb))), floorPeakRssMb: Math.round(Math.max(...floor.map((f) => f.peakRssMb))),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Adopting a sheet kept in a partnership's own layout: the domain adopter alone, and `csp-plan adopt` on a file. */
async function adopt(sizes: number[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "csp-bench-adopt-"));
  try {
    const results = [];
    for (const rows of sizes) {
      const cells = layoutCells(rows);
      const engineMs = median(Array.from({ length: 5 }, () => timeMs(() => proposeSheetAdoption(cells, { year: "2015/16", currentQuarter: "Q4" }))));
      const file = path.join(dir, `layout-${rows}.xlsx`);
      writeFileSync(file, await layoutFile(rows));
      const command = runNode([path.join(root, "bin", "csp-plan.js"), "adopt", file, "--out", path.join(dir, `adopted-${rows}.xlsx`), "--year", "2015/16", "--quarter", "Q4"]);
      // Office: the sheet the user is on, read through the adapter on the test double.
      installExcelGlobals();
      const fake = createFakeExcel();
      fake.addSheet("Plan");
      fake.setValues("Plan", "A1", cells.values.map((row) => row.map((v) => (v === null || typeof v === "object" ? "" : v))));
      fake.activate("Plan");
      fake.resetCounters();
      await new OfficeWorkbook(fake.run).readSheet();
      const officeReads = { officeSyncs: fake.syncCount, maxResponseBytes: Math.max(...fake.responseBytes) };
      results.push({ rows, engineMs: Math.round(engineMs * 10) / 10, cliMs: Math.round(command.ms), peakRssMb: Math.round(command.peakRssMb), ...officeReads });
      say(`  adopt ${rows}: engine ${Math.round(engineMs)} ms, cli ${Math.round(command.ms)} ms`);
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the task pane loads before it is interactive: the scripts taskpane.html names (not Office's CDN). */
function bundle() {
  execFileSync(process.execPath, [path.join(root, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production"], { cwd: root, stdio: "ignore" });
  const html = readFileSync(path.join(root, "dist", "taskpane.html"), "utf8");
  // The minified page may leave attributes unquoted: <script defer src=taskpane.1234.js>.
  const scripts = [...html.matchAll(/<script[^>]*\bsrc=("([^"]+)"|([^\s>]+))/g)].map((m) => m[2] ?? m[3]).filter((src) => !/^https?:/.test(src));
  const initialJsGzipBytes = scripts.reduce((n, src) => n + gzipSync(readFileSync(path.join(root, "dist", src))).length, 0);
  return { initialJsGzipBytes, scripts };
}

/** The roll-up section: 50 plans of 500 actions (10 with --quick). */
async function rollupSection() {
  return [await rollup(quick ? 10 : 50, 500)];
}

async function main(): Promise<void> {
  // `npm run bench -- --only rollup`: the roll-up section alone (the others take minutes).
  if (process.argv[process.argv.indexOf("--only") + 1] === "rollup" && process.argv.includes("--only")) {
    const results = await rollupSection();
    process.stdout.write(json ? `${JSON.stringify({ rollup: results }, null, 2)}\n` : `${JSON.stringify(results)}\n`);
    return;
  }
  const engineSizes = [100, 1_000, 10_000];
  const cliSizes = quick ? [100, 1_000] : [100, 1_000, 10_000, 50_000];
  say("Measuring the engine…");
  const engineResults = engine(engineSizes);
  say("Measuring the command line against ExcelJS's own load and save…");
  const cliResults = await cli(cliSizes);
  say("Reading a plan with whole-column drop-downs against the same plan plain…");
  const wholeColumnResults = await wholeColumn(quick ? [48] : [48, 1_000, 10_000]);
  say("Counting Office.js round trips on the test double…");
  const officeResults = await office(quick ? [100, 1_000] : [100, 1_000, 10_000]);
  say("Measuring adoption of a sheet in a partnership's own layout…");
  const adoptResults = await adopt(quick ? [500] : [500, 5_000]);
  say("Measuring the county roll-up against reading its plans…");
  const rollupResults = await rollupSection();
  say("Building the task pane…");
  const bundleResult = bundle();
  const report = { engine: engineResults, cli: cliResults, wholeColumn: wholeColumnResults, office: officeResults, adopt: adoptResults, rollup: rollupResults, bundle: { initialJsGzipBytes: bundleResult.initialJsGzipBytes } };
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const table = (rows: Record<string, unknown>[]) => {
    const keys = Object.keys(rows[0]);
    const cells = [keys, ...rows.map((r) => keys.map((k) => String(r[k])))];
    const widths = keys.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
    return cells.map((r) => r.map((v, c) => v.padStart(widths[c])).join("  ")).join("\n");
  };
  say(`\nengine (check + RAG + summary in the domain, median)\n${table(engineResults)}`);
  say(`\ncli (csp-plan summary --out, against ExcelJS load + save of the same file)\n${table(cliResults)}`);
  say(`\nwhole-column drop-downs (csp-plan check, plain plan against the same plan with Status and RAG drop-downs over whole columns)\n${table(wholeColumnResults)}`);
  say(`\noffice (Office.js adapter on the test double)\n${table(officeResults)}`);
  say(`\nadopt (proposeSheetAdoption median; csp-plan adopt --out on an .xlsx of that many rows)\n${table(adoptResults)}`);
  say(`\nrollup (csp-plan rollup --out, against the file host opening and reading the same files in turn)\n${table(rollupResults)}`);
  say(`\nbundle\n  initial task pane script: ${(bundleResult.initialJsGzipBytes / 1024).toFixed(1)} KB gzipped (${bundleResult.scripts.join(", ")})`);
  if (!existsSync(path.join(root, "lib", "cli", "main.js"))) say("(lib/ was missing: run npm run build:cli)");
}

void main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
