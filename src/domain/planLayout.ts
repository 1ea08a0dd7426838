import { CellValue } from "./cells";
import {
  ACTION_COLUMNS, ACTION_PLAN, ActionColumn, INDICATOR_COLUMNS, INDICATORS, IndicatorColumn, LEAD_OFFICERS, OFFICER_COLUMNS, PLAN_SETTINGS, PRIORITIES, PRIORITY_COLUMNS,
  SETTINGS, SETTINGS_COLUMNS,
} from "./contract";
import { toUtcDate } from "./dates";
import { ColumnKind, PrintSettings, TableSpec } from "./layout";
import { PAGE_N_OF_M } from "./printLayout";
import { PlanSeed, SeedAction, SeedIndicator } from "./planSeed";
import { AdoptedSeed } from "./sheetProposal";

/**
 * The Action Plan's columns. Widths total about 230 characters (they were 463, which printed one page wide
 * at a fifth of full size): fitted to one landscape page wide the sheet prints at about two fifths of full
 * size in LibreOffice on Letter paper (a little more in Excel), and long text wraps
 * (src/domain/printLayout.ts, `columnWraps`) in rows as tall as it needs.
 */
const ACTION_KINDS: Record<ActionColumn, { kind: ColumnKind; width: number }> = {
  id: { kind: "text", width: 5 },
  priority: { kind: "priority", width: 11 },
  action: { kind: "wrap", width: 24 },
  outcome: { kind: "wrap", width: 16 },
  measure: { kind: "wrap", width: 14 },
  leadOfficer: { kind: "leadOfficer", width: 11 },
  leadAgency: { kind: "text", width: 11 },
  startDate: { kind: "date", width: 11 },
  targetDate: { kind: "date", width: 11 },
  status: { kind: "status", width: 11 },
  q1: { kind: "wrap", width: 16 },
  q2: { kind: "wrap", width: 16 },
  q3: { kind: "wrap", width: 16 },
  q4: { kind: "wrap", width: 16 },
  rag: { kind: "rag", width: 6 },
  ragReason: { kind: "text", width: 12 },
  notes: { kind: "wrap", width: 12 },
  lastUpdated: { kind: "date", width: 12 },
};

/** The Indicators table's columns (issue 15): the Q values are numbers; Target and Tolerance text, as `-5%` and `5%` are typed. */
const INDICATOR_KINDS: Record<IndicatorColumn, { kind: ColumnKind; width: number }> = {
  indicator: { kind: "wrap", width: 28 },
  priority: { kind: "priority", width: 22 },
  unit: { kind: "text", width: 8 },
  direction: { kind: "text", width: 16 },
  baselineYear: { kind: "text", width: 10 },
  baseline: { kind: "number", width: 10 },
  target: { kind: "text", width: 9 },
  tolerance: { kind: "text", width: 10 },
  q1: { kind: "number", width: 8 },
  q2: { kind: "number", width: 8 },
  q3: { kind: "number", width: 8 },
  q4: { kind: "number", width: 8 },
  valuesAre: { kind: "text", width: 12 },
  leadOfficer: { kind: "leadOfficer", width: 24 },
  source: { kind: "wrap", width: 20 },
};

function indicatorRow(i: SeedIndicator): CellValue[] {
  const values: Record<IndicatorColumn, CellValue> = {
    indicator: i.indicator, priority: i.priority, unit: i.unit, direction: i.direction, baselineYear: i.baselineYear,
    baseline: i.baseline, target: i.target, tolerance: i.tolerance,
    q1: i.values.Q1 ?? null, q2: i.values.Q2 ?? null, q3: i.values.Q3 ?? null, q4: i.values.Q4 ?? null,
    valuesAre: i.valuesAre, leadOfficer: i.leadOfficer, source: i.source,
  };
  return (Object.keys(INDICATOR_COLUMNS) as IndicatorColumn[]).map((k) => values[k]);
}

/** The Indicators table (issue 15), printed landscape one page wide like the Action Plan. */
function indicatorTable(indicators: readonly SeedIndicator[]): TableSpec {
  const keys = Object.keys(INDICATOR_COLUMNS) as IndicatorColumn[];
  return {
    ...INDICATORS, name: INDICATORS.table,
    columns: keys.map((k) => ({ header: INDICATOR_COLUMNS[k], ...INDICATOR_KINDS[k] })),
    rows: atLeastOneRow(indicators.map(indicatorRow), keys.length),
    print: ACTION_PLAN_PRINT,
  };
}

