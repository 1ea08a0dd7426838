/**
 * The corpus of bad workbooks (test/corpus/kinds.ts), end to end through the built command line: for each
 * kind, `check --json` in a real process with a 512 MB heap and a time limit must give the expected refusal or
 * findings without a stack trace; `summary` must refuse or write as expected; and the file's bytes must be
 * unchanged unless a write in place was asked for and allowed. Where summary in place is allowed, a copy of the
 * file is summarised in place and compared part by part with the original: only the parts the tool owns may
 * change (test/support/packageDiff.ts).
 *
 * Needs the command line built into lib/ (`npm run build:cli`; `npm test` builds first).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, promises as fs, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isMacroEnabled } from "../src/adapters/exceljs/xlsxFile";
import { openPlanFile } from "../src/adapters/xlsx/planFile";
import { listZipEntries, readZipEntry } from "../src/adapters/exceljs/xlsxPreflight";
import { Io } from "../src/cli/io";
import { main } from "../src/cli/main";
import { Finding } from "../src/domain/findings";
import { CORPUS_KINDS, CorpusKind, ExpectedFinding, planBytes } from "./corpus/kinds";
import { corpusFileName, corpusTable, generateCorpus } from "./corpus/generate";
import { actionSheetPart, lostLinks, outsideSheetData, partBytes, sheetNames, unownedChanges, validationRanges } from "./support/packageDiff";
import { makeTempDir, removeTempDir } from "./support/tempDir";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "csp-plan.js");
/**
 * The memory and time every run must fit in. A plan of a few actions needs about 0.5 s of CPU and 70–90 MB;
 * every kind, refused or read, must stay within a few times that. Both are measured as CPU time and peak
 * memory, which a busy machine barely changes (the runs go concurrently on two cores), never as wall-clock
 * time. The heap cap and a CPU-time limit (RLIMIT_CPU, set with `ulimit -t`) stop a run that would otherwise
 * exhaust the machine or spin.
 */
const HEAP_MB = 512;
const MAX_CPU_MS = 3_000;
const MAX_PEAK_RSS_MB = 256;
/** The CPU seconds after which the kernel stops a run (SIGXCPU): a backstop well above every budget. */
const CPU_LIMIT_S = 60;
/** Preloaded into each run to report its peak memory and CPU time. */
const REPORT_USAGE = path.join(__dirname, "..", "scripts", "reportUsage.js");
/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at /m;
/** What a run may print on stderr besides its message: progress lines such as "Reading plan.xlsx…". */
const PROGRESS_LINE = /^[^\n]*…$/;
const SUMMARY_SHEET = "Q3 2014-15 Summary";

/** Each item of the issue, and the kinds that cover it. */
const ISSUE_ITEMS: Record<string, string[]> = {
  "missing, duplicate or renamed headers": ["missing-column", "duplicate-column", "renamed-column"],
  "merged cells": ["merged-cells"],
  "blank rows": ["blank-rows"],
  "dates as text, as serial numbers, in the wrong century": ["dates-as-text", "dates-as-serial-numbers", "dates-wrong-century", "dates-two-digit-year"],
  "error values": ["error-values"],
  "numbers stored as text": ["numbers-as-text"],
  "32,767-character cells": ["long-text"],
  "non-Latin and right-to-left names": ["non-latin-names"],
  "trailing spaces": ["trailing-spaces"],
  "text beginning =, +, -, @": ["formula-like-text"],
  "hidden rows": ["hidden-rows"],
  "a filtered table": ["filtered-table"],
  "two action tables": ["two-action-tables"],
  "an empty table": ["empty-table"],
  "header only": ["header-only"],
  "a huge used range": ["huge-used-range", "formatted-rows-to-bottom"],
  "a zip bomb": ["zip-bomb", "zip-bomb-declared", "zip-bomb-honest", "zip-bomb-ratio"],
  "tiny files that declare huge validation or merge ranges": ["huge-validation-range", "huge-merge-range", "merge-two-whole-columns"],
  "not a zip": ["not-a-zip"],
  "a truncated zip": ["truncated-zip"],
  "a workbook with macros": ["macros"],
  "a workbook with a chart": ["chart"],
};

