import { Io } from "../../src/cli/io";
import { main } from "../../src/cli/main";

/** What one in-process run of the command line said and how it ended. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs `csp-plan ARGS` in-process with a fake Io whose today is `today` (default 15 November 2014, in Q3
 * 2014/15), collecting what it prints. The same command line the bin runs, without a process per call.
 */
export async function runCli(args: readonly string[], today: Date = new Date(Date.UTC(2014, 10, 15))): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (text) => out.push(text), err: (text) => err.push(text), today: () => today };
  const code = await main([...args], io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}
