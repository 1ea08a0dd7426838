import { CellValue } from "../../src/domain/cells";
import { Quarter, Status, STATUSES } from "../../src/domain/contract";
import { Figures, percentTenths } from "../../src/domain/figures";
import { planTables } from "../../src/domain/planLayout";
import { PlanSeed, SeedAction } from "../../src/domain/planSeed";
import { RAG_RATINGS } from "../../src/domain/rag";
import { TableSnapshot, WorkbookSnapshot } from "../../src/domain/snapshot";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { setUpPlan } from "../../src/usecases/setUpPlan";

/** A clean action: every rule passes for it as of Q3 2014/15. */
export const CLEAN_ACTION: SeedAction = {
  id: "1.1",
  priority: "Anti-social behaviour",
  action: "Run monthly multi-agency patrols in the three town centre ASB hotspots",
  outcome: "Fewer ASB incidents in the town centre",
  measure: "Number of ASB calls for service down 10% on 2013/14",
  leadOfficer: "ASB Coordinator",
  leadAgency: "St.Helens Council",
  startDate: "2014-04-01",
  targetDate: "2015-03-31",
  status: "On target",
  updates: { Q1: "Patrols started in April.", Q2: "Calls down 6% so far.", Q3: "Calls down 8%; on track." },
  notes: "",
};

export const BASE_SEED: PlanSeed = {
  name: "community safety action plan",
  year: "2014/15",
  currentQuarter: "Q3",
  priorities: [
    { no: 1, name: "Anti-social behaviour" },
    { no: 2, name: "Serious acquisitive crime" },
    { no: 3, name: "Domestic violence and abuse" },
  ],
  officers: [
    { name: "ASB Coordinator", agency: "St.Helens Council", email: "asb@sthelens.example", active: true },
    { name: "Community Safety Manager", agency: "St.Helens Council", email: "csm@sthelens.example", active: true },
    { name: "Chief Inspector, St Helens Local Policing", agency: "Merseyside Police", email: "ci@police.example", active: true },
    { name: "Former Partnership Officer", agency: "St.Helens CVS", email: "old@cvs.example", active: false },
  ],
  actions: [],
};

/** A seed holding the given actions, each a change to the clean one; IDs default to 1.1, 1.2, … */
export function seedWith(actions: Partial<SeedAction>[], extra: Partial<PlanSeed> = {}): PlanSeed {
  return { ...BASE_SEED, ...extra, actions: actions.map((a, i) => ({ ...CLEAN_ACTION, id: `1.${i + 1}`, ...a })) };
}

/** The snapshot a host would read from a workbook set up with this seed. */
export function snapshotOf(seed: PlanSeed): WorkbookSnapshot {
  const tables: TableSnapshot[] = planTables(seed).map((t) => ({
    name: t.name, sheet: t.sheet, top: 0, left: 0, headers: t.columns.map((c) => c.header), rows: t.rows.map((r) => [...r]),
  }));
  return { sheetNames: tables.map((t) => t.sheet), tables };
}

/** A snapshot with one table's contents changed. */
export function withTable(snapshot: WorkbookSnapshot, name: string, change: (t: TableSnapshot) => TableSnapshot | undefined): WorkbookSnapshot {
  const tables = snapshot.tables.flatMap((t) => {
    if (t.name !== name) return [t];
    const changed = change(t);
    return changed ? [changed] : [];
  });
  return { ...snapshot, tables };
}

/** Sets one cell of the ActionPlan table by header and data row. */
export function setActionCell(snapshot: WorkbookSnapshot, row: number, header: string, value: CellValue): WorkbookSnapshot {
  return withTable(snapshot, "ActionPlan", (t) => {
    const col = t.headers.indexOf(header);
    if (col < 0) throw new Error(`no column ${header}`);
    return { ...t, rows: t.rows.map((r, i) => (i === row ? r.map((v, c) => (c === col ? value : v)) : r)) };
  });
}

export async function memoryPlan(seed: PlanSeed): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook();
  const outcome = await setUpPlan(workbook, seed);
  if (!outcome.done) throw new Error(outcome.reason);
  return workbook;
}

/** Figures from counts, as the figures module would make them. */
export function figuresFrom(counts: Partial<Record<Status, number>>, removedIds: string[] = []): Figures {
  const full = Object.fromEntries(STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<Status, number>;
  const expected = STATUSES.reduce((n, s) => n + full[s], 0);
  return {
    expected,
    counts: full,
    percentTenths: Object.fromEntries(STATUSES.map((s) => [s, percentTenths(full[s], expected)])) as Record<Status, number>,
    rag: Object.fromEntries(RAG_RATINGS.map((r) => [r, 0])) as Figures["rag"],
    removedIds,
  };
}

export const Q3: Quarter = "Q3";
