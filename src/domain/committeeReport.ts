import { formatFinancialYear } from "./quarters";
import { Status } from "./contract";
import { formatLongDate, IsoDate } from "./dates";
import { Figures, formatPercent } from "./figures";
import { ExceptionLine, SummaryReport } from "./summary";

/**
 * The quarterly committee report as a host-free model: a list of blocks (headings, paragraphs, tables, a
 * chart's data) built once from the SummaryReport. The command line renders it to Word (src/report/docxReport.ts)
 * and the task pane can render the same model to HTML (src/report/htmlReport.ts), so both say the same thing.
 * Every sentence of the narrative is taken verbatim from the SummaryReport.
 */

export interface HeadingBlock {
  readonly kind: "heading";
  readonly level: 1 | 2;
  readonly text: string;
}

export interface ParagraphBlock {
  readonly kind: "paragraph";
  readonly text: string;
  /** "date" under the title; "note" for a quieter line (no exceptions, nothing missing). */
  readonly role?: "date" | "note" | "signOff";
}

export interface TableBlock {
  readonly kind: "table";
  /** Said to screen readers (the table's description) and in the plain-text rendering. */
  readonly caption: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns holding numbers, aligned right. */
  readonly numeric?: readonly number[];
  /** Relative widths of the columns (they need not add up to anything). */
  readonly widths?: readonly number[];
}

export interface ChartBlock {
  readonly kind: "chart";
  readonly title: string;
  /** The chart in words, for the image's alternative text. */
  readonly alt: string;
  readonly statuses: readonly Status[];
  readonly categories: readonly { readonly label: string; readonly counts: Readonly<Record<Status, number>> }[];
}

export type ReportBlock = HeadingBlock | ParagraphBlock | TableBlock | ChartBlock;

export interface CommitteeReport {
  readonly title: string;
  /** "31 December 2014". */
  readonly date: string;
  readonly asOf: IsoDate;
  readonly language: "en-GB";
  readonly blocks: readonly ReportBlock[];
}

/** The order the narrative uses (brief §5), removed last. */
const REPORT_STATUSES: readonly Status[] = ["Complete", "On target", "At risk", "Not started", "Incomplete", "Removed"];

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function priorityLabel(p: { no: number | null; name: string }): string {
  return p.no === null ? p.name : `${p.no}. ${p.name}`;
}

function figuresTable(caption: string, f: Figures): TableBlock {
  return {
    kind: "table",
    caption,
    header: ["Status", "Outcomes", "% of expected outcomes"],
    rows: [
      ...REPORT_STATUSES.map((s) => [s, String(f.counts[s]), formatPercent(f.percentTenths[s])]),
      ["Expected outcomes", String(f.expected), f.expected === 0 ? "0.0%" : "100.0%"],
    ],
    numeric: [1, 2],
    widths: [40, 20, 40],
  };
}

function ragLine(f: Figures): string {
  const parts = (["Red", "Amber", "Green", "Blue", "Grey"] as const).filter((r) => f.rag[r] > 0).map((r) => `${r} ${f.rag[r]}`);
  return parts.length === 0 ? "RAG: no actions." : `RAG: ${parts.join(", ")}.`;
}

function exceptionsTable(caption: string, lines: readonly ExceptionLine[]): TableBlock {
  return {
    kind: "table",
    caption,
    header: ["ID", "Action", "Lead officer", "RAG and reason", "Latest update"],
    rows: lines.map((e) => [e.id, e.action, e.leadOfficer, `${e.rating}: ${e.reason}`, e.latestUpdate || "(no update)"]),
    widths: [7, 30, 18, 17, 28],
  };
}

/** Whether an action's priority cell names this priority (by name or number, as the plan's figures group them). */
function belongsTo(priorityCell: string, p: { no: number | null; name: string }): boolean {
  const cell = priorityCell.trim().toLowerCase();
  return cell === p.name.trim().toLowerCase() || (p.no !== null && cell === String(p.no));
}

/**
 * "Since last quarter" (issue 14): the movement sentences, then a table of the actions whose rating changed
 * (ID, action, then and now, in words), worst news first; no table when nothing changed or no earlier
 * quarter is recorded.
 */
