import { createFakeExcel, FakeExcel, installExcelGlobals, uninstallExcelGlobals } from "../../../test/support/fakeExcel";
import { memoryPlan, seedWith } from "../../../test/support/planFixture";
import { a1 } from "../../domain/cells";
import { PlanSeed } from "../../domain/planSeed";
import { scaledPlan } from "../../domain/sample/scaledPlan";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";
import { WorkbookSnapshot } from "../../domain/snapshot";
import { checkSnapshot } from "../../domain/check";
import { buildSummaryReport } from "../../domain/summary";
import { summarySheet } from "../../domain/summarySheet";
import { buildSummary } from "../../usecases/buildSummary";
import { checkPlan } from "../../usecases/checkPlan";
import { recordSignOff } from "../../usecases/recordSignOff";
import { setUpPlan } from "../../usecases/setUpPlan";
import { updateAction } from "../../usecases/updateAction";
import { OfficeWorkbook } from "./officeWorkbook";

beforeAll(() => installExcelGlobals());
afterAll(() => uninstallExcelGlobals());

async function officePlan(seed: PlanSeed, fake: FakeExcel = createFakeExcel()) {
  fake.addSheet("Sheet1");
  const workbook = new OfficeWorkbook(fake.run);
  const outcome = await setUpPlan(workbook, seed);
  if (!outcome.done) throw new Error(outcome.reason);
  return { fake, workbook };
}

/** Sheet names and tables as the domain sees them, without the blank sheet a new Excel workbook starts with. */
function comparable(snapshot: WorkbookSnapshot) {
  return { sheetNames: snapshot.sheetNames.filter((s) => s !== "Sheet1"), tables: snapshot.tables };
}

