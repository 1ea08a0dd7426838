import { CellValue, cellText, isBlank } from "./cells";
import { HISTORY_COLUMNS, HistoryColumn, parseQuarter, parseStatus, Quarter, QUARTERS, Status, STATUS_HISTORY } from "./contract";
import { IsoDate, readDate, toUtcDate } from "./dates";
import { RatedAction } from "./figures";
import { ColumnSpec, TableSpec } from "./layout";
import { mapColumns } from "./plan";
import { footerText, PAGE_N_OF_M } from "./printLayout";
import { FinancialYear, formatFinancialYear, parseFinancialYear } from "./quarters";
import { RAG_RATINGS, RagRating } from "./rag";
import { findTable, TableSnapshot, WorkbookSnapshot } from "./snapshot";

/**
 * One action's position at the end of one quarter, as recorded in Status History (issue 14): what the
 * quarter's summary said of it when it was built.
 */
export interface HistoryRecord {
  readonly year: FinancialYear;
  readonly quarter: Quarter;
  /** The action's ID as the plan showed it. */
  readonly id: string;
  /** The status as written (a known status, or the text the plan held). */
  readonly status: string;
  readonly rag: RagRating | undefined;
  readonly reason: string;
  /** The day the summary was built; undefined when the cell holds no date. */
  readonly recordedOn: IsoDate | undefined;
}

/** A (year, quarter) pair as one number, for ordering: 2014/15 Q3 before 2014/15 Q4 before 2015/16 Q1. */
export function quarterIndex(year: FinancialYear, quarter: Quarter): number {
  return year.startYear * 4 + QUARTERS.indexOf(quarter);
}

/** "Q3 2014/15". */
export function quarterLabel(year: FinancialYear, quarter: Quarter): string {
  return `${quarter} ${formatFinancialYear(year)}`;
}

/** IDs are matched trimmed and case-insensitively, as the port matches them. */
export function idKey(id: string): string {
  return id.trim().toLowerCase();
}

const COLUMN_SPECS: Record<HistoryColumn, Omit<ColumnSpec, "header">> = {
  quarter: { kind: "text", width: 9 },
  year: { kind: "text", width: 9 },
  id: { kind: "text", width: 8 },
  status: { kind: "text", width: 13 },
  rag: { kind: "text", width: 8 },
  reason: { kind: "wrap", width: 40 },
  recordedOn: { kind: "date", width: 13 },
};

const ORDER = Object.keys(HISTORY_COLUMNS) as HistoryColumn[];

/** The Status History table as read, with each data row's record (undefined for a row that is not one). */
export interface HistoryTable {
  readonly table: TableSnapshot;
  readonly columns: Partial<Record<HistoryColumn, number>>;
  readonly records: readonly (HistoryRecord | undefined)[];
}

function recordOf(row: readonly CellValue[], columns: Partial<Record<HistoryColumn, number>>): HistoryRecord | undefined {
  const at = (key: HistoryColumn) => (columns[key] === undefined ? null : row[columns[key]!]);
  const year = parseFinancialYear(cellText(at("year")));
  const quarter = parseQuarter(cellText(at("quarter")));
  const id = cellText(at("id")).trim();
  if (!year || !quarter || !id) return undefined;
  const ragText = cellText(at("rag")).trim().toLowerCase();
  const recorded = readDate(at("recordedOn"));
  const statusText = cellText(at("status")).trim();
  return {
    year,
    quarter,
    id,
    status: parseStatus(statusText) ?? statusText,
    rag: RAG_RATINGS.find((r) => r.toLowerCase() === ragText),
    reason: cellText(at("reason")).trim(),
    recordedOn: recorded.kind === "date" || recorded.kind === "serial" ? recorded.date : undefined,
  };
}

/**
 * The workbook's Status History, or undefined when it has none. Rows whose quarter, year or ID cannot be
 * read are kept (undefined records) so that rewriting the table never drops what a person typed.
 */
