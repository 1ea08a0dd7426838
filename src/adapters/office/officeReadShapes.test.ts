/**
 * Reading tables as they can be: with the header row turned off (Table.showHeaders,
 * https://learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-showheaders-member), and
 * beside large tables of the user's own, under Excel on the web's 5 MB response limit
 * ("Resource limits and performance optimization for Office Add-ins",
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 */
import { createFakeExcel, FakeExcel } from "../../../test/support/fakeExcel";
import { checkSnapshot } from "../../domain/check";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";
import { refreshRag } from "../../usecases/refreshRag";
import { setUpPlan } from "../../usecases/setUpPlan";
import { OfficeWorkbook } from "./officeWorkbook";

async function plan(fake: FakeExcel = createFakeExcel()): Promise<{ fake: FakeExcel; workbook: OfficeWorkbook }> {
  fake.addSheet("Sheet1");
  const workbook = new OfficeWorkbook(fake.run);
  const outcome = await setUpPlan(workbook, SAMPLE_PLAN);
  if (!outcome.done) throw new Error(outcome.reason);
  return { fake, workbook };
}

describe("a table with its header row turned off", () => {
  it("is read with its real headers and rows, not one row off, and the check asks for the header row back", async () => {
    const { fake, workbook } = await plan();
    const shown = (await workbook.read()).tables.find((t) => t.name === "ActionPlan")!;
    fake.setShowHeaders("ActionPlan", false);
    const hidden = (await workbook.read()).tables.find((t) => t.name === "ActionPlan")!;
    expect(hidden).toEqual({ ...shown, headerRowHidden: true });
    const snapshot = await workbook.read();
    expect(checkSnapshot(snapshot).findings).toContainEqual(expect.objectContaining({
      rule: "structure.header-row-hidden",
      message: "Turn on the header row of table ActionPlan: click in the table, then Table Design → Header Row.",
    }));
    // Writes by ID and column name still land on the right cells.
    expect((await refreshRag(workbook)).done).toBe(true);
    fake.setShowHeaders("ActionPlan", true);
    const after = (await workbook.read()).tables.find((t) => t.name === "ActionPlan")!;
    expect(after.headers).toEqual(shown.headers);
    expect(after.rows.map((r) => r[0])).toEqual(shown.rows.map((r) => r[0]));
  });

  it("renames a column by its name, not its header cell, so the first data row is untouched", async () => {
    const { fake, workbook } = await plan();
    fake.setShowHeaders("ActionPlan", false);
    const before = (await workbook.read()).tables.find((t) => t.name === "ActionPlan")!;
    await workbook.apply([{ kind: "renameColumns", table: "ActionPlan", columns: [{ index: 16, name: "Comments" }] }]);
    const after = (await workbook.read()).tables.find((t) => t.name === "ActionPlan")!;
    expect(after.headers[16]).toBe("Comments");
    expect(after.rows).toEqual(before.rows);
  });
});

describe("a workbook with large tables of its own", () => {
  it("reads them in budgeted syncs, every response under 5 MB, where reading their first rows with the plan's would not fit", async () => {
    const limit = 5 * 1024 * 1024;
    const fake = createFakeExcel();
    const { workbook } = await plan(fake);
    const row = Array.from({ length: 20 }, (_, c) => `column ${String(c).padStart(2, "0")} text here`);
    const rows = Array.from({ length: 200 }, () => row);
    for (let t = 0; t < 36; t++) {
      fake.addSheet(`Data ${t}`);
      fake.setValues(`Data ${t}`, "A1", [row.map((_, c) => `Heading ${c}`), ...rows]);
      fake.addTable(`Data ${t}`, `Data${t}`, "A1:T201");
    }
    fake.resetCounters();
    const snapshot = await workbook.read();
    expect(snapshot.tables.filter((t) => t.name.startsWith("Data")).map((t) => t.rows.length)).toEqual(Array(36).fill(200));
    // 36 × 200 × 20 cells of about 45 bytes each: more than one response holds.
    expect(fake.responseBytes.reduce((a, b) => a + b, 0)).toBeGreaterThan(limit);
    expect(Math.max(...fake.responseBytes)).toBeLessThan(limit);
    expect(fake.syncCount).toBeGreaterThanOrEqual(4);
  });
});
