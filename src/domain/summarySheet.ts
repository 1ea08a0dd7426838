import { STATUSES } from "./contract";
import { formatLongDate } from "./dates";
import { Figures } from "./figures";
import { OWNERSHIP_MARK } from "./ownedSheets";
import { CellStyle, SheetCell, SheetContent } from "./layout";
import { RAG_RATINGS } from "./rag";
import { SummaryReport } from "./summary";
import { EXCEL_LIMITS } from "./excelLimits";
import { fitSheetContent } from "./sheetLimits";
import { footerText, PAGE_N_OF_M, sheetRowHeights } from "./printLayout";
import { cappedList, capitalise } from "./wording";

const FIGURE_HEADERS = ["No", "Priority", ...STATUSES, "Expected outcomes", "% complete", ...RAG_RATINGS];

/** Where the chair's sign-off is written on a summary sheet (zero-based); building again clears it, as the figures may have changed. */
export const SIGN_OFF_CELL = { row: 2, column: 0 } as const;
/** The title row, printed again at the top of every page. */
export const SUMMARY_TITLE_ROWS = 1;
export const NOT_SIGNED_OFF = "Not yet signed off.";
/**
 * Column widths in characters, under 200 in all (they were 217, with the narrative running far past them),
 * so the sheet fitted to one landscape page wide prints at about half size in LibreOffice and a little more
 * in Excel. A to G hold the figures' first columns and the exceptions' (ID, Action, Lead officer, RAG,
 * Reason, Latest update, Priority); the narrative's sentences span B to G. Header cells wrap, so "Expected
 * outcomes" fits a narrow column.
 */
export const SUMMARY_COLUMN_WIDTHS: readonly number[] = [6, 46, 14, 9, 14, 28, 14, 9, 9, 9, 7, 7, 7, 7, 7];
/** The column (zero-based) the narrative's sentences start in. */
export const NARRATIVE_COLUMN = 1;
/** The columns each narrative sentence spans, merged: B to G, about 130 characters wide. */
export const NARRATIVE_ACROSS = 6;

function cell(value: string | number | null, style?: CellStyle): SheetCell {
  return style ? { value, style } : { value };
}

function figureRow(label: [string | number | null, string], f: Figures, total: boolean): SheetCell[] {
  const [n, p, t] = total ? (["totalNumber", "totalPercent", "totalLabel"] as const) : (["number", "percent", "text"] as const);
  return [
    cell(label[0], total ? t : "number"),
    cell(label[1], t),
    ...STATUSES.map((s) => cell(f.counts[s], n)),
    cell(f.expected, n),
    cell(f.percentTenths.Complete / 1000, p),
    ...RAG_RATINGS.map((r) => cell(f.rag[r], n)),
  ];
}

/** Every ID an officer has to chase, as many as one cell holds, then "… and 321 more". */
function idsInCell(ids: readonly string[]): string {
  return cappedList(ids, { max: Infinity, maxChars: EXCEL_LIMITS.cellCharacters });
}

/**
 * The quarterly summary sheet (brief §5), as a grid from A1. Same report in, same grid out. Within Excel's
 * limits (src/domain/sheetLimits.ts): a cell the report would overfill, such as "Q3: " before a full
 * 32,767-character update, ends in "…"; the plan itself keeps the whole text.
 */
