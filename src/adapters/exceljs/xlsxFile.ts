import { randomBytes } from "node:crypto";
import { constants as fsConstants, promises as fs } from "node:fs";
import path from "node:path";
import { ExcelJsWorkbook } from "./excelJsWorkbook";
import { DEFAULT_LIMITS, listZipEntries, PreflightError, PreflightLimits, preflightXlsx, readZipEntry, RoundTripLoss, ZipEntry } from "./xlsxPreflight";

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

/** The error's code (`EACCES`, `ENOENT`, …), if it is a file-system error. */
function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Words for a file-system error met while reading `file` (as the user named it): a FileProblem with exit
 * status 2 (unusable input), or undefined for an error that is not the file's (left to the caller).
 */
export function readProblem(file: string, error: unknown): FileProblem | undefined {
  switch (errorCode(error)) {
    case "ENOENT":
      return new FileProblem(2, `There is no file at ${file}.`);
    case "ENOTDIR":
      return new FileProblem(2, `There is no file at ${file}: part of that path is a file, not a folder.`);
    case "EACCES":
    case "EPERM":
      return new FileProblem(2, `${file} could not be read: you do not have permission to read it, or to open the folder it is in. Ask its owner for access, or work on a copy you can read.`);
    case "EISDIR":
      return new FileProblem(2, `${file} is a folder, not a file. Name the workbook file.`);
    case "ELOOP":
      return new FileProblem(2, `${file} could not be read: it is a link that leads round in a circle. Name the workbook itself.`);
    case "EIO":
      return new FileProblem(2, `${file} could not be read: the disk reported an error. Copy the file somewhere else and try the copy.`);
    default:
      return undefined;
  }
}

/** A size in words: `34 KB`, `2.5 MB`. */
function sizeText(bytes: number): string {
  return bytes < 1048576 ? `${Math.max(1, Math.ceil(bytes / 1024))} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

/**
 * Words for a file-system error met while writing `target` (as the user named it) in `folder` (where the
 * file is written): a FileProblem with exit status 1 (the write was refused; nothing was changed), or
 * undefined for an error that is not about the file or folder (left to the caller). `replacing` says
 * whether an existing file was being replaced in place, and `advice` what else the user could do.
 */
export function writeProblem(target: string, folder: string, error: unknown, options: { replacing: boolean; bytes?: number; advice?: string }): FileProblem | undefined {
  const outcome = options.replacing ? `${target} was not changed` : `${target} was not written`;
  const advice = options.advice ? ` ${options.advice}` : "";
  switch (errorCode(error)) {
    case "EACCES":
    case "EPERM":
      return new FileProblem(
        1,
        options.replacing
          ? `${outcome}: you do not have permission to create or replace files in the folder ${folder} (a write in place saves the new copy beside the file, then puts it in the file's place). Ask for write access to that folder.${advice}`
          : `${outcome}: you do not have permission to create files in the folder ${folder}. Choose a folder you can write to.${advice}`,
      );
    case "EROFS":
      return new FileProblem(1, `${outcome}: the folder ${folder} is on a read-only disk.${advice || " Choose a folder on another disk."}`);
    case "ENOSPC":
    case "EDQUOT":
      return new FileProblem(1, `${outcome}: there is not enough space on the disk for the folder ${folder}${options.bytes ? ` (it needs about ${sizeText(options.bytes)})` : ""}. Free some space and try again.${advice}`);
    case "ENOENT":
      return new FileProblem(1, `${outcome}: there is no folder ${folder}. Create the folder first, or choose a file in a folder that exists.`);
    case "ENOTDIR":
      return new FileProblem(1, `${outcome}: ${folder} is not a folder (part of that path is a file). Choose a file in a folder that exists.`);
    case "EISDIR":
      return new FileProblem(1, `${outcome}: ${target} is a folder. Name a file, for example ${path.join(target, "plan.xlsx")}.`);
    case "EIO":
      return new FileProblem(1, `${outcome}: the disk reported an error while writing in the folder ${folder}. Try again, or choose a folder on another disk.`);
    default:
      return undefined;
  }
}

