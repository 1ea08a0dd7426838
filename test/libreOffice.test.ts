/**
 * Issue 12's acceptance for the command line's file host (src/adapters/xlsx/): "The output of every write
 * opens in LibreOffice and matches, cell for cell, what the ExcelJS host wrote for the same plan."
 *
 * Every write the command line makes through that host is made here by `main()`, as a user would:
 * - `summary FILE` in place, the first build (Plan Settings' quarter, Q3 2014/15);
 * - `summary FILE` in place again, after a lead officer changed a status (the same quarter, rebuilt);
 * - `summary FILE --quarter Q2 --as-of 2014-09-15 --out NEW` (a second summary sheet, beside Q3's);
 * - `demo DIR` (the sample written, checked, then summarised in place).
 * "What the ExcelJS host wrote for the same plan" is the same use-case (`buildSummary`, the same quarter and
 * as-of day) run on `ExcelJsWorkbook.load()` of the same input bytes, saved with `toBuffer()`. (`demo` makes
 * its input itself; the reference's input is the sample as `setUpPlan` writes it with ExcelJS, which is the
 * same plan cell for cell, though not byte for byte: ExcelJS stamps the time in docProps/core.xml.)
 *
 * Two comparisons per write:
 * 1. Read with ExcelJS (test/support/workbookDump.ts): the new host's file and the ExcelJS host's file give
 *    equal dumps. That is every sheet in tab order, every non-empty cell's address, exact value (numbers
 *    compared exactly, dates as ISO dates, formulas' cached results and their formulas), number format
 *    and boldness, and each sheet's tables and merged ranges. Differences the dump cannot see, and which are
 *    allowed: shared strings against inline strings (the new host writes `t="inlineStr"`, ExcelJS `t="s"`),
 *    the order and numbering of styles in styles.xml, the bytes of parts neither host's write is about, and
 *    formats that look the same: the new host's summary fonts name Calibri 11 where ExcelJS's leave the
 *    workbook default implicit, its solid fills repeat the colour as bgColor, and its summary sheet has a
 *    sheetView and no page set-up where ExcelJS writes no sheetView and its default page set-up.
 * 2. Opened in LibreOffice: both files, every write's, are converted in ONE headless soffice run to CSV, one
 *    file per sheet (filter option sheet -1, LibreOffice 7.2+), each cell as LibreOffice shows it (the
 *    "save cell contents as shown" option: numbers and dates through their number formats, e.g. "42.9%" and
 *    "01/04/2014"). LibreOffice opened the new host's file when that wrote a CSV for every sheet of the
 *    workbook, the summary sheet included; and every cell's shown text must equal, exactly, the same cell's
 *    in the ExcelJS host's file as LibreOffice shows it. (Shown text compares number formats as rendered; the
 *    exact numbers behind them are comparison 1's.)
 *
 * LibreOffice is found as SOFFICE_PATH, else `soffice` on the PATH. The test waits for soffice to exit
 * (execFile), never for a time; it runs soffice once for the conversions, with a profile of its own, so it
 * can run beside another soffice or another jest worker.
 */
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { XlsxPackageWorkbook } from "../src/adapters/xlsx/xlsxPackageWorkbook";
import { Io } from "../src/cli/io";
import { main } from "../src/cli/main";
import { ACTION_PLAN } from "../src/domain/contract";
import { PeriodChoice } from "../src/domain/period";
import { RAG_RATINGS } from "../src/domain/rag";
import { SAMPLE_PLAN } from "../src/domain/sample/samplePlan";
import { buildSummary } from "../src/usecases/buildSummary";
import { setUpPlan } from "../src/usecases/setUpPlan";
import { updateAction } from "../src/usecases/updateAction";
import { findSoffice, soffice, SOFFICE_MISSING } from "./support/libreOffice";
import { makeTempDir, removeTempDir } from "./support/tempDir";
import { columnOf, dumpWorkbook, WorkbookDump } from "./support/workbookDump";

// ---------------------------------------------------------------------------------------------
// LibreOffice
// ---------------------------------------------------------------------------------------------

/** CSV, one file per sheet (sheet -1), UTF-8 (76), comma and double quote, each cell as shown (the 9th token). */
const CSV_EVERY_SHEET_AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

/** RFC 4180 as LibreOffice writes it: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += c;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A sheet's shown text by A1 address, non-empty cells only (so trailing empty rows and columns do not count). */
function shownCells(rows: readonly string[][]): Map<string, string> {
  const cells = new Map<string, string>();
  rows.forEach((row, r) => row.forEach((text, c) => {
    if (text !== "") cells.set(`${columnName(c)}${r + 1}`, text);
  }));
  return cells;
}