export function summarySheet(report: SummaryReport): SheetContent {
  const rows: SheetCell[][] = [];
  const add = (...cells: SheetCell[]) => rows.push(cells);
  const blank = () => rows.push([]);
  const heading = (text: string) => add(cell(text, "heading"));
  const header = (names: readonly string[]) => add(...names.map((h) => cell(h, "header")));

  add(cell(`${capitalise(report.planName || "action plan")} ${report.year}: ${report.quarter} summary`, "title"));
  // A2 carries the mark by which the tool knows this sheet as its own (ownedSheets.ts).
  add(cell(`Position at ${formatLongDate(report.asOf)}. ${OWNERSHIP_MARK} from the action plan: building the summary again replaces this sheet, so keep your own notes on another sheet.`, "subtitle"));
  add(cell(NOT_SIGNED_OFF, "text"));
  blank();

  heading("Outcomes by priority");
  const figuresTop = rows.length;
  header(FIGURE_HEADERS);
  for (const p of report.figures.priorities) add(...figureRow([p.no, p.name], p, false));
  add(...figureRow([null, "Overall"], report.figures.overall, true));
  blank();

  heading("Narrative");
  // Each sentence wraps across columns B to G (NARRATIVE_COLUMN, NARRATIVE_ACROSS), merged, so it prints
  // within the page at the fitted scale instead of running past the edge; its row is as tall as the wrapped
  // text needs.
  const sentence = (text: string) => add(cell(null), { value: text, style: "wrap", across: NARRATIVE_ACROSS });
  for (const p of report.narrative.priorities) {
    add(cell(p.no === null ? p.name : `${p.no}. ${p.name}`, "subtitle"));
    p.sentences.forEach(sentence);
  }
  add(cell("Overall", "subtitle"));
  report.narrative.overall.forEach(sentence);
  // What moved since the previous recorded quarter (issue 14), in words, then the changes one by one.
  add(cell("Since last quarter", "subtitle"));
  report.movementSentences.forEach(sentence);
  const m = report.movement;
  const changes = [...m.worsened, ...m.improved, ...m.reopened, ...m.completed, ...m.removed];
  if (m.since && changes.length > 0) {
    const actionText = new Map(report.rated.map((r) => [r.action.id.trim(), r.action.action]));
    header(["ID", "Action", `RAG at ${m.since.quarter}`, `RAG at ${report.quarter}`]);
    for (const c of changes) add(cell(c.id, "text"), cell(actionText.get(c.id) ?? "", "wrap"), cell(c.from, "rag"), cell(c.to, "rag"));
  }
  blank();

  // Performance indicators by priority (issue 15), only for a plan with an Indicators table.
  if (report.indicators.length > 0) {
    heading("Performance indicators");
    for (const g of report.indicators) {
      add(cell(g.no === null ? g.name : `${g.no}. ${g.name}`, "subtitle"));
      header(["RAG", "Indicator", "Baseline", "Target", `${report.quarter} value`, "Reason", "Lead officer"]);
      for (const l of g.lines) {
        add(cell(l.rating, "rag"), cell(l.indicator, "wrap"), cell(l.baseline ? `${l.baseline}${l.baselineYear ? ` (${l.baselineYear})` : ""}` : "", "wrap"),
          cell(l.target, "text"), cell(l.value, "text"), cell(l.reason, "wrap"), cell(l.leadOfficer, "wrap"));
      }
      g.lines.forEach((l) => sentence(l.sentence));
    }
    blank();
  }

  heading("Red and amber exceptions");
  if (report.exceptions.length === 0) {
    add(cell("No action is rated red or amber.", "text"));
  } else {
    header(["ID", "Action", "Lead officer", "RAG", "Reason", "Latest update", "Priority"]);
    for (const e of report.exceptions) {
      add(cell(e.id, "text"), cell(e.action, "wrap"), cell(e.leadOfficer, "wrap"), cell(e.rating, "rag"), cell(e.reason, "wrap"), cell(e.latestUpdate, "wrap"), cell(e.priority, "wrap"));
    }
  }
  blank();

  heading(`Missing ${report.quarter} updates`);
  if (report.missingUpdates.length === 0) {
    add(cell(`Every open action has a ${report.quarter} update.`, "text"));
  } else {
    header(["Number", "Lead officer", "Actions"]);
    for (const g of report.missingUpdates) {
      add(cell(g.actions.length, "number"), cell(g.leadOfficer, "wrap"), cell(idsInCell(g.actions.map((a) => a.id || "no ID")), "wrap"));
    }
  }
  blank();

  heading("Removed actions");
  if (report.removed.length === 0) {
    add(cell("No action has been removed.", "text"));
  } else {
    header(["ID", "Action", "Reason"]);
    for (const r of report.removed) add(cell(r.id, "text"), cell(r.action, "wrap"), cell(r.reason || "No reason recorded", "wrap"));
  }

  // The year's closing summary lists what carries over to next year's plan (issue 14).
  if (report.carried) {
    blank();
    heading(`Carried over to next year (${report.carried.actions.length})`);
    add(cell(null), { value: report.carried.rule, style: "wrap", across: NARRATIVE_ACROSS });
    if (report.carried.actions.length === 0) {
      add(cell("Nothing carries over: every action is complete or removed.", "text"));
    } else {
      header(["ID", "Action", "Lead officer", "Status"]);
      for (const a of report.carried.actions) add(cell(a.id, "text"), cell(a.action, "wrap"), cell(a.leadOfficer, "wrap"), cell(a.status, "text"));
    }
  }

  const fitted = fitSheetContent({
    rows,
    columnWidths: SUMMARY_COLUMN_WIDTHS,
    chart: {
      title: `Status by priority, ${report.quarter} ${report.year}`,
      dataTop: figuresTop,
      dataLeft: 1,
      dataRows: report.figures.priorities.length + 1,
      dataColumns: 1 + STATUSES.length,
      anchorRow: 1,
      anchorColumn: FIGURE_HEADERS.length + 1,
    },
  });
  const title = `${capitalise(report.planName || "action plan")} ${report.year}, ${report.quarter} summary`;
  return {
    ...fitted,
    rowHeights: sheetRowHeights(fitted.rows, fitted.columnWidths),
    print: { orientation: "landscape", onePageWide: true, repeatRows: SUMMARY_TITLE_ROWS, footer: `${footerText(title)} - ${PAGE_N_OF_M}` },
  };
}
