import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { ExcelJsWorkbook } from "./excelJsWorkbook";
import { DEFAULT_LIMITS, PreflightError, PreflightLimits, preflightXlsx, readZipEntry, RoundTripLoss, ZipEntry } from "./xlsxPreflight";

/** A file the command line cannot use, with words for the user: exit status 2 (unusable input) or 1 (refused). */
export class FileProblem extends Error {
  constructor(readonly exitCode: 1 | 2, message: string) {
    super(message);
    this.name = "FileProblem";
  }
}

export interface OpenedWorkbook {
  readonly workbook: ExcelJsWorkbook;
  /** The bytes as read: a write in place is refused if the file has changed since. */
  readonly bytes: Buffer;
  readonly losses: readonly RoundTripLoss[];
}

/** Names of tables that really have no header row (`headerRowCount="0"`). */
function tablesWithoutHeaderRow(bytes: Buffer, entries: readonly ZipEntry[]): Set<string> {
  const names = new Set<string>();
  for (const entry of entries.filter((e) => /^xl\/tables\/[^/]+\.xml$/i.test(e.name))) {
    const xml = readZipEntry(bytes, entry).toString("utf8");
    const open = /<(?:\w+:)?table\b[^>]*>/.exec(xml)?.[0] ?? "";
    const name = /\bname="([^"]*)"/.exec(open)?.[1];
    if (name && /\bheaderRowCount="0"/.test(open)) names.add(name);
  }
  return names;
}

/** A workbook file's bytes, after checking it is a file within the size limit (FileProblem, exit 2, if not). */
export async function readWorkbookBytes(file: string, limits: PreflightLimits = DEFAULT_LIMITS): Promise<Buffer> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) throw new FileProblem(2, `There is no file at ${file}.`);
  if (!stat.isFile()) throw new FileProblem(2, `${file} is not a file.`);
  if (stat.size > limits.maxFileBytes) {
    throw new FileProblem(2, `${file} is ${(stat.size / 1048576).toFixed(1)} MB, more than the ${limits.maxFileBytes / 1048576} MB limit for a plan workbook.`);
  }
  return fs.readFile(file);
}

/** Reads and guards a workbook file, then loads it: sizes and zip structure are checked before ExcelJS parses anything. */
export async function openWorkbookFile(file: string, limits: PreflightLimits = DEFAULT_LIMITS): Promise<OpenedWorkbook> {
  const bytes = await readWorkbookBytes(file, limits);
  let entries: ZipEntry[];
  let losses: RoundTripLoss[];
  try {
    ({ entries, losses } = preflightXlsx(bytes, limits));
  } catch (error) {
    if (error instanceof PreflightError) throw new FileProblem(2, `${file}: ${error.message}`);
    throw error;
  }
  try {
    return { workbook: await ExcelJsWorkbook.load(bytes, tablesWithoutHeaderRow(bytes, entries)), bytes, losses };
  } catch (error) {
    throw new FileProblem(2, `${file} could not be read as an Excel workbook (${(error as Error).message}). Open it in Excel and save it again as .xlsx.`);
  }
}

export interface AtomicWriteHooks {
  /** Runs after the temporary file is written and before it replaces the target (tests interrupt here). */
  beforeRename?: (temporaryFile: string) => Promise<void> | void;
}

/**
 * Writes a file so that a reader sees either the old bytes or the new, never a mixture: write a
 * temporary file beside the target, flush it, then rename it over the target. On any failure the
 * temporary file is removed and the target is untouched. `expected` refuses the write if the target
 * changed since it was read.
 */
export async function writeFileAtomically(target: string, data: Buffer, options: { expected?: Buffer; hooks?: AtomicWriteHooks } = {}): Promise<void> {
  // Through a symbolic link, update the file it points to rather than replacing the link.
  const file = await fs.realpath(target).catch(() => path.resolve(target));
  const dir = path.dirname(file);
  const temporary = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const mode = (await fs.stat(file).catch(() => undefined))?.mode;
  const handle = await fs.open(temporary, "wx", mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.hooks?.beforeRename?.(temporary);
    if (options.expected) {
      const now = await fs.readFile(file).catch(() => undefined);
      if (!now || !now.equals(options.expected)) {
        throw new FileProblem(1, `${target} changed while it was being updated (someone else saved it?). Nothing was written; run the command again.`);
      }
    }
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** Writes a new file; refuses to replace one that exists. */
export async function writeNewFile(file: string, data: Buffer): Promise<void> {
  if (await fs.stat(file).catch(() => undefined)) {
    throw new FileProblem(1, `${file} already exists. Choose a new file name; this command never overwrites an existing file.`);
  }
  await writeFileAtomically(file, data);
}
