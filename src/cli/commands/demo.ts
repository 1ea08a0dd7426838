import { promises as fs } from "node:fs";
import path from "node:path";
import { ExcelJsWorkbook } from "../../adapters/exceljs/excelJsWorkbook";
import { FileProblem, writeFileAtomically, writeProblem } from "../../adapters/exceljs/xlsxFile";
import { openPlanFile } from "../../adapters/xlsx/planFile";
import { countBySeverity } from "../../domain/findings";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";
import { checkPlan } from "../../usecases/checkPlan";
import { setUpPlan } from "../../usecases/setUpPlan";
import { parseCommand } from "../args";
import { EXIT, UsageError } from "../errors";
import { Io, withProgress } from "../io";
import { findingCounts, findingLines, figuresTable } from "../report";
import { inPlaceProblem, runSummary } from "./summary";

export const DEMO_USAGE = `Usage: csp-plan demo [DIR]

The main job on the bundled sample plan, no Excel needed: writes DIR/sample-plan.xlsx (48 actions,
eight priorities, Q1–Q3 updates, a few deliberate faults), checks it, then builds its Q3 summary
sheet in place. DIR defaults to ./csp-demo. A sample-plan.xlsx left there by an earlier demo is replaced;
any other file of that name (your own plan, a text file, a sample you have edited) is never replaced:
the demo stops and writes nothing.

Options:
  -h, --help   this help`;

const DEMO_FILE = "sample-plan.xlsx";

/**
 * Whether the workbook at `file` is one the demo made: it opens as a plan workbook whose Action Plan holds
 * the sample plan's actions (their IDs and words; the RAG columns and summary sheet the demo wrote may be
 * there too). A file that is not a workbook, or a plan of anyone's own, is not.
 */
async function isDemoWorkbook(file: string): Promise<boolean> {
  try {
    const { plan } = await checkPlan((await openPlanFile(file)).workbook);
    return (
      plan.actions.length === SAMPLE_PLAN.actions.length &&
      plan.actions.every((a, i) => a.id === SAMPLE_PLAN.actions[i].id && a.action === SAMPLE_PLAN.actions[i].action)
    );
  } catch {
    return false;
  }
}

/** Refuses (exit 1, nothing written) to replace a `sample-plan.xlsx` the demo did not make, or one open in Excel. */
async function refuseToReplace(file: string): Promise<void> {
  const existing = await fs.lstat(file).catch(() => undefined);
  if (!existing) return;
  if (!existing.isFile() && !existing.isSymbolicLink()) {
    throw new FileProblem(1, `${file} is there already and is not a file, so the demo wrote nothing. Move or rename it, or name another folder: csp-plan demo FOLDER.`);
  }
  if (!(await isDemoWorkbook(file))) {
    throw new FileProblem(
      1,
      `${file} is there already and is not a sample plan the demo made, so the demo did not replace it and wrote nothing. ` +
        "Move or rename that file, or name another folder: csp-plan demo FOLDER.",
    );
  }
  const elsewhere = "name another folder: csp-plan demo FOLDER";
  const problem = await inPlaceProblem(file, { short: elsewhere, long: elsewhere });
  if (problem) throw problem;
}

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
  const file = path.join(dir, DEMO_FILE);
  await refuseToReplace(file);
  await fs.mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw writeProblem(file, path.resolve(dir), error, { replacing: false }) ?? error;
  });

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
