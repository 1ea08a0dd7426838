import { Status } from "../domain/contract";
import { ChartBlock } from "../domain/committeeReport";

/**
 * The report's chart of status by priority, drawn without a browser: one horizontal bar per priority, split
 * by status, with the counts on the bars. As SVG here (with the priorities' names, which Word 2016 and later
 * and browsers show; no dependency, so the task pane can use it) and as a PNG of the same bars in chartPng.ts,
 * which Word shows where SVG is not supported and LibreOffice always shows. The colours' key is written in
 * words beside the chart, and the chart in words is the image's alternative text.
 */

/** Colours of the statuses, with the RAG they read as: blue complete, green on target, amber at risk… */
export const STATUS_COLOURS: Readonly<Record<Status, string>> = {
  Complete: "#2F6EBA",
  "On target": "#3A8A3A",
  "At risk": "#E0A000",
  "Not started": "#A6A6A6",
  Incomplete: "#C0392B",
  Removed: "#595959",
};

export const SVG_LABEL_WIDTH = 260;
export const PNG_LABEL_WIDTH = 44;
const BAR_AREA = 420;
export const BAR_HEIGHT = 22;
const GAP = 10;
/** Room above the bars: the SVG carries its title, the PNG does not (the document says it above). */
const TOP = { svg: 36, png: 8 } as const;
const BOTTOM = 8;

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

function maxTotal(chart: ChartBlock): number {
  return Math.max(1, ...chart.categories.map((c) => chart.statuses.reduce((n, s) => n + c.counts[s], 0)));
}

/** Size of the chart in pixels: the SVG names each priority; the PNG gives its number (the headings say which). */
export function chartSize(chart: ChartBlock, kind: "svg" | "png"): ChartSize {
  const label = kind === "svg" ? SVG_LABEL_WIDTH : PNG_LABEL_WIDTH;
  return { width: label + BAR_AREA + 40, height: TOP[kind] + chart.categories.length * (BAR_HEIGHT + GAP) + BOTTOM };
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Segments of each bar: x and width in the bar area's pixels. */
export function bars(chart: ChartBlock, kind: "svg" | "png"): { y: number; parts: { x: number; width: number; status: Status; count: number }[]; total: number; end: number }[] {
  const scale = BAR_AREA / maxTotal(chart);
  return chart.categories.map((c, i) => {
    let x = 0;
    const parts = chart.statuses.filter((s) => c.counts[s] > 0).map((status) => {
      const width = Math.round(c.counts[status] * scale);
      const part = { x, width, status, count: c.counts[status] };
      x += width;
      return part;
    });
    return { y: TOP[kind] + i * (BAR_HEIGHT + GAP), parts, total: chart.statuses.reduce((n, s) => n + c.counts[s], 0), end: x };
  });
}

/** Text on a segment: black on the light colours, white on the dark. */
export const inkOn = (status: Status) => (status === "At risk" || status === "Not started" ? "#000000" : "#FFFFFF");

export function chartSvg(chart: ChartBlock): string {
  const { width, height } = chartSize(chart, "svg");
  const font = `font-family="Arial, Helvetica, sans-serif"`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(chart.alt)}">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#FFFFFF"/>`,
    `<text x="8" y="22" ${font} font-size="15" font-weight="bold" fill="#000000">${escapeXml(chart.title)}</text>`,
  ];
  bars(chart, "svg").forEach((bar, i) => {
    out.push(`<text x="${SVG_LABEL_WIDTH - 8}" y="${bar.y + 16}" ${font} font-size="12" text-anchor="end" fill="#000000">${escapeXml(chart.categories[i].label)}</text>`);
    for (const p of bar.parts) {
      out.push(`<rect x="${SVG_LABEL_WIDTH + p.x}" y="${bar.y}" width="${Math.max(1, p.width - 1)}" height="${BAR_HEIGHT}" fill="${STATUS_COLOURS[p.status]}"/>`);
      if (p.width >= 16) {
        out.push(`<text x="${SVG_LABEL_WIDTH + p.x + p.width / 2}" y="${bar.y + 16}" ${font} font-size="12" text-anchor="middle" fill="${inkOn(p.status)}">${p.count}</text>`);
      }
    }
    out.push(`<text x="${SVG_LABEL_WIDTH + bar.end + 6}" y="${bar.y + 16}" ${font} font-size="12" fill="#000000">${bar.total}</text>`);
  });
  out.push("</svg>");
  return out.join("\n");
}
