import { FileProblem } from "../adapters/exceljs/xlsxFile";
import { adoptCommand } from "./commands/adopt";
import { carryOverCommand } from "./commands/carryOver";
import { chaseCommand } from "./commands/chase";
import { checkCommand } from "./commands/check";
import { demoCommand } from "./commands/demo";
import { initCommand } from "./commands/init";
import { reportCommand } from "./commands/report";
import { rollupCommand } from "./commands/rollup";
import { summaryCommand } from "./commands/summary";
import { EXIT, UsageError } from "./errors";
import { Io, processIo } from "./io";

export const USAGE = `Usage: csp-plan <command> [options]

Keeps a Community Safety Partnership's live action plan (.xlsx) in order: the same checks,
RAG ratings and quarterly summary as the Excel add-in.

Commands:
  init FILE [--year 2015/16] [--name …] [--sample]   a new plan workbook (a new file only)
  check FILE [--quarter Qn] [--as-of YYYY-MM-DD] [--json]   structure, SMART and lead-officer findings (writes nothing)
  summary FILE --quarter Qn [--year …] [--out NEW] [--json]   RAG column and the quarter's summary sheet
  report FILE --out REPORT.docx [--quarter Qn] [--year …]   the committee report as a Word document (FILE unchanged)
  chase FILE [--quarter Qn] [--as-of YYYY-MM-DD] [--json]   who to ask for missing updates, with messages (writes and sends nothing)
  adopt FILE --out NEW [--sheet NAME] [--status …] [--json]   bring in a plan kept in any layout (FILE unchanged)
  carry-over FILE --out NEXT.xlsx [--to 2015/16] [--keep-status] [--json]   next year's plan: the open actions carried (FILE unchanged)
  rollup FILE... --out COUNTY.xlsx [--quarter Qn] [--json]   one workbook summarising many plans (FILEs unchanged)
  demo [DIR]                                         sample plan → check → summary

Run 'csp-plan <command> --help' for a command's options.
Exit status: 0 done, 1 the plan has errors or the write was refused, 2 unusable input or usage.`;

const COMMANDS: Record<string, (args: readonly string[], io: Io) => Promise<number>> = {
  init: initCommand,
  check: checkCommand,
  summary: summaryCommand,
  report: reportCommand,
  chase: chaseCommand,
  adopt: adoptCommand,
  "carry-over": carryOverCommand,
  rollup: rollupCommand,
  demo: demoCommand,
};

/** Runs the command line; returns the exit status. A user's mistake is a message, never a stack trace. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    io.out(USAGE);
    return command ? EXIT.done : EXIT.unusable;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`csp-plan: there is no command "${command}".\n\n${USAGE}`);
    return EXIT.unusable;
  }
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`csp-plan ${command}: ${error.message}${error.usage ? `\n\n${error.usage}` : ""}`);
      return EXIT.unusable;
    }
    if (error instanceof FileProblem) {
      io.err(`csp-plan ${command}: ${error.message}`);
      return error.exitCode;
    }
    // Reads and writes of the user's files say their own problems (FileProblem, above); this is a backstop.
    const { code, path: where } = error as NodeJS.ErrnoException;
    if (code === "EACCES" || code === "EPERM" || code === "ENOENT" || code === "EISDIR" || code === "EROFS" || code === "ENOSPC") {
      io.err(`csp-plan ${command}: could not use ${where ?? "a file"} (${code}). Check the file and its folder, then try again.`);
      return EXIT.refused;
    }
    io.err(`csp-plan ${command}: something went wrong that is not your doing: ${(error as Error).message}`);
    if (process.env.CSP_PLAN_DEBUG) io.err(String((error as Error).stack));
    else io.err("Set CSP_PLAN_DEBUG=1 to see the details, and please report it.");
    return EXIT.unusable;
  }
}