function movementBlocks(report: SummaryReport): ReportBlock[] {
  const m = report.movement;
  const blocks: ReportBlock[] = [
    { kind: "heading", level: 2, text: "Since last quarter" },
    ...report.movementSentences.map((text): ReportBlock => ({ kind: "paragraph", text })),
  ];
  const actionText = new Map(report.rated.map((r) => [r.action.id.trim(), r.action.action]));
  const word = (rating: string) => (rating === "Blue" ? "Blue (complete)" : rating === "Grey" ? "Grey (removed)" : rating);
  const rows = [...m.worsened, ...m.improved, ...m.reopened, ...m.completed, ...m.removed].map((mv) => [mv.id, actionText.get(mv.id) ?? "", word(mv.from), word(mv.to)]);
  if (m.since && rows.length > 0) {
    const since = `${m.since.quarter} ${formatFinancialYear(m.since.year)}`;
    blocks.push({ kind: "table", caption: `Changes in RAG rating since ${since}`, header: ["ID", "Action", `RAG at ${since}`, `RAG at ${report.quarter}`], rows, widths: [8, 60, 16, 16] });
  }
  return blocks;
}

/**
 * "Performance indicators" (issue 15): per priority, a table of its indicators (RAG always a word and a
 * reason) and each indicator's sentence, verbatim from the SummaryReport. Nothing for a plan without them.
 */
function indicatorBlocks(report: SummaryReport): ReportBlock[] {
  if (report.indicators.length === 0) return [];
  const blocks: ReportBlock[] = [{ kind: "heading", level: 2, text: "Performance indicators" }];
  for (const g of report.indicators) {
    const label = priorityLabel(g);
    blocks.push({ kind: "paragraph", text: `${label}:` });
    blocks.push({
      kind: "table",
      caption: `Performance indicators at ${report.quarter}: ${label}`,
      header: ["Indicator", "Baseline", "Target", `${report.quarter} value`, "RAG and reason"],
      rows: g.lines.map((l) => [l.indicator, l.baseline ? `${l.baseline}${l.baselineYear ? ` (${l.baselineYear})` : ""}` : "", l.target, l.value || "(none yet)", `${l.rating}: ${l.reason}`]),
      numeric: [1, 3],
      widths: [28, 16, 10, 10, 36],
    });
    for (const l of g.lines) blocks.push({ kind: "paragraph", text: l.sentence });
  }
  return blocks;
}

