import fc from "fast-check";
import { STATUSES } from "./contract";
import { percentTenths } from "./figures";
import { INDICATOR_RATINGS, IndicatorRagCounts } from "./indicatorCounts";
import { RAG_RATINGS } from "./rag";
import { rollupOverall, rollupRow, RollupRow } from "./rollup";
import { NO_INDICATORS, ROLLUP_HEADERS, rollupWorkbook } from "./rollupSheet";

const count = fc.nat({ max: 600 });
const countsOf = <K extends string>(keys: readonly K[]) => fc.tuple(...keys.map(() => count)).map((ns) => Object.fromEntries(keys.map((k, i) => [k, ns[i]])) as Record<K, number>);

const rowArb: fc.Arbitrary<RollupRow> = fc.record({
  file: fc.string(),
  planName: fc.string(),
  counts: countsOf(STATUSES),
  blank: fc.nat({ max: 5 }),
  rag: countsOf(RAG_RATINGS),
  indicators: fc.option(countsOf(INDICATOR_RATINGS), { nil: undefined }),
}).map(({ file, planName, counts, blank, rag, indicators }) => rollupRow(
  { file, planName, year: "2014/15", quarter: "Q3" },
  // Expected counts every action, including any without a status.
  { expected: STATUSES.reduce((n, s) => n + counts[s], blank), counts, rag },
  indicators,
));

describe("the county roll-up's rows", () => {
  it("overall = the sum of the plan rows, with % complete from the sums, for any set of rows", () => {
    fc.assert(fc.property(fc.array(rowArb, { maxLength: 60 }), (rows) => {
      const overall = rollupOverall(rows);
      const sum = (pick: (r: RollupRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
      expect(overall.plans).toBe(rows.length);
      expect(overall.expected).toBe(sum((r) => r.expected));
      for (const s of STATUSES) expect(overall.counts[s]).toBe(sum((r) => r.counts[s]));
      for (const r of RAG_RATINGS) expect(overall.rag[r]).toBe(sum((row) => row.rag[r]));
      for (const r of INDICATOR_RATINGS) expect(overall.indicatorRag[r]).toBe(sum((row) => row.indicatorRag[r]));
      expect(overall.completeTenths).toBe(percentTenths(overall.counts.Complete, overall.expected));
      expect(overall.plansWithIndicators).toBe(rows.filter((r) => r.hasIndicators).length);
    }));
  });

  it("recomputes % complete from the summed counts, not by averaging the plans' percentages", () => {
    const plan = (complete: number, expected: number) => rollupRow(
      { file: "f", planName: "p", year: "2014/15", quarter: "Q3" },
      { expected, counts: { ...Object.fromEntries(STATUSES.map((s) => [s, 0])), Complete: complete } as RollupRow["counts"], rag: Object.fromEntries(RAG_RATINGS.map((r) => [r, 0])) as RollupRow["rag"] },
      undefined,
    );
    const rows = [plan(1, 1), plan(0, 9)];
    expect(rows.map((r) => r.completeTenths)).toEqual([1000, 0]);
    // 1 of 10 actions is 10.0%, where the average of 100% and 0% would be 50%.
    expect(rollupOverall(rows).completeTenths).toBe(100);
  });

  it("counts a plan without indicators as zeros and says so; none at all gives an all-zero overall row", () => {
    const row = rollupRow({ file: "a.xlsx", planName: "Plan", year: "2014/15", quarter: "Q1" },
      { expected: 0, counts: Object.fromEntries(STATUSES.map((s) => [s, 0])) as RollupRow["counts"], rag: Object.fromEntries(RAG_RATINGS.map((r) => [r, 0])) as RollupRow["rag"] }, undefined);
    expect(row.hasIndicators).toBe(false);
    expect(row.indicatorRag).toEqual({ Green: 0, Amber: 0, Red: 0, Grey: 0 });
    expect(rollupOverall([]).expected).toBe(0);
    expect(rollupOverall([]).completeTenths).toBe(0);
  });
});

describe("the roll-up workbook's layout", () => {
  const indicators: IndicatorRagCounts = { Green: 2, Amber: 1, Red: 0, Grey: 0 };
  const base = { expected: 4, counts: { ...Object.fromEntries(STATUSES.map((s) => [s, 0])), Complete: 1, "On target": 3 } as RollupRow["counts"], rag: { Red: 0, Amber: 0, Green: 3, Blue: 1, Grey: 0 } };
  const rows = [
    rollupRow({ file: "north.xlsx", planName: "North CSP plan", year: "2014/15", quarter: "Q3" }, base, indicators),
    rollupRow({ file: "south.xlsx", planName: "South CSP plan", year: "2014/15", quarter: "Q2" }, base, undefined),
  ];
  const spec = rollupWorkbook(rows, rollupOverall(rows), [{ file: "bad.xlsx", reason: "bad.xlsx is not a workbook." }], "2026-12-01");
  const [rollup, notRead] = spec.sheets;

  it("titles the Roll-up sheet with today in en-GB and heads RAG columns with words", () => {
    expect(rollup.above[0][0].value).toBe("Community safety plans: roll-up at 1 December 2026");
    expect(rollup.columns.map((c) => c.header)).toEqual(ROLLUP_HEADERS);
    expect(ROLLUP_HEADERS).toEqual(expect.arrayContaining(["Red", "Amber", "Green", "Blue", "Grey", "Indicators Green", "Indicators Red"]));
    expect(new Set(ROLLUP_HEADERS).size).toBe(ROLLUP_HEADERS.length);
    expect(rollup.print).toMatchObject({ orientation: "landscape", onePageWide: true });
  });

  it("gives a row per plan in the table and the Overall row below it, outside the table", () => {
    const h = (name: string) => ROLLUP_HEADERS.indexOf(name);
    expect(rollup.rows).toHaveLength(2);
    expect(rollup.rows[0][h("Indicators")]).toBe(3);
    expect(rollup.rows[1][h("Indicators")]).toBe(NO_INDICATORS);
    expect(rollup.rows[1][h("Indicators Green")]).toBe(0);
    const overall = rollup.below[0].map((c) => c.value);
    expect(overall[0]).toBe("Overall");
    expect(overall[h("Complete")]).toBe(2);
    expect(overall[h("Expected outcomes")]).toBe(8);
    expect(overall[h("% complete")]).toBe(0.25);
    expect(overall[h("Indicators Green")]).toBe(2);
  });

  it("lists the files that could not be read, each with why", () => {
    expect(notRead.sheet).toBe("Not read");
    expect(notRead.rows).toEqual([["bad.xlsx", "bad.xlsx is not a workbook."]]);
  });
});
