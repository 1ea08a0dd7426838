/**
 * The port's writeOwnedTable and dated setCells (issue 14: the Status History, and "Last updated"), the same
 * scenario on every host: in memory, ExcelJS (saved and reloaded), the command line's file host (and its
 * file read back by ExcelJS and by LibreOffice), and Office.js on the test double, with and without ExcelApi
 * 1.13 (`Table.resize`). The table is created, rewritten larger, then smaller: each time it reads back as
 * written (dates as dates), the cells it no longer covers are empty, and what else the workbook holds (a
 * user's sheet with a formula over StatusHistory[RAG], a note beside the table) stays as it was.
 */
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { MemoryWorkbook } from "../src/adapters/memory/memoryWorkbook";
import { OfficeWorkbook } from "../src/adapters/office/officeWorkbook";
import { XlsxPackageWorkbook } from "../src/adapters/xlsx/xlsxPackageWorkbook";
import { CellValue } from "../src/domain/cells";
import { HISTORY_COLUMNS, STATUS_HISTORY } from "../src/domain/contract";
import { TableSpec } from "../src/domain/layout";
import { findTable, WorkbookSnapshot } from "../src/domain/snapshot";
import { WorkbookConflictError } from "../src/port/errors";
import { ChangeSet, SheetReader, WorkbookPort } from "../src/port/workbookPort";
import { createFakeExcel, FakeExcel, installExcelGlobals, uninstallExcelGlobals } from "./support/fakeExcel";
import { savedByLibreOffice } from "./support/libreOffice";
import { changedParts, worksheetParts } from "./support/packageDiff";

beforeAll(() => installExcelGlobals());
afterAll(() => uninstallExcelGlobals());

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const RATINGS = ["Green", "Amber", "Red"];

/** A Status History of `n` rows, as the domain will write it. */
function history(n: number, quarter = "Q1"): TableSpec {
  return {
    sheet: STATUS_HISTORY.sheet,
    name: STATUS_HISTORY.table,
    columns: [
      { header: HISTORY_COLUMNS.quarter, kind: "text", width: 8 },
      { header: HISTORY_COLUMNS.year, kind: "text", width: 10 },
      { header: HISTORY_COLUMNS.id, kind: "text", width: 8 },
      { header: HISTORY_COLUMNS.status, kind: "text", width: 12 },
      { header: HISTORY_COLUMNS.rag, kind: "text", width: 8 },
      { header: HISTORY_COLUMNS.reason, kind: "wrap", width: 40 },
      { header: HISTORY_COLUMNS.recordedOn, kind: "date", width: 12 },
    ],
    rows: Array.from({ length: n }, (_, i) => [quarter, "2014-15", `A${i + 1}`, "On target", RATINGS[i % 3], `Reason ${i + 1}`, day(2014, 7, 1 + (i % 28))]),
  };
}

const PLAN: TableSpec = {
  sheet: "Action Plan",
  name: "ActionPlan",
  columns: [
    { header: "ID", kind: "text", width: 8 },
    { header: "Status", kind: "text", width: 12 },
    { header: "Last updated", kind: "date", width: 12 },
  ],
  rows: [["A1", "On target", null], ["A2", "At risk", null]],
};

const DASHBOARD = "Dashboard";
const FORMULA = 'COUNTIF(StatusHistory[RAG],"Red")';

/** One host, behind the port, with the few things a test needs to do outside it. */
interface Host {
  readonly port: WorkbookPort & SheetReader;
  /** Applies, then (for file hosts) saves and opens the result again, as the command line would next time. */
  apply(changes: ChangeSet): Promise<void>;
  /** A person's formula on the dashboard sheet, and a note beside the history table (after it exists). */
  addUserCells(): Promise<void>;
  /** The dashboard's formula as the host holds it, without "=" (undefined where the host has no formulas). */
  formula(): Promise<string | undefined>;
  /** Other checks of the host's own (its file read by ExcelJS, its parts). */
  check?(step: string): Promise<void>;
}