/** Issue 12 (summary in place keeps what it does not own, byte for byte): each item, and the kinds that cover it. */
const ISSUE_12_ITEMS: Record<string, string[]> = {
  "a pivot table": ["pivot-table"],
  "a slicer": ["slicer"],
  "macros in an .xlsm": ["xlsm-macros"],
  "a sensitivity label": ["sensitivity-label"],
  "whole-column drop-downs": ["whole-column-dropdowns"],
  "a chart on a dashboard sheet": ["dashboard-chart"],
};

// ---------------------------------------------------------------------------------------------
// The corpus, generated once into a temporary folder (tests run concurrently, so no per-test hooks)
// ---------------------------------------------------------------------------------------------

let workDir: string | undefined;
let generated: Promise<Map<string, string>> | undefined;

function corpus(): Promise<Map<string, string>> {
  if (!generated) {
    workDir = makeTempDir("csp-plan-corpus-");
    mkdirSync(path.join(workDir, "usage"));
    generated = generateCorpus(path.join(workDir, "corpus")).then((files) => new Map(files.map((f) => [f.kind.id, f.file])));
  }
  return generated;
}

afterAll(() => {
  if (workDir) removeTempDir(workDir);
});

/** A fresh folder for one kind and one test (`run`), holding a copy of its file. */
async function copyOf(kind: CorpusKind, run = "checked"): Promise<{ dir: string; file: string }> {
  const source = (await corpus()).get(kind.id)!;
  const dir = path.join(workDir!, "runs", kind.id, run);
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, corpusFileName(kind));
  await fs.copyFile(source, file);
  return { dir, file };
}

const sha256 = async (file: string) => createHash("sha256").update(await fs.readFile(file)).digest("hex");

// ---------------------------------------------------------------------------------------------
// Running the built command line
// ---------------------------------------------------------------------------------------------

interface Usage {
  peakRssMb: number;
  cpuMs: number;
}

interface Run {
  /** Exit status; null when the process was killed. */
  code: number | null;
  signal: string | null;
  out: string;
  err: string;
  /** Reported by the run itself as it exits; missing if it crashed. */
  usage: Usage | undefined;
}

let runs = 0;

function spawnCli(args: string[], cwd: string): Promise<Run> {
  const usageFile = path.join(workDir!, "usage", `${++runs}.json`);
  return new Promise((resolve) => {
    execFile(
      "/bin/sh",
      ["-c", 'ulimit -t "$1" && shift && exec "$@"', "sh", String(CPU_LIMIT_S), process.execPath, `--max-old-space-size=${HEAP_MB}`, "--require", REPORT_USAGE, BIN, ...args],
      {
        cwd,
        env: { ...process.env, CSP_PLAN_DEBUG: "", USAGE_FILE: usageFile },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number | string; signal?: string; killed?: boolean }) | null;
        const code = !failure ? 0 : typeof failure.code === "number" ? failure.code : null;
        const usage = existsSync(usageFile) ? (JSON.parse(readFileSync(usageFile, "utf8")) as Usage) : undefined;
        resolve({ code, signal: failure?.signal ?? null, out: stdout, err: stderr, usage });
      },
    );
  });
}

const tail = (text: string) => (text.length > 1500 ? `…${text.slice(-1500)}` : text);

/** The run ended by itself, with this exit status, within the limits, and without a stack trace. */
function expectExit(run: Run, expected: number, what: string, budget = { cpuMs: MAX_CPU_MS, peakRssMb: MAX_PEAK_RSS_MB }): void {
  if (run.code !== expected || run.signal !== null) {
    const how =
      run.signal === "SIGXCPU" || run.signal === "SIGKILL"
        ? `was stopped after ${CPU_LIMIT_S} s of CPU`
        : run.signal
        ? `was killed by ${run.signal} (${/FATAL ERROR:[^\n]*/.exec(run.err)?.[0] ?? "crashed"})`
        : `exited ${run.code}`;
    throw new Error(`${what}: expected exit ${expected}, but it ${how}.\nstderr: ${tail(run.err)}\nstdout: ${tail(run.out)}`);
  }
  expect(run.err).not.toMatch(STACK_LINE);
  expect(run.out).not.toMatch(STACK_LINE);
  const usage = run.usage ?? { peakRssMb: Infinity, cpuMs: Infinity };
  if (usage.cpuMs > budget.cpuMs || usage.peakRssMb > budget.peakRssMb) {
    throw new Error(
      `${what}: exited ${run.code} as expected, but used ${usage.cpuMs} ms of CPU (limit ${budget.cpuMs}) and ` +
        `${usage.peakRssMb} MB at its peak (limit ${budget.peakRssMb}).`,
    );
  }
}