/** A workbook file's bytes, after checking it is a file within the size limit (FileProblem, exit 2, if not). */
export async function readWorkbookBytes(file: string, limits: PreflightLimits = DEFAULT_LIMITS): Promise<Buffer> {
  // Any failure to read the file makes it unusable input (exit 2), in words where the error is a known one.
  const unreadable = (error: unknown): never => {
    throw readProblem(file, error) ?? new FileProblem(2, `${file} could not be read (${errorCode(error) ?? (error as Error).message}).`);
  };
  const stat = await fs.stat(file).catch(unreadable);
  if (!stat.isFile()) throw new FileProblem(2, `${file} is not a file.`);
  if (stat.size > limits.maxFileBytes) {
    throw new FileProblem(2, `${file} is ${(stat.size / 1048576).toFixed(1)} MB, more than the ${limits.maxFileBytes / 1048576} MB limit for a plan workbook.`);
  }
  return fs.readFile(file).catch(unreadable);
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

export interface AtomicWriteOptions {
  /** Refuse the write if the target's bytes are no longer these (someone saved it meanwhile). */
  expected?: Buffer;
  hooks?: AtomicWriteHooks;
  /** What else the user could do if the write is refused, e.g. `Use --out NEW.xlsx …`: added to the message. */
  advice?: string;
}

/** Whether a file-system error means "you may not do that here" (not an error in the write itself). */
const isNotPermitted = (error: unknown) => ["EPERM", "EACCES", "ENOTSUP", "EOPNOTSUPP", "EINVAL"].includes(errorCode(error) ?? "");

/**
 * Gives the new copy the original's owner, group and permissions, so that a write in place changes the
 * file's contents and nothing else: the temporary file was created with the umask applied (664 would
 * become 644) and owned by whoever ran the command (root would take a nobody:nogroup file). The owner
 * first, as changing it can clear the set-ID bits that the mode then restores. Where the owner may not be
 * given (only root may give a file away; some disks, such as network shares, have no owners or modes),
 * the copy stays the user's, quietly: that is what any editor's save would do.
 */
async function keepOwnerAndMode(temporary: string, original: { uid: number; gid: number; mode: number }): Promise<void> {
  const made = await fs.stat(temporary);
  if (made.uid !== original.uid || made.gid !== original.gid) {
    await fs.chown(temporary, original.uid, original.gid).catch(async (error: unknown) => {
      if (!isNotPermitted(error)) throw error;
      // Not root: keep at least the group, which the owner may give to one of their own groups.
      if (made.gid !== original.gid) await fs.chown(temporary, made.uid, original.gid).catch((again: unknown) => {
        if (!isNotPermitted(again)) throw again;
      });
    });
  }
  await fs.chmod(temporary, original.mode & 0o7777).catch((error: unknown) => {
    if (!isNotPermitted(error)) throw error;
  });
}

/**
 * Writes a file so that a reader sees either the old bytes or the new, never a mixture: write a
 * temporary file beside the target, flush it, give it the target's permissions, owner and group (where
 * the user may: see {@link keepOwnerAndMode}), then rename it over the target. On any failure the
 * temporary file is removed and the target is untouched. `expected` refuses the write if the target
 * changed since it was read.
 *
 * The rename makes the target a new file. Through a symbolic link the file the link names is replaced
 * and the link kept; but a hard link cannot survive: another name for the same file (made with `ln`, not
 * `ln -s`) keeps the old contents, and only the name given here has the new ones.
 *
 * A file-system error with the file or its folder (no permission, a read-only disk, a full disk, no such
 * folder) is a FileProblem (exit status 1) naming the file and folder, never the hidden temporary file.
 */
export async function writeFileAtomically(target: string, data: Buffer, options: AtomicWriteOptions = {}): Promise<void> {
  // Through a symbolic link, update the file it points to rather than replacing the link.
  const file = await fs.realpath(target).catch(() => path.resolve(target));
  const dir = path.dirname(file);
  const temporary = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const original = await fs.stat(file).catch(() => undefined);
  const problem = (error: unknown) => writeProblem(target, dir, error, { replacing: original !== undefined, bytes: data.length, advice: options.advice }) ?? error;
  const handle = await fs.open(temporary, "wx", original?.mode ?? 0o666).catch((error: unknown) => {
    throw problem(error);
  });
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (original) await keepOwnerAndMode(temporary, original);
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
    throw problem(error);
  }
}