function memoryHost(): Host {
  const workbook = new MemoryWorkbook();
  workbook.addSheet(DASHBOARD);
  workbook.setCell(DASHBOARD, 0, 0, "Partner notes");
  return {
    port: workbook,
    apply: (changes) => workbook.apply(changes),
    addUserCells: async () => workbook.setCell(STATUS_HISTORY.sheet, 0, 9, "My note"),
    formula: async () => undefined,
  };
}

function officeHost(withResize: boolean): Host & { fake: FakeExcel } {
  const fake = createFakeExcel();
  fake.addSheet(DASHBOARD);
  fake.setValues(DASHBOARD, "A1", [["Partner notes"]], [["@"]]);
  const supports = (name: string, version: string) => withResize || !(name === "ExcelApi" && Number(version.split(".")[1]) >= 13);
  const port = new OfficeWorkbook(fake.run, { supports });
  return {
    fake,
    port,
    apply: async (changes) => {
      fake.resetCounters();
      await port.apply(changes);
      // One sync to confirm what the change set depends on, one to write; more only where a write would
      // pass Excel on the web's 5 MB request limit (40,000 rows: one more), never a sync per row.
      const bytes = fake.requestBytes.reduce((a, b) => a + b, 0);
      expect(fake.syncCount).toBeLessThanOrEqual(2 + Math.floor(bytes / (4 * 1024 * 1024)));
      expect(Math.max(...fake.requestBytes)).toBeLessThan(5 * 1024 * 1024);
    },
    addUserCells: async () => {
      fake.setValues(DASHBOARD, "B1", [[`=${FORMULA}`]], [["General"]]);
      fake.setValues(STATUS_HISTORY.sheet, "J1", [["My note"]], [["@"]]);
    },
    formula: async () => fake.cell(DASHBOARD, "B1")?.formula?.replace(/^=/, ""),
  };
}

/** ExcelJS, saved and loaded again after every write (as `init` and the preview keep files). */
async function excelJsHost(): Promise<Host> {
  let excel = ExcelJsWorkbook.empty();
  excel.workbook.addWorksheet(DASHBOARD).getCell("A1").value = "Partner notes";
  const reload = async () => {
    excel = await ExcelJsWorkbook.load(await excel.toBuffer());
  };
  await reload();
  return {
    get port() {
      return excel;
    },
    apply: async (changes) => {
      await excel.apply(changes);
      await reload();
    },
    addUserCells: async () => {
      excel.workbook.getWorksheet(DASHBOARD)!.getCell("B1").value = { formula: FORMULA } as ExcelJS.CellFormulaValue;
      excel.workbook.getWorksheet(STATUS_HISTORY.sheet)!.getCell("J1").value = "My note";
      await reload();
    },
    formula: async () => (excel.workbook.getWorksheet(DASHBOARD)!.getCell("B1").value as ExcelJS.CellFormulaValue | null)?.formula,
  };
}

/**
 * The command line's file host over a file ExcelJS made (the plan and a dashboard whose formula counts
 * StatusHistory[RAG]): every write is saved and opened again; parts the write does not own must come back
 * byte for byte, and ExcelJS must read the table the file host wrote.
 */
