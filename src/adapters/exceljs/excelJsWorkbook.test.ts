/**
 * The ExcelJS adapter against the in-memory one: the use-cases must give the same answers on both hosts,
 * and what the adapter writes must survive a save and reload (dates as dates, table headers, text as text).
 */
import ExcelJS from "exceljs";
import { writeZip } from "../../../test/support/zipWriter";
import { columnOf, dumpWorkbook, mergedAway, sheetOf, WorkbookDump, withoutColumns } from "../../../test/support/workbookDump";
import { a1, columnLetter } from "../../domain/cells";
import { ACTION_COLUMNS, ACTION_PLAN, ActionColumn, INDICATORS, LEAD_OFFICERS, PLAN_SETTINGS, PRIORITIES, STATUS_HISTORY } from "../../domain/contract";
import { PlanSeed } from "../../domain/planSeed";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";
import { summarySheet } from "../../domain/summarySheet";
import { WorkbookSnapshot } from "../../domain/snapshot";
import { MemoryWorkbook } from "../memory/memoryWorkbook";
import { buildSummary } from "../../usecases/buildSummary";
import { checkPlan } from "../../usecases/checkPlan";
import { setUpPlan } from "../../usecases/setUpPlan";
import { WorkbookPort } from "../../port/workbookPort";
import { ExcelJsWorkbook } from "./excelJsWorkbook";
import { listZipEntries, readZipEntry } from "./xlsxPreflight";

const SUMMARY_SHEET = "Q3 2014-15 Summary";
const ACTION_KEYS = Object.keys(ACTION_COLUMNS) as ActionColumn[];
/** The column letter `init` gives a column of the action plan. */
const letterOf = (column: ActionColumn) => columnLetter(ACTION_KEYS.indexOf(column));
/** The sheet row (1-based) of an action of a seed, as `init` lays it out. */
const rowOf = (seed: PlanSeed, id: string) => seed.actions.findIndex((a) => a.id === id) + 2;

async function setUp<T extends WorkbookPort>(workbook: T, seed: PlanSeed = SAMPLE_PLAN): Promise<T> {
  const outcome = await setUpPlan(workbook, seed);
  if (!outcome.done) throw new Error(outcome.reason);
  return workbook;
}

/** The seed written by ExcelJS, saved: the bytes a user's file would hold. */
async function savedPlan(seed: PlanSeed = SAMPLE_PLAN): Promise<Buffer> {
  return (await setUp(ExcelJsWorkbook.empty(), seed)).toBuffer();
}

async function reload(bytes: Buffer): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.load(bytes);
}

/** Saves and reloads: a workbook as the next command would see it. */
async function roundTrip(workbook: ExcelJsWorkbook): Promise<ExcelJsWorkbook> {
  return reload(await workbook.toBuffer());
}

/** Every part of an .xlsx, by name (directory entries left out), and a way to write it back with changes. */
function zipParts(bytes: Buffer): Map<string, Buffer> {
  const parts = new Map<string, Buffer>();
  for (const entry of listZipEntries(bytes)) {
    if (!entry.name.endsWith("/")) parts.set(entry.name, readZipEntry(bytes, entry));
  }
  return parts;
}

function rezip(parts: Map<string, Buffer>): Buffer {
  return writeZip([...parts].map(([name, data]) => ({ name, data })));
}

/** The part holding a table, by table name. */
function tablePart(parts: Map<string, Buffer>, table: string): [string, string] {
  for (const [name, data] of parts) {
    if (!/^xl\/tables\/[^/]+\.xml$/.test(name)) continue;
    const xml = data.toString("utf8");
    if (new RegExp(`<table\\b[^>]*\\bname="${table}"`).test(xml)) return [name, xml];
  }
  throw new Error(`No table part for ${table}.`);
}

function tableStartTag(xml: string): string {
  return /<table\b[^>]*>/.exec(xml)?.[0] ?? "";
}

