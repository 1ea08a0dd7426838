import path from "node:path";
import { ExcelJsWorkbook } from "../../adapters/exceljs/excelJsWorkbook";
import { writeNewFile } from "../../adapters/exceljs/xlsxFile";
import { openPlanFile } from "../../adapters/xlsx/planFile";
import { CarriedPlan, CARRY_MARKS, LeftReason } from "../../domain/carryOver";
import { CARRY_COLUMNS } from "../../domain/contract";
import { parseFinancialYear } from "../../domain/quarters";
import { carryOver } from "../../usecases/carryOver";
import { oneFile, parseCommand } from "../args";
import { EXIT, UsageError } from "../errors";
import { Io, withProgress } from "../io";
import { findingLines } from "../report";

export const CARRY_OVER_USAGE = `Usage: csp-plan carry-over FILE --out NEXT.xlsx [--to 2015/16] [--keep-status] [--json]

Starts next year's plan from this one (year-end carry-over). Every action that is not Complete or
Removed is carried, keeping its ID, with a "${CARRY_COLUMNS.carriedFrom}" column holding its old reference,
e.g. 3.2 (2014/15). When the plan has a "${CARRY_COLUMNS.carryOver}" column, only the open actions marked
${CARRY_MARKS.join(", ")} (any case) in it are carried. Each carried action's Q1-Q4 updates, RAG, RAG reason and
Last updated are cleared, its last update is kept in Notes ("Last update (Q3 2014/15): ..."), its status
becomes Not started, and its start and target dates are kept as they were ('check' on the new plan flags
target dates already past: move them on). Lead Officers and Priorities are copied; Plan Settings gets the
same plan name, the new year and current quarter Q1.

Reads FILE and never changes it (the add-in also notes "Carried over" in the old plan's Plan Settings;
the command line does not). NEXT.xlsx must be a new file: an existing file is never overwritten.
Refused, with nothing written, while the plan has structure errors.

Options:
  --out NEXT.xlsx   the new plan's workbook (a new .xlsx file)
  --to YYYY/YY      the new plan's year (default: the year after the plan's; must be later)
  --keep-status     keep each carried action's status instead of setting it to Not started
  --json            print what was carried and left as JSON
  -h, --help        this help

Exit status: 0 written, 1 refused (structure errors, a year not later than the plan's, or NEXT.xlsx
exists or cannot be written), 2 unusable input or usage.`;

const REASONS: Record<LeftReason, string> = { complete: "complete", removed: "removed", "not marked": `not marked in ${CARRY_COLUMNS.carryOver}` };

/** What was carried and left, in lines for the terminal. */
function carryLines(carried: CarriedPlan, out: string, file: string): string[] {
  const { selection } = carried;
  const ids = (list: readonly { id: string }[]) => list.map((a) => a.id || "(no ID)").join(", ");
  const lines = [
    `Wrote ${out}: the ${carried.seed.name} ${carried.to}, current quarter Q1, ${selection.carried.length} ${selection.carried.length === 1 ? "action" : "actions"} carried from ${carried.from}${selection.marked ? ` (those marked in ${CARRY_COLUMNS.carryOver})` : ""}.`,
  ];
  if (selection.carried.length > 0) lines.push(`Carried: ${ids(selection.carried)}.`);
  for (const reason of Object.keys(REASONS) as LeftReason[]) {
    const left = selection.left.filter((l) => l.reason === reason).map((l) => l.action);
    if (left.length > 0) lines.push(`Left, ${REASONS[reason]} (${left.length}): ${ids(left)}.`);
  }
  lines.push(`${file} is unchanged. Next: csp-plan check ${out}`);
  return lines;
}

function carryJson(carried: CarriedPlan, out: string): string {
  return JSON.stringify({
    out,
    from: carried.from,
    to: carried.to,
    marked: carried.selection.marked,
    carried: carried.seed.actions.map((a, i) => ({ id: a.id, carriedFrom: carried.seed.extra[i][0], status: a.status })),
    left: carried.selection.left.map((l) => ({ id: l.action.id, reason: l.reason })),
  }, null, 2);
}

export async function carryOverCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, {
    to: { type: "string" }, out: { type: "string" }, "keep-status": { type: "boolean" }, json: { type: "boolean" },
  }, CARRY_OVER_USAGE);
  if (parsed.values.help) {
    io.out(CARRY_OVER_USAGE);
    return EXIT.done;
  }
  const file = oneFile(parsed, CARRY_OVER_USAGE);
  const out = typeof parsed.values.out === "string" ? parsed.values.out.trim() : "";
  if (!out) throw new UsageError("Name next year's workbook with --out NEXT.xlsx: carry-over never changes FILE.", CARRY_OVER_USAGE);
  if (path.extname(out).toLowerCase() !== ".xlsx") {
    throw new UsageError(`--out must name a .xlsx file, not "${out}": Excel opens a workbook only under its own extension.`, CARRY_OVER_USAGE);
  }
  if (path.resolve(out) === path.resolve(file)) throw new UsageError("--out must be a new file, not FILE itself: carry-over never changes FILE.", CARRY_OVER_USAGE);
  const toText = parsed.values.to;
  const to = typeof toText === "string" ? parseFinancialYear(toText) : undefined;
  if (typeof toText === "string" && !to) throw new UsageError(`--to must be a financial year such as 2015/16, not "${toText}".`, CARRY_OVER_USAGE);

  const { workbook } = await withProgress(io, `Reading ${file}`, () => openPlanFile(file));
  const next = ExcelJsWorkbook.empty();
  const outcome = await carryOver(workbook, next, { to, keepStatus: parsed.values["keep-status"] === true });
  if (!outcome.done) {
    io.err(`csp-plan carry-over: ${outcome.reason}${outcome.reason.includes("nothing was written") ? "" : " Nothing was written."}`);
    if (outcome.findings.length > 0) io.err(findingLines(outcome.findings).join("\n"));
    return EXIT.refused;
  }
  await withProgress(io, `Writing ${out}`, async () => writeNewFile(out, await next.toBuffer(), { advice: "Choose --out in a folder you can write to." }));
  io.out(parsed.values.json ? carryJson(outcome.carried, out) : carryLines(outcome.carried, out, file).join("\n"));
  return EXIT.done;
}