async function fileHost(): Promise<Host & { bytes(): Buffer }> {
  const maker = ExcelJsWorkbook.empty();
  await maker.apply([{ kind: "createTable", table: PLAN }]);
  const dashboard = maker.workbook.addWorksheet(DASHBOARD);
  dashboard.getCell("A1").value = "Partner notes";
  dashboard.getCell("B1").value = { formula: FORMULA } as ExcelJS.CellFormulaValue;
  let bytes = await maker.toBuffer();
  let host = XlsxPackageWorkbook.open(bytes);
  return {
    bytes: () => bytes,
    get port() {
      return host;
    },
    apply: async (changes) => {
      const before = bytes;
      await host.apply(changes);
      bytes = host.toBytes();
      host = XlsxPackageWorkbook.open(bytes);
      const parts = worksheetParts(before);
      const { changed, removed } = changedParts(before, bytes);
      // The dashboard and the plan's sheet (where setCells does not write) are byte for byte as they were.
      expect(removed).toEqual([]);
      expect(changed).not.toContain(parts.get(DASHBOARD));
      if (!changes.some((c) => c.kind === "setCells")) expect(changed).not.toContain(parts.get(PLAN.sheet));
    },
    addUserCells: async () => undefined,
    formula: async () => {
      const excel = await ExcelJsWorkbook.load(bytes);
      return (excel.workbook.getWorksheet(DASHBOARD)!.getCell("B1").value as ExcelJS.CellFormulaValue).formula;
    },
    check: async () => {
      // ExcelJS reads the file host's table as the file host does.
      const excel = await ExcelJsWorkbook.load(bytes);
      expect(findTable(await excel.read(), STATUS_HISTORY.table)).toEqual(findTable(await host.read(), STATUS_HISTORY.table));
    },
  };
}

const HOSTS: [string, () => Host | Promise<Host>][] = [
  ["in memory", memoryHost],
  ["ExcelJS (saved and reloaded)", excelJsHost],
  ["file host (xlsx parts)", fileHost],
  ["Office.js (test double, ExcelApi 1.13: Table.resize)", () => officeHost(true)],
  ["Office.js (test double, without ExcelApi 1.13)", () => officeHost(false)],
];

function rowsOf(snapshot: WorkbookSnapshot): readonly (readonly CellValue[])[] | undefined {
  return findTable(snapshot, STATUS_HISTORY.table)?.rows.map((r) => r.slice(0, 7));
}

describe.each(HOSTS)("writeOwnedTable and dated setCells: %s", (_name, make) => {
  test("creates the Status History, rewrites it larger then smaller; dates round-trip; other cells stay", async () => {
    const host = await make();
    if (!(host.port instanceof XlsxPackageWorkbook)) await host.apply([{ kind: "createTable", table: PLAN }]);

    await host.apply([{ kind: "writeOwnedTable", table: history(3) }]);
    let snapshot = await host.port.read();
    expect(rowsOf(snapshot)).toEqual(history(3).rows);
    const created = findTable(snapshot, STATUS_HISTORY.table)!;
    expect(created).toMatchObject({ sheet: STATUS_HISTORY.sheet, top: 0, left: 0, headers: history(3).columns.map((c) => c.header) });
    await host.check?.("created");

    await host.addUserCells();
    await host.apply([{ kind: "writeOwnedTable", table: history(8, "Q2") }]);
    snapshot = await host.port.read();
    expect(rowsOf(snapshot)).toEqual(history(8, "Q2").rows);
    await host.check?.("larger");

    await host.apply([{ kind: "writeOwnedTable", table: history(2, "Q3") }]);
    snapshot = await host.port.read();
    expect(rowsOf(snapshot)).toEqual(history(2, "Q3").rows);
    expect(snapshot.tables.map((t) => t.name).sort()).toEqual(["ActionPlan", "StatusHistory"]);
    await host.check?.("smaller");

    // The rows the table no longer covers are empty; the note beside it and the dashboard are as they were.
    const sheet = await host.port.readSheet(STATUS_HISTORY.sheet);
    expect(sheet.values.slice(3).flatMap((row) => row.slice(0, 7)).filter((v) => v !== null && v !== "")).toEqual([]);
    if (!(host.port instanceof XlsxPackageWorkbook)) expect(sheet.values[0][9]).toBe("My note");
    expect((await host.port.readSheet(DASHBOARD)).values[0][0]).toBe("Partner notes");
    // A formula that counts the table by name still names it (the host keeps the table's name and place).
    const formula = await host.formula();
    if (formula !== undefined) expect(formula).toBe(FORMULA);
  });

  test("setCells writes a Date as a date cell, and text and null as before", async () => {
    const host = await make();
    if (!(host.port instanceof XlsxPackageWorkbook)) await host.apply([{ kind: "createTable", table: PLAN }]);
    const stamped = day(2014, 10, 3);
    await host.apply([{ kind: "setCells", table: "ActionPlan", key: "ID", cells: [
      { id: "A1", column: "Last updated", value: stamped },
      { id: "A1", column: "Status", value: "Complete" },
      { id: "A2", column: "Status", value: null },
    ] }]);
    const plan = findTable(await host.port.read(), "ActionPlan")!;
    expect(plan.rows).toEqual([["A1", "Complete", stamped], ["A2", null, null]]);
  });
});

