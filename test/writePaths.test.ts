/**
 * Co-authoring: every write path touches only what the add-in owns (the RAG and RAG reason columns, summary
 * sheets, a lead officer's own status and update cells, and what adopting or setting up a plan creates), and
 * leaves every other cell of every sheet, and every other sheet's own state, exactly as it was.
 *
 * Each path runs on each host (in memory, Office.js on the test double, ExcelJS saved and reloaded) on a
 * workbook that also holds things the tool does not own: a user's sheet with a table and formatted cells,
 * a user's column inside the plan table, and notes beside and below the table. The whole workbook is imaged
 * before and after (test/support/cellDiff.ts); the differences must lie inside the path's allowed set, which
 * is computed here from the fixture's known layout (not from what the adapters read), and the cells the path
 * exists to write must be among them. The command line's writes (`csp-plan summary`, first build and rebuild)
 * are checked the same way on real .xlsx files, and the worksheet XML of the sheets it does not own is
 * compared too: ExcelJS re-serialises every part on saving, so byte identity holds only for a sheet already
 * in ExcelJS's form that precedes every changed sheet in the file; for the others the XML is identical once
 * shared-string indices are resolved (and, on a file's first trip through ExcelJS, but for what ExcelJS adds
 * then: see withoutFirstSaveAdditions; the adapter keeps page numbering as it was, see the last test).
 */
import { promises as fs } from "node:fs";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { MemoryWorkbook } from "../src/adapters/memory/memoryWorkbook";
import { OfficeWorkbook } from "../src/adapters/office/officeWorkbook";
import { a1, CellValue } from "../src/domain/cells";
import { ACTION_COLUMNS, ActionColumn, Quarter, Status, STATUS_HISTORY } from "../src/domain/contract";
import { toUtcDate } from "../src/domain/dates";
import { planTables } from "../src/domain/planLayout";
import { SAMPLE_PLAN } from "../src/domain/sample/samplePlan";
import { NOT_SIGNED_OFF, SIGN_OFF_CELL } from "../src/domain/summarySheet";
import { Io } from "../src/cli/io";
import { main } from "../src/cli/main";
import { WorkbookPort } from "../src/port/workbookPort";
import { adoptPlan, previewAdoption } from "../src/usecases/adoptPlan";
import { buildSummary } from "../src/usecases/buildSummary";
import { recordSignOff } from "../src/usecases/recordSignOff";
import { refreshRag } from "../src/usecases/refreshRag";
import { setUpPlan } from "../src/usecases/setUpPlan";
import { updateAction } from "../src/usecases/updateAction";
import {
  Allowed, cellKey, cellsOf, diffImages, fileImage, ImageDiff, memoryImage, officeImage, outside, range, WorkbookImage,
  worksheetPart, zipParts,
} from "./support/cellDiff";
import { createFakeExcel, FakeExcel, installExcelGlobals, uninstallExcelGlobals } from "./support/fakeExcel";
import { seedWith } from "./support/planFixture";
import { useTempDir } from "./support/tempDir";
import { writeZip } from "./support/zipWriter";

beforeAll(() => installExcelGlobals());
afterAll(() => uninstallExcelGlobals());

// ---------------------------------------------------------------------------------------------
// Hosts: the same workbook built three ways, and imaged whole
// ---------------------------------------------------------------------------------------------

type UserValue = string | number | Date | null;

