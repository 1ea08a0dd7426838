import { ChartBlock, CommitteeReport, committeeReportText, ReportBlock, TableBlock } from "../domain/committeeReport";
import { chartSvg, STATUS_COLOURS } from "./statusChart";

/**
 * The committee report as HTML, for the task pane's "Copy report" (the clipboard's text/html, pasted into
 * Word or an email keeps the headings and tables) with committeeReportPlainText as its text/plain. Plain
 * semantic elements (<h1>, <h2>, <p>, <table> with <caption>, <thead> and <th scope="col">), no classes, so
 * whatever it is pasted into styles it. Every string from the plan is escaped.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

function table(block: TableBlock): string {
  const numeric = new Set(block.numeric ?? []);
  const align = (c: number) => (numeric.has(c) ? ' style="text-align:right"' : "");
  return [
    "<table>",
    `<caption>${escapeHtml(block.caption)}</caption>`,
    `<thead><tr>${block.header.map((h, c) => `<th scope="col"${align(c)}>${escapeHtml(h)}</th>`).join("")}</tr></thead>`,
    `<tbody>${block.rows.map((r) => `<tr>${r.map((cell, c) => `<td${align(c)}>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("")}</tbody>`,
    "</table>",
  ].join("\n");
}

function chart(block: ChartBlock): string {
  const key = block.statuses.map((s) => `<span style="color:${STATUS_COLOURS[s]}">&#9632;</span> ${escapeHtml(s)}`).join(" &nbsp; ");
  return [
    "<figure>",
    `<img src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(chartSvg(block))}" alt="${escapeHtml(block.alt)}">`,
    `<figcaption>${escapeHtml(block.title)}. Key: ${key}</figcaption>`,
    "</figure>",
  ].join("\n");
}

function render(block: ReportBlock): string {
  switch (block.kind) {
    case "heading":
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case "paragraph":
      return block.role === "note" ? `<p><em>${escapeHtml(block.text)}</em></p>` : `<p>${escapeHtml(block.text)}</p>`;
    case "table":
      return table(block);
    case "chart":
      return chart(block);
  }
}

/** The report as an HTML fragment (an <article> in en-GB). */
export function committeeReportHtml(model: CommitteeReport): string {
  return [`<article lang="${model.language}">`, ...model.blocks.map(render), "</article>"].join("\n");
}

/** The plain-text alternative: headings underlined, tables as tab-separated rows. */
export const committeeReportPlainText = committeeReportText;
