/**
 * Files as LibreOffice writes them: `soffice --headless --convert-to xlsx`, run synchronously (the call
 * returns when the process has exited) with a profile of its own, so it never meets another instance or a
 * user's settings. LibreOffice 7.4 is installed on the machines the tests run on.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { HANG_BACKSTOP_MS } from "./backstop";
import { makeTempDir, removeTempDir } from "./tempDir";

/** The workbook saved again by LibreOffice Calc (filter "Calc MS Excel 2007 XML"). */
export function savedByLibreOffice(bytes: Buffer): Buffer {
  const dir = makeTempDir("csp-plan-lo-");
  try {
    const input = join(dir, "in.xlsx");
    const out = join(dir, "out");
    const profile = join(dir, "profile");
    mkdirSync(out);
    writeFileSync(input, bytes);
    const run = spawnSync(
      "soffice",
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--nolockcheck", "--convert-to", "xlsx", "--outdir", out, input],
      { encoding: "utf8", timeout: HANG_BACKSTOP_MS, env: { ...process.env, HOME: dir } },
    );
    const converted = join(out, "in.xlsx");
    if (run.error || run.status !== 0 || !existsSync(converted)) {
      throw new Error(`LibreOffice did not convert the workbook (status ${run.status}, ${run.error?.message ?? ""}): ${run.stderr}${run.stdout}`);
    }
    return readFileSync(converted);
  } finally {
    removeTempDir(dir);
  }
}

/**
 * A Word document opened by LibreOffice Writer and saved as plain text (filter "Text", UTF-8): each paragraph
 * and each table cell on a line of its own. Throws if LibreOffice cannot open it. Needs Writer
 * (`libreoffice-writer-nogui`) beside Calc.
 */
export function docxTextByLibreOffice(bytes: Buffer): string {
  const dir = makeTempDir("csp-plan-lo-");
  try {
    const input = join(dir, "report.docx");
    const out = join(dir, "out");
    const profile = join(dir, "profile");
    mkdirSync(out);
    writeFileSync(input, bytes);
    const run = spawnSync(
      "soffice",
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--nolockcheck", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", out, input],
      { encoding: "utf8", timeout: HANG_BACKSTOP_MS, env: { ...process.env, HOME: dir } },
    );
    const converted = join(out, "report.txt");
    if (run.error || run.status !== 0 || !existsSync(converted)) {
      throw new Error(`LibreOffice did not open the Word document (status ${run.status}, ${run.error?.message ?? ""}): ${run.stderr}${run.stdout}`);
    }
    return readFileSync(converted, "utf8").replace(/^\uFEFF/, "");
  } finally {
    removeTempDir(dir);
  }
}

/**
 * PDFs of workbooks as LibreOffice prints them (`--convert-to pdf`, every sheet, each sheet's own page set-up),
 * in one soffice run with a profile of its own, waited for until it exits. Returns each input's PDF path.
 */
export async function printedByLibreOffice(files: readonly string[], outDir: string): Promise<string[]> {
  const { execFile } = await import("node:child_process");
  const { randomBytes } = await import("node:crypto");
  const profile = join(outDir, `lo-profile-${randomBytes(8).toString("hex")}`);
  const soffice = process.env.SOFFICE_PATH ?? "soffice";
  await new Promise<void>((resolve, reject) => {
    execFile(
      soffice,
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", outDir, ...files],
      { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, HOME: outDir } },
      (error, stdout, stderr) => (error ? reject(new Error(`soffice failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve()),
    );
  });
  return files.map((file) => {
    const pdf = join(outDir, file.replace(/^.*[\\/]/, "").replace(/\.xlsx$/i, ".pdf"));
    if (!existsSync(pdf)) throw new Error(`LibreOffice printed no PDF of ${file}.`);
    return pdf;
  });
}
