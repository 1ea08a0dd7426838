import { capitalise, numberWords } from "../../domain/wording";
import { promises as fs } from "node:fs";
import path from "node:path";
import { rollupWorkbookBytes } from "../../adapters/exceljs/rollupWorkbook";
import { FileProblem, writeNewFile, writeProblem } from "../../adapters/exceljs/xlsxFile";
import { openPlanFile } from "../../adapters/xlsx/planFile";
import { STATUSES } from "../../domain/contract";
import { fromUtcDate } from "../../domain/dates";
import { formatPercent } from "../../domain/figures";
import { RollupFailure, rollupOverall, RollupOverall, RollupRow } from "../../domain/rollup";
import { NOT_READ_SHEET, rollupWorkbook, ROLLUP_SHEET } from "../../domain/rollupSheet";
import { rollupRowOf } from "../../usecases/rollupPlan";
import { parseCommand, quarterOption } from "../args";
import { EXIT, UsageError } from "../errors";
import { Io, withProgress } from "../io";

export const ROLLUP_USAGE = `Usage: csp-plan rollup FILE... --out COUNTY.xlsx [--quarter Qn] [--json]

Summarises many partnerships' plans in one new workbook. On its ${ROLLUP_SHEET} sheet, a row per plan (the
plan name and year from its Plan Settings) with its actions by status, expected outcomes, % complete,
RAG counts and indicator RAG counts, as its own summary figures them for its current quarter, then an
Overall row: the sum of the plans' counts, with % complete worked out from those sums. On its
${NOT_READ_SHEET} sheet, each file that could not be read (damaged, not a plan, structure errors to fix
first, ...) and why: one such file never stops the others.

Reads each FILE once, one at a time (a file named twice is counted once), and never changes it. COUNTY.xlsx must be a new file: an existing
file is never overwritten. A line on stderr says which file is being read.

Options:
  --out COUNTY.xlsx   the roll-up workbook to write (a new .xlsx file)
  --quarter Qn        the quarter to figure every plan for (default: each plan's current quarter)
  --json              print {out, plans: [...], overall: {...}, failed: [{file, reason}]}
  -h, --help          this help

Exit status: 0 written with every file read, 1 written but some files could not be read (or COUNTY.xlsx
exists or cannot be written), 2 usage.`;

/** A row's or the overall row's counts as JSON: % complete as tenths and as words. */
function countsJson(c: RollupRow | RollupOverall) {
  return {
    expected: c.expected,
    counts: c.counts,
    percentComplete: formatPercent(c.completeTenths),
    percentCompleteTenths: c.completeTenths,
    rag: c.rag,
    indicatorRag: c.indicatorRag,
  };
}

/** The roll-up as the --json shape. */
export function rollupJson(out: string, rows: readonly RollupRow[], overall: RollupOverall, failed: readonly RollupFailure[]) {
  return {
    out,
    plans: rows.map((r) => ({ file: r.file, planName: r.planName, year: r.year, quarter: r.quarter, hasIndicators: r.hasIndicators, ...countsJson(r) })),
    overall: { plans: overall.plans, plansWithIndicators: overall.plansWithIndicators, ...countsJson(overall) },
    failed,
  };
}

/** What was written, in lines for the terminal. */
function rollupLines(out: string, overall: RollupOverall, failed: readonly RollupFailure[]): string[] {
  const lines = [
    `Wrote ${out}: ${overall.plans} ${overall.plans === 1 ? "plan" : "plans"}, ${overall.expected} actions, ${overall.counts.Complete} complete (${formatPercent(overall.completeTenths)}); ` +
      STATUSES.filter((s) => s !== "Complete").map((s) => `${overall.counts[s]} ${s.toLowerCase()}`).join(", ") + ".",
  ];
  if (failed.length > 0) {
    lines.push(`${failed.length} ${failed.length === 1 ? "file" : "files"} could not be read (listed on the ${NOT_READ_SHEET} sheet):`);
    for (const f of failed) lines.push(`  ${f.file}: ${f.reason}`);
  }
  return lines;
}

/** Why a file could not be rolled up, in the words the other commands use for it. */
/**
 * A reason without the file's name in front ("plan.xlsx: This workbook …" → "This workbook …"): the
 * roll-up shows the file beside every reason, on the Not read sheet and in its output, so it is said once.
 */
function withoutFileName(file: string, reason: string): string {
  return reason.startsWith(`${file}: `) ? reason.slice(file.length + 2) : reason;
}

