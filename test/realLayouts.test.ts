import { readFileSync } from "fs";
import { join } from "path";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { MemoryWorkbook } from "../src/adapters/memory/memoryWorkbook";
import { ActionColumn } from "../src/domain/contract";
import { proposeSheetAdoption } from "../src/domain/sheetAdoption/proposeSheetAdoption";
import { SheetProposal } from "../src/domain/sheetProposal";
import { checkPlan } from "../src/usecases/checkPlan";
import { setUpPlan } from "../src/usecases/setUpPlan";

/** Issue 11: the six real-layout workbooks, each proposed and checked against what a careful adopter finds. */
interface Truth {
  readonly sheet: string;
  readonly header_row: number;
  readonly actions: number;
  readonly complete: number;
  readonly priorities: number | null;
  readonly columns: Partial<Record<ActionColumn, string>>;
  readonly ids: readonly string[] | null;
}

const DIR = join(__dirname, "fixtures", "real-layouts");
const TRUTH = JSON.parse(readFileSync(join(DIR, "truth.json"), "utf8")) as Record<string, Truth>;

async function propose(file: string): Promise<SheetProposal> {
  const workbook = await ExcelJsWorkbook.load(readFileSync(join(DIR, `${file}.xlsx`)));
  return proposeSheetAdoption(await workbook.readSheet(), { year: "2015/16", currentQuarter: "Q4" });
}

describe.each(Object.entries(TRUTH))("adopting %s", (file, truth) => {
  let proposal: SheetProposal;
  beforeAll(async () => { proposal = await propose(file); });

  it("finds the sheet and its header row", () => {
    expect(proposal.sheet).toBe(truth.sheet);
    expect(proposal.headerRow + 1).toBe(truth.header_row);
  });

  it("maps each listed header to its contract column", () => {
    const found = Object.fromEntries(Object.keys(truth.columns).map((k) => [k, proposal.columns.find((c) => c.mapsTo === k)?.header]));
    expect(found).toEqual(truth.columns);
  });

  it("takes the right rows as actions, with every status mapped and the complete ones complete", () => {
    expect(proposal.unmapped).toEqual([]);
    const actions = proposal.seed!.actions;
    expect(actions).toHaveLength(truth.actions);
    expect(proposal.rows.filter((r) => r.kind === "action")).toHaveLength(truth.actions);
    expect(actions.filter((a) => a.status === "Complete")).toHaveLength(truth.complete);
  });

  it("keeps the references it must keep", () => {
    const ids = proposal.seed!.actions.map((a) => a.id);
    if (truth.ids) expect(ids).toEqual(truth.ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("counts the priorities where the sheet says", () => {
    if (truth.priorities !== null) expect(proposal.seed!.priorities).toHaveLength(truth.priorities);
    expect(proposal.seed!.priorities.length).toBeGreaterThan(0);
  });

  it("gives a seed that sets up a plan with no structure errors", async () => {
    const workbook = new MemoryWorkbook();
    expect(await setUpPlan(workbook, proposal.seed!)).toMatchObject({ done: true });
    const check = await checkPlan(workbook);
    expect(check.findings.filter((f) => f.severity === "error" && (f.rule.startsWith("structure.") || f.rule.startsWith("settings.")))).toEqual([]);
    expect(check.plan.actions).toHaveLength(truth.actions);
    const table = (await workbook.read()).tables.find((t) => t.name === "ActionPlan")!;
    expect(table.headers.slice(table.headers.length - proposal.seed!.extraColumns.length)).toEqual(proposal.seed!.extraColumns);
  });
});
