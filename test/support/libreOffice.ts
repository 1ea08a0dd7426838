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
