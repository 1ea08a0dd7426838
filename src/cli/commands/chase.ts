import { openPlanFile } from "../../adapters/xlsx/planFile";
import { chaseFlag, ChaseOfficer } from "../../domain/chase";
import { Period } from "../../domain/period";
import { formatFinancialYear } from "../../domain/quarters";
import { numberWords, plural } from "../../domain/wording";
import { chaseList } from "../../usecases/chaseList";
import { asOfOption, oneFile, parseCommand, quarterOption } from "../args";
import { EXIT } from "../errors";
import { Io, withProgress } from "../io";
import { findingLines, periodText } from "../report";

export const CHASE_USAGE = `Usage: csp-plan chase FILE [--quarter Qn] [--as-of YYYY-MM-DD] [--json]

Lists, for each lead officer, the open actions that still have no update for the quarter (ID, action
and target date), with a short message to send them. No e-mail is sent: copy each message into your
own. Never changes the file.

The message asks for the update by the end of the quarter while the quarter runs (--as-of before its
last day), and otherwise "as soon as you can". Officers the Lead Officers register marks inactive, or
does not hold, are flagged so their actions can be reassigned.

Options:
  --quarter Qn          the quarter whose updates are wanted (default: Plan Settings' current quarter)
  --as-of YYYY-MM-DD    the day the messages are sent (default: the end of that quarter)
  --json                print [{leadOfficer, active, registered, actions: [{id, action, targetDate}], message}]
  -h, --help            this help

Exit status: 0 listed (even when someone is to be chased), 1 the plan has structure errors that stop it
being read, 2 the file or the command is unusable.`;

/** The chase list as JSON: target dates as YYYY-MM-DD, or null when blank or not a date. */
export function chaseJson(list: readonly ChaseOfficer[]) {
  return list.map((e) => ({
    leadOfficer: e.leadOfficer,
    active: e.active,
    registered: e.registered,
    actions: e.actions.map((a) => ({ id: a.id, action: a.action, targetDate: a.targetDate })),
    message: e.message,
  }));
}

/** The chase list as a person reads it in a terminal. */
export function chaseLines(file: string, list: readonly ChaseOfficer[], period: Period): string[] {
  const actions = list.reduce((n, e) => n + e.actions.length, 0);
  const quarter = `${period.quarter} ${formatFinancialYear(period.year)}`;
  if (list.length === 0) return [`${file}: every open action has its ${quarter} update (${periodText(period)}). Nobody to chase.`];
  const lines = [
    `${file}: ${numberWords(actions)} ${plural(actions, "action lacks", "actions lack")} the ${quarter} update, ` +
      `${plural(list.length, "one lead officer", `${numberWords(list.length)} lead officers`)} to chase (${periodText(period)}).`,
    "No e-mail is sent: copy each message into your own.",
  ];
  for (const entry of list) {
    const flag = chaseFlag(entry);
    lines.push("", `${entry.leadOfficer || "No lead officer"}${flag && entry.leadOfficer ? ` (${flag})` : ""}`);
    for (const a of entry.actions) lines.push(`  ${a.id || "(no ID)"}  ${a.action}  (target date: ${a.targetDateText})`);
    lines.push(`  Message: ${entry.message}`);
  }
  return lines;
}

export async function chaseCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, { quarter: { type: "string" }, "as-of": { type: "string" }, json: { type: "boolean" } }, CHASE_USAGE);
  if (parsed.values.help) {
    io.out(CHASE_USAGE);
    return EXIT.done;
  }
  const file = oneFile(parsed, CHASE_USAGE);
  const choice = { quarter: quarterOption(parsed.values.quarter, CHASE_USAGE), asOf: asOfOption(parsed.values["as-of"], CHASE_USAGE) };
  const { workbook } = await withProgress(io, `Reading ${file}`, () => openPlanFile(file));
  const outcome = await chaseList(workbook, choice);
  if (!outcome.done) {
    io.err(`csp-plan: ${outcome.reason}`);
    io.err(findingLines(outcome.findings).join("\n"));
    return EXIT.refused;
  }
  io.out(parsed.values.json ? JSON.stringify(chaseJson(outcome.list), null, 2) : chaseLines(file, outcome.list, outcome.period).join("\n"));
  return EXIT.done;
}