/** Writes a new file; refuses to replace one that exists. */
export async function writeNewFile(file: string, data: Buffer, options: Pick<AtomicWriteOptions, "advice"> = {}): Promise<void> {
  const existing = await fs.lstat(file).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new FileProblem(1, `${file} is a folder. Name a new file, for example ${path.join(file, "plan.xlsx")}.`);
  }
  if (existing) {
    throw new FileProblem(1, `${file} already exists. Choose a new file name; this command never overwrites an existing file.`);
  }
  await writeFileAtomically(file, data, options);
}

// ---------------------------------------------------------------------------------------------
// Before a write in place
// ---------------------------------------------------------------------------------------------

/** How {@link readOnlyReason} learns about the user and the file: injectable, so tests can play any user. */
export interface WriteAccessChecks {
  /** The user's id; 0 is root (default: `process.getuid()`, undefined on Windows). */
  uid?: number;
  /** Rejects if the user may not write the file (default: `fs.access`). */
  access?: (file: string, mode: number) => Promise<void>;
}

/**
 * Why `file` should not be written in place, or undefined if it may be: `read-only` when the user may not
 * write it (`fs.access` with W_OK fails), or, for root, whom no permission stops, when nobody at all has
 * write permission (mode 444: someone made it read-only on purpose, as Excel would respect the read-only
 * attribute); `read-only-disk` when it lies on a disk mounted read-only. A missing file is not read-only
 * (the read reports it).
 */
export async function readOnlyReason(file: string, checks: WriteAccessChecks = {}): Promise<"read-only" | "read-only-disk" | undefined> {
  const uid = "uid" in checks ? checks.uid : process.getuid?.();
  const access = checks.access ?? ((f: string, mode: number) => fs.access(f, mode));
  try {
    await access(file, fsConstants.W_OK);
  } catch (error) {
    const code = errorCode(error);
    if (code === "EROFS") return "read-only-disk";
    if (code === "EACCES" || code === "EPERM") return "read-only";
    return undefined;
  }
  if (uid === 0) {
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat && (stat.mode & 0o222) === 0) return "read-only";
  }
  return undefined;
}

/**
 * The names Microsoft Office gives the owner file ("lock file") it keeps beside a document it has open:
 * `~$` and the document's name. Excel and PowerPoint keep the whole name (`~$plan.xlsx`); Word shortens
 * a long one, dropping the name's first two characters when it has eight or more before the extension,
 * and its first one when it has seven (`OfficeReport.docx` → `~$ficeReport.docx`). Both spellings are
 * checked: what matters is that Office has the file open, whichever program wrote the lock.
 */
export function officeOwnerFileNames(fileName: string): string[] {
  const stem = fileName.length - path.extname(fileName).length;
  const names = [`~$${fileName}`];
  if (stem >= 8) names.push(`~$${fileName.slice(2)}`);
  else if (stem === 7) names.push(`~$${fileName.slice(1)}`);
  return names;
}

/**
 * The owner file Excel leaves beside `file` while it has the file open (see {@link officeOwnerFileNames}),
 * as a path beside the name the user gave, or undefined if there is none. Through a symbolic link, both
 * the link's folder and the real file's are looked in.
 */
export async function excelLockFile(file: string): Promise<string | undefined> {
  const places = [file];
  const real = await fs.realpath(file).catch(() => undefined);
  if (real && real !== path.resolve(file)) places.push(real);
  for (const place of places) {
    for (const name of officeOwnerFileNames(path.basename(place))) {
      const lock = path.join(path.dirname(place), name);
      if (await fs.lstat(lock).then((s) => s.isFile(), () => false)) return lock;
    }
  }
  return undefined;
}

/** The main part's content type of a macro-enabled workbook (.xlsm) or template (.xltm) or add-in (.xlam). */
const MACRO_ENABLED_MAIN = /ContentType\s*=\s*["']application\/vnd\.ms-excel\.[a-z]+\.macroEnabled\.main\+xml["']/i;

/**
 * Whether a package is a macro-enabled workbook, as Excel decides it: by the main part's content type in
 * `[Content_Types].xml` (`application/vnd.ms-excel.sheet.macroEnabled.main+xml`), whatever the file is
 * called. Excel opens a package only when that type and the file's extension agree, so a copy must be
 * named by it. False for a package without the part (the read of the workbook reports that).
 */
export function isMacroEnabled(bytes: Buffer): boolean {
  const entry = listZipEntries(bytes).find((e) => e.name.toLowerCase() === "[content_types].xml");
  return entry !== undefined && MACRO_ENABLED_MAIN.test(readZipEntry(bytes, entry).toString("utf8"));
}
