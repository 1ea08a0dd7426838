import { openWorkbookFile, writeNewFile } from "../../adapters/exceljs/xlsxFile";
import { describeLosses } from "../../adapters/exceljs/xlsxPreflight";
import { parseStatus, Quarter, Status, STATUSES } from "../../domain/contract";
import { fromUtcDate } from "../../domain/dates";
import { formatFinancialYear, quarterOf } from "../../domain/quarters";
import { SheetAdoptionOptions } from "../../domain/sheetProposal";
import { adoptSheet } from "../../usecases/adoptSheet";
import { oneFile, parseCommand, quarterOption, yearOption } from "../args";
import { EXIT, UsageError } from "../errors";
import { Io, withProgress } from "../io";
import { proposalLines } from "../proposalReport";

export const ADOPT_USAGE = `Usage: csp-plan adopt FILE --out NEW.xlsx [--sheet NAME] [--year 2015/16] [--quarter Qn]
                      [--status "Done=Complete,In progress=On target"] [--name TEXT] [--json]

Brings in a plan kept in any layout: finds the header (past titles, legends and forms), which column is
which, which rows are actions, sections, repeated headers or notes, the status of each action (words or
fill colours), its dates and its lead officers, and prints that proposal. Then writes NEW: a copy of the
workbook with the plan added beside the original sheet in this tool's structure (the sheets Action Plan,
Lead Officers, Priorities and Plan Settings). FILE is never changed, and neither is the original sheet.

Options:
  --out NEW          the new workbook to write (required; must not exist yet)
  --sheet NAME       the sheet holding the plan (default: the first sheet)
  --year YYYY/YY     the plan's financial year (default: the current one)
  --quarter Qn       the plan's current quarter (default: today's, or Q1 for another year)
  --status MAP       map status values the tool does not know, e.g. "Ongoing=On target,Parked=Not started"
                     (statuses: ${STATUSES.join(", ")})
  --name TEXT        the plan's name in the narrative (default: from the sheet)
  --json             print the proposal as JSON instead of in words
  -h, --help         this help

Exit status: 0 written, 1 refused for a stated reason (a status value nobody mapped, no actions found, or
NEW's plan sheets would collide with FILE's sheets), 2 unusable input or usage.`;

/** `--status "Done=Complete,Parked=Not started"` as a map from value to status. */
export function statusMapOption(text: string | boolean | undefined): Record<string, Status> {
  if (text === undefined || typeof text === "boolean") return {};
  const map: Record<string, Status> = {};
  for (const pair of text.split(",").filter((p) => p.trim() !== "")) {
    const at = pair.lastIndexOf("=");
    const value = at < 0 ? "" : pair.slice(0, at).trim();
    const status = at < 0 ? undefined : parseStatus(pair.slice(at + 1));
    if (!value || !status) {
      throw new UsageError(`--status takes VALUE=STATUS pairs separated by commas, with a status among ${STATUSES.join(", ")}; not "${pair.trim()}".`, ADOPT_USAGE);
    }
    map[value] = status;
  }
  return map;
}

export async function adoptCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, {
    out: { type: "string" }, sheet: { type: "string" }, year: { type: "string" }, quarter: { type: "string" },
    status: { type: "string" }, name: { type: "string" }, json: { type: "boolean" },
  }, ADOPT_USAGE);
  if (parsed.values.help) {
    io.out(ADOPT_USAGE);
    return EXIT.done;
  }
  const file = oneFile(parsed, ADOPT_USAGE);
  const out = typeof parsed.values.out === "string" ? parsed.values.out.trim() : "";
  if (!out) throw new UsageError("Name the new workbook with --out NEW.xlsx: adopt never changes FILE.", ADOPT_USAGE);
  const today = quarterOf(fromUtcDate(io.today()));
  const year = yearOption(parsed.values.year, ADOPT_USAGE) ?? today.year;
  const quarter: Quarter = quarterOption(parsed.values.quarter, ADOPT_USAGE) ?? (year.startYear === today.year.startYear ? today.quarter : "Q1");
  const options: SheetAdoptionOptions = {
    year: formatFinancialYear(year),
    currentQuarter: quarter,
    statusMap: statusMapOption(parsed.values.status),
    ...(typeof parsed.values.name === "string" ? { name: parsed.values.name } : {}),
  };
  const sheet = typeof parsed.values.sheet === "string" ? parsed.values.sheet : undefined;

  const opened = await withProgress(io, `Reading ${file}`, () => openWorkbookFile(file));
  const names = opened.workbook.workbook.worksheets.map((s) => s.name);
  if (sheet !== undefined && !names.some((n) => n.toLowerCase() === sheet.toLowerCase())) {
    throw new UsageError(`${file} has no sheet named "${sheet}"; its sheets are ${names.map((n) => `"${n}"`).join(", ")}.`);
  }
  const outcome = await withProgress(io, "Adopting the plan", () => adoptSheet(opened.workbook, sheet, options));
  if (parsed.values.json && outcome.proposal) io.out(JSON.stringify(outcome.proposal, null, 2));
  else if (outcome.proposal) io.out(proposalLines(outcome.proposal).join("\n"));
  if (!outcome.done) {
    io.err(`csp-plan adopt: ${outcome.reason} Nothing was written.`);
    return EXIT.refused;
  }
  await withProgress(io, `Writing ${out}`, async () => writeNewFile(out, await opened.workbook.toBuffer()));
  if (opened.losses.length > 0) io.err(`Note: ${out} will not have everything ${file} has. ${describeLosses([...opened.losses])}`);
  if (!parsed.values.json) {
    io.out(`\nWrote ${out}: "${outcome.proposal.sheet}" as it was, and the plan in ${outcome.sheets.join(", ")}. ${file} is unchanged.`);
    io.out(`Next: csp-plan check ${out}`);
  }
  return EXIT.done;
}
