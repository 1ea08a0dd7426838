/**
 * LibreOffice for the tests, one way: soffice found as SOFFICE_PATH or on the PATH (a clear message when it is
 * missing), run headless with a profile of its own, so it never meets another instance or a user's settings,
 * and waited for until it exits, never for a time. LibreOffice 7.4 is installed on the machines the tests run on.
 */
import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { HANG_BACKSTOP_MS } from "./backstop";
import { makeTempDir, removeTempDir } from "./tempDir";

export const SOFFICE_MISSING = "LibreOffice (soffice) is needed for this test: apt-get install libreoffice-calc-nogui, or set SOFFICE_PATH";

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** SOFFICE_PATH, else the first `soffice` on PATH; a clear error (not an ENOENT from spawning) when there is none. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOFFICE_PATH) {
    if (isExecutable(env.SOFFICE_PATH)) return env.SOFFICE_PATH;
    throw new Error(`${SOFFICE_MISSING} (SOFFICE_PATH is ${env.SOFFICE_PATH}, which is not an executable file).`);
  }
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(dir, "soffice");
    if (isExecutable(candidate)) return candidate;
  }
  throw new Error(`${SOFFICE_MISSING} (there is no soffice on the PATH).`);
}

/** soffice's own arguments for a run with a profile of its own under `scratch`, so it never hands its work to another soffice. */
function headless(scratch: string): string[] {
  const profile = join(scratch, `lo-profile-${randomBytes(8).toString("hex")}`);
  return [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--nolockcheck"];
}

/**
 * One headless soffice run, waited for until it exits. Resolves with what it printed; rejects if it could
 * not run or failed.
 */
export function soffice(executable: string, args: readonly string[], scratch: string): Promise<string> {
  const fullArgs = [...headless(scratch), ...args];
  return new Promise((resolve, reject) => {
    execFile(executable, fullArgs, { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, HOME: scratch } }, (error, stdout, stderr) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === "ENOENT" ? ` ${SOFFICE_MISSING}.` : "";
        reject(new Error(`${executable} ${fullArgs.join(" ")} failed: ${error.message}.${missing}\n${stdout}\n${stderr}`));
      } else {
        resolve(`${stdout}\n${stderr}`);
      }
    });
  });
}

/**
 * One file converted by soffice (`--convert-to`), run synchronously (the call returns when the process has
 * exited) in a scratch folder of its own. Throws, saying what soffice said, if nothing was written.
 */
function converted(bytes: Buffer, input: string, convertTo: string, output: string, what: string): Buffer {
  const dir = makeTempDir("csp-plan-lo-");
  try {
    const out = join(dir, "out");
    mkdirSync(out);
    writeFileSync(join(dir, input), bytes);
    const run = spawnSync(findSoffice(), [...headless(dir), "--convert-to", convertTo, "--outdir", out, join(dir, input)], {
      encoding: "utf8",
      timeout: HANG_BACKSTOP_MS,
      env: { ...process.env, HOME: dir },
    });
    const file = join(out, output);
    if (run.error || run.status !== 0 || !existsSync(file)) {
      throw new Error(`LibreOffice did not ${what} (status ${run.status}, ${run.error?.message ?? ""}): ${run.stderr}${run.stdout}`);
    }
    return readFileSync(file);
  } finally {
    removeTempDir(dir);
  }
}

/** The workbook saved again by LibreOffice Calc (filter "Calc MS Excel 2007 XML"). */
export function savedByLibreOffice(bytes: Buffer): Buffer {
  return converted(bytes, "in.xlsx", "xlsx", "in.xlsx", "convert the workbook");
}

/**
 * A Word document opened by LibreOffice Writer and saved as plain text (filter "Text", UTF-8): each paragraph
 * and each table cell on a line of its own. Throws if LibreOffice cannot open it. Needs Writer
 * (`libreoffice-writer-nogui`) beside Calc.
 */
export function docxTextByLibreOffice(bytes: Buffer): string {
  return converted(bytes, "report.docx", "txt:Text (encoded):UTF8", "report.txt", "open the Word document").toString("utf8").replace(/^\uFEFF/, "");
}

/**
 * PDFs of workbooks as LibreOffice prints them (`--convert-to pdf`, every sheet, each sheet's own page set-up),
 * in one soffice run, waited for until it exits. Returns each input's PDF path.
 */
export async function printedByLibreOffice(files: readonly string[], outDir: string): Promise<string[]> {
  await soffice(findSoffice(), ["--convert-to", "pdf", "--outdir", outDir, ...files], outDir);
  return files.map((file) => {
    const pdf = join(outDir, file.replace(/^.*[\\/]/, "").replace(/\.xlsx$/i, ".pdf"));
    if (!existsSync(pdf)) throw new Error(`LibreOffice printed no PDF of ${file}.`);
    return pdf;
  });
}
