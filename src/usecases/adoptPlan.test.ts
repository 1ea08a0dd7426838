import { createFakeExcel, installExcelGlobals, uninstallExcelGlobals } from "../../test/support/fakeExcel";
import { memoryPlan, seedWith } from "../../test/support/planFixture";
import { ExcelJsWorkbook } from "../adapters/exceljs/excelJsWorkbook";
import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { OfficeWorkbook } from "../adapters/office/officeWorkbook";
import { contractColumnFor } from "../domain/adoption";
import { toUtcDate } from "../domain/dates";
import { WorkbookPort } from "../port/workbookPort";
import { buildSummary } from "./buildSummary";
import { checkPlan } from "./checkPlan";
import { adoptPlan, previewAdoption } from "./adoptPlan";

const defaults = { name: "community safety action plan", year: "2014/15", currentQuarter: "Q3" as const };
const HEADERS = ["Ref", "Theme", "Action", "Expected outcome", "Measure", "Responsible officer", "Agency", "Deadline", "Status", "Q1", "Q2", "Q3", "Q4", "Our own column"];
const ROWS = [
  ["1.1", "Anti-social behaviour", "Run monthly multi-agency patrols in the town centre", "Fewer ASB calls", "Number of ASB calls down 10%", "ASB Coordinator", "St.Helens Council", toUtcDate("2015-03-31"), "On target", "a", "b", "c", null, "keep me"],
  ["2.1", "Serious acquisitive crime", "Deliver target hardening to 200 burgled homes", "Fewer repeat burglaries", "Number of homes target hardened", "Crime Reduction Officer", "Merseyside Police", toUtcDate("2015-03-31"), "Complete", "a", "b", "c", null, "and me"],
];

function userTable(workbook: MemoryWorkbook) {
  workbook.addTable("Our plan", "Plan2014", 2, 1, HEADERS, ROWS);
  return workbook;
}

describe("adopting a table with other headers", () => {
  it("maps the brief's synonyms", () => {
    expect(contractColumnFor("Ref")).toBe("id");
    expect(contractColumnFor(" responsible  OFFICER ")).toBe("leadOfficer");
    expect(contractColumnFor("Owner")).toBe("leadOfficer");
    expect(contractColumnFor("Due date")).toBe("targetDate");
    expect(contractColumnFor("Deadline")).toBe("targetDate");
    expect(contractColumnFor("Our own column")).toBeUndefined();
  });

  it("shows the mapping before writing, and writing it makes a plan that checks and summarises", async () => {
    const workbook = userTable(new MemoryWorkbook());
    const before = JSON.stringify(workbook.dump());
    const proposal = (await previewAdoption(workbook, defaults))!;
    expect(JSON.stringify(workbook.dump())).toBe(before); // previewing writes nothing
    expect(proposal.table).toBe("Plan2014");
    // Columns are added at the right, so the cells there in the table's rows (B3:O5) would move.
    expect(proposal.cellsThatWouldMove).toBe("P3:XFD5");
    expect(proposal.renames.map((r) => `${r.from}→${r.to}`)).toEqual([
      "Ref→ID", "Theme→Priority", "Expected outcome→Outcome", "Responsible officer→Lead officer", "Agency→Lead agency",
      "Deadline→Target date", "Q1→Q1 update", "Q2→Q2 update", "Q3→Q3 update", "Q4→Q4 update",
    ]);
    expect(proposal.added.map((a) => a.header)).toEqual(["RAG", "RAG reason", "Notes"]);
    expect(proposal.mapping.find((m) => m.header === "Our own column")?.column).toBeUndefined();
    expect(proposal.created.map((t) => t.name)).toEqual(["LeadOfficers", "Priorities", "PlanSettings"]);
    expect(proposal.created[0].rows.map((r) => r[0])).toEqual(["ASB Coordinator", "Crime Reduction Officer"]);

    const outcome = await adoptPlan(workbook, proposal, defaults);
    expect(outcome.done).toBe(true);
    const check = await checkPlan(workbook);
    expect(check.writable).toBe(true);
    expect(check.plan.actions.map((a) => a.id)).toEqual(["1.1", "2.1"]);
    // The user's own column and values are still there.
    const table = (await workbook.read()).tables.find((t) => t.name === "ActionPlan")!;
    expect(table.headers).toContain("Our own column");
    expect(table.rows.map((r) => r[table.headers.indexOf("Our own column")])).toEqual(["keep me", "and me"]);
    expect((await buildSummary(workbook)).done).toBe(true);
  });

  it("refuses, writing nothing, if the table changed since the review", async () => {
    const workbook = userTable(new MemoryWorkbook());
    const proposal = (await previewAdoption(workbook, defaults))!;
    workbook.setCell("Our plan", 2, 6, "Owner"); // someone renames a header meanwhile
    const before = JSON.stringify(workbook.dump());
    const outcome = await adoptPlan(workbook, proposal, defaults);
    expect(outcome).toEqual({ done: false, reason: "The table changed since you reviewed the changes; review them again before applying." });
    expect(JSON.stringify(workbook.dump())).toBe(before);
  });

  it("repairs a plan missing optional columns and a register, deleting nothing", async () => {
    const workbook = await memoryPlan(seedWith([{}]));
    workbook.sheets.splice(workbook.sheets.findIndex((s) => s.name === "Priorities"), 1);
    const proposal = (await previewAdoption(workbook, defaults))!;
    expect(proposal.table).toBe("ActionPlan");
    expect(proposal.renameTableTo).toBeUndefined();
    expect(proposal.created.map((t) => t.name)).toEqual(["Priorities"]);
    expect((await adoptPlan(workbook, proposal, defaults)).done).toBe(true);
    expect((await checkPlan(workbook)).writable).toBe(true);
  });
});