/** stderr without progress lines. */
function messageLines(err: string): string {
  return err
    .split("\n")
    .filter((line) => line.trim() !== "" && !PROGRESS_LINE.test(line))
    .join("\n");
}

const text = (pattern: string | RegExp) => (typeof pattern === "string" ? expect.stringContaining(pattern) : expect.stringMatching(pattern));

function findingMatcher(f: ExpectedFinding) {
  return expect.objectContaining({
    rule: typeof f.rule === "string" ? f.rule : expect.stringMatching(f.rule),
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.cell !== undefined ? { cell: f.cell } : {}),
    ...(f.message !== undefined ? { message: text(f.message) } : {}),
  });
}

/** Formulas in a workbook's worksheets: a summary must never turn text into one. */
function formulaCount(bytes: Buffer): number {
  return listZipEntries(bytes)
    .filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))
    .reduce((n, e) => n + (readZipEntry(bytes, e).toString("utf8").match(/<f[ >/]/g)?.length ?? 0), 0);
}

/** Files other than these: a refused write must leave no temporary file behind. */
function strayFiles(dir: string, expected: string[]): string[] {
  return readdirSync(dir).filter((name) => !expected.includes(name));
}

// ---------------------------------------------------------------------------------------------

describe("the corpus of bad workbooks", () => {
  it("has at least 25 kinds, each with a kebab-case id of its own, a label and what the user is told", () => {
    expect(CORPUS_KINDS.length).toBeGreaterThanOrEqual(25);
    const ids = CORPUS_KINDS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const kind of CORPUS_KINDS) {
      expect(kind.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(kind.label.length).toBeGreaterThan(0);
      expect(kind.told.length).toBeGreaterThan(0);
    }
  });

  it("covers every item of the issue", () => {
    const ids = new Set(CORPUS_KINDS.map((k) => k.id));
    for (const [item, kinds] of Object.entries(ISSUE_ITEMS)) {
      for (const id of kinds) expect({ item, id, exists: ids.has(id) }).toEqual({ item, id, exists: true });
    }
  });

  it("covers every item of issue 12, each a kind whose summary in place must write", () => {
    const byId = new Map(CORPUS_KINDS.map((k) => [k.id, k]));
    for (const [item, kinds] of Object.entries(ISSUE_12_ITEMS)) {
      for (const id of kinds) expect({ item, id, inPlace: byId.get(id)?.summary.inPlace }).toEqual({ item, id, inPlace: "writes" });
    }
  });

  it("is generated, not committed: no workbook files in test/corpus, and every kind builds to the same bytes twice", async () => {
    const committed = readdirSync(path.join(__dirname, "corpus")).filter((name) => /\.(xlsx|xlsm|xlsb|xls|zip|bin)$/i.test(name));
    expect(committed).toEqual([]);
    const files = await corpus();
    for (const kind of CORPUS_KINDS) {
      const again = createHash("sha256").update(await kind.build()).digest("hex");
      expect({ id: kind.id, sha256: again }).toEqual({ id: kind.id, sha256: await sha256(files.get(kind.id)!) });
    }
  });

  it("starts from a clean plan: the undamaged workbook checks with no findings", async () => {
    const dir = makeTempDir("csp-plan-corpus-clean-");
    try {
      const file = path.join(dir, "clean.xlsx");
      await fs.writeFile(file, await planBytes());
      const out: string[] = [];
      const io: Io = { out: (t) => out.push(t), err: (t) => out.push(t), today: () => new Date(Date.UTC(2014, 10, 15)) };
      expect(await main(["check", file, "--json"], io)).toBe(0);
      expect(JSON.parse(out.join("\n"))).toEqual([]);
    } finally {
      removeTempDir(dir);
    }
  });

  it("writes a README table of the kinds", () => {
    const table = corpusTable();
    expect(table.split("\n").filter((line) => line.startsWith("| `"))).toHaveLength(CORPUS_KINDS.length);
  });

  test.concurrent.each(CORPUS_KINDS.map((kind) => [kind.id, kind] as const))("%s: what the user is told, and the file is unchanged", async (_id, kind) => {
    const { dir, file } = await copyOf(kind);
    const before = await sha256(file);
    const name = path.basename(file);

    // check: a refusal or findings, never a crash, and never a write.
    const check = await spawnCli(["check", name, "--json"], dir);
    if (kind.check.refused) {
      expectExit(check, 2, "check", kind.budget);
      expect(check.out).toBe("");
      expect(messageLines(check.err)).toMatch(new RegExp(`^csp-plan check: ${name.replace(/\./g, "\\.")}: `));
      expect(check.err).toMatch(kind.check.message);
    } else {
      expectExit(check, kind.check.exit, "check", kind.budget);
      expect(messageLines(check.err)).toBe("");
      const findings = JSON.parse(check.out) as Finding[];
      for (const f of kind.check.findings) expect(findings).toContainEqual(findingMatcher(f));
      for (const f of kind.check.absent ?? []) expect(findings).not.toContainEqual(findingMatcher(f));
      if (kind.check.exactly) expect(findings).toHaveLength(kind.check.findings.length);
    }
    expect(await sha256(file)).toBe(before);

    // summary in place, where it must refuse: the file is left exactly as it was.
    const summary = kind.summary;
    if (summary.inPlace === "refused") {
      const run = await spawnCli(["summary", name], dir);
      expectExit(run, summary.out === "writes" ? 1 : summary.exit, "summary in place", kind.budget);
      expect(run.err).toMatch(summary.message);
      expect(await sha256(file)).toBe(before);
      expect(strayFiles(dir, [name])).toEqual([]);
    }

    // summary --out: a new file when allowed, nothing when refused; the original unchanged either way.
    // Named by the package's kind, as Excel opens it: a macro-enabled one (even misnamed .xlsx) only as .xlsm.
    const macros = await fs.readFile(file).then(isMacroEnabled, () => false).catch(() => false);
    const out = macros ? "summary-out.xlsm" : corpusFileName(kind, "summary-out");
    const run = await spawnCli(["summary", name, "--out", out], dir);
    if (summary.out === "writes") {
      expectExit(run, 0, "summary --out", kind.budget);
      expect(existsSync(path.join(dir, out))).toBe(true);
      const opened = await openPlanFile(path.join(dir, out));
      expect((await opened.workbook.read()).sheetNames).toContain(SUMMARY_SHEET);
      expect(formulaCount(opened.bytes)).toBeLessThanOrEqual(formulaCount(await fs.readFile(file)));
    } else {
      expectExit(run, summary.exit, "summary --out", kind.budget);
      expect(run.err).toMatch(summary.message);
      expect(strayFiles(dir, [name])).toEqual([]);
    }
    expect(await sha256(file)).toBe(before);
  });
});

