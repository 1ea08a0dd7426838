import path from "node:path";
import { writeNewFile } from "../../adapters/exceljs/xlsxFile";
import { openPlanFile } from "../../adapters/xlsx/planFile";
import { PeriodChoice } from "../../domain/period";
import { committeeReportDocx } from "../../report/docxReport";
import { buildReport } from "../../usecases/buildReport";
import { asOfOption, oneFile, parseCommand, quarterOption, yearOption } from "../args";
import { EXIT, UsageError } from "../errors";
import { Io, withProgress } from "../io";
import { findingLines } from "../report";

/** "1 priority", "8 priorities". */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const REPORT_USAGE = `Usage: csp-plan report FILE --out REPORT.docx [--quarter Qn] [--year 2014/15] [--as-of YYYY-MM-DD]

Writes the quarter's committee report as a Word document: the title and date; for each priority its
figures, the narrative and its red and amber exceptions; the overall conclusion; what moved since the
last quarter recorded in Status History; the updates still missing, by lead officer; in Q4, the actions
carried over to next year; a chart of status by priority; and a sign-off line. The figures and sentences
are the ones 'csp-plan summary' gives. Word's own headings and tables, so the report can be restyled.

Reads FILE and never changes it. REPORT.docx must be a new file: an existing file is never overwritten.
Refused, with nothing written, while the plan has structure errors.

Options:
  --out REPORT.docx     the Word document to write (a new .docx file)
  --quarter Qn          the quarter to report (default: Plan Settings' current quarter)
  --year YYYY/YY        the plan year (default: Plan Settings' plan year)
  --as-of YYYY-MM-DD    the day to rate by (default: the end of the quarter)
  -h, --help            this help

Exit status: 0 written, 1 refused (the plan has structure errors, or REPORT.docx exists or cannot be
written), 2 unusable input or usage.`;

export async function reportCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, {
    quarter: { type: "string" }, year: { type: "string" }, "as-of": { type: "string" }, out: { type: "string" },
  }, REPORT_USAGE);
  if (parsed.values.help) {
    io.out(REPORT_USAGE);
    return EXIT.done;
  }
  const file = oneFile(parsed, REPORT_USAGE);
  const out = typeof parsed.values.out === "string" ? parsed.values.out : undefined;
  if (out === undefined || out.trim() === "") throw new UsageError("Name the Word document to write with --out REPORT.docx.", REPORT_USAGE);
  if (path.extname(out).toLowerCase() !== ".docx") {
    throw new UsageError(`--out must name a .docx file, not "${out}": Word opens a document only under its own extension.`, REPORT_USAGE);
  }
  const choice: PeriodChoice = {
    quarter: quarterOption(parsed.values.quarter, REPORT_USAGE),
    year: yearOption(parsed.values.year, REPORT_USAGE),
    asOf: asOfOption(parsed.values["as-of"], REPORT_USAGE),
  };
  const { workbook } = await withProgress(io, `Reading ${file}`, () => openPlanFile(file));
  const outcome = await buildReport(workbook, choice);
  if (!outcome.done) {
    io.err(`csp-plan: ${outcome.reason}`);
    io.err(findingLines(outcome.findings).join("\n"));
    return EXIT.refused;
  }
  const bytes = await withProgress(io, "Writing the report", () => committeeReportDocx(outcome.report));
  await writeNewFile(out, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { advice: "Choose --out in a folder you can write to." });
  io.out(`Wrote the ${outcome.summary.quarter} ${outcome.summary.year} committee report to ${out} (${count(outcome.summary.figures.priorities.length, "priority", "priorities")}, ${count(outcome.summary.exceptions.length, "red or amber exception", "red and amber exceptions")}).`);
  return EXIT.done;
}
