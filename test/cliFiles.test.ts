/**
 * The command line's file I/O, as a tester found it wanting: a write in place that changed the file's
 * permissions and owner, a read-only plan overwritten, a plan Excel has open replaced under it, raw
 * file-system errors naming the hidden temporary file, an EPIPE stack trace behind `| head -1`, `--out`
 * under an extension Excel refuses, a user's sheet taken for the tool's by words anywhere in its first
 * cells, and `demo` replacing any file called sample-plan.xlsx.
 *
 * Permissions and root: these tests run as root here, and file modes do not bind root. So:
 * - the rule root is held to (a plan nobody may write is read-only, as Excel would treat it) is tested
 *   in-process, through `readOnlyReason`'s injectable user and access check and through `main`;
 * - what binds an ordinary user (fs.access, a folder they may not write, a file they may not read, an
 *   owner they may not give away) is tested on the real process (`node bin/csp-plan.js`, built privately),
 *   which, when the tests run as root, is started as `nobody` (uid 65534) on files given to nobody, so the
 *   kernel applies the modes for real. Run as any other user, the same tests run as that user.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, promises as fs, readdirSync, statSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import {
  excelLockFile, FileProblem, isMacroEnabled, officeOwnerFileNames, readOnlyReason, readProblem, writeFileAtomically, writeNewFile, writeProblem,
} from "../src/adapters/exceljs/xlsxFile";
import { listZipEntries, readZipEntry } from "../src/adapters/exceljs/xlsxPreflight";
import { MemoryWorkbook } from "../src/adapters/memory/memoryWorkbook";
import { DEMO_USAGE } from "../src/cli/commands/demo";
import { lineWriter } from "../src/cli/io";
import { ACTION_PLAN } from "../src/domain/contract";
import { carriesMark } from "../src/domain/ownedSheets";
import { SAMPLE_PLAN } from "../src/domain/sample/samplePlan";
import { summarySheet } from "../src/domain/summarySheet";
import { buildSummary } from "../src/usecases/buildSummary";
import { setUpPlan } from "../src/usecases/setUpPlan";
import { CliRun as Run, runCli } from "./support/cliRun";
import { makeTempDir, removeTempDir, useTempDir } from "./support/tempDir";
import { dumpWorkbookFile } from "./support/workbookDump";
import { writeZip } from "./support/zipWriter";

const ROOT = path.resolve(__dirname, "..");
const Q3_SHEET = "Q3 2014-15 Summary";
const STACK_LINE = /^\s+at /m;
const AS_ROOT = process.getuid?.() === 0;
/** Whom the real process runs as when the tests run as root: `nobody`, whom file modes bind. */
const NOBODY = 65534;

// ---------------------------------------------------------------------------------------------
// Running the command line
// ---------------------------------------------------------------------------------------------

/** Runs `csp-plan ARGS` in-process (test/support/cliRun.ts). */
const cli = (...args: string[]) => runCli(args);

function expectNoStackTrace(run: Run): void {
  expect(run.err).not.toMatch(STACK_LINE);
  expect(run.out).not.toMatch(STACK_LINE);
}

/**
 * The command line built into a folder of its own (lib/ and a copy of bin/csp-plan.js), so that building it
 * never races another test file's build of the shared lib/; its packages come from the project's
 * node_modules (NODE_PATH). The folder is readable by everyone, for the runs as nobody.
 */
let built: string | undefined;
function builtBin(): string {
  if (!built) {
    built = makeTempDir("csp-plan-cli-build-");
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.cli.json"), "--outDir", path.join(built, "lib")], { cwd: ROOT, stdio: "pipe" });
    mkdirSync(path.join(built, "bin"));
    copyFileSync(path.join(ROOT, "bin", "csp-plan.js"), path.join(built, "bin", "csp-plan.js"));
    execFileSync("chmod", ["-R", "a+rX", built]);
  }
  return path.join(built, "bin", "csp-plan.js");
}
afterAll(() => {
  if (built) removeTempDir(built);
});

interface SpawnOptions {
  /** Close our end of stdout (and stderr) as soon as the process starts: a reader that has gone. */
  closeOut?: boolean;
  closeErr?: boolean;
  /** Run as the test's own user even when that is root. */
  asRoot?: boolean;
}

