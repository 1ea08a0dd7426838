/**
 * A change set is confirmed against the workbook in its own batch before anything is written, and is
 * never retried: Office.js batches are not transactional (operations before a failing one stay applied:
 * "Error handling with the Excel JavaScript API",
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling), so a blind retry could
 * add a column twice. Writes are by action ID: a co-author's sort or deletion between the read and the
 * write moves the rows.
 */
import { createFakeExcel, FakeExcel } from "../../../test/support/fakeExcel";
import { checkSnapshot } from "../../domain/check";
import { rateAll } from "../../domain/figures";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";
import { WorkbookConflictError } from "../../port/errors";
import { ChangeSet } from "../../port/workbookPort";
import { buildSummary } from "../../usecases/buildSummary";
import { ragChanges } from "../../usecases/refreshRag";
import { setUpPlan } from "../../usecases/setUpPlan";
import { updateAction } from "../../usecases/updateAction";
import { OfficeWorkbook } from "./officeWorkbook";

async function plan(): Promise<{ fake: FakeExcel; workbook: OfficeWorkbook }> {
  const fake = createFakeExcel();
  fake.addSheet("Sheet1");
  const workbook = new OfficeWorkbook(fake.run);
  const outcome = await setUpPlan(workbook, SAMPLE_PLAN);
  if (!outcome.done) throw new Error(outcome.reason);
  return { fake, workbook };
}

/** The plan's rows as the fake holds them: ID → row's cells by header. */
async function rowsById(workbook: OfficeWorkbook): Promise<Map<string, Record<string, unknown>>> {
  const table = (await workbook.read()).tables.find((t) => t.name === "ActionPlan")!;
  return new Map(table.rows.map((row) => [String(row[0]), Object.fromEntries(table.headers.map((h, c) => [h, row[c]]))]));
}

/** A co-author reverses the order of the plan's rows (as a sort would), between our read and our write. */
async function reverseRows(fake: FakeExcel): Promise<void> {
  await fake.run(async (context) => {
    const body = context.workbook.tables.getItem("ActionPlan").getDataBodyRange().load("values,numberFormat");
    await context.sync();
    body.numberFormat = [...body.numberFormat].reverse();
    body.values = [...body.values].reverse();
    await context.sync();
  });
}

describe("writes by action ID", () => {
  it("puts each RAG rating on its own action even after a co-author sorted the rows between the read and the write", async () => {
    const { fake, workbook } = await plan();
    const check = checkSnapshot(await workbook.read());
    const rated = rateAll(check.plan, check.period!);
    await reverseRows(fake);
    await workbook.apply(ragChanges(check, rated));
    const rows = await rowsById(workbook);
    for (const r of rated) expect({ id: r.action.id, rag: rows.get(r.action.id)!.RAG }).toEqual({ id: r.action.id, rag: r.rag.rating });
    // Written inside the body only: the table did not grow.
    expect(fake.tables().find((t) => t.name === "ActionPlan")!.address).toBe(`A1:R${SAMPLE_PLAN.actions.length + 1}`);
  });

  it("refuses, writing nothing, when an action's row was deleted in between, naming at most ten IDs", async () => {
    const { fake, workbook } = await plan();
    const before = await rowsById(workbook);
    const ids = [...before.keys()];
    const write: ChangeSet = [
      { kind: "setColumn", table: "ActionPlan", key: "ID", column: "RAG", rows: ids.map((id) => ({ id, value: "Red" })) },
      { kind: "setColumn", table: "ActionPlan", key: "ID", column: "RAG", rows: ["9.1", "9.2", "9.3", "9.4", "9.5", "9.6", "9.7", "9.8", "9.9", "9.10", "9.11", "9.12"].map((id) => ({ id, value: "Red" })) },
    ];
    fake.resetCounters();
    const failure = workbook.apply(write);
    await expect(failure).rejects.toBeInstanceOf(WorkbookConflictError);
    await expect(failure).rejects.toThrow("Actions 9.1, 9.2, 9.3, 9.4, 9.5, 9.6, 9.7, 9.8, 9.9, 9.10 … and two more are no longer in the ActionPlan table");
    // One sync (the confirm), and no cell changed.
    expect(fake.syncCount).toBe(1);
    expect(await rowsById(workbook)).toEqual(before);
  });

  it("tells the lead officer, writing nothing, when their action went between opening it and saving", async () => {
    const { fake, workbook } = await plan();
    const deleting = {
      read: async () => {
        const snapshot = await workbook.read();
        // A co-author clears action 2.3's ID in between.
        await fake.run(async (context) => {
          context.workbook.worksheets.getItem("Action Plan").getRange("A11").values = [["2.3 (moved)"]];
          await context.sync();
        });
        return snapshot;
      },
      apply: (changes: ChangeSet) => workbook.apply(changes),
    };
    const outcome = await updateAction(deleting, {
      actionId: "2.3", leadOfficer: "Detective Inspector, St Helens CID", quarter: "Q3", status: "At risk", update: "Paused", shown: { status: "On target", update: "" },
    });
    expect(outcome).toEqual({ done: false, reason: expect.stringContaining("Action 2.3 is no longer in the ActionPlan table") });
    expect(fake.cell("Action Plan", "J11")?.value).toBe("On target");
  });
});