/** The Action Plan prints landscape, one page wide, its header row on every page. */
export const ACTION_PLAN_PRINT: PrintSettings = { orientation: "landscape", onePageWide: true, repeatRows: 1, footer: `&A - ${PAGE_N_OF_M}` };

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function dateCell(text: string | null): CellValue {
  if (!text) return null;
  return ISO.test(text) ? toUtcDate(text) : text;
}

function actionRow(a: SeedAction): CellValue[] {
  const values: Record<ActionColumn, CellValue> = {
    id: a.id, priority: a.priority, action: a.action, outcome: a.outcome, measure: a.measure,
    leadOfficer: a.leadOfficer, leadAgency: a.leadAgency, startDate: dateCell(a.startDate), targetDate: dateCell(a.targetDate),
    status: a.status, q1: a.updates.Q1 ?? null, q2: a.updates.Q2 ?? null, q3: a.updates.Q3 ?? null, q4: a.updates.Q4 ?? null,
    rag: null, ragReason: null, notes: a.notes || null, lastUpdated: null,
  };
  return (Object.keys(ACTION_COLUMNS) as ActionColumn[]).map((k) => values[k]);
}

/** Excel shows an empty table as one blank row; writing it so keeps every host's table valid. */
function atLeastOneRow(rows: CellValue[][], width: number): CellValue[][] {
  return rows.length > 0 ? rows : [Array.from({ length: width }, () => null)];
}

/** An adopted seed's extra columns (issue 11), or none for a plain seed. */
function extrasOf(seed: PlanSeed | AdoptedSeed): { columns: readonly string[]; values: readonly (readonly string[])[] } {
  return "extraColumns" in seed ? { columns: seed.extraColumns, values: seed.extra } : { columns: [], values: [] };
}

/**
 * The four tables of the workbook contract (brief §3), filled from a seed, and a fifth, Indicators (issue
 * 15), when the seed has indicators (`init` and set-up give every new plan one, empty or the sample's). An adopted seed's extra columns
 * (issue 11: `Original reference`, `Other lead officers`, the sheet's own columns) are written as text
 * columns after the contract's, each action's `extra` values in them (blank where missing).
 */
export function planTables(seed: PlanSeed | AdoptedSeed): TableSpec[] {
  const extras = extrasOf(seed);
  const actionColumns = [
    ...(Object.keys(ACTION_COLUMNS) as ActionColumn[]).map((k) => ({ header: ACTION_COLUMNS[k], ...ACTION_KINDS[k] })),
    ...extras.columns.map((header) => ({ header, kind: "wrap" as ColumnKind, width: 16 })),
  ];
  const rowOf = (a: SeedAction, i: number): CellValue[] => [
    ...actionRow(a), ...extras.columns.map((_, c) => { const v = extras.values[i]?.[c] ?? ""; return v === "" ? null : v; }),
  ];
  return [
    {
      ...ACTION_PLAN, name: ACTION_PLAN.table, columns: actionColumns,
      rows: atLeastOneRow(seed.actions.map(rowOf), actionColumns.length),
      print: ACTION_PLAN_PRINT,
    },
    {
      ...LEAD_OFFICERS, name: LEAD_OFFICERS.table,
      columns: [
        { header: OFFICER_COLUMNS.name, kind: "text", width: 36 },
        { header: OFFICER_COLUMNS.agency, kind: "text", width: 36 },
        { header: OFFICER_COLUMNS.email, kind: "text", width: 36 },
        { header: OFFICER_COLUMNS.active, kind: "yesNo", width: 8 },
      ],
      rows: atLeastOneRow(seed.officers.map((o) => [o.name, o.agency, o.email, o.active ? "Yes" : "No"]), 4),
    },
    {
      ...PRIORITIES, name: PRIORITIES.table,
      columns: [
        { header: PRIORITY_COLUMNS.no, kind: "number", width: 6 },
        { header: PRIORITY_COLUMNS.priority, kind: "text", width: 40 },
      ],
      rows: atLeastOneRow(seed.priorities.map((p) => [p.no, p.name]), 2),
    },
    {
      ...PLAN_SETTINGS, name: PLAN_SETTINGS.table,
      columns: [
        { header: SETTINGS_COLUMNS.setting, kind: "text", width: 30 },
        { header: SETTINGS_COLUMNS.value, kind: "text", width: 40 },
      ],
      rows: [
        [SETTINGS.planName, seed.name],
        [SETTINGS.planYear, seed.year],
        [SETTINGS.currentQuarter, seed.currentQuarter],
      ],
    },
    ...("indicators" in seed && seed.indicators ? [indicatorTable(seed.indicators)] : []),
  ];
}