describe("ExcelJsWorkbook and MemoryWorkbook agree", () => {
  let memory: MemoryWorkbook;
  let excel: ExcelJsWorkbook;

  beforeEach(async () => {
    memory = await setUp(new MemoryWorkbook());
    excel = await reload(await savedPlan());
  });

  it("reads the same snapshot before any save", async () => {
    const fresh = await setUp(ExcelJsWorkbook.empty());
    expect(await fresh.read()).toEqual(await memory.read());
  });

  it("reads the same snapshot after a save and reload", async () => {
    const snapshot: WorkbookSnapshot = await excel.read();
    expect(snapshot.sheetNames).toEqual([ACTION_PLAN.sheet, LEAD_OFFICERS.sheet, PRIORITIES.sheet, PLAN_SETTINGS.sheet, INDICATORS.sheet]);
    expect(snapshot.tables.map((t) => t.name)).toEqual([ACTION_PLAN.table, LEAD_OFFICERS.table, PRIORITIES.table, PLAN_SETTINGS.table, INDICATORS.table]);
    expect(snapshot).toEqual(await memory.read());
  });

  it("gives the same check findings", async () => {
    const [fromExcel, fromMemory] = await Promise.all([checkPlan(excel), checkPlan(memory)]);
    expect(fromExcel.findings.length).toBeGreaterThan(0);
    expect(fromExcel.findings).toEqual(fromMemory.findings);
    expect(fromExcel.period).toEqual(fromMemory.period);
    expect(fromExcel.writable).toBe(fromMemory.writable);
  });

  it("gives the same check findings for another quarter and as-of date", async () => {
    const choice = { quarter: "Q2" as const, asOf: "2014-08-15" };
    const [fromExcel, fromMemory] = await Promise.all([checkPlan(excel, choice), checkPlan(memory, choice)]);
    expect(fromExcel.findings).toEqual(fromMemory.findings);
  });

  it("builds the same summary report, writes the same RAG columns and the same summary sheet", async () => {
    const fromExcel = await buildSummary(excel);
    const fromMemory = await buildSummary(memory);
    if (!fromExcel.done || !fromMemory.done) throw new Error("summary refused");
    expect(fromExcel.report).toEqual(fromMemory.report);
    expect(fromExcel.check.findings).toEqual(fromMemory.check.findings);

    // After the write, and after a save and reload, both hosts hold the same tables.
    const reloaded = await roundTrip(excel);
    expect(await reloaded.read()).toEqual(await memory.read());
    expect((await reloaded.read()).sheetNames).toEqual((await memory.read()).sheetNames);

    // The summary sheet holds the same values in the same cells.
    const memorySheet = memory.sheet(fromMemory.report.sheetName)!;
    const memoryCells = Object.fromEntries([...memorySheet.cells].map(([key, cell]) => {
      const [row, column] = key.split(",").map(Number);
      return [`${columnLetter(column)}${row + 1}`, cell.value];
    }).filter(([, value]) => value !== null && value !== ""));
    const away = mergedAway(summarySheet(fromExcel.report));
    const excelCells = Object.fromEntries(sheetOf(await dumpWorkbook(await reloaded.toBuffer()), fromExcel.report.sheetName).cells
      .filter((c) => !away.has(c.address)).map((c) => [c.address, c.value]));
    expect(excelCells).toEqual(memoryCells);
  });

  it("rates every action the same way on both hosts, including as of another day", async () => {
    const choice = { quarter: "Q3" as const, asOf: "2014-11-30" };
    const fromExcel = await buildSummary(excel, choice);
    const fromMemory = await buildSummary(memory, choice);
    if (!fromExcel.done || !fromMemory.done) throw new Error("summary refused");
    expect(fromExcel.report.rated.map((r) => [r.action.id, r.rag])).toEqual(fromMemory.report.rated.map((r) => [r.action.id, r.rag]));
    expect(fromExcel.report.figures).toEqual(fromMemory.report.figures);
    expect(fromExcel.report.narrative).toEqual(fromMemory.report.narrative);
  });
});

