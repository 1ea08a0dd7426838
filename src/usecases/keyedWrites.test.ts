/**
 * The port's keyed writes on the in-memory and ExcelJS workbooks: values go to the row holding each
 * action's ID now, and a missing ID refuses the whole change set before anything is written.
 */
import { memoryPlan } from "../../test/support/planFixture";
import { ExcelJsWorkbook } from "../adapters/exceljs/excelJsWorkbook";
import { SAMPLE_PLAN } from "../domain/sample/samplePlan";
import { WorkbookConflictError } from "../port/errors";
import { WorkbookPort } from "../port/workbookPort";
import { setUpPlan } from "./setUpPlan";

async function excelJsPlan(): Promise<WorkbookPort> {
  const workbook = ExcelJsWorkbook.empty();
  const outcome = await setUpPlan(workbook, SAMPLE_PLAN);
  if (!outcome.done) throw new Error(outcome.reason);
  return workbook;
}

const hosts: [string, () => Promise<WorkbookPort>][] = [
  ["in memory", () => memoryPlan(SAMPLE_PLAN)],
  ["ExcelJS", excelJsPlan],
];

describe.each(hosts)("keyed writes (%s)", (_, make) => {
  const ragOf = async (workbook: WorkbookPort, id: string) => {
    const table = (await workbook.read()).tables.find((t) => t.name === "ActionPlan")!;
    const row = table.rows.find((r) => String(r[0]) === id)!;
    return row[table.headers.indexOf("RAG")];
  };

  it("writes each value on the row holding its ID", async () => {
    const workbook = await make();
    await workbook.apply([{ kind: "setColumn", table: "ActionPlan", key: "ID", column: "RAG", rows: [{ id: "2.3", value: "Red" }, { id: "1.1", value: "Green" }] }]);
    expect([await ragOf(workbook, "2.3"), await ragOf(workbook, "1.1")]).toEqual(["Red", "Green"]);
  });

  it("refuses the whole change set, writing nothing, when an ID is gone", async () => {
    const workbook = await make();
    const before = JSON.stringify(await workbook.read());
    const failure = workbook.apply([
      { kind: "setCells", table: "ActionPlan", key: "ID", cells: [{ id: "1.1", column: "Status", value: "Complete" }] },
      { kind: "setCells", table: "ActionPlan", key: "ID", cells: [{ id: "9.9", column: "Status", value: "Complete" }] },
    ]);
    await expect(failure).rejects.toBeInstanceOf(WorkbookConflictError);
    await expect(failure).rejects.toThrow("Action 9.9 is no longer in the ActionPlan table");
    expect(JSON.stringify(await workbook.read())).toBe(before);
  });
});
