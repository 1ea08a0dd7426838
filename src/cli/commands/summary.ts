import { writeFileAtomically, writeNewFile } from "../../adapters/exceljs/xlsxFile";
import { OpenedPlan, openPlanFile } from "../../adapters/xlsx/planFile";
import { PeriodChoice } from "../../domain/period";
import { buildSummary, SummaryOutcome } from "../../usecases/buildSummary";
import { asOfOption, oneFile, parseCommand, quarterOption, yearOption } from "../args";
import { EXIT, UsageError } from "../errors";
import { Io, withProgress } from "../io";
import { figuresTable, findingLines, summaryJson } from "../report";

export const SUMMARY_USAGE = `Usage: csp-plan summary FILE --quarter Qn [--year 2014/15] [--as-of YYYY-MM-DD] [--out NEW] [--json]

Rates every action (the RAG and RAG reason columns) and builds the quarter's summary sheet, e.g.
"Q3 2014-15 Summary": figures by priority, the narrative, exceptions, missing updates and removals.
Building it again replaces that sheet's contents and nothing else. A sheet of that name
(in any letter case) that this tool did not make is never replaced: the summary is refused.

Writes FILE in place (atomically), changing only the RAG and RAG reason cells, the summary sheet and the
lists of sheets: every other part of the file (charts, pivot tables, slicers, macros, comments, drop-downs,
sensitivity labels, …) is kept byte for byte. If FILE changed on disk while the summary was being built,
nothing is written. --out writes the result to a new file instead and leaves FILE as it is.

Options:
  --quarter Qn          the quarter to summarise (default: Plan Settings' current quarter)
  --year YYYY/YY        the plan year (default: Plan Settings' plan year)
  --as-of YYYY-MM-DD    the day to rate by (default: the end of the quarter)
  --out NEW             write the result to NEW (a new file) and leave FILE unchanged
  --json                print the counts, percentages, RAG counts and narrative as JSON
  -h, --help            this help

Exit status: 0 built, 1 refused (the plan has structure errors, a sheet of the summary's name is not the
tool's, or FILE cannot be written safely), 2 unusable input.`;

export interface SummaryRun {
  readonly file: string;
  /** The file already opened (and guarded), when the caller has read it. */
  readonly opened?: OpenedPlan;
  readonly out?: string;
  readonly choice: PeriodChoice;
}

/** Open, guard, build and save: shared by `summary` and `demo`. Returns the outcome, or an exit status on refusal. */
export async function runSummary(run: SummaryRun, io: Io): Promise<{ outcome: SummaryOutcome; exit: number }> {
  const { file, out } = run;
  const opened = run.opened ?? (await withProgress(io, `Reading ${file}`, () => openPlanFile(file)));
  const outcome = await withProgress(io, "Building the summary", () => buildSummary(opened.workbook, run.choice));
  if (!outcome.done) {
    io.err(`csp-plan: ${outcome.reason}`);
    io.err(findingLines(outcome.findings).join("\n"));
    return { outcome, exit: EXIT.refused };
  }
  const bytes = opened.workbook.toBytes();
  if (out) {
    await writeNewFile(out, bytes);
  } else {
    await writeFileAtomically(file, bytes, { expected: opened.bytes });
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
    io.out(["", ...figuresTable(report), "", ...report.narrative.overall].join("\n"));
  }
  return EXIT.done;
}