interface Host {
  readonly port: WorkbookPort;
  /** The whole workbook as it stands (for ExcelJS: as saved; the port then works on the file reloaded, as the command line does). */
  image(): Promise<WorkbookImage>;
  /** A person's own edits in Excel, outside the add-in. */
  addSheet(name: string): void;
  put(sheet: string, row: number, column: number, values: readonly (readonly UserValue[])[], emphasis?: boolean): Promise<void>;
  addTable(sheet: string, name: string, top: number, left: number, headers: readonly string[], rows: readonly (readonly UserValue[])[]): void;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const serial = (date: Date) => (date.getTime() - EXCEL_EPOCH) / 86_400_000;

function memoryHost(): Host {
  const workbook = new MemoryWorkbook();
  return {
    port: workbook,
    image: async () => memoryImage(workbook),
    addSheet: (name) => void workbook.addSheet(name),
    put: async (sheet, row, column, values, emphasis) => values.forEach((cells, r) => cells.forEach((v, c) => {
      workbook.setCell(sheet, row + r, column + c, v, emphasis ? "heading" : undefined);
    })),
    addTable: (sheet, name, top, left, headers, rows) => void workbook.addTable(sheet, name, top, left, headers, rows as CellValue[][]),
  };
}

function officeHost(): Host & { fake: FakeExcel } {
  const fake = createFakeExcel();
  const put = (sheet: string, row: number, column: number, values: readonly (readonly UserValue[])[]) => fake.setValues(
    sheet, a1(row, column),
    values.map((cells) => cells.map((v) => (v instanceof Date ? serial(v) : v ?? ""))),
    values.map((cells) => cells.map((v) => (v instanceof Date ? "dd/mm/yyyy" : typeof v === "string" ? "@" : "General"))),
  );
  return {
    fake,
    port: new OfficeWorkbook(fake.run),
    image: () => officeImage(fake),
    addSheet: (name) => fake.addSheet(name),
    put: async (sheet, row, column, values, emphasis) => {
      put(sheet, row, column, values);
      if (!emphasis) return;
      await fake.run(async (context) => {
        const target = context.workbook.worksheets.getItem(sheet).getRangeByIndexes(row, column, values.length, values[0].length);
        target.format.font.bold = true;
        target.format.fill.color = "#FFF2CC";
        await context.sync();
      });
    },
    addTable: (sheet, name, top, left, headers, rows) => {
      put(sheet, top, left, [headers, ...rows]);
      fake.addTable(sheet, name, `${a1(top, left)}:${a1(top + rows.length, left + headers.length - 1)}`);
    },
  };
}

function excelJsHost(): Host {
  let excel = ExcelJsWorkbook.empty();
  const sheet = (name: string) => excel.workbook.getWorksheet(name) ?? excel.workbook.addWorksheet(name);
  return {
    get port() {
      return excel;
    },
    image: async () => {
      const bytes = await excel.toBuffer();
      excel = await ExcelJsWorkbook.load(bytes);
      return fileImage(bytes, { ignoreFirstPageNumber: true });
    },
    addSheet: (name) => void excel.workbook.addWorksheet(name),
    put: async (name, row, column, values, emphasis) => values.forEach((cells, r) => cells.forEach((v, c) => {
      const cell = sheet(name).getCell(row + r + 1, column + c + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = "dd/mm/yyyy";
      if (emphasis) {
        cell.font = { bold: true };
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
      }
    })),
    addTable: (name, table, top, left, headers, rows) => void sheet(name).addTable({
      name: table, ref: a1(top, left), headerRow: true, columns: headers.map((h) => ({ name: h })), rows: rows.map((r) => [...r]),
    }),
  };
}

const HOSTS: [string, () => Host][] = [["in memory", memoryHost], ["Office.js (test double)", officeHost], ["ExcelJS (saved and reloaded)", excelJsHost]];

// ---------------------------------------------------------------------------------------------
// Fixtures: what the tool does not own, around what it does
// ---------------------------------------------------------------------------------------------

const NOTES = "Partner notes";
const CHAIR = "Chair's notes";
const PLAN = "Action Plan";
const Q3_SUMMARY = "Q3 2014-15 Summary";
const Q2_SUMMARY = "Q2 2014-15 Summary";
/** The register sheets adoption creates beside the Action Plan (never Indicators: it is optional). */
const CREATED = ["Lead Officers", "Priorities", "Plan Settings"];
/** The sheets set-up writes after the Action Plan: the registers and Indicators (issue 15). */
const SET_UP = [...CREATED, "Indicators"];

/** A user's own sheet: a heading, a small table and a note. */
async function userSheet(host: Host, name: string): Promise<void> {
  host.addSheet(name);
  await host.put(name, 0, 0, [[`${name}, 2014/15`]], true);
  host.addTable(name, name === NOTES ? "Contacts" : "ChairNotes", 2, 0, ["Partner", "Contact", "Phone"], [
    ["Merseyside Police", "PC Jones", "0151 777 0000"],
    ["Your Housing", "T. Smith", 1744_676_000],
  ]);
  await host.put(name, 6, 4, [["Minutes are filed in the shared drive", 3.5, toUtcDate("2015-01-12")]]);
}

const KEYS = Object.keys(ACTION_COLUMNS) as ActionColumn[];
const col = (key: ActionColumn) => KEYS.indexOf(key);
const ROWS = SAMPLE_PLAN.actions.length;
/** The user's own column inside the ActionPlan table, at its right. */
const USER_COLUMN = KEYS.length;
const rowOf = (id: string) => SAMPLE_PLAN.actions.findIndex((a) => a.id === id) + 1;

async function done<T extends { done: boolean }>(outcome: Promise<T>): Promise<T> {
  const result = await outcome;
  if (!result.done) throw new Error(`Refused: ${JSON.stringify(result)}`);
  return result;
}

/** The sample plan set up beside a user's sheet, then a user's column in the table and notes around it. */
async function contractPlan(host: Host): Promise<void> {
  await userSheet(host, NOTES);
  await done(setUpPlan(host.port, SAMPLE_PLAN));
  await host.port.apply([{ kind: "addColumns", table: "ActionPlan", columns: [{ header: "Partner ref", kind: "text" }] }]);
  await host.put(PLAN, 1, USER_COLUMN, SAMPLE_PLAN.actions.map((_, i) => [`PR-${100 + i}`]));
  await host.put(PLAN, ROWS + 3, 0, [["Agreed at the RAG meeting, 12 January 2015"]], true);
  await host.put(PLAN, 1, USER_COLUMN + 2, [["Checked by the CSP manager"]]);
}

/** A user's plan table with other headers, at B3 of their own sheet, with their own column; beside a user's sheet. */
const OUR_PLAN = "Our plan";
const TOP = 2;
const LEFT = 1;
const HEADERS = ["Ref", "Theme", "Action", "Expected outcome", "Measure", "Responsible officer", "Agency", "Deadline", "Status", "Q1", "Q2", "Q3", "Q4", "Our own column"];
const USER_ROWS: UserValue[][] = [
  ["1.1", "Anti-social behaviour", "Run monthly multi-agency patrols in the town centre", "Fewer ASB calls", "Number of ASB calls down 10%", "ASB Coordinator", "St.Helens Council", toUtcDate("2015-03-31"), "On target", "a", "b", "c", null, "keep me"],
  ["2.1", "Serious acquisitive crime", "Deliver target hardening to 200 burgled homes", "Fewer repeat burglaries", "Number of homes target hardened", "Crime Reduction Officer", "Merseyside Police", toUtcDate("2015-03-31"), "Complete", "a", "b", "c", null, "and me"],
];
const DEFAULTS = { name: "community safety action plan", year: "2014/15", currentQuarter: "Q3" as Quarter };
/** Sheet column of a user header, and of the columns adoption adds at the right (RAG, RAG reason, Notes). */
const ourColumn = (header: string) => LEFT + HEADERS.indexOf(header);
const ADDED = { RAG: LEFT + HEADERS.length, "RAG reason": LEFT + HEADERS.length + 1, Notes: LEFT + HEADERS.length + 2 };
const OUR_BODY = range(TOP + 1, TOP + USER_ROWS.length);

async function userPlan(host: Host): Promise<void> {
  await userSheet(host, NOTES);
  host.addSheet(OUR_PLAN);
  await host.put(OUR_PLAN, 0, 0, [["Our community safety plan"]], true);
  host.addTable(OUR_PLAN, "Plan2014", TOP, LEFT, HEADERS, USER_ROWS);
  await host.put(OUR_PLAN, TOP + USER_ROWS.length + 3, LEFT, [["Agreed by the partnership board"]]);
  // Above the table's rows: a column add shifts cells right only within the table's rows, and the Office
  // adapter refuses to move a user's cells there (officeColumns.test.ts).
  await host.put(OUR_PLAN, TOP - 1, ADDED.Notes + 3, [["Far to the right"]]);
}

async function adopt(host: Host): Promise<void> {
  const proposal = await previewAdoption(host.port, DEFAULTS);
  if (!proposal) throw new Error("Nothing to adopt.");
  await done(adoptPlan(host.port, proposal, DEFAULTS));
}

/**
 * A plan someone built by hand: the ActionPlan table without the optional RAG reason and Notes (and with
 * their own column), Lead Officers and Plan Settings, but no Priorities; Repair adds the two and the sheet.
 */
const REPAIR_SEED = seedWith([{}, { leadOfficer: "Community Safety Manager" }]);
const REPAIR_DROPPED: ActionColumn[] = ["ragReason", "notes", "lastUpdated"];
const REPAIR_KEYS = KEYS.filter((k) => !REPAIR_DROPPED.includes(k));
const REPAIR_ADDED = { "RAG reason": REPAIR_KEYS.length + 1, Notes: REPAIR_KEYS.length + 2 };

async function handBuiltPlan(host: Host): Promise<void> {
  await userSheet(host, NOTES);
  const [plan, officers, , settings] = planTables(REPAIR_SEED);
  host.addSheet(PLAN);
  host.addTable(PLAN, "ActionPlan", 0, 0, [...REPAIR_KEYS.map((k) => ACTION_COLUMNS[k]), "Partner ref"],
    plan.rows.map((row, i) => [...REPAIR_KEYS.map((k) => row[KEYS.indexOf(k)] as UserValue), `PR-${i}`]));
  await host.put(PLAN, plan.rows.length + 3, 0, [["Agreed at the RAG meeting"]], true);
  for (const spec of [officers, settings]) {
    host.addSheet(spec.sheet);
    host.addTable(spec.sheet, spec.name, 0, 0, spec.columns.map((c) => c.header), spec.rows as UserValue[][]);
  }
}

// ---------------------------------------------------------------------------------------------
// The write paths and what each may touch
// ---------------------------------------------------------------------------------------------

interface WritePath {
  readonly name: string;
  /** The workbook before, including any earlier writes that are not under test. */
  readonly given: (host: Host) => Promise<void>;
  readonly write: (host: Host) => Promise<unknown>;
  readonly allowed: Allowed;
  /** Cells the path exists to write: they must have changed, so the test can fail. */
  readonly mustChange: readonly string[];
}

const RAG_CELLS = cellsOf(PLAN, range(1, ROWS), [col("rag"), col("ragReason")]);

/** A lead officer's update of 2.3 (no Q3 update yet) and of the adopted 1.1. */
function officerUpdate(actionId: string, leadOfficer: string, shown: { status: string; update: string }, status: Status, update: string) {
  return { actionId, leadOfficer, quarter: "Q3" as const, status, update, shown };
}
const ACTION_23 = SAMPLE_PLAN.actions[rowOf("2.3") - 1];
const HISTORY = STATUS_HISTORY.sheet;
const ACTIONS = SAMPLE_PLAN.actions.length;

const PATHS: WritePath[] = [
  {
    name: "setUpPlan beside a user's sheet: only the five new sheets",
    given: (host) => userSheet(host, NOTES),
    write: (host) => done(setUpPlan(host.port, SAMPLE_PLAN)),
    allowed: { sheets: [PLAN, ...SET_UP] },
    mustChange: [cellKey(PLAN, 0, 0), cellKey(PLAN, 1, 0), ...SET_UP.map((s) => cellKey(s, 0, 0))],
  },
  {
    name: "refreshRag: only the RAG and RAG reason cells of the table",
    given: contractPlan,
    write: (host) => done(refreshRag(host.port)),
    allowed: { cells: RAG_CELLS },
    mustChange: RAG_CELLS,
  },
  {
    name: "buildSummary, first build: the RAG cells, the new summary sheet and the new Status History",
    given: contractPlan,
    write: (host) => done(buildSummary(host.port)),
    allowed: { cells: RAG_CELLS, sheets: [Q3_SUMMARY, HISTORY] },
    mustChange: [...RAG_CELLS, cellKey(Q3_SUMMARY, 0, 0), cellKey(Q3_SUMMARY, SIGN_OFF_CELL.row, SIGN_OFF_CELL.column), cellKey(HISTORY, 0, 0), cellKey(HISTORY, 1, 0)],
  },
  {
    name: "buildSummary, rebuild: the RAG cells, that quarter's summary sheet and Status History rows, not another quarter's, not the sheets after it",
    given: async (host) => {
      await contractPlan(host);
      await done(buildSummary(host.port, { quarter: "Q2" }));
      await done(buildSummary(host.port, { quarter: "Q3" }));
      await userSheet(host, CHAIR);
      await done(recordSignOff(host.port, { sheet: Q3_SUMMARY, name: "Jane Smith", role: "Chair", date: "2015-01-20" }));
      await host.put(PLAN, rowOf("1.1"), col("status"), [["Complete"]]); // an officer marks 1.1 complete in Excel
    },
    write: (host) => done(buildSummary(host.port, { quarter: "Q3" })),
    // Status History: only Q3's rows (Q2's are the first 48 below the header, Q3's the next 48).
    allowed: { cells: [...RAG_CELLS, ...cellsOf(HISTORY, range(1 + ACTIONS, 1 + 2 * ACTIONS), range(0, 7))], sheets: [Q3_SUMMARY] },
    mustChange: [
      cellKey(PLAN, rowOf("1.1"), col("rag")), cellKey(PLAN, rowOf("1.1"), col("ragReason")),
      cellKey(Q3_SUMMARY, SIGN_OFF_CELL.row, SIGN_OFF_CELL.column),
      // 1.1's Q3 record: Blue, Complete.
      cellKey(HISTORY, ACTIONS + rowOf("1.1"), 4),
    ],
  },
  {
    name: "updateAction: only that action's Status, Q3 update and Last updated cells",
    given: async (host) => {
      await contractPlan(host);
      await done(buildSummary(host.port));
    },
    write: (host) => done(updateAction(host.port, officerUpdate(
      "2.3", ACTION_23.leadOfficer, { status: ACTION_23.status, update: ACTION_23.updates.Q3 ?? "" }, "At risk", "Operation paused until the new year.",
    ))),
    // And the plan's Last updated column, stamped with the day of the save (issue 14).
    allowed: { cells: [cellKey(PLAN, rowOf("2.3"), col("status")), cellKey(PLAN, rowOf("2.3"), col("q3")), cellKey(PLAN, rowOf("2.3"), col("lastUpdated"))] },
    mustChange: [cellKey(PLAN, rowOf("2.3"), col("status")), cellKey(PLAN, rowOf("2.3"), col("q3")), cellKey(PLAN, rowOf("2.3"), col("lastUpdated"))],
  },
  {
    name: "recordSignOff: only the sign-off cell of the summary sheet",
    given: async (host) => {
      await contractPlan(host);
      await done(buildSummary(host.port));
    },
    write: (host) => done(recordSignOff(host.port, { sheet: Q3_SUMMARY, name: "Jane Smith", role: "Chair, Responsible Authorities Group", date: "2015-01-20" })),
    allowed: { cells: [cellKey(Q3_SUMMARY, SIGN_OFF_CELL.row, SIGN_OFF_CELL.column)] },
    mustChange: [cellKey(Q3_SUMMARY, SIGN_OFF_CELL.row, SIGN_OFF_CELL.column)],
  },
  {
    name: "adoptPlan: the renamed headers, the added columns and the new register sheets",
    given: userPlan,
    write: adopt,
    allowed: {
      cells: [
        ...["Ref", "Theme", "Expected outcome", "Responsible officer", "Agency", "Deadline", "Q1", "Q2", "Q3", "Q4"].map((h) => cellKey(OUR_PLAN, TOP, ourColumn(h))),
        ...cellsOf(OUR_PLAN, [TOP, ...OUR_BODY], Object.values(ADDED)),
      ],
      sheets: CREATED,
      // The table itself: its name, its range, and the added columns' validation, colouring and widths.
      state: [OUR_PLAN],
    },
    mustChange: [
      ...["Ref", "Theme", "Expected outcome", "Responsible officer", "Agency", "Deadline", "Q1", "Q2", "Q3", "Q4"].map((h) => cellKey(OUR_PLAN, TOP, ourColumn(h))),
      ...Object.values(ADDED).map((c) => cellKey(OUR_PLAN, TOP, c)),
      ...CREATED.map((s) => cellKey(s, 0, 0)),
    ],
  },
  {
    name: "adoptPlan as Repair: the added optional columns and the missing Priorities sheet",
    given: handBuiltPlan,
    write: adopt,
    allowed: { cells: cellsOf(PLAN, range(0, REPAIR_SEED.actions.length), Object.values(REPAIR_ADDED)), sheets: ["Priorities"], state: [PLAN] },
    mustChange: [...Object.values(REPAIR_ADDED).map((c) => cellKey(PLAN, 0, c)), cellKey("Priorities", 0, 0)],
  },
  {
    name: "refreshRag on an adopted table at B3: only its RAG and RAG reason cells",
    given: async (host) => {
      await userPlan(host);
      await adopt(host);
    },
    write: (host) => done(refreshRag(host.port)),
    allowed: { cells: cellsOf(OUR_PLAN, OUR_BODY, [ADDED.RAG, ADDED["RAG reason"]]) },
    mustChange: cellsOf(OUR_PLAN, OUR_BODY, [ADDED.RAG, ADDED["RAG reason"]]),
  },
  {
    name: "updateAction on an adopted table at B3: only that action's Status and Q3 cells",
    given: async (host) => {
      await userPlan(host);
      await adopt(host);
    },
    write: (host) => done(updateAction(host.port, officerUpdate("1.1", "ASB Coordinator", { status: "On target", update: "c" }, "At risk", "Patrols paused over Christmas."))),
    allowed: { cells: [cellKey(OUR_PLAN, TOP + 1, ourColumn("Status")), cellKey(OUR_PLAN, TOP + 1, ourColumn("Q3"))] },
    mustChange: [cellKey(OUR_PLAN, TOP + 1, ourColumn("Status")), cellKey(OUR_PLAN, TOP + 1, ourColumn("Q3"))],
  },
];

const NOTHING: ImageDiff = { cells: [], sheets: [] };

/** Checks a diff against a path's allowed set and its must-change cells. */
function expectOnlyAllowed(diff: ImageDiff, allowed: Allowed, mustChange: readonly string[]): void {
  expect(outside(diff, allowed)).toEqual(NOTHING);
  const changed = new Set(diff.cells);
  expect(mustChange.filter((k) => !changed.has(k))).toEqual([]);
}

describe.each(HOSTS)("every write path through the port, %s", (_, makeHost) => {
  it.each(PATHS.map((p) => [p.name, p] as const))("%s", async (_name, path) => {
    const host = makeHost();
    await path.given(host);
    const before = await host.image();
    await path.write(host);
    const after = await host.image();
    expectOnlyAllowed(diffImages(before, after), path.allowed, path.mustChange);
  });
});

// ---------------------------------------------------------------------------------------------
// The command line on .xlsx files: `csp-plan summary`, first build and rebuild
// ---------------------------------------------------------------------------------------------

/** Runs `csp-plan ARGS` in-process; returns the exit status. */
async function cli(...args: string[]): Promise<number> {
  const io: Io = { out: () => undefined, err: () => undefined, today: () => new Date(Date.UTC(2014, 10, 15)) };
  return main(args, io);
}

/** The contract fixture as a file written by ExcelJS (as `csp-plan init` writes one), with the user's sheet, column and notes. */
async function contractPlanBytes(): Promise<Buffer> {
  const host = excelJsHost();
  await contractPlan(host);
  return (host.port as ExcelJsWorkbook).toBuffer();
}

/** A person edits the file (here with ExcelJS, through the adapter's own load and save) and saves it. */
async function editFile(file: string, edit: (workbook: ExcelJS.Workbook) => void): Promise<void> {
  const excel = await ExcelJsWorkbook.load(await fs.readFile(file));
  edit(excel.workbook);
  await fs.writeFile(file, await excel.toBuffer());
}

/** One sheet's worksheet XML, as stored. */
function sheetXml(bytes: Buffer, sheet: string): string {
  const parts = zipParts(bytes);
  return parts.get(worksheetPart(parts, sheet))!.toString("utf8");
}

const image = (bytes: Buffer) => fileImage(bytes, { ignoreFirstPageNumber: true });

describe("csp-plan summary on .xlsx files", () => {
  const temp = useTempDir();
  const NOT_OWNED = [NOTES, ...SET_UP];
  const SIGN_OFF = cellKey(Q3_SUMMARY, SIGN_OFF_CELL.row, SIGN_OFF_CELL.column);

  it("first build in place: only the RAG cells, the new summary sheet and the new Status History change; every other sheet keeps its XML byte for byte", async () => {
    const file = temp.path("plan.xlsx");
    const before = await contractPlanBytes();
    await fs.writeFile(file, before);
    expect(await cli("summary", file, "--quarter", "Q3")).toBe(0);
    const after = await fs.readFile(file);
    expectOnlyAllowed(diffImages(await image(before), await image(after)), { cells: RAG_CELLS, sheets: [Q3_SUMMARY, HISTORY] }, [...RAG_CELLS, cellKey(Q3_SUMMARY, 0, 0), cellKey(HISTORY, 1, 0)]);
    // The file host copies the parts it does not own: not even the shared string indices move.
    for (const sheet of [...NOT_OWNED, NOTES]) expect({ sheet, xml: sheetXml(after, sheet) }).toEqual({ sheet, xml: sheetXml(before, sheet) });
  });

  it("--out NEW: FILE byte-identical, and NEW differs from FILE only in the RAG cells, the summary sheet and the Status History", async () => {
    const file = temp.path("plan.xlsx");
    const out = temp.path("plan-q3.xlsx");
    const before = await contractPlanBytes();
    await fs.writeFile(file, before);
    expect(await cli("summary", file, "--quarter", "Q3", "--out", out)).toBe(0);
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    const written = await fs.readFile(out);
    expectOnlyAllowed(diffImages(await image(before), await image(written)), { cells: RAG_CELLS, sheets: [Q3_SUMMARY, HISTORY] }, [...RAG_CELLS, cellKey(Q3_SUMMARY, 0, 0), cellKey(HISTORY, 1, 0)]);
  });

  it("rebuild in place: only the RAG cells and that quarter's sheet change; another quarter's summary and the other sheets keep their XML byte for byte", async () => {
    const file = temp.path("plan.xlsx");
    await fs.writeFile(file, await contractPlanBytes());
    expect(await cli("summary", file, "--quarter", "Q2")).toBe(0);
    expect(await cli("summary", file, "--quarter", "Q3")).toBe(0);
    await editFile(file, (workbook) => {
      workbook.getWorksheet(PLAN)!.getCell(rowOf("1.1") + 1, col("status") + 1).value = "Complete";
      workbook.getWorksheet(Q3_SUMMARY)!.getCell(SIGN_OFF_CELL.row + 1, SIGN_OFF_CELL.column + 1).value = "Signed off by Jane Smith, Chair, on 20 January 2015.";
      const chair = workbook.addWorksheet(CHAIR);
      chair.getCell("A1").value = "Questions for the next RAG meeting";
      chair.getCell("A1").font = { bold: true };
      chair.getCell("B2").value = 42;
    });
    const before = await fs.readFile(file);
    expect(await cli("summary", file, "--quarter", "Q3")).toBe(0);
    const after = await fs.readFile(file);
    // Status History: only Q3's rows (Q2's are the first 48 below the header, Q3's the next 48).
    const q3History = cellsOf(HISTORY, range(1 + ACTIONS, 1 + 2 * ACTIONS), range(0, 7));
    expectOnlyAllowed(diffImages(await image(before), await image(after)), { cells: [...RAG_CELLS, ...q3History], sheets: [Q3_SUMMARY] }, [
      cellKey(PLAN, rowOf("1.1"), col("rag")), cellKey(PLAN, rowOf("1.1"), col("ragReason")), SIGN_OFF, cellKey(HISTORY, ACTIONS + rowOf("1.1"), 4),
    ]);
    const rebuilt = await image(after);
    expect(rebuilt.get(Q3_SUMMARY)?.cells.get(a1(SIGN_OFF_CELL.row, SIGN_OFF_CELL.column))).toContain(NOT_SIGNED_OFF);
    expect([...rebuilt.keys()]).toEqual([NOTES, PLAN, ...SET_UP, Q2_SUMMARY, HISTORY, Q3_SUMMARY, CHAIR]);
    // Byte for byte, the user's sheets and the other quarter's summary: the file host writes RAG words as inline
    // strings, so the shared strings (and every sheet's indices into them) stay as they were.
    for (const sheet of [...NOT_OWNED, Q2_SUMMARY, NOTES, CHAIR]) expect({ sheet, xml: sheetXml(after, sheet) }).toEqual({ sheet, xml: sheetXml(before, sheet) });
  });

  it("a sheet in another serialisation (as Excel writes it) keeps its bytes: the file host copies it", async () => {
    const file = temp.path("plan.xlsx");
    const plain = await contractPlanBytes();
    // Excel ends the XML declaration with CRLF; ExcelJS with nothing.
    const parts = zipParts(plain);
    const notes = worksheetPart(parts, NOTES);
    const before = writeZip([...parts].map(([name, data]) => ({ name, data: name === notes ? data.toString("utf8").replace(/\?>\s*/, "?>\r\n") : data })));
    expect(sheetXml(before, NOTES)).toContain("?>\r\n<worksheet");
    await fs.writeFile(file, before);
    expect(await cli("summary", file, "--quarter", "Q3")).toBe(0);
    const after = await fs.readFile(file);
    expect(sheetXml(after, NOTES)).toBe(sheetXml(before, NOTES));
    expectOnlyAllowed(diffImages(await image(before), await image(after)), { cells: RAG_CELLS, sheets: [Q3_SUMMARY, HISTORY] }, RAG_CELLS);
  });

  it("csp-plan summary keeps 'First page number' at Auto on sheets it does not own (ExcelJS alone would set it to 1)", async () => {
    // ExcelJS reads a <pageSetup> without firstPageNumber as firstPageNumber 1, and writes useFirstPageNumber="1"
    // whenever it has a firstPageNumber: left alone, the first in-place summary would change every sheet's page
    // numbering (Page Layout → Page Setup → First page number, from "Auto" to "1").
    const file = temp.path("plan.xlsx");
    const before = await contractPlanBytes();
    await fs.writeFile(file, before);
    expect(await cli("summary", file, "--quarter", "Q3")).toBe(0);
    const after = await fs.readFile(file);
    const pageSetup = (bytes: Buffer) => /<pageSetup\b[^>]*>/.exec(sheetXml(bytes, NOTES))?.[0];
    expect(pageSetup(before)).not.toContain("useFirstPageNumber");
    expect(pageSetup(after)).toBe(pageSetup(before));
  });
});

// ---------------------------------------------------------------------------------------------
// Names that collide with the tool's: only what the tool made is replaced
// ---------------------------------------------------------------------------------------------

/** A user's own sheet named like a summary sheet, in another letter case: the same name to Excel. */
const USERS_Q3 = "q3 2014-15 summary";
/** What summary sheets said in A2 before the ownership mark existed (version 0.1). */
const EARLIER_A2 = "Position at 31 December 2014. Built from the action plan; building it again replaces this sheet's contents.";

interface Collision {
  readonly name: string;
  readonly given: (host: Host) => Promise<void>;
  readonly write: (host: Host) => Promise<{ done: boolean; reason?: string }>;
  /** What the refusal must say. */
  readonly told: RegExp;
}

const COLLISIONS: Collision[] = [
  {
    name: "buildSummary over a user's sheet named like the summary (another letter case)",
    given: async (host) => {
      await contractPlan(host);
      await userSheet(host, USERS_Q3);
    },
    write: (host) => buildSummary(host.port, { quarter: "Q3" }),
    told: /The sheet "q3 2014-15 summary" was not made by this tool \(Excel treats "q3 2014-15 summary" and "Q3 2014-15 Summary" as the same name\), so it will not build the Q3 summary over it, and nothing was changed\. Rename that sheet/,
  },
  {
    name: "recordSignOff on a user's sheet named like the summary",
    given: async (host) => {
      await contractPlan(host);
      await userSheet(host, USERS_Q3);
    },
    write: (host) => recordSignOff(host.port, { sheet: Q3_SUMMARY, name: "Jane Smith", role: "Chair", date: "2015-01-20" }),
    told: /The sheet "q3 2014-15 summary" was not made by this tool .* so it will not record a sign-off over it/,
  },
  {
    name: "buildSummary over a summary sheet whose mark a user has written over (taken as theirs now)",
    given: async (host) => {
      await contractPlan(host);
      await done(buildSummary(host.port, { quarter: "Q3" }));
      await host.put(Q3_SUMMARY, 1, 0, [["My own commentary for the board."]]);
    },
    write: (host) => buildSummary(host.port, { quarter: "Q3" }),
    told: /The sheet "Q3 2014-15 Summary" was not made by this tool, so it will not build the Q3 summary over it/,
  },
  {
    name: "setUpPlan beside a user's table named Priorities on their own sheet",
    given: async (host) => {
      await userSheet(host, NOTES);
      host.addSheet("Themes");
      host.addTable("Themes", "Priorities", 0, 0, ["Theme", "Owner"], [["Hate crime", "Cohesion team"]]);
    },
    write: (host) => setUpPlan(host.port, SAMPLE_PLAN),
    told: /already has the sheet or table "Priorities"/,
  },
];

describe.each(HOSTS)("a user's sheet or table that collides with the tool's, %s", (_, makeHost) => {
  it.each(COLLISIONS.map((c) => [c.name, c] as const))("%s: refused, saying which and how to go on; nothing changes", async (_name, collision) => {
    const host = makeHost();
    await collision.given(host);
    const before = await host.image();
    const outcome = await collision.write(host);
    expect(outcome.done).toBe(false);
    expect(outcome.reason).toMatch(collision.told);
    expect(diffImages(before, await host.image())).toEqual(NOTHING);
  });

  it("a summary sheet built before the mark existed is still recognised as the tool's, and rebuilt", async () => {
    const host = makeHost();
    await contractPlan(host);
    await done(buildSummary(host.port, { quarter: "Q3" }));
    await host.put(Q3_SUMMARY, 1, 0, [[EARLIER_A2]]);
    await done(recordSignOff(host.port, { sheet: Q3_SUMMARY, name: "Jane Smith", role: "Chair", date: "2015-01-20" }));
    const before = await host.image();
    await done(buildSummary(host.port, { quarter: "Q3" }));
    expectOnlyAllowed(diffImages(before, await host.image()), { cells: RAG_CELLS, sheets: [Q3_SUMMARY] }, [cellKey(Q3_SUMMARY, 1, 0), cellKey(Q3_SUMMARY, SIGN_OFF_CELL.row, SIGN_OFF_CELL.column)]);
  });
});

describe("csp-plan summary beside a user's sheet named like the summary", () => {
  const temp = useTempDir();

  it.each([["in place", [] as string[]], ["--out NEW", ["--out", "new.xlsx"]]])("%s: exit 1 with the reason, FILE byte-identical, no new file", async (_how, extra) => {
    const host = excelJsHost();
    await contractPlan(host);
    await userSheet(host, USERS_Q3);
    const file = temp.path("plan.xlsx");
    const before = await (host.port as ExcelJsWorkbook).toBuffer();
    await fs.writeFile(file, before);
    const err: string[] = [];
    const io: Io = { out: () => undefined, err: (t) => err.push(t), today: () => new Date(Date.UTC(2014, 10, 15)) };
    const out = extra.length > 0 ? temp.path(extra[1]) : undefined;
    expect(await main(["summary", file, "--quarter", "Q3", ...(out ? ["--out", out] : [])], io)).toBe(1);
    expect(err.join("\n")).toMatch(/The sheet "q3 2014-15 summary" was not made by this tool/);
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    if (out) await expect(fs.access(out)).rejects.toThrow();
  });
});
