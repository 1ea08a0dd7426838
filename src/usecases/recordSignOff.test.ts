import { memoryPlan } from "../../test/support/planFixture";
import { SAMPLE_PLAN } from "../domain/sample/samplePlan";
import { NOT_SIGNED_OFF, SIGN_OFF_CELL } from "../domain/summarySheet";
import { buildSummary } from "./buildSummary";
import { recordSignOff } from "./recordSignOff";

describe("recording the chair's sign-off", () => {
  it("writes it in words on the summary sheet, and building again clears it", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    await buildSummary(workbook);
    const sheet = "Q3 2014-15 Summary";
    const at = () => workbook.getCell(sheet, SIGN_OFF_CELL.row, SIGN_OFF_CELL.column)?.value;
    expect(at()).toBe(NOT_SIGNED_OFF);
    const outcome = await recordSignOff(workbook, { sheet, name: "Jane Smith", role: "Chair, Responsible Authorities Group", date: "2015-01-20" });
    expect(outcome).toEqual({ done: true, text: "Signed off by Jane Smith, Chair, Responsible Authorities Group, on 20 January 2015." });
    expect(at()).toBe("Signed off by Jane Smith, Chair, Responsible Authorities Group, on 20 January 2015.");
    await buildSummary(workbook);
    expect(at()).toBe(NOT_SIGNED_OFF);
  });

  it("refuses without a name, a role or a summary sheet, writing nothing", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    const before = JSON.stringify(workbook.dump());
    expect(await recordSignOff(workbook, { sheet: "Q3 2014-15 Summary", name: "Jane Smith", role: "Chair", date: "2015-01-20" })).toEqual({
      done: false, reason: 'There is no "Q3 2014-15 Summary" sheet yet: build the summary first.',
    });
    expect((await recordSignOff(workbook, { sheet: "x", name: " ", role: "Chair", date: "2015-01-20" })).done).toBe(false);
    expect(JSON.stringify(workbook.dump())).toBe(before);
  });
});