/** Runs `node bin/csp-plan.js ARGS` as a real process: as nobody when the tests run as root (see the top). */
function spawnCli(args: string[], cwd: string, options: SpawnOptions = {}): Promise<Run> {
  const user = AS_ROOT && !options.asRoot ? { uid: NOBODY, gid: NOBODY } : {};
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [builtBin(), ...args], {
      cwd,
      ...user,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules"), CSP_PLAN_DEBUG: "" },
    });
    let out = "";
    let err = "";
    if (options.closeOut) child.stdout!.destroy();
    else child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    if (options.closeErr) child.stderr!.destroy();
    else child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? -1 : -2), out, err }));
  });
}

/** Gives a file or folder to the user the real process runs as (nobody, when the tests run as root). */
async function giveToUser(file: string): Promise<void> {
  if (AS_ROOT) await fs.chown(file, NOBODY, NOBODY);
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

const sha256 = async (file: string) => createHash("sha256").update(await fs.readFile(file)).digest("hex");

let sampleBytes: Buffer;

beforeAll(async () => {
  const workbook = ExcelJsWorkbook.empty();
  const outcome = await setUpPlan(workbook, SAMPLE_PLAN);
  if (!outcome.done) throw new Error(outcome.reason);
  sampleBytes = await workbook.toBuffer();
});

async function sampleFile(file: string, bytes: Buffer = sampleBytes): Promise<string> {
  await fs.writeFile(file, bytes);
  return file;
}

/** The package's parts, some changed, zipped again. */
function withParts(bytes: Buffer, change: (name: string, data: Buffer) => Buffer | string): Buffer {
  const parts = listZipEntries(bytes)
    .filter((e) => !e.name.endsWith("/"))
    .map((e) => ({ name: e.name, data: change(e.name, readZipEntry(bytes, e)) }));
  return writeZip(parts);
}

/** The sample as a macro-enabled workbook: its main part's content type is the .xlsm one, as Excel saves it. */
function macroEnabled(bytes: Buffer): Buffer {
  return withParts(bytes, (name, data) =>
    name === "[Content_Types].xml"
      ? data.toString("utf8").replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
      : data,
  );
}

/** Every name in a folder: a refused write leaves exactly what was there (no temporary file). */
const listing = (dir: string) => readdirSync(dir).sort();

// ---------------------------------------------------------------------------------------------
// 1. A write in place keeps the file's permissions, owner and group
// ---------------------------------------------------------------------------------------------

describe("a write in place keeps the file's permissions, owner and group", () => {
  const temp = useTempDir();
  let umask: number;
  beforeAll(() => {
    // The umask a user commonly has: it turns a new 664 file into 644, which the write must undo.
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
  });

  it("summary in place leaves a group-writable plan group-writable, and (as root) nobody's plan nobody's", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    await fs.chmod(file, 0o664);
    if (AS_ROOT) await fs.chown(file, NOBODY, NOBODY);
    const before = statSync(file);

    const run = await cli("summary", file, "--quarter", "Q3");
    expect(run.code).toBe(0);
    const after = statSync(file);
    expect(after.ino).not.toBe(before.ino); // replaced, atomically
    expect((after.mode & 0o7777).toString(8)).toBe("664");
    expect({ uid: after.uid, gid: after.gid }).toEqual({ uid: before.uid, gid: before.gid });
    expect(listing(temp.dir)).toEqual(["plan.xlsx"]);
  });

  it("writeFileAtomically gives the new copy exactly the original's mode, whatever the umask would make of it", async () => {
    for (const mode of [0o600, 0o640, 0o664, 0o666, 0o444, 0o2664]) {
      const file = temp.path(`mode-${mode.toString(8)}.bin`);
      await fs.writeFile(file, "old");
      await fs.chmod(file, mode);
      await writeFileAtomically(file, Buffer.from("new"));
      expect({ mode: (statSync(file).mode & 0o7777).toString(8), text: await fs.readFile(file, "utf8") }).toEqual({ mode: mode.toString(8), text: "new" });
    }
  });

  it("where the owner may not be given back (not root), the write goes ahead quietly and keeps the mode and group", async () => {
    // As root: the plan is root's, group nogroup, group-writable, in a folder nobody may write; nobody runs
    // the summary. Nobody may not give the new copy to root (EPERM), which must not stop the write.
    await fs.chmod(temp.dir, 0o777);
    const file = await sampleFile(temp.path("plan.xlsx"));
    await fs.chmod(file, 0o664);
    if (AS_ROOT) await fs.chown(file, 0, NOBODY);
    const run = await spawnCli(["summary", "plan.xlsx", "--quarter", "Q3"], temp.dir);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const after = statSync(file);
    expect((after.mode & 0o7777).toString(8)).toBe("664");
    expect(after.gid).toBe(AS_ROOT ? NOBODY : process.getgid?.());
    expect((await dumpWorkbookFile(file)).map((s) => s.name)).toContain(Q3_SHEET);
    expect(listing(temp.dir)).toEqual(["plan.xlsx"]);
  });

  it("a hard link to the plan keeps the old contents: the rename makes a new file (as documented)", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const link = temp.path("linked.xlsx");
    await fs.link(file, link);
    expect((await cli("summary", file, "--quarter", "Q3")).code).toBe(0);
    expect((await dumpWorkbookFile(file)).map((s) => s.name)).toContain(Q3_SHEET);
    expect((await fs.readFile(link)).equals(sampleBytes)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. A read-only plan is not written
// ---------------------------------------------------------------------------------------------

describe("a read-only plan is not written in place", () => {
  const temp = useTempDir();

  it("summary refuses a plan made read-only (chmod 444): exit 1, the file and folder unchanged, --out offered", async () => {
    // In-process: as root, by the rule that nobody may write it; as any other user, by fs.access.
    const file = await sampleFile(temp.path("plan.xlsx"));
    await fs.chmod(file, 0o444);
    const before = await sha256(file);
    const run = await cli("summary", file, "--quarter", "Q3");
    expect(run.code).toBe(1);
    expect(run.err).toBe(`csp-plan summary: ${file} is read-only, so it was not changed. Use --out NEW.xlsx to write the summary to a new file.`);
    expectNoStackTrace(run);
    expect(await sha256(file)).toBe(before);
    expect((statSync(file).mode & 0o777).toString(8)).toBe("444");
    expect(listing(temp.dir)).toEqual(["plan.xlsx"]);

    // --out still works, and leaves the read-only plan as it was.
    const out = temp.path("q3.xlsx");
    expect((await cli("summary", file, "--quarter", "Q3", "--out", out)).code).toBe(0);
    expect(await sha256(file)).toBe(before);
  });

  it("summary refuses in place a plan with a password to modify (Excel opens it read-only without it); --out writes a copy", async () => {
    const plain = await fs.readFile(await sampleFile(temp.path("plain.xlsx")));
    const file = temp.path("guarded.xlsx");
    const parts = listZipEntries(plain).filter((e) => !e.name.endsWith("/")).map((e) => ({ name: e.name, data: readZipEntry(plain, e) }));
    await fs.writeFile(file, writeZip(parts.map((p) => (p.name === "xl/workbook.xml" ? { name: p.name, data: p.data.toString().replace(/(<workbook\b[^>]*>)/, '$1<fileSharing userName="Clerk" reservationPassword="CBEB"/>') } : p))));
    const before = await sha256(file);
    const run = await cli("summary", file, "--quarter", "Q3");
    expect(run.code).toBe(1);
    expect(run.err).toBe(`csp-plan summary: ${file} has a password to modify, so it was not changed (Excel opens it read-only without the password). Use --out NEW.xlsx to write the summary to a new file.`);
    expect(await sha256(file)).toBe(before);
    expect((await cli("summary", file, "--quarter", "Q3", "--out", temp.path("copy.xlsx"))).code).toBe(0);
    expect(await sha256(file)).toBe(before);
  });

  it("the real process, run as the plan's owner (not root), refuses the owner's own read-only plan", async () => {
    await fs.chmod(temp.dir, 0o777);
    const file = await sampleFile(temp.path("plan.xlsx"));
    await giveToUser(file);
    await fs.chmod(file, 0o444);
    const before = await sha256(file);
    const run = await spawnCli(["summary", "plan.xlsx", "--quarter", "Q3"], temp.dir);
    expect(run.code).toBe(1);
    expect(run.err).toBe("csp-plan summary: plan.xlsx is read-only, so it was not changed. Use --out NEW.xlsx to write the summary to a new file.\n");
    expect(await sha256(file)).toBe(before);
    expect(listing(temp.dir)).toEqual(["plan.xlsx"]);
  });

  it("readOnlyReason: fs.access for every user, and for root, whom access never stops, no write bit for anyone", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const denied = (code: string) => () => Promise.reject(Object.assign(new Error(code), { code }));
    const allowed = () => Promise.resolve();
    await fs.chmod(file, 0o644);
    expect(await readOnlyReason(file, { uid: 1000, access: denied("EACCES") })).toBe("read-only");
    expect(await readOnlyReason(file, { uid: 1000, access: denied("EROFS") })).toBe("read-only-disk");
    expect(await readOnlyReason(file, { uid: 1000, access: allowed })).toBeUndefined();
    expect(await readOnlyReason(file, { uid: 0, access: allowed })).toBeUndefined();
    await fs.chmod(file, 0o444);
    expect(await readOnlyReason(file, { uid: 0, access: allowed })).toBe("read-only");
    // Not root: only access decides (an ACL may let the user write a 444 file).
    expect(await readOnlyReason(file, { uid: 1000, access: allowed })).toBeUndefined();
    await fs.chmod(file, 0o464);
    expect(await readOnlyReason(file, { uid: 0, access: allowed })).toBeUndefined();
    // A missing file is for the read to report.
    expect(await readOnlyReason(temp.path("missing.xlsx"), { uid: 1000 })).toBeUndefined();
  });

  it("says so for a macro-enabled plan with an .xlsm in the advice", async () => {
    const file = await sampleFile(temp.path("m.xlsm"), macroEnabled(sampleBytes));
    await fs.chmod(file, 0o444);
    const run = await cli("summary", file, "--quarter", "Q3");
    expect(run.code).toBe(1);
    expect(run.err).toContain("Use --out NEW.xlsm to write the summary to a new file.");
  });
});

// ---------------------------------------------------------------------------------------------
// 3. A plan Excel has open is not written
// ---------------------------------------------------------------------------------------------

describe("a plan Excel has open is not written in place", () => {
  const temp = useTempDir();

  it("names the owner file as Office does: Excel's whole name, and Word's shortened one for long names", () => {
    expect(officeOwnerFileNames("plan.xlsx")).toEqual(["~$plan.xlsx"]);
    expect(officeOwnerFileNames("plan-q3.xlsx")).toEqual(["~$plan-q3.xlsx", "~$lan-q3.xlsx"]);
    expect(officeOwnerFileNames("OfficeReport.xlsx")).toEqual(["~$OfficeReport.xlsx", "~$ficeReport.xlsx"]);
  });

  it.each([
    ["plan.xlsx", "~$plan.xlsx"],
    ["community-plan.xlsx", "~$community-plan.xlsx"],
    ["community-plan.xlsx", "~$mmunity-plan.xlsx"],
    ["plan-q3.xlsx", "~$lan-q3.xlsx"],
  ])("%s with %s beside it: exit 1, nothing written, --out offered", async (name, lock) => {
    const file = await sampleFile(temp.path(name));
    await fs.writeFile(temp.path(lock), Buffer.alloc(165, 0x20));
    const before = await sha256(file);
    const run = await cli("summary", file, "--quarter", "Q3");
    expect(run.code).toBe(1);
    expect(run.err).toContain(`csp-plan summary: ${file} looks open in Excel (its lock file ${lock} is beside it). Close it in Excel first, or use --out NEW.xlsx.`);
    expectNoStackTrace(run);
    expect(await sha256(file)).toBe(before);
    expect(listing(temp.dir)).toEqual([lock, name].sort());
  });

  it("another workbook's lock file does not stop it, and --out works while Excel has the plan open", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    await fs.writeFile(temp.path("~$other.xlsx"), "");
    expect(await excelLockFile(file)).toBeUndefined();
    expect((await cli("summary", file, "--quarter", "Q3")).code).toBe(0);
    await fs.writeFile(temp.path("~$plan.xlsx"), "");
    expect(await excelLockFile(file)).toBe(temp.path("~$plan.xlsx"));
    expect((await cli("summary", file, "--quarter", "Q3", "--out", temp.path("copy.xlsx"))).code).toBe(0);
  });

  it("through a symbolic link, a lock file beside the real plan counts too", async () => {
    await fs.mkdir(temp.path("shared"));
    const real = await sampleFile(temp.path("shared", "plan.xlsx"));
    const link = temp.path("my-plan.xlsx");
    await fs.symlink(real, link);
    await fs.writeFile(temp.path("shared", "~$plan.xlsx"), "");
    const run = await cli("summary", link, "--quarter", "Q3");
    expect(run.code).toBe(1);
    expect(run.err).toContain("looks open in Excel (its lock file ~$plan.xlsx is beside it)");
  });
});

// ---------------------------------------------------------------------------------------------
// 4. File-system errors in words, naming the user's file or folder
// ---------------------------------------------------------------------------------------------

describe("file-system errors are said in words, naming the file or folder the user gave", () => {
  const temp = useTempDir();

  it("--out into a folder that does not exist: exit 1, names the folder, not the temporary file", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const out = temp.path("missing", "q3.xlsx");
    const run = await cli("summary", file, "--quarter", "Q3", "--out", out);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`csp-plan summary: ${out} was not written: there is no folder ${temp.path("missing")}. Create the folder first, or choose a file in a folder that exists.`);
    expect(run.err).not.toMatch(/\.tmp-|ENOENT/);
    expect(listing(temp.dir)).toEqual(["plan.xlsx"]);
  });

  it("--out naming a folder: exit 1, says it is a folder", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    await fs.mkdir(temp.path("out.xlsx"));
    const run = await cli("summary", file, "--quarter", "Q3", "--out", temp.path("out.xlsx"));
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${temp.path("out.xlsx")} is a folder.`);
  });

  it("in place in a folder the user may not write: exit 1, names the folder and what to do, plan unchanged", async () => {
    // The folder is root's (or, not as root, made read-only); the plan is the user's and writable.
    const file = await sampleFile(temp.path("plan.xlsx"));
    await giveToUser(file);
    await fs.chmod(file, 0o644);
    await fs.chmod(temp.dir, AS_ROOT ? 0o755 : 0o555);
    const before = await sha256(file);
    try {
      const run = await spawnCli(["summary", "plan.xlsx", "--quarter", "Q3"], temp.dir);
      expect(run.code).toBe(1);
      expect(run.err).toBe(
        `csp-plan summary: plan.xlsx was not changed: you do not have permission to create or replace files in the folder ${temp.dir} ` +
          "(a write in place saves the new copy beside the file, then puts it in the file's place). Ask for write access to that folder. " +
          "Or use --out NEW.xlsx to write the summary to a new file in a folder you can write to.\n",
      );
      expect(run.err).not.toMatch(/\.tmp-|EACCES/);
    } finally {
      await fs.chmod(temp.dir, 0o700);
    }
    expect(await sha256(file)).toBe(before);
    expect(listing(temp.dir)).toEqual(["plan.xlsx"]);
  });

  it("a plan the user may not read: check and summary exit 2 (unusable input), in words", async () => {
    await fs.chmod(temp.dir, 0o755);
    const file = await sampleFile(temp.path("plan.xlsx"));
    if (!AS_ROOT) await fs.chmod(file, 0o000);
    else await fs.chmod(file, 0o600); // root's: nobody may not read it
    for (const args of [["check", "plan.xlsx"], ["summary", "plan.xlsx", "--quarter", "Q3"]]) {
      const run = await spawnCli(args, temp.dir);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.err).toBe(
        `csp-plan ${args[0]}: plan.xlsx could not be read: you do not have permission to read it, or to open the folder it is in. Ask its owner for access, or work on a copy you can read.\n`,
      );
    }
  });

  it("each error code a read or write meets has its words and exit status", () => {
    const error = (code: string) => Object.assign(new Error(`${code}: raw message, open '/x/.plan.xlsx.tmp-1-ab'`), { code });
    const read = (code: string) => readProblem("plan.xlsx", error(code));
    expect(read("ENOENT")).toEqual(new FileProblem(2, "There is no file at plan.xlsx."));
    for (const code of ["EACCES", "EPERM"]) expect(read(code)?.message).toMatch(/^plan\.xlsx could not be read: you do not have permission/);
    expect(read("EISDIR")?.message).toBe("plan.xlsx is a folder, not a file. Name the workbook file.");
    for (const code of ["ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "EIO"]) expect(read(code)?.exitCode).toBe(2);
    expect(read("EMFILE")).toBeUndefined();

    const write = (code: string, replacing = true) => writeProblem("plan.xlsx", "/data/plans", error(code), { replacing, bytes: 3 * 1048576, advice: "Or use --out NEW.xlsx." });
    expect(write("EROFS")?.message).toBe("plan.xlsx was not changed: the folder /data/plans is on a read-only disk. Or use --out NEW.xlsx.");
    expect(write("ENOSPC")?.message).toBe("plan.xlsx was not changed: there is not enough space on the disk for the folder /data/plans (it needs about 3.0 MB). Free some space and try again. Or use --out NEW.xlsx.");
    expect(write("EACCES", false)?.message).toBe("plan.xlsx was not written: you do not have permission to create files in the folder /data/plans. Choose a folder you can write to. Or use --out NEW.xlsx.");
    expect(write("ENOENT", false)?.message).toMatch(/^plan\.xlsx was not written: there is no folder \/data\/plans\./);
    expect(write("EISDIR")?.message).toMatch(/^plan\.xlsx was not changed: plan\.xlsx is a folder\./);
    for (const code of ["EACCES", "EPERM", "EROFS", "ENOSPC", "ENOENT", "EISDIR"]) {
      expect(write(code)?.exitCode).toBe(1);
      expect(write(code)?.message).not.toMatch(/tmp|raw message/);
    }
    expect(write("EMFILE")).toBeUndefined();
  });

  it("writeNewFile into a missing folder is a FileProblem, and leaves nothing behind", async () => {
    const error = await writeNewFile(temp.path("no", "such", "new.xlsx"), Buffer.from("x")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileProblem);
    expect((error as FileProblem).exitCode).toBe(1);
    expect(listing(temp.dir)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. A reader that closes early
// ---------------------------------------------------------------------------------------------

describe("a reader that closes early (| head -1, | true)", () => {
  const temp = useTempDir();
  beforeAll(() => {
    builtBin();
  }, 120_000);
  beforeEach(async () => {
    await fs.chmod(temp.dir, 0o777);
  });

  it("check: no EPIPE stack trace, and the exit status is the check's (1: the sample has errors)", async () => {
    await sampleFile(temp.path("plan.xlsx"));
    const run = await spawnCli(["check", "plan.xlsx"], temp.dir, { closeOut: true });
    expect(run.err).toBe("");
    expect(run.code).toBe(1);
  });

  it("summary: exit 0 when the summary was written, though nobody read what it said", async () => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    await giveToUser(file);
    const run = await spawnCli(["summary", "plan.xlsx", "--quarter", "Q3"], temp.dir, { closeOut: true });
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect((await dumpWorkbookFile(file)).map((s) => s.name)).toContain(Q3_SHEET);
  });

  it("with stderr closed too, a refusal still ends with its own exit status (2 for a missing file)", async () => {
    const run = await spawnCli(["summary", "missing.xlsx", "--quarter", "Q3"], temp.dir, { closeOut: true, closeErr: true });
    expect(run.code).toBe(2);
  });

  it("lineWriter drops what follows an EPIPE quietly, and says another failure once on the other stream", () => {
    const fakeStream = () => {
      const listeners: ((error: NodeJS.ErrnoException) => void)[] = [];
      const written: string[] = [];
      return {
        written,
        fail: (code: string) => listeners.forEach((l) => l(Object.assign(new Error(code), { code }))),
        stream: { on: (_: string, l: (e: NodeJS.ErrnoException) => void) => listeners.push(l), write: (text: string) => written.push(text) } as unknown as NodeJS.WritableStream,
      };
    };
    const out = fakeStream();
    const err = fakeStream();
    const write = lineWriter(out.stream, () => err.stream);
    write("first");
    out.fail("EPIPE");
    write("second");
    expect(out.written).toEqual(["first\n"]);
    expect(err.written).toEqual([]);

    const full = fakeStream();
    const writeFull = lineWriter(full.stream, () => err.stream);
    writeFull("one");
    full.fail("ENOSPC");
    full.fail("ENOSPC");
    writeFull("two");
    expect(full.written).toEqual(["one\n"]);
    expect(err.written).toEqual(["csp-plan: could not write the output (ENOSPC).\n"]);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. --out under an extension Excel will open
// ---------------------------------------------------------------------------------------------

describe("--out under an extension Excel will open", () => {
  const temp = useTempDir();

  it.each(["out.csv", "out.xls", "out.xlsb", "out"])("--out %s is a usage error (exit 2), nothing read or written", async (name) => {
    const file = await sampleFile(temp.path("plan.xlsx"));
    const run = await cli("summary", file, "--quarter", "Q3", "--out", temp.path(name));
    expect(run.code).toBe(2);
    expect(run.err).toContain(`--out must name an .xlsx file (or .xlsm, for a workbook with macros), not "${temp.path(name)}"`);
    expect(listing(temp.dir)).toEqual(["plan.xlsx"]);
  });

  it("knows a macro-enabled workbook by its main part's content type, as Excel does", () => {
    expect(isMacroEnabled(sampleBytes)).toBe(false);
    expect(isMacroEnabled(macroEnabled(sampleBytes))).toBe(true);
  });

  it("a macro-enabled plan's copy must be .xlsm: --out out.xlsx is refused (exit 1) before any work, out.xlsm is written", async () => {
    const file = await sampleFile(temp.path("m.xlsm"), macroEnabled(sampleBytes));
    const refused = await cli("summary", file, "--quarter", "Q3", "--out", temp.path("out.xlsx"));
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `csp-plan summary: ${file} holds macros, so its copy must be an .xlsm file (Excel will not open a macro-enabled workbook named .xlsx): use --out ${temp.path("out.xlsm")}.`,
    );
    expect(listing(temp.dir)).toEqual(["m.xlsm"]);

    expect((await cli("summary", file, "--quarter", "Q3", "--out", temp.path("out.xlsm"))).code).toBe(0);
    expect(isMacroEnabled(await fs.readFile(temp.path("out.xlsm")))).toBe(true);
  });

  it("decides by the contents, not the name: macros under .xlsx still need .xlsm, and a plain plan's copy must be .xlsx", async () => {
    const misnamed = await sampleFile(temp.path("m.xlsx"), macroEnabled(sampleBytes));
    const one = await cli("summary", misnamed, "--quarter", "Q3", "--out", temp.path("out.xlsx"));
    expect(one.code).toBe(1);
    expect(one.err).toContain("holds macros, so its copy must be an .xlsm file");

    const plain = await sampleFile(temp.path("plan.xlsx"));
    const two = await cli("summary", plain, "--quarter", "Q3", "--out", temp.path("out.XLSM"));
    expect(two.code).toBe(1);
    expect(two.err).toBe(
      `csp-plan summary: ${plain} holds no macros, so its copy must be an .xlsx file (Excel will not open a workbook without macros named .xlsm): use --out ${temp.path("out.xlsx")}.`,
    );
    expect(listing(temp.dir)).toEqual(["m.xlsx", "plan.xlsx"]);
  });
});

// ---------------------------------------------------------------------------------------------
// 7. A user's sheet is not taken for the tool's by words somewhere in it
// ---------------------------------------------------------------------------------------------

describe("the ownership mark, end to end", () => {
  const temp = useTempDir();

  it("a user's own Q3 summary whose A1 quotes the mark is not replaced: exit 1, file unchanged", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sampleBytes as unknown as ArrayBuffer);
    const mine = workbook.addWorksheet(Q3_SHEET);
    mine.getCell("A1").value = "Q3 2014-15 Summary. The figures sheet is Made by the CSP Action Plan tool; these notes are mine.";
    mine.getCell("A2").value = "Board feedback: keep the ASB figures.";
    const file = temp.path("plan.xlsx");
    await fs.writeFile(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const before = await sha256(file);
    const run = await cli("summary", file, "--quarter", "Q3");
    expect(run.code).toBe(1);
    expect(run.err).toContain(`The sheet "${Q3_SHEET}" was not made by this tool`);
    expect(await sha256(file)).toBe(before);
  });

  it("the summary sheet the tool builds carries the mark in A2, and is rebuilt in place", async () => {
    const memory = new MemoryWorkbook();
    await setUpPlan(memory, SAMPLE_PLAN);
    const outcome = await buildSummary(memory, { quarter: "Q3" });
    if (!outcome.done) throw new Error(outcome.reason);
    const heads = summarySheet(outcome.report).rows.slice(0, 3).map((row) => row[0]?.value ?? null);
    expect(carriesMark(heads)).toBe(true);

    const file = await sampleFile(temp.path("plan.xlsx"));
    expect((await cli("summary", file, "--quarter", "Q3")).code).toBe(0);
    expect((await cli("summary", file, "--quarter", "Q3")).code).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// 8. demo replaces only its own workbook
// ---------------------------------------------------------------------------------------------

describe("demo replaces only a workbook the demo made", () => {
  const temp = useTempDir();

  it("refuses a text file named sample-plan.xlsx: exit 1, names it, nothing written", async () => {
    const dir = temp.path("demo");
    await fs.mkdir(dir);
    const file = path.join(dir, "sample-plan.xlsx");
    await fs.writeFile(file, "my notes, not a workbook");
    const run = await cli("demo", dir);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `csp-plan demo: ${file} is there already and is not a sample plan the demo made, so the demo did not replace it and wrote nothing. ` +
        "Move or rename that file, or name another folder: csp-plan demo FOLDER.",
    );
    expect(run.out).toBe("");
    expect(await fs.readFile(file, "utf8")).toBe("my notes, not a workbook");
    expect(listing(dir)).toEqual(["sample-plan.xlsx"]);
  });

  it("refuses a plan of the user's own under that name (a workbook with an Action Plan, but not the sample's)", async () => {
    const dir = temp.path("demo");
    await fs.mkdir(dir);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sampleBytes as unknown as ArrayBuffer);
    workbook.getWorksheet(ACTION_PLAN.sheet)!.getCell("C2").value = "Our own action, agreed by the board";
    const file = path.join(dir, "sample-plan.xlsx");
    await fs.writeFile(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const before = await sha256(file);
    const run = await cli("demo", dir);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${file} is there already and is not a sample plan the demo made`);
    expect(await sha256(file)).toBe(before);
  });

  it("replaces the workbook an earlier demo made, and refuses while Excel has it open", async () => {
    const dir = temp.path("demo");
    expect((await cli("demo", dir)).code).toBe(0);
    expect((await cli("demo", dir)).code).toBe(0);
    expect(listing(dir)).toEqual(["sample-plan.xlsx"]);
    await fs.writeFile(path.join(dir, "~$sample-plan.xlsx"), "");
    const before = await sha256(path.join(dir, "sample-plan.xlsx"));
    const open = await cli("demo", dir);
    expect(open.code).toBe(1);
    expect(open.err).toContain("looks open in Excel (its lock file ~$sample-plan.xlsx is beside it). Close it in Excel first, or name another folder: csp-plan demo FOLDER.");
    expect(await sha256(path.join(dir, "sample-plan.xlsx"))).toBe(before);
  });

  it("demo --help says which file it replaces and which it never does", async () => {
    const run = await cli("demo", "--help");
    expect(run.out).toBe(DEMO_USAGE);
    expect(DEMO_USAGE).toMatch(/A sample-plan\.xlsx left there by an earlier demo is replaced;\s+any other file of that name .* is never replaced/s);
  });
});