export function buildCommitteeReport(report: SummaryReport): CommitteeReport {
  const date = formatLongDate(report.asOf);
  const title = `${capitalise(report.planName)} ${report.year}: ${report.quarter} progress report`;
  const blocks: ReportBlock[] = [
    { kind: "heading", level: 1, text: title },
    { kind: "paragraph", role: "date", text: date },
    {
      kind: "paragraph",
      text: `This report gives the position of each priority of the ${report.planName} ${report.year} at the end of ${report.quarter} (${date}), ` +
        "computed from the action plan itself: figures, narrative and red and amber exceptions, then the overall conclusion and the updates still missing.",
    },
  ];
  const placed = new Set<ExceptionLine>();
  report.figures.priorities.forEach((p, i) => {
    const label = priorityLabel(p);
    blocks.push({ kind: "heading", level: 2, text: label });
    blocks.push(figuresTable(`Outcomes by status: ${label}`, p));
    blocks.push({ kind: "paragraph", text: ragLine(p) });
    for (const sentence of report.narrative.priorities[i].sentences) blocks.push({ kind: "paragraph", text: sentence });
    const exceptions = report.exceptions.filter((e) => !placed.has(e) && belongsTo(e.priority, p));
    exceptions.forEach((e) => placed.add(e));
    if (exceptions.length === 0) {
      blocks.push({ kind: "paragraph", role: "note", text: "No red or amber exceptions." });
    } else {
      blocks.push({ kind: "paragraph", text: `Red and amber exceptions (${exceptions.length}):` });
      blocks.push(exceptionsTable(`Red and amber exceptions: ${label}`, exceptions));
    }
  });
  const unplaced = report.exceptions.filter((e) => !placed.has(e));
  if (unplaced.length > 0) {
    blocks.push({ kind: "heading", level: 2, text: "Other exceptions" });
    blocks.push(exceptionsTable("Red and amber exceptions of actions outside the priorities", unplaced));
  }

  blocks.push({ kind: "heading", level: 2, text: "Overall conclusion" });
  blocks.push(figuresTable("Outcomes by status: all priorities", report.figures.overall));
  blocks.push({ kind: "paragraph", text: ragLine(report.figures.overall) });
  for (const sentence of report.narrative.overall) blocks.push({ kind: "paragraph", text: sentence });

  blocks.push(...movementBlocks(report));
  blocks.push(...indicatorBlocks(report));

  blocks.push({ kind: "heading", level: 2, text: "Missing updates" });
  if (report.missingUpdates.length === 0) {
    blocks.push({ kind: "paragraph", role: "note", text: `Every open action has a ${report.quarter} update.` });
  } else {
    const count = report.missingUpdates.reduce((n, g) => n + g.actions.length, 0);
    blocks.push({ kind: "paragraph", text: `Open actions with no ${report.quarter} update (${count}), by lead officer:` });
    blocks.push({
      kind: "table",
      caption: `Open actions with no ${report.quarter} update, by lead officer`,
      header: ["Lead officer", "ID", "Action"],
      rows: report.missingUpdates.flatMap((g) => g.actions.map((a) => [g.leadOfficer, a.id, a.action])),
      widths: [30, 8, 62],
    });
  }

  if (report.carried) {
    blocks.push({ kind: "heading", level: 2, text: "Carried over to next year" });
    blocks.push({ kind: "paragraph", text: report.carried.rule });
    if (report.carried.actions.length === 0) {
      blocks.push({ kind: "paragraph", role: "note", text: "Nothing carries over: every action is complete or removed." });
    } else {
      blocks.push({
        kind: "table",
        caption: "Actions carried over to next year's plan",
        header: ["ID", "Action", "Lead officer", "Status"],
        rows: report.carried.actions.map((a) => [a.id, a.action, a.leadOfficer, a.status]),
        // Wide enough for "Not started" and "Incomplete" on one line.
        widths: [8, 50, 24, 18],
      });
    }
  }

  const chart = statusChart(report);
  blocks.push({ kind: "heading", level: 2, text: "Status by priority" });
  blocks.push(chart);

  blocks.push({ kind: "heading", level: 2, text: "Sign-off" });
  blocks.push({ kind: "paragraph", role: "signOff", text: "Signed off by: ______________________________   Role: ______________________" });
  blocks.push({ kind: "paragraph", role: "signOff", text: "Date: ____________________" });
  return { title, date, asOf: report.asOf, language: "en-GB", blocks };
}

function statusChart(report: SummaryReport): ChartBlock {
  const categories = report.figures.priorities.map((p) => ({ label: priorityLabel(p), counts: p.counts }));
  const described = categories.map((c) => {
    const parts = REPORT_STATUSES.filter((s) => c.counts[s] > 0).map((s) => `${c.counts[s]} ${s.toLowerCase()}`);
    return `${c.label}: ${parts.length === 0 ? "no actions" : parts.join(", ")}`;
  });
  return {
    kind: "chart",
    title: `Status of actions by priority, end of ${report.quarter} ${report.year}`,
    alt: `Bar chart of the status of actions by priority at the end of ${report.quarter} ${report.year}. ${described.join("; ")}.`,
    statuses: REPORT_STATUSES,
    categories,
  };
}

/** Every sentence of the report as plain text, one block a paragraph (tables as tab-separated rows). */
export function committeeReportText(model: CommitteeReport): string {
  return model.blocks.map((b) => {
    switch (b.kind) {
      case "heading":
        return b.level === 1 ? `${b.text}\n${"=".repeat(b.text.length)}` : `${b.text}\n${"-".repeat(b.text.length)}`;
      case "paragraph":
        return b.text;
      case "table":
        return [b.header, ...b.rows].map((r) => r.join("\t")).join("\n");
      case "chart":
        return `[${b.title}] ${b.alt}`;
    }
  }).join("\n\n") + "\n";
}
