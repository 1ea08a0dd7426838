import { STATUSES } from "../domain/contract";
import { formatLongDate } from "../domain/dates";
import { Figures, formatPercent } from "../domain/figures";
import { countBySeverity, Finding } from "../domain/findings";
import { Period } from "../domain/period";
import { formatFinancialYear } from "../domain/quarters";
import { RAG_RATINGS } from "../domain/rag";
import { SummaryReport } from "../domain/summary";
import { shortText } from "../domain/wording";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function findingCounts(findings: readonly Finding[]): string {
  const c = countBySeverity(findings);
  return `${plural(c.error, "error")}, ${plural(c.warning, "warning")}`;
}

export function periodText(period: Period | undefined): string {
  return period ? `${period.quarter} ${formatFinancialYear(period.year)}, as of ${formatLongDate(period.asOf)}` : "period unknown";
}

/** Findings as lines a person reads in a terminal: where, which action, what to do. */
export function findingLines(findings: readonly Finding[], limit = Infinity): string[] {
  const lines: string[] = [];
  for (const severity of ["error", "warning"] as const) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push("", severity === "error" ? "Errors" : "Warnings");
    for (const f of group.slice(0, limit)) {
      const where = f.cell ? `${f.sheet}!${f.cell}` : f.sheet;
      lines.push(`  ${where}${f.actionId ? ` (${shortText(f.actionId)})` : ""}: ${f.message} [${f.rule}]`);
    }
    if (group.length > limit) lines.push(`  … and ${group.length - limit} more`);
  }
  return lines;
}

/** Findings as the brief's JSON shape. */
export function findingsJson(findings: readonly Finding[]) {
  return findings.map(({ severity, rule, message, sheet, cell, actionId }) => ({ severity, rule, message, sheet, cell, actionId }));
}

function figuresJson(f: Figures) {
  const percentages = Object.fromEntries(STATUSES.map((s) => [s, f.percentTenths[s] / 10]));
  return { expected: f.expected, counts: f.counts, percentages, rag: f.rag };
}

/** The summary as one JSON document: counts, percentages, RAG counts and narrative per priority and overall. */
export function summaryJson(report: SummaryReport, file: string) {
  return {
    file,
    sheet: report.sheetName,
    planName: report.planName,
    year: report.year,
    quarter: report.quarter,
    asOf: report.asOf,
    priorities: report.figures.priorities.map((p, i) => ({
      no: p.no, name: p.name, ...figuresJson(p), narrative: report.narrative.priorities[i].sentences,
    })),
    overall: { ...figuresJson(report.figures.overall), narrative: report.narrative.overall },
    exceptions: report.exceptions,
    missingUpdates: report.missingUpdates,
    removed: report.removed,
    movement: movementJson(report),
    // Plans with an Indicators table only (issue 15): each indicator rated for the quarter, with its sentence.
    ...(report.indicators.length > 0 ? { indicators: report.indicators } : {}),
    // Q4 only: what carries over to next year's plan.
    ...(report.carried ? { carried: report.carried } : {}),
  };
}

/** Movement since the previous recorded quarter (issue 14): `since` null when none is recorded. */
function movementJson(report: SummaryReport) {
  const m = report.movement;
  return {
    since: m.since ? { year: formatFinancialYear(m.since.year), quarter: m.since.quarter } : null,
    worsened: m.worsened,
    improved: m.improved,
    reopened: m.reopened,
    completed: m.completed,
    removed: m.removed,
    noUpdateForTwoQuarters: m.stale,
    sentences: report.movementSentences,
  };
}

/** A plain-text figures table for the terminal. */
export function figuresTable(report: SummaryReport): string[] {
  const headers = ["Priority", ...STATUSES, "Total", "% complete", ...RAG_RATINGS];
  const row = (label: string, f: Figures) => [label, ...STATUSES.map((s) => String(f.counts[s])), String(f.expected), formatPercent(f.percentTenths.Complete), ...RAG_RATINGS.map((r) => String(f.rag[r]))];
  const rows = [headers, ...report.figures.priorities.map((p) => row(p.no === null ? p.name : `${p.no}. ${p.name}`, p)), row("Overall", report.figures.overall)];
  const widths = headers.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ").trimEnd());
}
