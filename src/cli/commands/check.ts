import { openPlanFile } from "../../adapters/xlsx/planFile";
import { hasErrors } from "../../domain/findings";
import { checkPlan } from "../../usecases/checkPlan";
import { asOfOption, oneFile, parseCommand, quarterOption } from "../args";
import { EXIT } from "../errors";
import { Io, withProgress } from "../io";
import { findingCounts, findingLines, findingsJson, periodText } from "../report";

export const CHECK_USAGE = `Usage: csp-plan check FILE [--quarter Qn] [--as-of YYYY-MM-DD] [--json]

Checks the plan's structure, SMART fields and lead officers, and lists every finding with its
cell and action ID. Never changes the file.

Options:
  --quarter Qn          the quarter whose updates are expected (default: Plan Settings' current quarter)
  --as-of YYYY-MM-DD    the day to judge dates by (default: the end of that quarter)
  --json                print the findings as one JSON list
  -h, --help            this help

Exit status: 0 no errors (warnings allowed), 1 the plan has errors, 2 the file or the command is unusable.`;

export async function checkCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, { quarter: { type: "string" }, "as-of": { type: "string" }, json: { type: "boolean" } }, CHECK_USAGE);
  if (parsed.values.help) {
    io.out(CHECK_USAGE);
    return EXIT.done;
  }
  const file = oneFile(parsed, CHECK_USAGE);
  const choice = { quarter: quarterOption(parsed.values.quarter, CHECK_USAGE), asOf: asOfOption(parsed.values["as-of"], CHECK_USAGE) };
  const { workbook } = await withProgress(io, `Reading ${file}`, () => openPlanFile(file));
  const check = await checkPlan(workbook, choice);
  if (parsed.values.json) {
    io.out(JSON.stringify(findingsJson(check.findings), null, 2));
  } else {
    io.out(`${file}: ${findingCounts(check.findings)} (${periodText(check.period)}, ${check.plan.actions.length} actions)`);
    const lines = findingLines(check.findings);
    if (lines.length > 0) io.out(lines.join("\n"));
  }
  return hasErrors(check.findings) ? EXIT.refused : EXIT.done;
}
