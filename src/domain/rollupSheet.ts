import { STATUSES } from "./contract";
import { formatLongDate, IsoDate } from "./dates";
import { INDICATOR_RATINGS } from "./indicatorCounts";
import { CellStyle, PrintSettings, SheetCell } from "./layout";
import { footerText, PAGE_N_OF_M } from "./printLayout";
import { RAG_RATINGS } from "./rag";
import { RollupCounts, RollupFailure, RollupOverall, RollupRow } from "./rollup";

export const ROLLUP_SHEET = "Roll-up";
export const ROLLUP_TABLE = "Rollup";
export const NOT_READ_SHEET = "Not read";
export const NOT_READ_TABLE = "NotRead";
/** What the Indicators column says for a plan without an Indicators table. */
export const NO_INDICATORS = "No indicators";

/** A column of a roll-up table: its header, how its cells look (SheetCell styles) and width in characters. */
export interface RollupColumn {
  readonly header: string;
  readonly style: Extract<CellStyle, "text" | "wrap" | "number" | "percent">;
  readonly width: number;
}

/** A sheet of the roll-up workbook: lines above an Excel table, the table, and lines below it. */
export interface RollupSheetSpec {
  readonly sheet: string;
  /** Rows above the table (title, what it covers, a blank row). */
  readonly above: readonly (readonly SheetCell[])[];
  readonly table: string;
  readonly columns: readonly RollupColumn[];
  /** Data rows (at least one: the adapter writes no table for none, only `empty`). */
  readonly rows: readonly (readonly (string | number)[])[];
  /** Said in place of the table when there are no rows. */
  readonly empty: string;
  /** Rows straight below the table, outside it: the Overall row, so sorting the table never moves it. */
  readonly below: readonly (readonly SheetCell[])[];
  readonly print: PrintSettings;
}

/** The roll-up workbook: the Roll-up sheet and the Not read sheet. */
export interface RollupWorkbookSpec {
  readonly sheets: readonly RollupSheetSpec[];
}

const COUNT_HEADERS = [...STATUSES, "Expected outcomes", "% complete", ...RAG_RATINGS, "Indicators", ...INDICATOR_RATINGS.map((r) => `Indicators ${r}`)];

/** The roll-up table's headers, in order: RAG ratings always as words. */
export const ROLLUP_HEADERS: readonly string[] = ["File", "Plan", "Year", "Quarter", ...COUNT_HEADERS];

function countCells(row: RollupCounts, indicators: string | number): (string | number)[] {
  const indicatorTotal = INDICATOR_RATINGS.reduce((n, r) => n + row.indicatorRag[r], 0);
  return [
    ...STATUSES.map((s) => row.counts[s]),
    row.expected,
    row.completeTenths / 1000,
    ...RAG_RATINGS.map((r) => row.rag[r]),
    typeof indicators === "string" ? indicators : indicatorTotal,
    ...INDICATOR_RATINGS.map((r) => row.indicatorRag[r]),
  ];
}

function columns(): RollupColumn[] {
  return ROLLUP_HEADERS.map((header, i) => {
    if (i === 0) return { header, style: "wrap", width: 28 };
    if (i === 1) return { header, style: "wrap", width: 32 };
    if (i < 4) return { header, style: "text", width: 9 };
    if (header === "% complete") return { header, style: "percent", width: 10 };
    if (header === "Indicators") return { header, style: "text", width: 13 };
    return { header, style: "number", width: header.length > 9 ? 11 : 8 };
  });
}

/**
 * The roll-up workbook as written (adapters turn it into sheets and tables): on `Roll-up`, a title with
 * today's date (en-GB), the `Rollup` table with a row per plan and the Overall row below it; on `Not read`,
 * the `NotRead` table of files that could not be read, each with why. Both print landscape, one page wide.
 */
export function rollupWorkbook(rows: readonly RollupRow[], overall: RollupOverall, failed: readonly RollupFailure[], today: IsoDate): RollupWorkbookSpec {
  const title = `Community safety plans: roll-up at ${formatLongDate(today)}`;
  const cols = columns();
  const covered = `${overall.plans} ${overall.plans === 1 ? "plan" : "plans"} read, each as of its quarter; ${failed.length} ${failed.length === 1 ? "file" : "files"} could not be read${failed.length > 0 ? ` (see ${NOT_READ_SHEET})` : ""}.`;
  const overallCells: SheetCell[] = [
    { value: "Overall", style: "totalLabel" },
    { value: `${overall.plans} ${overall.plans === 1 ? "plan" : "plans"}`, style: "totalLabel" },
    { value: null, style: "totalLabel" },
    { value: null, style: "totalLabel" },
    ...countCells(overall, overall.plansWithIndicators === 0 ? NO_INDICATORS : 0).map((value, i): SheetCell => {
      const header = COUNT_HEADERS[i];
      return { value, style: header === "% complete" ? "totalPercent" : header === "Indicators" && typeof value === "string" ? "totalLabel" : "totalNumber" };
    }),
  ];
  const notReadTitle = `Files that could not be read: ${formatLongDate(today)}`;
  return {
    sheets: [
      {
        sheet: ROLLUP_SHEET,
        above: [[{ value: title, style: "title" }], [{ value: covered, style: "subtitle" }], []],
        table: ROLLUP_TABLE,
        columns: cols,
        rows: rows.map((r) => [r.file, r.planName, r.year, r.quarter, ...countCells(r, r.hasIndicators ? 0 : NO_INDICATORS)]),
        empty: "No plan could be read.",
        below: [overallCells],
        print: { orientation: "landscape", onePageWide: true, repeatRows: 4, footer: `${footerText(title)} - ${PAGE_N_OF_M}` },
      },
      {
        sheet: NOT_READ_SHEET,
        above: [[{ value: notReadTitle, style: "title" }], []],
        table: NOT_READ_TABLE,
        columns: [{ header: "File", style: "wrap", width: 40 }, { header: "Why", style: "wrap", width: 100 }],
        rows: failed.map((f) => [f.file, f.reason]),
        empty: "Every file was read.",
        below: [],
        print: { orientation: "landscape", onePageWide: true, repeatRows: 3, footer: `${footerText(notReadTitle)} - ${PAGE_N_OF_M}` },
      },
    ],
  };
}
