import { cappedList } from "../../domain/wording";
import { localIsoDate } from "../../domain/dates";
import path from "node:path";
import { excelLockFile, FileProblem, isMacroEnabled, readOnlyReason, writeFileAtomically, writeNewFile } from "../../adapters/exceljs/xlsxFile";
import { OpenedPlan, openPlanFile } from "../../adapters/xlsx/planFile";
import { PeriodChoice } from "../../domain/period";
import { buildSummary, SummaryOutcome } from "../../usecases/buildSummary";
import { asOfOption, oneFile, parseCommand, quarterOption, yearOption } from "../args";
import { EXIT, UsageError } from "../errors";
import { Io, withProgress } from "../io";
import { figuresTable, findingLines, summaryJson } from "../report";

export const SUMMARY_USAGE = `Usage: csp-plan summary FILE --quarter Qn [--year 2014/15] [--as-of YYYY-MM-DD] [--out NEW] [--json]

Rates every action (the RAG and RAG reason columns) and builds the quarter's summary sheet, e.g.
"Q3 2014-15 Summary": figures by priority, the narrative, what moved since the last recorded quarter,
exceptions, missing updates and removals (and in Q4 what carries over to next year). Building it again
replaces that sheet's contents and nothing else. A sheet of that name (in any letter case) that this tool
did not make is never replaced: the summary is refused. The quarter is recorded in the Status History
table (its sheet created on the first build): that quarter's rows are replaced, no other quarter's.

Writes FILE in place (atomically), changing only the RAG and RAG reason cells, the summary sheet, Status
History and the lists of sheets: every other part of the file (charts, pivot tables, slicers, macros, comments, drop-downs,
sensitivity labels, …) is kept byte for byte, and so are its permissions, owner and group (a hard link to
FILE keeps the old contents). Nothing is written if FILE is read-only, looks open in Excel (its lock file
~$FILE is beside it), or changed on disk while the summary was being built. --out writes the result to a
new file instead and leaves FILE as it is: .xlsx for a workbook without macros, .xlsm for one with them.

Options:
  --quarter Qn          the quarter to summarise (default: Plan Settings' current quarter)
  --year YYYY/YY        the plan year (default: Plan Settings' plan year)
  --as-of YYYY-MM-DD    the day to rate by (default: the end of the quarter)
  --out NEW             write the result to NEW (a new .xlsx or .xlsm file, as FILE is) and leave FILE unchanged
  --json                print the counts, percentages, RAG counts and narrative as JSON
  -h, --help            this help

Exit status: 0 built, 1 refused (the plan has structure errors, a sheet of the summary's name is not the
tool's, FILE is read-only or open in Excel, NEW's extension does not suit FILE, or the file cannot be
written safely), 2 unusable input or usage.`;

export interface SummaryRun {
  readonly file: string;
  /** The file already opened (and guarded), when the caller has read it. */
  readonly opened?: OpenedPlan;
  readonly out?: string;
  readonly choice: PeriodChoice;
}

/** The extensions a workbook may be written under: Excel opens a package only under its own. */
const WORKBOOK_EXTENSIONS = [".xlsx", ".xlsm"];

/** `NEW.xlsx`, or `NEW.xlsm` for a macro-enabled workbook: the name shown in advice to use --out. */
const newName = (macros: boolean) => `NEW${macros ? ".xlsm" : ".xlsx"}`;

/** `out.xlsm` for `out.xlsx`: the name with the extension a workbook of that kind needs. */
const withExtension = (file: string, extension: string) => `${file.slice(0, file.length - path.extname(file).length)}${extension}`;

/**
 * Refuses --out NEW whose extension is not a workbook's (a usage error, exit 2): `.csv` or `.xlsb` would be
 * a zip of XML under a name Excel reads as another format, and it would not open it.
 */
export function checkOutName(out: string, usage: string): void {
  if (!WORKBOOK_EXTENSIONS.includes(path.extname(out).toLowerCase())) {
    throw new UsageError(
      `--out must name an .xlsx file (or .xlsm, for a workbook with macros), not "${out}": Excel opens a workbook only under its own extension.`,
      usage,
    );
  }
}

/**
 * Refuses (exit 1) a copy whose extension does not match the workbook's kind. Excel decides the kind by
 * the main part's content type, not the name (see isMacroEnabled), and refuses a file whose extension says
 * otherwise ("the file format or file extension is not valid"): a macro-enabled workbook must be .xlsm, a
 * workbook without macros .xlsx. So the kind is read from FILE's [Content_Types].xml, as Excel would.
 */
function outKindProblem(file: string, out: string, macros: boolean): FileProblem | undefined {
  const wanted = macros ? ".xlsm" : ".xlsx";
  if (path.extname(out).toLowerCase() === wanted) return undefined;
  return new FileProblem(
    1,
    macros
      ? `${file} holds macros, so its copy must be an .xlsm file (Excel will not open a macro-enabled workbook named .xlsx): use --out ${withExtension(out, wanted)}.`
      : `${file} holds no macros, so its copy must be an .xlsx file (Excel will not open a workbook without macros named .xlsm): use --out ${withExtension(out, wanted)}.`,
  );
}