describe("writeOwnedTable: host details", () => {
  test("Office: the date is written as its serial with dd/mm/yyyy, in the same 2-D write", async () => {
    const host = officeHost(true);
    await host.apply([{ kind: "createTable", table: PLAN }]);
    await host.apply([{ kind: "setCells", table: "ActionPlan", key: "ID", cells: [{ id: "A2", column: "Last updated", value: day(2014, 10, 3) }] }]);
    // 3 October 2014 is day 41915 in Excel's 1900 date system.
    expect(host.fake.cell(PLAN.sheet, "C3")).toMatchObject({ value: 41915, numberFormat: "dd/mm/yyyy" });
  });

  test("Office: reading a plan with a Status History costs no more syncs than one without", async () => {
    const host = officeHost(true);
    await host.apply([{ kind: "createTable", table: PLAN }]);
    host.fake.resetCounters();
    await host.port.read();
    const without = host.fake.syncCount;
    await host.apply([{ kind: "writeOwnedTable", table: history(5) }]);
    host.fake.resetCounters();
    const snapshot = await host.port.read();
    expect(host.fake.syncCount).toBe(without);
    expect(rowsOf(snapshot)).toEqual(history(5).rows);
  });

  test("Office: 40,000 rows are written in a few syncs under the request limit, with and without Table.resize", async () => {
    for (const withResize of [true, false]) {
      const host = officeHost(withResize);
      await host.apply([{ kind: "writeOwnedTable", table: history(10) }]);
      await host.apply([{ kind: "writeOwnedTable", table: history(40_000) }]);
      expect(host.fake.tables()).toEqual([{ name: "StatusHistory", sheet: STATUS_HISTORY.sheet, address: "A1:G40001" }]);
      await host.apply([{ kind: "writeOwnedTable", table: history(4) }]);
      expect(host.fake.tables()).toEqual([{ name: "StatusHistory", sheet: STATUS_HISTORY.sheet, address: "A1:G5" }]);
    }
  });

  test("a Status History whose columns a person moved is refused on every host, with nothing written", async () => {
    const moved: TableSpec = { ...history(2), columns: [history(2).columns[1], history(2).columns[0], ...history(2).columns.slice(2)] };
    for (const [, make] of HOSTS) {
      const host = await make();
      await host.apply([{ kind: "writeOwnedTable", table: history(2) }]);
      await expect(host.port.apply([{ kind: "writeOwnedTable", table: moved }])).rejects.toThrow(WorkbookConflictError);
    }
  });

  test("file host: a sheet of the name without the table is refused; LibreOffice opens what it writes", async () => {
    const host = await fileHost();
    await host.apply([{ kind: "writeOwnedTable", table: history(6) }]);
    await host.apply([{ kind: "writeOwnedTable", table: history(3, "Q2") }]);
    const resaved = await ExcelJsWorkbook.load(savedByLibreOffice(host.bytes()));
    const table = findTable(await resaved.read(), STATUS_HISTORY.table);
    expect(table?.rows.map((r) => r.slice(0, 7))).toEqual(history(3, "Q2").rows);

    const other = XlsxPackageWorkbook.open(host.bytes());
    await expect(other.apply([{ kind: "writeOwnedTable", table: { ...history(2), name: "Other", sheet: STATUS_HISTORY.sheet } }])).rejects.toThrow(WorkbookConflictError);
  }, 120_000);
});
