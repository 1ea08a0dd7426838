import { Quarter } from "../../domain/contract";
import { fromUtcDate } from "../../domain/dates";
import { blankSeed, PlanSeed, shiftSeed } from "../../domain/planSeed";
import { formatFinancialYear, quarterOf } from "../../domain/quarters";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";
import { ExcelJsWorkbook } from "../../adapters/exceljs/excelJsWorkbook";
import { writeNewFile } from "../../adapters/exceljs/xlsxFile";
import { setUpPlan } from "../../usecases/setUpPlan";
import { oneFile, parseCommand, yearOption } from "../args";
import { EXIT } from "../errors";
import { Io, withProgress } from "../io";

export const INIT_USAGE = `Usage: csp-plan init FILE [--year 2015/16] [--name "community safety action plan"] [--sample]

Creates a new plan workbook in the contract's structure: the sheets Action Plan, Lead Officers,
Priorities and Plan Settings, each with its Excel table, status and lead-officer dropdowns and
dd/mm/yyyy dates. Never overwrites: FILE must not exist yet.

Options:
  --year YYYY/YY  financial year of the plan (default: the current one; with --sample, 2014/15)
  --name TEXT     plan name as used in the narrative (default: "community safety action plan")
  --sample        fill it with the bundled sample plan (48 actions, eight priorities); with --year
                  the sample's dates move to that year
  -h, --help      this help`;

export async function initCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, { year: { type: "string" }, name: { type: "string" }, sample: { type: "boolean" } }, INIT_USAGE);
  if (parsed.values.help) {
    io.out(INIT_USAGE);
    return EXIT.done;
  }
  const file = oneFile(parsed, INIT_USAGE);
  const year = yearOption(parsed.values.year, INIT_USAGE);
  const name = typeof parsed.values.name === "string" ? parsed.values.name : undefined;
  let seed: PlanSeed;
  if (parsed.values.sample) {
    seed = year ? shiftSeed(SAMPLE_PLAN, year.startYear) : SAMPLE_PLAN;
    if (name) seed = { ...seed, name };
  } else {
    const today = quarterOf(fromUtcDate(io.today()));
    const planYear = year ?? today.year;
    const quarter: Quarter = planYear.startYear === today.year.startYear ? today.quarter : "Q1";
    seed = blankSeed(name ?? "community safety action plan", formatFinancialYear(planYear), quarter);
  }
  const workbook = ExcelJsWorkbook.empty();
  const outcome = await setUpPlan(workbook, seed);
  if (!outcome.done) {
    io.err(`csp-plan: ${outcome.reason}`);
    return EXIT.refused;
  }
  await withProgress(io, `Writing ${file}`, async () => writeNewFile(file, await workbook.toBuffer()));
  io.out(`Created ${file}: the ${seed.name} ${seed.year}, ${seed.actions.length} actions, current quarter ${seed.currentQuarter}.`);
  return EXIT.done;
}