describe("adoption gives the same plan through every adapter", () => {
  beforeAll(() => installExcelGlobals());
  afterAll(() => uninstallExcelGlobals());

  async function adoptThrough(workbook: WorkbookPort) {
    const proposal = (await previewAdoption(workbook, defaults))!;
    const outcome = await adoptPlan(workbook, proposal, defaults);
    if (!outcome.done) throw new Error(outcome.reason);
    const check = await checkPlan(workbook);
    return { findings: check.findings, actions: check.plan.actions.map((a) => [a.id, a.leadOfficer, a.status]) };
  }

  it("memory, ExcelJS (saved and reopened) and Office.js agree", async () => {
    const memory = await adoptThrough(userTable(new MemoryWorkbook()));

    const excel = ExcelJsWorkbook.empty();
    const sheet = excel.workbook.addWorksheet("Our plan");
    sheet.addTable({ name: "Plan2014", ref: "B3", headerRow: true, columns: HEADERS.map((name) => ({ name })), rows: ROWS.map((r) => [...r]) });
    const viaExcelJs = await adoptThrough(excel);
    const reopened = await ExcelJsWorkbook.load(await excel.toBuffer());
    expect((await checkPlan(reopened)).findings).toEqual((await checkPlan(excel)).findings);

    const fake = createFakeExcel();
    fake.addSheet("Our plan");
    fake.setValues("Our plan", "B3", [HEADERS, ...ROWS.map((r) => r.map((v) => (v instanceof Date ? 42094 : v ?? "")))], [
      HEADERS.map(() => "@"), ...ROWS.map((r) => r.map((v) => (v instanceof Date ? "dd/mm/yyyy" : "General"))),
    ]);
    fake.addTable("Our plan", "Plan2014", "B3:O5");
    const viaOffice = await adoptThrough(new OfficeWorkbook(fake.run));

    expect(viaExcelJs).toEqual(memory);
    expect(viaOffice).toEqual(memory);
  });
});
