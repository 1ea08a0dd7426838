import { promises as fs } from "node:fs";
import path from "node:path";
import { ExcelJsWorkbook } from "../../adapters/exceljs/excelJsWorkbook";
import { FileProblem, writeFileAtomically } from "../../adapters/exceljs/xlsxFile";
import { openPlanFile } from "../../adapters/xlsx/planFile";
import { countBySeverity } from "../../domain/findings";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";
import { checkPlan } from "../../usecases/checkPlan";
import { setUpPlan } from "../../usecases/setUpPlan";
import { parseCommand } from "../args";
import { EXIT, UsageError } from "../errors";
import { Io, withProgress } from "../io";
import { findingCounts, findingLines, figuresTable } from "../report";
import { runSummary } from "./summary";

export const DEMO_USAGE = `Usage: csp-plan demo [DIR]

The main job on the bundled sample plan, no Excel needed: writes DIR/sample-plan.xlsx (48 actions,
eight priorities, Q1–Q3 updates, a few deliberate faults), checks it, then builds its Q3 summary
sheet in place. DIR defaults to ./csp-demo; a sample-plan.xlsx left there by an earlier demo is replaced.

Options:
  -h, --help   this help`;

const DEMO_FILE = "sample-plan.xlsx";

export async function demoCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, {}, DEMO_USAGE);
  if (parsed.values.help) {
    io.out(DEMO_USAGE);
    return EXIT.done;
  }
  if (parsed.positionals.length > 1) throw new UsageError("Name one folder at most.", DEMO_USAGE);
  const dir = parsed.positionals[0] ?? "csp-demo";
  const existing = await fs.stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new FileProblem(2, `${dir} is a file, not a folder. Name a folder for the demo.`);
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, DEMO_FILE);

  const workbook = ExcelJsWorkbook.empty();
  const setUp = await setUpPlan(workbook, SAMPLE_PLAN);
  if (!setUp.done) throw new Error(setUp.reason);
  await withProgress(io, `Writing ${file}`, async () => writeFileAtomically(file, await workbook.toBuffer()));
  io.out(`1. Wrote the sample plan: ${SAMPLE_PLAN.actions.length} actions across ${SAMPLE_PLAN.priorities.length} priorities (${SAMPLE_PLAN.year}).`);

  // The file as written, read once for both the check and the summary.
  const opened = await openPlanFile(file);
  const check = await checkPlan(opened.workbook);
  const counts = countBySeverity(check.findings);
  io.out(`2. Checked it: ${findingCounts(check.findings)} (the sample has deliberate faults). The first few:`);
  io.out(findingLines(check.findings, 4).join("\n"));

  const { outcome, exit } = await runSummary({ file, opened, choice: {} }, io);
  if (!outcome.done) return exit;
  const { report } = outcome;
  io.out(`\n3. Built the "${report.sheetName}" sheet and the RAG column:\n`);
  io.out([...figuresTable(report), "", ...report.narrative.overall].join("\n"));
  io.out(`\nOpen ${path.resolve(file)} in Excel to see it.`);
  io.out(`Try: npx csp-plan check ${file}   (${counts.error} errors, ${counts.warning} warnings)`);
  return EXIT.done;
}