const WRITES_IN_PLACE = CORPUS_KINDS.filter((kind) => kind.summary.inPlace === "writes");

describe("summary in place", () => {
  test.concurrent.each(WRITES_IN_PLACE.map((kind) => [kind.id, kind] as const))(
    "%s: adds the summary sheet and keeps every part the tool does not own byte for byte",
    async (_id, kind) => {
      const { dir, file } = await copyOf(kind, "in-place");
      const name = path.basename(file);
      const before = await fs.readFile(file);

      const run = await spawnCli(["summary", name], dir);
      expectExit(run, 0, "summary in place", kind.budget);
      expect(strayFiles(dir, [name])).toEqual([]);
      const after = await fs.readFile(file);
      expect(sheetNames(after)).toContain(SUMMARY_SHEET);

      // Every part but those the tool owns is still there, byte for byte (new parts, such as the summary sheet, may
      // appear), and the parts it owns still lead to them: relationships, content types, defined names.
      expect(unownedChanges(before, after)).toEqual([]);
      expect(lostLinks(before, after)).toEqual([]);

      // The action sheet: only its cells may change, so drop-downs, conditional formats and extensions are kept.
      const part = actionSheetPart(before)!;
      expect(actionSheetPart(after)).toBe(part);
      const [sheetBefore, sheetAfter] = [partBytes(before, part), partBytes(after, part)];
      expect(validationRanges(sheetAfter)).toEqual(validationRanges(sheetBefore));
      expect(outsideSheetData(sheetAfter)).toBe(outsideSheetData(sheetBefore));
    },
  );
});

describe("the README", () => {
  it("lists every kind of bad workbook and what the user is told", () => {
    const readme = readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
    for (const line of corpusTable().split("\n").filter((l) => l.startsWith("| `"))) expect(readme).toContain(line);
  });
});