export function readHistory(snapshot: WorkbookSnapshot): HistoryTable | undefined {
  const table = findTable(snapshot, STATUS_HISTORY.table);
  if (!table) return undefined;
  const { columns } = mapColumns(table, HISTORY_COLUMNS);
  return { table, columns, records: table.rows.map((row) => recordOf(row, columns)) };
}

/** Every action's position in the report's quarter, recorded on `recordedOn` (the day the summary is built). */
export function recordsFor(rated: readonly RatedAction[], year: FinancialYear, quarter: Quarter, recordedOn: IsoDate): HistoryRecord[] {
  return rated
    .filter(({ action }) => action.id.trim() !== "")
    .map(({ action, rag }) => ({
      year,
      quarter,
      id: action.id.trim(),
      status: (action.status as Status | undefined) ?? action.statusText.trim(),
      rag: rag.rating,
      reason: rag.reason,
      recordedOn,
    }));
}

function rowOf(record: HistoryRecord, width: number, columns: Partial<Record<HistoryColumn, number>>): CellValue[] {
  const row: CellValue[] = new Array<CellValue>(width).fill(null);
  const put = (key: HistoryColumn, value: CellValue) => {
    if (columns[key] !== undefined) row[columns[key]!] = value;
  };
  put("quarter", record.quarter);
  put("year", formatFinancialYear(record.year));
  put("id", record.id);
  put("status", record.status || null);
  put("rag", record.rag ?? null);
  put("reason", record.reason || null);
  put("recordedOn", record.recordedOn ? toUtcDate(record.recordedOn) : null);
  return row;
}

/**
 * The Status History table to write after building `year`'s `quarter`: that quarter's rows replaced by
 * `records` and every other row kept exactly as read (other quarters' rows are never changed, nor are rows
 * a person added that are not records). Cells of a person's own columns on the replaced rows move to the
 * new record of the same action; a replaced row whose action is no longer recorded (an action deleted from
 * the plan, a row typed in for that quarter) goes with the quarter, as the quarter is the tool's record. The new quarter's rows go where its old rows were, or, for a quarter
 * not recorded before, after the last row of an earlier quarter (so the table stays in time order when it
 * was). A table with columns of its own keeps them; blank rows are dropped.
 */
export function historyTable(existing: HistoryTable | undefined, year: FinancialYear, quarter: Quarter, records: readonly HistoryRecord[]): TableSpec {
  const headers = existing?.table.headers ?? ORDER.map((key) => HISTORY_COLUMNS[key]);
  const columns = existing?.columns ?? Object.fromEntries(ORDER.map((key, i) => [key, i]));
  const at = quarterIndex(year, quarter);
  const kept: { row: readonly CellValue[]; index: number | undefined }[] = [];
  // A person's own columns on the rows being replaced (a chair's comment on a Q3 row), by action ID, so a
  // rebuilt quarter's record keeps them.
  const own = headers.map((_, c) => c).filter((c) => !Object.values(columns).includes(c));
  const ownByKey = new Map<string, readonly CellValue[]>();
  let insertAt: number | undefined;
  existing?.table.rows.forEach((row, i) => {
    if (row.every((cell) => isBlank(cell))) return;
    const record = existing.records[i];
    const index = record ? quarterIndex(record.year, record.quarter) : undefined;
    if (index === at && record) {
      insertAt ??= kept.length;
      if (own.some((c) => !isBlank(row[c])) && !ownByKey.has(idKey(record.id))) ownByKey.set(idKey(record.id), row);
      return;
    }
    kept.push({ row, index });
  });
  if (insertAt === undefined) {
    const lastEarlier = kept.reduce((last, k, i) => (k.index !== undefined && k.index < at ? i : last), -1);
    insertAt = lastEarlier + 1;
  }
  const fresh = records.map((r) => {
    const row = rowOf(r, headers.length, columns);
    const before = ownByKey.get(idKey(r.id));
    if (before) for (const c of own) row[c] = before[c] ?? null;
    return row;
  });
  const rows = [...kept.slice(0, insertAt).map((k) => k.row), ...fresh, ...kept.slice(insertAt).map((k) => k.row)];
  const specs = headers.map((header) => {
    const key = ORDER.find((k) => columns[k] !== undefined && headers[columns[k]!] === header);
    return { header, ...(key ? COLUMN_SPECS[key] : { kind: "text" as const, width: 14 }) };
  });
  return {
    sheet: existing?.table.sheet ?? STATUS_HISTORY.sheet,
    name: existing?.table.name ?? STATUS_HISTORY.table,
    columns: specs,
    // Excel shows an empty table with one blank row: a plan with no actions records one.
    rows: rows.length > 0 ? rows : [new Array<CellValue>(headers.length).fill(null)],
    // Printed portrait, one page wide, the header row on every page (set when the sheet is created).
    print: { orientation: "portrait", onePageWide: true, repeatRows: 1, footer: `${footerText("Status History")} - ${PAGE_N_OF_M}` },
  };
}

