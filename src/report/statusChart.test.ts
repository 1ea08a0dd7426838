import { decode } from "fast-png";
import { ChartBlock } from "../domain/committeeReport";
import { STATUSES } from "../domain/contract";
import { chartPng } from "./chartPng";
import { chartSize, chartSvg, STATUS_COLOURS } from "./statusChart";

const counts = (c: Partial<Record<(typeof STATUSES)[number], number>>) => Object.fromEntries(STATUSES.map((s) => [s, c[s] ?? 0])) as Record<(typeof STATUSES)[number], number>;

const CHART: ChartBlock = {
  kind: "chart",
  title: "Status of actions by priority, end of Q3 2014/15",
  alt: "Bar chart …",
  statuses: ["Complete", "On target", "At risk", "Not started", "Incomplete", "Removed"],
  categories: [
    { label: "1. Anti-social behaviour & <nuisance>", counts: counts({ Complete: 3, "On target": 2, Incomplete: 1 }) },
    { label: "2. Serious acquisitive crime", counts: counts({ Removed: 1 }) },
  ],
};

describe("the status chart", () => {
  it("is a PNG of the stated size holding each status's colour that has a count", () => {
    const png = decode(chartPng(CHART));
    expect(png.channels).toBe(4);
    expect({ width: png.width, height: png.height }).toEqual(chartSize(CHART, "png"));
    const colours = new Set<string>();
    for (let i = 0; i < png.data.length; i += 4) {
      colours.add(`#${[png.data[i], png.data[i + 1], png.data[i + 2]].map((v) => v.toString(16).padStart(2, "0").toUpperCase()).join("")}`);
    }
    for (const s of ["Complete", "On target", "Incomplete", "Removed"] as const) expect(colours).toContain(STATUS_COLOURS[s]);
    expect(colours).not.toContain(STATUS_COLOURS["At risk"]);
  });

  it("is an SVG with each priority's name escaped and its alternative text", () => {
    const svg = chartSvg(CHART);
    expect(svg).toContain("1. Anti-social behaviour &#38; &#60;nuisance&#62;");
    expect(svg).toContain('aria-label="Bar chart …"');
    expect(svg).not.toContain("<nuisance>");
  });
});