/** Where two sheets' shown cells differ, as "A1: new … / ExcelJS …" lines. */
function shownDifferences(actual: ReadonlyMap<string, string>, expected: ReadonlyMap<string, string>): string[] {
  const addresses = [...new Set([...actual.keys(), ...expected.keys()])];
  return addresses
    .filter((a) => actual.get(a) !== expected.get(a))
    .map((a) => `${a}: new host ${JSON.stringify(actual.get(a) ?? "")}, ExcelJS host ${JSON.stringify(expected.get(a) ?? "")}`);
}

// ---------------------------------------------------------------------------------------------
// The writes
// ---------------------------------------------------------------------------------------------

/** A fake Io with a fixed "today" (15 November 2014, in Q3 2014/15), as test/cli.test.ts uses. */
function quietIo(): { io: Io; err: string[] } {
  const err: string[] = [];
  return { io: { out: () => undefined, err: (text) => err.push(text), today: () => new Date(Date.UTC(2014, 10, 15)) }, err };
}

async function cli(...args: string[]): Promise<void> {
  const { io, err } = quietIo();
  const code = await main(args, io);
  if (code !== 0) throw new Error(`csp-plan ${args.join(" ")} exited ${code}: ${err.join("\n")}`);
}

/** What the ExcelJS host writes when the same use-case runs on the same input bytes. */
async function excelJsHostWrites(input: Buffer, choice: PeriodChoice): Promise<Buffer> {
  const workbook = await ExcelJsWorkbook.load(input);
  // Recorded on: the fake Io's today, as the command line passes it to Status History.
  const outcome = await buildSummary(workbook, { ...choice, today: "2014-11-15" });
  if (!outcome.done) throw new Error(outcome.reason);
  return workbook.toBuffer();
}

/** Each write the command line makes through the file host, by a short key (its files are `<key>-new.xlsx`, `<key>-exceljs.xlsx`). */
const WRITES = {
  first: "summary FILE (first build, in place)",
  rebuild: "summary FILE (rebuilt after a status change, in place)",
  out: "summary FILE --quarter Q2 --as-of 2014-09-15 --out NEW",
  demo: "demo DIR",
} as const;
type WriteKey = keyof typeof WRITES;
const WRITE_KEYS = Object.keys(WRITES) as WriteKey[];

interface Write {
  readonly key: WriteKey;
  /** The summary sheet the write builds. */
  readonly summarySheet: string;
  /** The new host's output (the command line's). */
  readonly newHost: Buffer;
  /** The ExcelJS host's output for the same plan. */
  readonly excelJsHost: Buffer;
}

const Q3 = "Q3 2014-15 Summary";
const Q2 = "Q2 2014-15 Summary";

/** The action whose status changes before the rebuild: "On target" past its target date, now complete. */
const CHANGED = SAMPLE_PLAN.actions.find((a) => a.id === "2.2")!;