/**
 * Why `file` must not be replaced in place, with what to do instead (`alternative`: `short`, e.g. "use
 * --out NEW.xlsx", and `long`, saying what that does), or undefined if it may be. Nothing has been written
 * when this is given:
 *
 * - Excel has it open: its owner file (`~$plan.xlsx`) lies beside it. Replacing the file under Excel
 *   loses the summary at Excel's next save, or, on Windows, fails half-way.
 * - it is read-only for the user (or, for root, for everyone): someone meant it not to change.
 */
export async function inPlaceProblem(file: string, alternative: { short: string; long: string }): Promise<FileProblem | undefined> {
  const lock = await excelLockFile(file);
  if (lock) {
    return new FileProblem(
      1,
      `${file} looks open in Excel (its lock file ${path.basename(lock)} is beside it). Close it in Excel first, or ${alternative.short}. ` +
        "If Excel is not open, the lock file was left behind when Excel stopped: delete it and try again.",
    );
  }
  switch (await readOnlyReason(file)) {
    case "read-only":
      return new FileProblem(1, `${file} is read-only, so it was not changed. ${capitalise(alternative.long)}.`);
    case "read-only-disk":
      return new FileProblem(1, `${file} is on a read-only disk, so it was not changed. ${capitalise(alternative.long)} on another disk.`);
    default:
      return undefined;
  }
}

/** A workbook with a password to modify opens read-only in Excel without it: the command line does not write it in place either. */
function passwordProblem(file: string, opened: OpenedPlan, alternative: { long: string }): FileProblem | undefined {
  if (!opened.workbook.passwordToModify) return undefined;
  return new FileProblem(1, `${file} has a password to modify, so it was not changed (Excel opens it read-only without the password). ${capitalise(alternative.long)}.`);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Open, guard, build and save: shared by `summary` and `demo`. Returns the outcome, or an exit status on refusal. */
export async function runSummary(run: SummaryRun, io: Io): Promise<{ outcome: SummaryOutcome; exit: number }> {
  const { file, out } = run;
  const opened = run.opened ?? (await withProgress(io, `Reading ${file}`, () => openPlanFile(file)));
  // Refusals that need no summary come before building one.
  const macros = isMacroEnabled(opened.bytes);
  const alternative = { short: `use --out ${newName(macros)}`, long: `use --out ${newName(macros)} to write the summary to a new file` };
  const problem = out ? outKindProblem(file, out, macros) : passwordProblem(file, opened, alternative) ?? (await inPlaceProblem(file, alternative));
  if (problem) throw problem;
  const outcome = await withProgress(io, "Building the summary", () => buildSummary(opened.workbook, { ...run.choice, today: localIsoDate(io.today()) }));
  if (!outcome.done) {
    io.err(`csp-plan: ${outcome.reason}`);
    io.err(findingLines(outcome.findings).join("\n"));
    return { outcome, exit: EXIT.refused };
  }
  const bytes = opened.workbook.toBytes();
  if (out) {
    await writeNewFile(out, bytes);
  } else {
    await writeFileAtomically(file, bytes, { expected: opened.bytes, advice: `Or ${alternative.long} in a folder you can write to.` });
  }
  return { outcome, exit: EXIT.done };
}

export async function summaryCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, {
    quarter: { type: "string" }, year: { type: "string" }, "as-of": { type: "string" }, out: { type: "string" }, json: { type: "boolean" },
  }, SUMMARY_USAGE);
  if (parsed.values.help) {
    io.out(SUMMARY_USAGE);
    return EXIT.done;
  }
  const file = oneFile(parsed, SUMMARY_USAGE);
  const out = typeof parsed.values.out === "string" ? parsed.values.out : undefined;
  if (out !== undefined && out.trim() === "") throw new UsageError("--out needs a file name.", SUMMARY_USAGE);
  if (out !== undefined) checkOutName(out, SUMMARY_USAGE);
  const choice: PeriodChoice = {
    quarter: quarterOption(parsed.values.quarter, SUMMARY_USAGE),
    year: yearOption(parsed.values.year, SUMMARY_USAGE),
    asOf: asOfOption(parsed.values["as-of"], SUMMARY_USAGE),
  };
  const { outcome, exit } = await runSummary({ file, out, choice }, io);
  if (!outcome.done) return exit;
  const written = out ?? file;
  const { report } = outcome;
  if (parsed.values.json) {
    io.out(JSON.stringify(summaryJson(report, written), null, 2));
  } else {
    io.out(`Built "${report.sheetName}" in ${written}.`);
    const carried = report.carried
      ? ["", `Carried over to next year (${report.carried.actions.length}): ${report.carried.actions.length ? cappedList(report.carried.actions.map((a) => a.id)) : "none"}.`]
      : [];
    io.out(["", ...figuresTable(report), "", ...report.narrative.overall, "", ...report.movementSentences, ...carried].join("\n"));
  }
  return EXIT.done;
}