describe("dates", () => {
  it("come back as dates formatted dd/mm/yyyy", async () => {
    const workbook = await reload(await savedPlan());
    const sheet = workbook.workbook.getWorksheet(ACTION_PLAN.sheet)!;
    let checked = 0;
    for (const action of SAMPLE_PLAN.actions) {
      for (const [column, text] of [["targetDate", action.targetDate], ["startDate", action.startDate]] as const) {
        const cell = sheet.getCell(`${letterOf(column)}${rowOf(SAMPLE_PLAN, action.id)}`);
        if (text !== null && /^\d{4}-\d{2}-\d{2}$/.test(text)) {
          expect(cell.value).toBeInstanceOf(Date);
          expect((cell.value as Date).toISOString()).toBe(`${text}T00:00:00.000Z`);
          expect(cell.numFmt).toBe("dd/mm/yyyy");
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(SAMPLE_PLAN.actions.length);

    // And the snapshot holds them as UTC-midnight dates, like the in-memory adapter.
    const snapshot = await workbook.read();
    const table = snapshot.tables.find((t) => t.name === ACTION_PLAN.table)!;
    const targetIndex = table.headers.indexOf(ACTION_COLUMNS.targetDate);
    const first = SAMPLE_PLAN.actions[0];
    expect(table.rows[0][targetIndex]).toEqual(new Date(`${first.targetDate}T00:00:00.000Z`));
  });

  it("a target date written in words stays text", async () => {
    const words = SAMPLE_PLAN.actions.find((a) => !/^\d{4}-\d{2}-\d{2}$/.test(a.targetDate))!;
    const workbook = await reload(await savedPlan());
    const cell = workbook.workbook.getWorksheet(ACTION_PLAN.sheet)!.getCell(`${letterOf("targetDate")}${rowOf(SAMPLE_PLAN, words.id)}`);
    expect(cell.value).toBe(words.targetDate);
  });
});

describe("a table written by Excel without a headerRowCount attribute", () => {
  /** The sample, with every table's headerRowCount attribute removed, as Excel writes them. */
  async function excelStyleBytes(): Promise<Buffer> {
    const parts = zipParts(await savedPlan());
    let changed = 0;
    for (const [name, data] of parts) {
      if (!/^xl\/tables\/[^/]+\.xml$/.test(name)) continue;
      const xml = data.toString("utf8");
      const start = tableStartTag(xml);
      expect(start).toMatch(/headerRowCount="1"/);
      parts.set(name, Buffer.from(xml.replace(start, start.replace(/\s+headerRowCount="1"/, "")), "utf8"));
      changed += 1;
    }
    // The sample's five tables: the contract's four and Indicators (issue 15).
    expect(changed).toBe(5);
    return rezip(parts);
  }

  it("is read with its header row", async () => {
    const bytes = await excelStyleBytes();
    expect(tableStartTag(tablePart(zipParts(bytes), ACTION_PLAN.table)[1])).not.toMatch(/headerRowCount/);
    const workbook = await reload(bytes);
    expect(await workbook.read()).toEqual(await (await setUp(new MemoryWorkbook())).read());
  });

  it("keeps its header row after load and save", async () => {
    const saved = await (await reload(await excelStyleBytes())).toBuffer();
    const parts = zipParts(saved);
    for (const table of [ACTION_PLAN.table, LEAD_OFFICERS.table, PRIORITIES.table, PLAN_SETTINGS.table]) {
      const start = tableStartTag(tablePart(parts, table)[1]);
      // Absent means 1 (Excel's default); anything else must be 1.
      expect(start).not.toMatch(/headerRowCount="(?!1")/);
    }
    const again = await reload(saved);
    expect(await again.read()).toEqual(await (await setUp(new MemoryWorkbook())).read());
  });

  it("keeps its header row after a summary is built and saved", async () => {
    const workbook = await reload(await excelStyleBytes());
    const outcome = await buildSummary(workbook);
    expect(outcome.done).toBe(true);
    const saved = await workbook.toBuffer();
    const start = tableStartTag(tablePart(zipParts(saved), ACTION_PLAN.table)[1]);
    expect(start).not.toMatch(/headerRowCount="(?!1")/);
    const snapshot = await (await reload(saved)).read();
    expect(snapshot.tables.find((t) => t.name === ACTION_PLAN.table)?.headers).toEqual(Object.values(ACTION_COLUMNS));
  });
});

describe("building the summary", () => {
  async function summarised(bytes: Buffer): Promise<Buffer> {
    const workbook = await reload(bytes);
    const outcome = await buildSummary(workbook);
    if (!outcome.done) throw new Error(outcome.reason);
    return workbook.toBuffer();
  }

  it("twice gives the same workbook as once (saved between)", async () => {
    const once = await summarised(await savedPlan());
    const twice = await summarised(once);
    const dumpOnce = await dumpWorkbook(once);
    expect(sheetOf(dumpOnce, SUMMARY_SHEET).cells.length).toBeGreaterThan(20);
    expect(await dumpWorkbook(twice)).toEqual(dumpOnce);
  });

  it("twice gives the same workbook as once (in the same session)", async () => {
    const workbook = await reload(await savedPlan());
    await buildSummary(workbook);
    const once = await dumpWorkbook(await workbook.toBuffer());
    await buildSummary(workbook);
    expect(await dumpWorkbook(await workbook.toBuffer())).toEqual(once);
  });

  it("again keeps the summary sheet's place among the tabs and leaves sheets after it alone", async () => {
    const workbook = await reload(await summarised(await savedPlan()));
    const notes = workbook.workbook.addWorksheet("Committee notes");
    notes.getCell("A1").value = "Draft for the RAG meeting";
    notes.getCell("A1").font = { bold: true };
    const before = await dumpWorkbook(await workbook.toBuffer());
    expect(before.map((s) => s.name)).toEqual([ACTION_PLAN.sheet, LEAD_OFFICERS.sheet, PRIORITIES.sheet, PLAN_SETTINGS.sheet, INDICATORS.sheet, SUMMARY_SHEET, STATUS_HISTORY.sheet, "Committee notes"]);

    await buildSummary(workbook);
    const after = await dumpWorkbook(await workbook.toBuffer());
    expect(after).toEqual(before);
  });

  it("touches no other sheet but its own and Status History, and only the RAG and RAG reason columns of the action plan", async () => {
    const plan = await savedPlan();
    const before = await dumpWorkbook(plan);
    const after = await dumpWorkbook(await summarised(plan));

    expect(after.map((s) => s.name)).toEqual([...before.map((s) => s.name), SUMMARY_SHEET, STATUS_HISTORY.sheet]);
    const ragColumns = [letterOf("rag"), letterOf("ragReason")];
    for (const sheet of before) {
      const changed = sheetOf(after, sheet.name);
      if (sheet.name === ACTION_PLAN.sheet) {
        expect(withoutColumns(changed, ragColumns)).toEqual(withoutColumns(sheet, ragColumns));
        // The RAG columns did change: every action now has a rating and a reason.
        const written = changed.cells.filter((c) => ragColumns.includes(columnOf(c.address)) && c.address !== `${columnOf(c.address)}1`);
        expect(written).toHaveLength(2 * SAMPLE_PLAN.actions.length);
      } else {
        expect(changed).toEqual(sheet);
      }
    }
  });

  it("writes the RAG word and reason into the table, in place", async () => {
    const workbook = await reload(await summarised(await savedPlan()));
    const table = (await workbook.read()).tables.find((t) => t.name === ACTION_PLAN.table)!;
    const rag = table.headers.indexOf(ACTION_COLUMNS.rag);
    const reason = table.headers.indexOf(ACTION_COLUMNS.ragReason);
    for (const row of table.rows) {
      expect(["Red", "Amber", "Green", "Blue", "Grey"]).toContain(row[rag]);
      expect(typeof row[reason]).toBe("string");
      expect(String(row[reason]).length).toBeGreaterThan(0);
    }
  });
});

describe("plan text that looks like a formula", () => {
  const FORMULA_LIKE = {
    action: "=HYPERLINK(\"http://example.invalid\",\"Patrol hotspots\") in the town centre every week",
    outcome: "+5% more residents feel safe",
    measure: "-10% ASB calls for service (number)",
    leadOfficer: "@Community Safety Manager",
    q3: "=1+1 patrols completed",
    notes: "@RAG decision: =SUM(A1:A9)",
  };

  /** The sample with formula-like text in an action that will be an exception, and in a removed one's reason. */
  function seed(): PlanSeed {
    const exceptionId = "2.2"; // On target past its target date: Red, listed with its latest update.
    const removed = SAMPLE_PLAN.actions.find((a) => a.status === "Removed" && a.notes)!;
    return {
      ...SAMPLE_PLAN,
      actions: SAMPLE_PLAN.actions.map((a) => {
        if (a.id === exceptionId) {
          return {
            ...a, action: FORMULA_LIKE.action, outcome: FORMULA_LIKE.outcome, measure: FORMULA_LIKE.measure,
            leadOfficer: FORMULA_LIKE.leadOfficer, updates: { ...a.updates, Q3: FORMULA_LIKE.q3 },
          };
        }
        if (a.id === removed.id) return { ...a, notes: FORMULA_LIKE.notes };
        return a;
      }),
    };
  }

  function expectText(cell: ExcelJS.Cell, text: string): void {
    expect({ address: cell.address, type: cell.type, value: cell.value }).toEqual({ address: cell.address, type: ExcelJS.ValueType.String, value: text });
    expect(cell.formula).toBeFalsy();
  }

  it("is written as text in the plan and in the summary, never as a formula", async () => {
    const plan = seed();
    const workbook = await reload(await savedPlan(plan));
    const outcome = await buildSummary(workbook);
    if (!outcome.done) throw new Error(outcome.reason);
    const reloaded = await roundTrip(workbook);

    const sheet = reloaded.workbook.getWorksheet(ACTION_PLAN.sheet)!;
    const row = rowOf(plan, "2.2");
    expectText(sheet.getCell(`${letterOf("action")}${row}`), FORMULA_LIKE.action);
    expectText(sheet.getCell(`${letterOf("outcome")}${row}`), FORMULA_LIKE.outcome);
    expectText(sheet.getCell(`${letterOf("measure")}${row}`), FORMULA_LIKE.measure);
    expectText(sheet.getCell(`${letterOf("leadOfficer")}${row}`), FORMULA_LIKE.leadOfficer);
    expectText(sheet.getCell(`${letterOf("q3")}${row}`), FORMULA_LIKE.q3);

    // The summary sheet quotes them: the exception line and the removal reason.
    const summary = reloaded.workbook.getWorksheet(outcome.report.sheetName)!;
    const quoted = new Map<string, ExcelJS.Cell>();
    summary.eachRow((r) => r.eachCell((c) => {
      if (typeof c.text === "string" && Object.values(FORMULA_LIKE).some((t) => c.text.includes(t))) quoted.set(c.address, c);
    }));
    const texts = [...quoted.values()].map((c) => c.text);
    expect(texts).toEqual(expect.arrayContaining([FORMULA_LIKE.action, FORMULA_LIKE.leadOfficer, `Q3: ${FORMULA_LIKE.q3}`, FORMULA_LIKE.notes]));
    for (const cell of quoted.values()) expectText(cell, String(cell.value));

    // No formula anywhere in the saved workbook.
    const dump: WorkbookDump = await dumpWorkbook(await reloaded.toBuffer());
    expect(dump.flatMap((s) => s.cells.filter((c) => c.formula !== undefined))).toEqual([]);

    // And the check reads the text back exactly as written.
    const table = (await reloaded.read()).tables.find((t) => t.name === ACTION_PLAN.table)!;
    expect(table.rows[row - 2][table.headers.indexOf(ACTION_COLUMNS.action)]).toBe(FORMULA_LIKE.action);
  });
});

describe("print settings (issue 13)", () => {
  it("writes the summary's and the created Action Plan's page set-up, print titles, footer and row heights into the file", async () => {
    const workbook = ExcelJsWorkbook.empty();
    const seeded = await setUpPlan(workbook, SAMPLE_PLAN);
    if (!seeded.done) throw new Error(seeded.reason);
    const built = await buildSummary(workbook, { quarter: "Q3" });
    if (!built.done) throw new Error("summary refused");
    const reloaded = new ExcelJS.Workbook();
    await reloaded.xlsx.load((await workbook.toBuffer()) as unknown as ArrayBuffer);
    const summary = reloaded.getWorksheet(built.report.sheetName)!;
    const plan = reloaded.getWorksheet(ACTION_PLAN.sheet)!;
    for (const sheet of [summary, plan]) {
      expect(sheet.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" });
    }
    expect(summary.headerFooter.oddFooter).toBe("&CCommunity safety action plan 2014/15, Q3 summary - Page &P of &N");
    expect(plan.headerFooter.oddFooter).toBe("&C&A - Page &P of &N");
    expect(reloaded.getWorksheet(LEAD_OFFICERS.sheet)!.pageSetup.fitToPage).toBeFalsy();
    const tall = [...Array(summary.rowCount).keys()].map((r) => summary.getRow(r + 1).height).filter((h) => h !== undefined && h > 15);
    expect(tall.length).toBeGreaterThan(5);
    // The narrative's sentences merged across their columns, as the file host and Office.js merge them.
    const content = summarySheet(built.report);
    const merged = content.rows.flatMap((row, r) => row.flatMap((cell, c) => ((cell.across ?? 1) > 1 ? [`${a1(r, c)}:${a1(r, c + cell.across! - 1)}`] : [])));
    expect(merged.length).toBeGreaterThan(5);
    for (const area of merged) {
      const [first, last] = area.split(":");
      expect([summary.getCell(last).isMerged, summary.getCell(last).master.address]).toEqual([true, first]);
    }
    // Every cell of the tool's is aligned to the top, as the file host writes them.
    expect(summary.getCell("A1").alignment).toMatchObject({ vertical: "top" });
    expect(plan.getCell("A2").alignment).toMatchObject({ vertical: "top" });
  });
});