/** The records of one quarter, by ID key; the latest quarter recorded before `year`'s `quarter`, if any. */
export function previousQuarter(history: HistoryTable | undefined, year: FinancialYear, quarter: Quarter): { year: FinancialYear; quarter: Quarter } | undefined {
  const at = quarterIndex(year, quarter);
  let best: HistoryRecord | undefined;
  for (const r of history?.records ?? []) {
    if (!r) continue;
    const index = quarterIndex(r.year, r.quarter);
    if (index < at && (!best || index > quarterIndex(best.year, best.quarter))) best = r;
  }
  return best && { year: best.year, quarter: best.quarter };
}

/** The records of `year`'s `quarter`, keyed by {@link idKey}; the first record wins where an ID repeats. */
export function recordsOfQuarter(history: HistoryTable | undefined, year: FinancialYear, quarter: Quarter): ReadonlyMap<string, HistoryRecord> {
  const at = quarterIndex(year, quarter);
  const map = new Map<string, HistoryRecord>();
  for (const r of history?.records ?? []) {
    if (r && quarterIndex(r.year, r.quarter) === at && !map.has(idKey(r.id))) map.set(idKey(r.id), r);
  }
  return map;
}

/** One action's recorded quarters, oldest first: for "History" in My actions and Check. */
export function actionHistory(history: HistoryTable | undefined, id: string): HistoryRecord[] {
  const key = idKey(id);
  return (history?.records ?? [])
    .filter((r): r is HistoryRecord => r !== undefined && idKey(r.id) === key)
    .sort((a, b) => quarterIndex(a.year, a.quarter) - quarterIndex(b.year, b.quarter));
}

/**
 * Why the quarter cannot be recorded in this workbook, in words, or undefined when it can: a sheet named
 * Status History (any letter case) without the StatusHistory table, because the person renamed the table
 * (named here, with how to rename it back) or made a sheet of that name themselves. The summary is then
 * refused with nothing written, as for a summary sheet the tool did not make.
 */
export function historyProblem(snapshot: WorkbookSnapshot): string | undefined {
  if (findTable(snapshot, STATUS_HISTORY.table)) return undefined;
  const sheet = snapshot.sheetNames.find((name) => name.toLowerCase() === STATUS_HISTORY.sheet.toLowerCase());
  if (!sheet) return undefined;
  const renamed = snapshot.tables.find((t) => t.sheet.toLowerCase() === sheet.toLowerCase());
  if (renamed) {
    return `The table on the "${sheet}" sheet is called "${renamed.name}", not ${STATUS_HISTORY.table}, so the quarter cannot be recorded in it. Nothing was written: rename the table back to ${STATUS_HISTORY.table} (Table Design → Table Name), then build the summary again.`;
  }
  return `A sheet named "${sheet}" already exists, but it is not the tool's: it has no ${STATUS_HISTORY.table} table, where the tool records each quarter. Nothing was written: rename that sheet, then build the summary again.`;
}