describe("the Office.js adapter gives the same answers as the in-memory workbook", () => {
  it("sets up the same plan", async () => {
    const { workbook } = await officePlan(SAMPLE_PLAN);
    const memory = await memoryPlan(SAMPLE_PLAN);
    expect(comparable(await workbook.read())).toEqual(comparable(await memory.read()));
  });

  it("checks the same, builds the same summary, and writes the same RAG columns and summary cells", async () => {
    const { fake, workbook } = await officePlan(SAMPLE_PLAN);
    const memory = await memoryPlan(SAMPLE_PLAN);
    expect((await checkPlan(workbook)).findings).toEqual((await checkPlan(memory)).findings);
    const viaOffice = await buildSummary(workbook);
    const viaMemory = await buildSummary(memory);
    if (!viaOffice.done || !viaMemory.done) throw new Error("summary refused");
    expect(viaOffice.report).toEqual(viaMemory.report);
    expect(comparable(await workbook.read())).toEqual(comparable(await memory.read()));
    const sheet = viaOffice.report.sheetName;
    const summary = memory.sheet(sheet)!;
    for (const [key, cell] of summary.cells) {
      const [row, column] = key.split(",").map(Number);
      // An empty styled cell is null in memory and "" in Excel.
      expect({ at: a1(row, column), value: fake.cell(sheet, a1(row, column))?.value ?? "" }).toEqual({ at: a1(row, column), value: cell.value ?? "" });
    }
  });

  it("draws the chart of status by priority, keeps the summary's tab place when rebuilt, and leaves no old chart", async () => {
    const { fake, workbook } = await officePlan(SAMPLE_PLAN);
    await buildSummary(workbook, { quarter: "Q2" });
    await buildSummary(workbook, { quarter: "Q3" });
    const order = fake.sheetNames();
    await buildSummary(workbook, { quarter: "Q2" });
    expect(fake.sheetNames()).toEqual(order);
    expect(fake.charts("Q2 2014-15 Summary")).toHaveLength(1);
    expect(fake.charts("Q2 2014-15 Summary")[0].title).toBe("Status by priority, Q2 2014/15");
  });

  it("uses Excel's own features: dropdowns, dd/mm/yyyy dates and coloured RAG words", async () => {
    const { fake, workbook } = await officePlan(SAMPLE_PLAN);
    await buildSummary(workbook);
    const rules = JSON.stringify(fake.validations("Action Plan"));
    expect(rules).toContain("Not started,On target,At risk,Incomplete,Complete,Removed");
    // Officer and priority lists are workbook names over the registers, not INDIRECT (finding 5).
    expect(rules).toContain('"source":"=CSP_LeadOfficerNames"');
    expect(rules).toContain('"source":"=CSP_PriorityNames"');
    expect(fake.names()).toEqual(expect.arrayContaining([
      { name: "CSP_LeadOfficerNames", formula: "=LeadOfficers[Name]" },
      { name: "CSP_PriorityNames", formula: "=Priorities[Priority]" },
    ]));
    expect(fake.cell("Action Plan", "I2")?.numberFormat).toBe("dd/mm/yyyy");
    const formats = fake.conditionalFormats("Action Plan").map((f) => f.formula);
    expect(formats).toEqual(expect.arrayContaining(['=$O2="Red"', '=$O2="Amber"', '=$O2="Green"', '=$O2="Blue"', '=$O2="Grey"']));
  });

  it("writes plan text as text, never as a formula, in the plan and on the summary sheet", async () => {
    const nasty = seedWith([
      { id: "1.1", action: "=HYPERLINK(\"http://x\",\"click\") run patrols in the park", status: "At risk", updates: { Q3: "+44 calls; -3 on last quarter" } },
      { id: "1.2", action: "@SUM(A1) deliver the awareness sessions in schools", status: "Removed", notes: "=1+1 agreed by the RAG" },
    ]);
    const { fake, workbook } = await officePlan(nasty);
    await buildSummary(workbook);
    expect(fake.cell("Action Plan", "C2")).toMatchObject({ value: "=HYPERLINK(\"http://x\",\"click\") run patrols in the park" });
    expect(fake.cell("Action Plan", "C2")?.formula).toBeUndefined();
    const summary = "Q3 2014-15 Summary";
    const texts: string[] = [];
    for (let r = 0; r < 80; r++) for (let c = 0; c < 8; c++) {
      const cell = fake.cell(summary, a1(r, c));
      expect(cell?.formula).toBeUndefined();
      if (typeof cell?.value === "string") texts.push(cell.value);
    }
    expect(texts).toContain("=1+1 agreed by the RAG");
    expect(texts.some((t) => t.includes("+44 calls"))).toBe(true);
  });

  it("writes a lead officer's update and a sign-off into just those cells", async () => {
    const { fake, workbook } = await officePlan(SAMPLE_PLAN);
    await buildSummary(workbook);
    const before = await workbook.read();
    const outcome = await updateAction(workbook, {
      actionId: "2.3", leadOfficer: "Detective Inspector, St Helens CID", quarter: "Q3", status: "At risk", update: "=Operation paused", shown: { status: "On target", update: "" },
    });
    expect(outcome).toEqual({ done: true });
    const after = await workbook.read();
    const plan = (s: WorkbookSnapshot) => s.tables.find((t) => t.name === "ActionPlan")!;
    const changed: string[] = [];
    plan(before).rows.forEach((row, r) => row.forEach((v, c) => {
      if (JSON.stringify(plan(after).rows[r][c]) !== JSON.stringify(v)) changed.push(`${plan(before).rows[r][0]}:${plan(before).headers[c]}`);
    }));
    expect(changed).toEqual(["2.3:Status", "2.3:Q3 update", "2.3:Last updated"]);
    expect(fake.cell("Action Plan", "M11")).toMatchObject({ value: "=Operation paused" });
    expect(fake.cell("Action Plan", "M11")?.formula).toBeUndefined();
    await recordSignOff(workbook, { sheet: "Q3 2014-15 Summary", name: "Jane Smith", role: "Chair", date: "2015-01-20" });
    expect(fake.cell("Q3 2014-15 Summary", "A3")?.value).toBe("Signed off by Jane Smith, Chair, on 20 January 2015.");
  });

  it("never uses TableRowCollection.add", async () => {
    const { workbook } = await officePlan(SAMPLE_PLAN);
    await expect(buildSummary(workbook)).resolves.toMatchObject({ done: true });
  });
});