describe("change sets confirmed before they write", () => {
  it("adds columns once however often the same adoption is applied, and never as RAG2 or Status2", async () => {
    const { fake, workbook } = await plan();
    const add: ChangeSet = [{ kind: "addColumns", table: "ActionPlan", columns: [{ header: "Partner ref", kind: "text" }, { header: "RAG", kind: "rag" }] }];
    await workbook.apply(add);
    await workbook.apply(add);
    const headers = (await workbook.read()).tables.find((t) => t.name === "ActionPlan")!.headers;
    expect(headers.filter((h) => /^(Partner ref|RAG)\d*$/.test(h))).toEqual(["RAG", "Partner ref"]);
    expect(fake.tables().find((t) => t.name === "ActionPlan")!.address).toBe(`A1:S${SAMPLE_PLAN.actions.length + 1}`);
  });

  it("refuses a change set part of which no longer fits before writing any of it: no half-built set-up", async () => {
    const { fake, workbook } = await plan();
    fake.addSheet("New register");
    const before = fake.sheetNames();
    const failure = workbook.apply([
      { kind: "addColumns", table: "ActionPlan", columns: [{ header: "Partner ref", kind: "text" }] },
      { kind: "createTable", table: { name: "NewRegister", sheet: "New register", columns: [{ header: "Name", kind: "text", width: 10 }], rows: [] } },
    ]);
    await expect(failure).rejects.toThrow('A sheet named "New register" already exists. Nothing was written');
    expect(fake.sheetNames()).toEqual(before);
    expect((await workbook.read()).tables.find((t) => t.name === "ActionPlan")!.headers).not.toContain("Partner ref");
  });

  it("refuses to add columns that would shift the user's cells beside the table, saying which cells, and moves nothing", async () => {
    const { fake, workbook } = await plan();
    fake.setValues("Action Plan", "U3", [["My own note"]]);
    fake.setValues("Action Plan", "W60", [["Far below: not in the table's rows"]]);
    const failure = workbook.apply([{ kind: "addColumns", table: "ActionPlan", columns: [{ header: "Partner ref", kind: "text" }] }]);
    await expect(failure).rejects.toBeInstanceOf(WorkbookConflictError);
    await expect(failure).rejects.toThrow("would move your cells to its right ('Action Plan'!S3:U3) sideways");
    expect(fake.cell("Action Plan", "U3")?.value).toBe("My own note");
    expect(fake.tables().find((t) => t.name === "ActionPlan")!.address).toBe(`A1:R${SAMPLE_PLAN.actions.length + 1}`);
  });

  it("adds columns when the user's cells are outside the table's rows (they do not move)", async () => {
    const { fake, workbook } = await plan();
    fake.setValues("Action Plan", "W60", [["Far below"]]);
    await workbook.apply([{ kind: "addColumns", table: "ActionPlan", columns: [{ header: "Partner ref", kind: "text" }] }]);
    expect(fake.cell("Action Plan", "S1")?.value).toBe("Partner ref");
    expect(fake.cell("Action Plan", "W60")?.value).toBe("Far below");
  });

  it("says plainly when Excel on the web cannot make room for new columns (OperationCellsExceedLimit)", async () => {
    // Excel.ErrorCodes.operationCellsExceedLimit; the code is all the adapter looks at.
    const failing = new OfficeWorkbook(async () => {
      throw Object.assign(new Error("The attempted operation affects more than the limit of cells."), { code: "OperationCellsExceedLimit" });
    });
    await expect(failing.apply([{ kind: "addColumns", table: "ActionPlan", columns: [{ header: "RAG", kind: "rag" }] }])).rejects.toThrow(
      "Excel could not make room for the new columns",
    );
  });

  it("gives a clear message for a summary sheet that is very hidden, instead of an obscure failure", async () => {
    const { fake, workbook } = await plan();
    // The tool's own summary (it carries the ownership mark), then made very hidden by someone's macro.
    expect((await buildSummary(workbook, { quarter: "Q3" })).done).toBe(true);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Q3 2014-15 Summary").visibility = "VeryHidden";
      await context.sync();
    });
    const failure = workbook.apply([{ kind: "replaceSheet", sheet: "Q3 2014-15 Summary", content: { rows: [], columnWidths: [] } }]);
    await expect(failure).rejects.toThrow('The sheet "Q3 2014-15 Summary" is very hidden');
    // Through the use-case, a refusal with that message rather than an exception.
    expect(await buildSummary(workbook, { quarter: "Q3" })).toMatchObject({ done: false, reason: expect.stringContaining("is very hidden") });
    expect(fake.sheetInfo("Q3 2014-15 Summary").visibility).toBe("VeryHidden");
  });
});

describe("drop-down lists over workbook names", () => {
  it("never overwrites a name of the user's: it uses the next free spelling", async () => {
    const fake = createFakeExcel();
    fake.addSheet("Sheet1");
    fake.setValues("Sheet1", "A1", [["Mine"], ["x"]]);
    fake.addName("CSP_LeadOfficerNames", "=Sheet1!$A$1:$A$2");
    const outcome = await setUpPlan(new OfficeWorkbook(fake.run), SAMPLE_PLAN);
    expect(outcome.done).toBe(true);
    expect(fake.names()).toEqual(expect.arrayContaining([
      { name: "CSP_LeadOfficerNames", formula: "=Sheet1!$A$1:$A$2" },
      { name: "CSP_LeadOfficerNames_2", formula: "=LeadOfficers[Name]" },
    ]));
    expect(JSON.stringify(fake.validations("Action Plan"))).toContain('"source":"=CSP_LeadOfficerNames_2"');
  });
});
