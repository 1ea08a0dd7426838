import { parseArgs, ParseArgsConfig } from "node:util";
import { parseQuarter, Quarter } from "../domain/contract";
import { isoDate, IsoDate, isRealDate } from "../domain/dates";
import { FinancialYear, parseFinancialYear } from "../domain/quarters";
import { cappedList } from "../domain/wording";
import { UsageError } from "./errors";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Parsed {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** Parses a command's arguments; any slip is a UsageError carrying the command's help. */
export function parseCommand(args: readonly string[], options: Options, usage: string): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
    return { values: values as Parsed["values"], positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, "."), usage);
  }
}

export function quarterOption(text: string | boolean | undefined, usage: string): Quarter | undefined {
  if (text === undefined || typeof text === "boolean") return undefined;
  const quarter = parseQuarter(text);
  if (!quarter) throw new UsageError(`--quarter must be Q1, Q2, Q3 or Q4, not "${text}".`, usage);
  return quarter;
}

export function yearOption(text: string | boolean | undefined, usage: string): FinancialYear | undefined {
  if (text === undefined || typeof text === "boolean") return undefined;
  const year = parseFinancialYear(text);
  if (!year) throw new UsageError(`--year must be a financial year such as 2015/16, not "${text}".`, usage);
  return year;
}

export function asOfOption(text: string | boolean | undefined, usage: string): IsoDate | undefined {
  if (text === undefined || typeof text === "boolean") return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new UsageError(`--as-of must be a date written YYYY-MM-DD, such as 2014-12-31, not "${text}".`, usage);
  }
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function oneFile(parsed: Parsed, usage: string): string {
  if (parsed.positionals.length === 0) throw new UsageError("Name the workbook file.", usage);
  if (parsed.positionals.length > 1) throw new UsageError(`One workbook at a time (got ${cappedList(parsed.positionals)}).`, usage);
  return parsed.positionals[0];
}