describe("round trips do not grow with the plan", () => {
  const limit = 5 * 1024 * 1024;

  async function measure(actions: number) {
    const fake = createFakeExcel();
    const { workbook } = await officePlan(scaledPlan(actions), fake);
    const counts = () => ({ syncs: fake.syncCount, maxRequestBytes: Math.max(...fake.requestBytes), maxResponseBytes: Math.max(...fake.responseBytes) });
    fake.resetCounters();
    await checkPlan(workbook);
    const check = counts();
    fake.resetCounters();
    expect((await buildSummary(workbook)).done).toBe(true);
    return { check, summary: counts() };
  }

  // A year of summaries: by Q4, Status History holds three quarters (30,000 rows) and the summary lists the
  // open actions that carry over, each row with its height. Every request stays under Excel's limit.
  it("at 10,000 actions, builds Q1 to Q4 in turn with every request under 5 MB", async () => {
    const fake = createFakeExcel();
    const { workbook } = await officePlan(scaledPlan(10_000), fake);
    const largest: number[] = [];
    for (const quarter of ["Q1", "Q2", "Q3", "Q4"] as const) {
      fake.resetCounters();
      expect((await buildSummary(workbook, { quarter })).done).toBe(true);
      largest.push(Math.max(...fake.requestBytes));
    }
    expect(largest.every((bytes) => bytes < limit)).toBe(true);
  });

  // A change set is confirmed in its own batch before it writes (one sync), so summary is read 2 + write 2.
  it("takes the same syncs for 10, 1,000 and 5,000 actions: check 2, summary 4", async () => {
    for (const actions of [10, 1000, 5000]) {
      const { check, summary } = await measure(actions);
      expect({ actions, check: check.syncs, summary: summary.syncs }).toEqual({ actions, check: 2, summary: 4 });
    }
  });

  // At 10,000 actions the summary's writes (the RAG columns, the sheet and 70,000 cells of Status History)
  // pass 5 MB, so they go in two requests: check one sync more, summary two.
  it("at 10,000 actions (7 MB of cells) takes one sync more to check and two more to build, within 6, and keeps every request and response under 5 MB", async () => {
    const { check, summary } = await measure(10_000);
    expect([check.syncs, summary.syncs]).toEqual([3, 6]);
    for (const m of [check, summary]) {
      expect(m.maxRequestBytes).toBeLessThan(limit);
      expect(m.maxResponseBytes).toBeLessThan(limit);
    }
  });
});

describe("reading long plans", () => {
  it("reads a plan over 2,000 actions lean, with the same answers as the in-memory workbook", async () => {
    const seed = scaledPlan(2500);
    const { fake, workbook } = await officePlan(seed);
    const memory = await memoryPlan(seed);
    expect(comparable(await workbook.read())).toEqual(comparable(await memory.read()));
    // A formula error far down the plan still reads as an error, not as text.
    fake.setValues("Action Plan", "Q2400", [["=NOPE()"]], [["General"]]);
    const notes = (await workbook.read()).tables.find((t) => t.name === "ActionPlan")!;
    expect(notes.rows[2398][16]).toEqual({ error: "#NAME?" });
  });

  it("asks again in smaller parts when Excel refuses a response as too large", async () => {
    const fake = createFakeExcel({ maxRequestBytes: 400_000 });
    fake.addSheet("Sheet1");
    const seed = scaledPlan(1000);
    await setUpPlan(new OfficeWorkbook(fake.run, { maxRequestBytes: 300_000 }), seed);
    // This adapter believes the limit is 4 MB, so its first guess is refused.
    const optimistic = new OfficeWorkbook(fake.run);
    fake.resetCounters();
    const snapshot = await optimistic.read();
    expect(fake.syncCount).toBeGreaterThan(2);
    expect(comparable(snapshot)).toEqual(comparable(await (await memoryPlan(seed)).read()));
  });
});

describe("a change set after a read", () => {
  it("is confirmed against the workbook in its own batch: it still lands if a co-author deleted the summary sheet meanwhile, in two syncs", async () => {
    const { fake, workbook } = await officePlan(SAMPLE_PLAN);
    await buildSummary(workbook);
    const summary = "Q3 2014-15 Summary";
    const before = fake.sheetNames();

    // The summary sheet deleted by a co-author between the read and the write.
    const snapshot = await workbook.read();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem(summary).delete();
      await context.sync();
    });
    fake.resetCounters();
    await workbook.apply([{ kind: "setSheetCell", sheet: "Action Plan", row: 0, column: 0, value: "ID" }, ...rebuild(snapshot)]);
    expect(fake.sheetNames()).toContain(summary);
    expect(fake.syncCount).toBe(2);

    // And the ordinary case: the same two.
    fake.resetCounters();
    await workbook.apply(rebuild(await workbook.read()));
    expect(fake.syncCount).toBe(2 + 2);
    // The summary, added again, now comes after the sheets that stayed (Status History included).
    expect(fake.sheetNames()).toEqual([...before.filter((name) => name !== summary), summary]);
  });
});

/** The change set that rebuilds the Q3 summary sheet from a snapshot. */
function rebuild(snapshot: WorkbookSnapshot) {
  const check = checkSnapshot(snapshot);
  const content = summarySheet(buildSummaryReport(check.plan, check.period!));
  return [{ kind: "replaceSheet" as const, sheet: "Q3 2014-15 Summary", content }];
}
