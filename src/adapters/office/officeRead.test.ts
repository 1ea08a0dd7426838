import { rowLoads, Shape } from "./officeRead";

const shape = (bodyRows: number, columns: number): Shape => ({
  name: "ActionPlan", sheet: "Action Plan", top: 0, left: 0, bodyRows, showHeaders: true,
  headers: Array.from({ length: columns }, (_, c) => (c === 3 ? "Target date" : `Column ${c}`)),
});

describe("planning the loads of a table's rows", () => {
  it("keeps every load under Excel's 5,000,000-cell limit, whatever the byte budget, and covers every row once", () => {
    const loads = rowLoads(shape(300_000, 40), Number.MAX_SAFE_INTEGER);
    expect(loads.length).toBeGreaterThanOrEqual(3);
    for (const load of loads) expect(load.rows * 40).toBeLessThanOrEqual(5_000_000);
    expect(loads.map((l) => l.start)).toEqual(loads.map((_, i) => loads.slice(0, i).reduce((n, l) => n + l.rows, 0)));
    expect(loads.reduce((n, l) => n + l.rows, 0)).toBe(300_000);
  });

  it("reads a short table in full detail in one load, and a long one lean with number formats only for its date columns", () => {
    expect(rowLoads(shape(2000, 18), 4 * 1024 * 1024)).toMatchObject([{ start: 0, rows: 2000, full: true, dateColumns: [] }]);
    const lean = rowLoads(shape(10_000, 18), 4 * 1024 * 1024);
    expect(lean).toHaveLength(2);
    expect(lean[0]).toMatchObject({ full: false, dateColumns: [3] });
  });

  it("splits by the byte budget", () => {
    const loads = rowLoads(shape(10_000, 18), 1024 * 1024);
    for (const load of loads) expect(load.estimatedBytes).toBeLessThanOrEqual(1024 * 1024);
  });
});
