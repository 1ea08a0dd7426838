/**
 * Cell-edit mode. While the user types in a cell, Excel fails a batch at sync with
 * InvalidOperationInCellEditMode, unless it was run with `RunOptions.delayForCellEdit` (ExcelApi 1.11), which
 * holds it until the edit ends. Sources: "Excel.RunOptions interface", delayForCellEdit,
 * https://learn.microsoft.com/javascript/api/excel/excel.runoptions ; the error code is
 * Excel.ErrorCodes.invalidOperationInCellEditMode ("Error handling with the Excel JavaScript API",
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling).
 */
import { createFakeExcel, FakeExcel } from "../../../test/support/fakeExcel";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";
import { WorkbookBusyError } from "../../port/errors";
import { setUpPlan } from "../../usecases/setUpPlan";
import { OfficeWorkbook, SupportsSet } from "./officeWorkbook";

/** Lets queued promise work run until the condition holds (no clock involved). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise<void>((resolve) => setImmediate(resolve));
}

async function plan(supports?: SupportsSet): Promise<{ fake: FakeExcel; workbook: OfficeWorkbook }> {
  const fake = createFakeExcel();
  fake.addSheet("Sheet1");
  const outcome = await setUpPlan(new OfficeWorkbook(fake.run), SAMPLE_PLAN);
  if (!outcome.done) throw new Error(outcome.reason);
  return { fake, workbook: new OfficeWorkbook(fake.run, supports ? { supports } : {}) };
}

const cell = { kind: "setSheetCell" as const, sheet: "Sheet1", row: 0, column: 0, value: "typed later" };

describe("the double models cell-edit mode", () => {
  it("fails a plain batch at sync with InvalidOperationInCellEditMode, and holds a delayForCellEdit batch until the edit ends", async () => {
    const fake = createFakeExcel();
    fake.addSheet("Sheet1");
    fake.startCellEdit();
    const plain = fake.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["x"]];
      await context.sync();
    });
    await expect(plain).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });

    let landed = false;
    const delayed = fake
      .run({ delayForCellEdit: true }, async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["y"]];
        await context.sync();
      })
      .then(() => (landed = true));
    await until(() => fake.heldForCellEdit === 1);
    expect(landed).toBe(false);
    fake.endCellEdit();
    await delayed;
    expect(fake.cell("Sheet1", "A1")?.value).toBe("y");
  });
});

describe("the Office workbook in cell-edit mode", () => {
  it("waits for the user's edit to end before a change set the user started (ExcelApi 1.11)", async () => {
    const { fake, workbook } = await plan();
    fake.startCellEdit();
    const applying = workbook.apply([cell]);
    await until(() => fake.heldForCellEdit === 1);
    fake.endCellEdit();
    await applying;
    expect(fake.cell("Sheet1", "A1")?.value).toBe("typed later");
  });

  it("waits before a read the user started, but a background read does not wait: it says the workbook is busy", async () => {
    const { fake, workbook } = await plan();
    fake.startCellEdit();
    await expect(workbook.read({ background: true })).rejects.toBeInstanceOf(WorkbookBusyError);
    const reading = workbook.read();
    await until(() => fake.heldForCellEdit === 1);
    fake.endCellEdit();
    expect((await reading).tables.map((t) => t.name)).toContain("ActionPlan");
  });

  it("without ExcelApi 1.11, a batch the user started says plainly that a cell is being edited", async () => {
    const { fake, workbook } = await plan((set, version) => !(set === "ExcelApi" && version === "1.11"));
    fake.startCellEdit();
    const failure = workbook.apply([cell]);
    await expect(failure).rejects.toBeInstanceOf(WorkbookBusyError);
    await expect(failure).rejects.toThrow("a cell is being edited. Press Enter or Esc in the cell, then try again.");
    fake.endCellEdit();
    expect(fake.cell("Sheet1", "A1")?.value ?? "").toBe("");
  });
});