/** Makes every write in `dir`, each with its ExcelJS host counterpart. */
async function makeWrites(dir: string): Promise<Map<WriteKey, Write>> {
  const setUp = ExcelJsWorkbook.empty();
  const seeded = await setUpPlan(setUp, SAMPLE_PLAN);
  if (!seeded.done) throw new Error(seeded.reason);
  const sample = await setUp.toBuffer();
  const writes = new Map<WriteKey, Write>();
  const add = (write: Write) => writes.set(write.key, write);

  // 1. summary FILE, in place: the first build (Plan Settings' quarter).
  const file = path.join(dir, "plan.xlsx");
  await fs.writeFile(file, sample);
  await cli("summary", file);
  const firstBuild = await fs.readFile(file);
  add({ key: "first", summarySheet: Q3, newHost: firstBuild, excelJsHost: await excelJsHostWrites(sample, {}) });

  // 2. A lead officer marks 2.2 complete (through the same file host), then summary FILE again: the Q3 sheet rebuilt.
  const edited = XlsxPackageWorkbook.open(firstBuild);
  const updated = await updateAction(edited, {
    actionId: CHANGED.id, leadOfficer: CHANGED.leadOfficer, quarter: "Q3", status: "Complete",
    update: `${CHANGED.updates.Q3} Evaluation signed off in December.`,
    shown: { status: CHANGED.status, update: CHANGED.updates.Q3 ?? "" },
  });
  if (!updated.done) throw new Error(updated.reason);
  const statusChanged = edited.toBytes();
  await fs.writeFile(file, statusChanged);
  await cli("summary", file);
  const rebuilt = await fs.readFile(file);
  add({ key: "rebuild", summarySheet: Q3, newHost: rebuilt, excelJsHost: await excelJsHostWrites(statusChanged, {}) });

  // 3. summary FILE --quarter Q2 --as-of … --out NEW: another quarter's sheet beside Q3's, FILE left as it is.
  const out = path.join(dir, "plan-q2.xlsx");
  await cli("summary", file, "--quarter", "Q2", "--as-of", "2014-09-15", "--out", out);
  if (!(await fs.readFile(file)).equals(rebuilt)) throw new Error("summary --out changed FILE.");
  add({
    key: "out", summarySheet: Q2,
    newHost: await fs.readFile(out), excelJsHost: await excelJsHostWrites(rebuilt, { quarter: "Q2", asOf: "2014-09-15" }),
  });

  // 4. demo DIR: the sample written with ExcelJS, then checked and summarised in place through the file host.
  const demoDir = path.join(dir, "demo");
  await cli("demo", demoDir);
  add({
    key: "demo", summarySheet: Q3,
    newHost: await fs.readFile(path.join(demoDir, "sample-plan.xlsx")), excelJsHost: await excelJsHostWrites(sample, {}),
  });
  return writes;
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

let scratch: string;
let writes: Map<WriteKey, Write>;

beforeAll(async () => {
  scratch = makeTempDir("csp-plan-libreoffice-");
  writes = await makeWrites(scratch);
});

afterAll(() => {
  if (scratch) removeTempDir(scratch);
});

/** The writes as jest's table: the name (what the user ran) first, for the test's title. */
const WRITE_TABLE = WRITE_KEYS.map((key) => [WRITES[key], key] as const);
const writeOf = (key: WriteKey): Write => writes.get(key)!;

/** Both hosts' outputs of a write, read with ExcelJS (once each). */
const dumps = new Map<string, Promise<{ newHost: WorkbookDump; excelJsHost: WorkbookDump }>>();
function dumpsOf(write: Write): Promise<{ newHost: WorkbookDump; excelJsHost: WorkbookDump }> {
  let dumped = dumps.get(write.key);
  if (!dumped) {
    dumped = Promise.all([dumpWorkbook(write.newHost), dumpWorkbook(write.excelJsHost)]).then(([newHost, excelJsHost]) => ({ newHost, excelJsHost }));
    dumps.set(write.key, dumped);
  }
  return dumped;
}

/** An action's Status cell on the Action Plan sheet, found by its ID (column A) and the Status header. */
function statusOf(dump: WorkbookDump, id: string): unknown {
  const plan = dump.find((s) => s.name === ACTION_PLAN.sheet)!;
  const row = plan.cells.find((c) => columnOf(c.address) === "A" && c.value === id)!.address.slice(1);
  const column = columnOf(plan.cells.find((c) => c.address === `${columnOf(c.address)}1` && c.value === "Status")!.address);
  return plan.cells.find((c) => c.address === `${column}${row}`)?.value;
}

describe("read with ExcelJS, the new host's output equals the ExcelJS host's for the same plan", () => {
  it.each(WRITE_TABLE)("%s: every sheet, every cell", async (_, key) => {
    const write = writeOf(key);
    const { newHost, excelJsHost } = await dumpsOf(write);
    expect(newHost.map((s) => s.name)).toContain(write.summarySheet);
    // Sheet by sheet, so a difference names its sheet.
    expect(newHost.map((s) => s.name)).toEqual(excelJsHost.map((s) => s.name));
    for (const [i, sheet] of excelJsHost.entries()) expect({ sheet: sheet.name, ...newHost[i] }).toEqual({ sheet: sheet.name, ...sheet });
  });

  it("the rebuild shows the status change (so the comparison is of a real rebuild)", async () => {
    const before = (await dumpsOf(writeOf("first"))).newHost;
    const after = (await dumpsOf(writeOf("rebuild"))).newHost;
    const summaryText = (dump: WorkbookDump) => JSON.stringify(dump.find((s) => s.name === Q3)!.cells);
    expect(summaryText(after)).not.toEqual(summaryText(before));
    expect(statusOf(before, CHANGED.id)).toBe("On target");
    expect(statusOf(after, CHANGED.id)).toBe("Complete");
  });
});

describe("opened in LibreOffice, the new host's output shows what the ExcelJS host's shows, cell for cell", () => {
  let csvDir: string;
  /** What soffice printed: each file it converted, or why it could not load one. */
  let said = "";

  beforeAll(async () => {
    const executable = findSoffice();
    const inputs = path.join(scratch, "lo-in");
    csvDir = path.join(scratch, "lo-csv");
    await fs.mkdir(inputs);
    await fs.mkdir(csvDir);
    const files: string[] = [];
    for (const w of writes.values()) {
      for (const [host, bytes] of [["new", w.newHost], ["exceljs", w.excelJsHost]] as const) {
        const file = path.join(inputs, `${w.key}-${host}.xlsx`);
        await fs.writeFile(file, bytes);
        files.push(file);
      }
    }
    // Every file in one run: LibreOffice starts once.
    said = await soffice(executable, ["--convert-to", CSV_EVERY_SHEET_AS_SHOWN, "--outdir", csvDir, ...files], scratch);
  });

  /** What soffice said about one file, and any error it reported. */
  const saidAbout = (name: string): string => said.split("\n").filter((line) => line.includes(name) || /error/i.test(line)).join("\n");

  /** The shown cells of one sheet of one converted file; fails clearly when LibreOffice wrote no CSV for it. */
  async function shownSheet(key: string, host: "new" | "exceljs", sheet: string): Promise<Map<string, string>> {
    const file = path.join(csvDir, `${key}-${host}-${sheet}.csv`);
    if (!existsSync(file)) {
      const written = (await fs.readdir(csvDir)).filter((f) => f.startsWith(`${key}-${host}-`));
      throw new Error(`LibreOffice wrote no CSV for sheet "${sheet}" of ${key}-${host}.xlsx (it wrote: ${written.join(", ") || "nothing"}). soffice said:\n${saidAbout(`${key}-${host}`)}`);
    }
    return shownCells(parseCsv(await fs.readFile(file, "utf8")));
  }

  it.each(WRITE_TABLE)("%s: LibreOffice opens it, with every sheet, and every cell shows as in the ExcelJS host's", async (_, key) => {
    const write = writeOf(key);
    const sheets = (await dumpWorkbook(write.excelJsHost)).map((s) => s.name);
    expect(sheets).toContain(write.summarySheet);
    // Exactly one CSV per sheet of the workbook: LibreOffice opened the file and saw every sheet.
    const written = (await fs.readdir(csvDir)).filter((f) => f.startsWith(`${write.key}-new-`)).sort();
    if (written.length === 0) throw new Error(`LibreOffice did not open ${write.key}-new.xlsx. soffice said:\n${saidAbout(`${write.key}-new`)}`);
    expect(written).toEqual(sheets.map((s) => `${write.key}-new-${s}.csv`).sort());
    for (const sheet of sheets) {
      const shown = await shownSheet(write.key, "new", sheet);
      const expected = await shownSheet(write.key, "exceljs", sheet);
      expect(shown.size).toBeGreaterThan(0);
      expect({ sheet, differences: shownDifferences(shown, expected) }).toEqual({ sheet, differences: [] });
    }
  });

  it("what LibreOffice shows is the summary, not two equally empty sheets: title, percentages, RAG words", async () => {
    const summary = await shownSheet("first", "new", Q3);
    expect(summary.get("A1")).toBe("Community safety action plan 2014/15: Q3 summary");
    // The overall row's % complete, as its number format shows it: 15 of 48 complete.
    expect([...summary.values()]).toContain("31.3%");
    expect((await shownSheet("out", "new", Q2)).get("A1")).toBe("Community safety action plan 2014/15: Q2 summary");
    // Every action's RAG word, in the Action Plan's RAG column.
    const plan = await shownSheet("first", "new", ACTION_PLAN.sheet);
    const ragColumn = [...plan].find(([address, text]) => address === `${columnOf(address)}1` && text === "RAG")![0].slice(0, -1);
    const words = SAMPLE_PLAN.actions.map((_, i) => plan.get(`${ragColumn}${i + 2}`));
    expect(words.filter((w) => !(RAG_RATINGS as readonly (string | undefined)[]).includes(w))).toEqual([]);
    expect(new Set(words)).toEqual(new Set(RAG_RATINGS));
  });
});

describe("without LibreOffice", () => {
  it("the test says how to get it, not a bare ENOENT", () => {
    // The scratch folder holds no soffice.
    expect(() => findSoffice({ SOFFICE_PATH: path.join(scratch, "soffice") })).toThrow(SOFFICE_MISSING);
    expect(() => findSoffice({ PATH: scratch })).toThrow(SOFFICE_MISSING);
  });
});