function failureReason(file: string, error: unknown): string {
  if (error instanceof FileProblem) return error.message;
  return `${file} could not be read (${(error as Error).message}).`;
}

/**
 * Refuses an --out that exists or whose folder does not, before fifty plans are read rather than after, in
 * writeNewFile's words (it checks again when it writes): FileProblem, exit 1.
 */
async function refuseEarly(out: string): Promise<void> {
  const existing = await fs.lstat(out).catch(() => undefined);
  if (existing?.isDirectory()) throw new FileProblem(1, `${out} is a folder. Name a new file, for example ${path.join(out, "county.xlsx")}.`);
  if (existing) throw new FileProblem(1, `${out} already exists. Choose a new file name; this command never overwrites an existing file.`);
  const folder = path.dirname(path.resolve(out));
  const problem = await fs.stat(folder).then(
    (stat) => (stat.isDirectory() ? undefined : writeProblem(out, folder, Object.assign(new Error("not a folder"), { code: "ENOTDIR" }), { replacing: false })),
    (error: unknown) => writeProblem(out, folder, error, { replacing: false }),
  );
  if (problem) throw problem;
}

/**
 * `csp-plan rollup FILE... --out COUNTY.xlsx`: reads each plan in turn (openPlanFile, then rollupRowOf),
 * keeping only its row, lists every file that could not be read with why, and writes the roll-up workbook
 * (a new file). Returns 0 when every file was read, 1 when some were not (the workbook is still written);
 * throws UsageError (exit 2) for usage slips and FileProblem (exit 1) when COUNTY.xlsx exists or cannot
 * be written.
 */
export async function rollupCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, { out: { type: "string" }, quarter: { type: "string" }, json: { type: "boolean" } }, ROLLUP_USAGE);
  if (parsed.values.help) {
    io.out(ROLLUP_USAGE);
    return EXIT.done;
  }
  const named = parsed.positionals;
  // A file named twice (a glob and a name, or a link to it) is read and counted once: the overall row is each
  // plan once. Files are the same when their real paths are (symbolic links followed).
  const keys = await Promise.all(named.map((f) => fs.realpath(f).catch(() => path.resolve(f))));
  const files = named.filter((_, i) => keys.indexOf(keys[i]) === i);
  const repeated = new Set(keys.filter((k, i) => keys.indexOf(k) !== i)).size;
  if (files.length === 0) throw new UsageError("Name the plan workbooks to roll up.", ROLLUP_USAGE);
  const out = typeof parsed.values.out === "string" ? parsed.values.out.trim() : "";
  if (!out) throw new UsageError("Name the roll-up workbook to write with --out COUNTY.xlsx.", ROLLUP_USAGE);
  if (path.extname(out).toLowerCase() !== ".xlsx") {
    throw new UsageError(`--out must name a .xlsx file, not "${out}": Excel opens a workbook only under its own extension.`, ROLLUP_USAGE);
  }
  if (files.some((f) => path.resolve(f) === path.resolve(out))) throw new UsageError("--out must be a new file, not one of the plans: rollup never changes them.", ROLLUP_USAGE);
  const choice = { quarter: quarterOption(parsed.values.quarter, ROLLUP_USAGE) };
  await refuseEarly(out);

  if (repeated > 0) io.err(`${capitalise(numberWords(repeated))} ${repeated === 1 ? "file was" : "files were"} named more than once (or through a link): each is read and counted once.`);
  const rows: RollupRow[] = [];
  const failed: RollupFailure[] = [];
  for (const [i, file] of files.entries()) {
    io.err(`Reading ${i + 1} of ${files.length}: ${file}`);
    // One plan at a time: its workbook and snapshot go out of scope before the next file is read.
    try {
      const outcome = await rollupRowOf((await openPlanFile(file)).workbook, file, choice);
      if (outcome.done) rows.push(outcome.row);
      else failed.push({ file, reason: withoutFileName(file, outcome.reason) });
    } catch (error) {
      failed.push({ file, reason: withoutFileName(file, failureReason(file, error)) });
    }
  }
  const overall = rollupOverall(rows);
  const spec = rollupWorkbook(rows, overall, failed, fromUtcDate(io.today()));
  await withProgress(io, `Writing ${out}`, async () => writeNewFile(out, await rollupWorkbookBytes(spec), { advice: "Choose --out in a folder you can write to." }));
  io.out(parsed.values.json ? JSON.stringify(rollupJson(out, rows, overall, failed), null, 2) : rollupLines(out, overall, failed).join("\n"));
  return failed.length > 0 ? EXIT.refused : EXIT.done;
}
