import fc from "fast-check";
import { MemoryWorkbook } from "../src/adapters/memory/memoryWorkbook";
import { checkSnapshot, PlanCheck } from "../src/domain/check";
import { ACTION_COLUMNS, Quarter, QUARTERS, Status, STATUSES } from "../src/domain/contract";
import { Figures, percentTenths } from "../src/domain/figures";
import { blockingFindings } from "../src/domain/findings";
import { PlanSeed, SeedAction } from "../src/domain/planSeed";
import { RAG_RATINGS, rateAction } from "../src/domain/rag";
import { buildSummaryReport, SummaryReport } from "../src/domain/summary";
import { cappedList } from "../src/domain/wording";
import { buildSummary } from "../src/usecases/buildSummary";
import { checkPlan } from "../src/usecases/checkPlan";
import {
  actionOf, actionsArb, intendedPriority, planSeedArb, ragInputsArb, restArb, seedOf, shapeArb,
} from "./support/planArbitrary";
import { memoryPlan, snapshotOf } from "./support/planFixture";

/*
 * Property tests over generated plans. Expectations are worked out from the seed and the brief
 * (§4 RAG and completion figures, §5 summary and narrative), not from the code under test.
 */

const DOMAIN_RUNS = 100;
const WORKBOOK_RUNS = 30;

/**
 * Each property takes a second or two. A failure found late in a large plan can shrink for minutes, so
 * shrinking stops after a while and reports the smallest plan found so far; a run too slow to finish its
 * runs in that time fails rather than passing on fewer.
 */
function runs(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, plugins: [fc.interruptAfterTimeLimit(20_000, { failOnInterrupt: true })] };
}

// ---- Independent arithmetic and wording, from the brief ----

/** Tenths of a per cent of count/total, rounded half up (brief §4: 4/60 = 6.7%). */
function halfUpTenths(count: number, total: number): number {
  if (total === 0) return 0;
  const scaled = 1000 * count;
  const down = Math.floor(scaled / total);
  const remainder = scaled - down * total;
  return 2 * remainder >= total ? down + 1 : down;
}

function percentText(count: number, total: number): string {
  return (halfUpTenths(count, total) / 10).toFixed(1);
}

const SMALL = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/** `one`…`ninety-nine` (any case) or numerals; undefined for anything else. */
function parseNumber(token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  const word = token.toLowerCase();
  const small = SMALL.indexOf(word);
  if (small >= 0) return small;
  const m = /^([a-z]+)(?:-([a-z]+))?$/.exec(word);
  if (!m || !(m[1] in TENS)) return undefined;
  if (m[2] === undefined) return TENS[m[1]];
  const unit = SMALL.indexOf(m[2]);
  return unit >= 1 && unit <= 9 ? TENS[m[1]] + unit : undefined;
}

/** Parses a count and checks house style: one to nine in words, 10 and above in numerals. */
function count(token: string): number {
  const n = parseNumber(token);
  if (n === undefined) throw new Error(`"${token}" is not a number`);
  const style = n >= 1 && n <= 9 ? token.toLowerCase() === SMALL[n] : n >= 10 && token === String(n);
  if (!style) throw new Error(`"${token}" is not house style for ${n}`);
  return n;
}

type Open = Exclude<Status, "Removed">;
const ORDER: readonly Open[] = ["Complete", "On target", "At risk", "Not started", "Incomplete"];
const PRIORITY_PHRASES: Record<Open, [one: string, many: string]> = {
  Complete: ["was complete", "were complete"],
  "On target": ["was on target to be completed", "were on target to be completed"],
  "At risk": ["was at risk of not being completed", "were at risk of not being completed"],
  "Not started": ["had not started", "had not started"],
  Incomplete: ["was incomplete", "were incomplete"],
};
const OVERALL_PHRASES: Record<Status, [one: string, many: string]> = {
  ...PRIORITY_PHRASES,
  "On target": ["was on target for completion", "were on target for completion"],
  Removed: ["was removed from the action plan", "were removed from the action plan"],
};

/** The status a phrase names, checking it agrees in number with its count. */
function statusOf(phrase: string, n: number, phrases: Partial<Record<Status, [string, string]>>): Status {
  const found = (Object.keys(phrases) as Status[]).find((s) => phrases[s]![n === 1 ? 0 : 1] === phrase);
  if (!found) throw new Error(`"${phrase}" is not a status phrase for ${n}`);
  return found;
}

function zeroCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
}

/** "expected outcome" for one, "expected outcomes" otherwise. */
function outcomesNoun(noun: string, n: number): void {
  expect(noun).toBe(n === 1 ? "expected outcome" : "expected outcomes");
}

/** A list joined "a, b and c" (no serial comma): its items. */
function splitList(list: string): string[] {
  const parts = list.split(", ");
  const last = parts.pop()!;
  const tail = last.split(" and ");
  // Only the last two items are joined by "and"; no item of a status list contains ", " or " and ".
  expect(tail.length).toBeLessThanOrEqual(2);
  if (parts.length > 0) expect(tail).toHaveLength(2);
  return [...parts, ...tail];
}

interface ParsedParagraph {
  expected: number;
  /** Counts of the statuses named; the rest were omitted, so zero. */
  counts: Record<Status, number>;
  /** Statuses in the order they were named. */
  named: Status[];
  form: "none" | "the one" | "all" | "list" | "only removed";
  removedIds?: string;
}

/** Reads a priority paragraph back into numbers, following the brief's sentence forms exactly. */
function parsePriorityParagraph(sentences: readonly string[], quarter: Quarter): ParsedParagraph {
  const opening = `At the end of ${quarter}, `;
  const [first, ...more] = sentences;
  expect(first.startsWith(opening)).toBe(true);
  const body = first.slice(opening.length);
  const counts = zeroCounts();
  const named: Status[] = [];
  const name = (s: Status, n: number) => { expect(named).not.toContain(s); named.push(s); counts[s] = n; };
  let parsed: ParsedParagraph;
  let m: RegExpExecArray | null;
  if (body === "there were no expected outcomes for this priority.") {
    parsed = { expected: 0, counts, named, form: "none" };
  } else if ((m = /^the one expected outcome for this priority (.+)\.$/.exec(body))) {
    name(statusOf(m[1], 1, PRIORITY_PHRASES), 1);
    parsed = { expected: 1, counts, named, form: "the one" };
  } else if ((m = /^of the (\S+) (expected outcomes?) for this priority, all (\S+) (.+)\.$/.exec(body))) {
    const n = count(m[1]);
    outcomesNoun(m[2], n);
    expect(count(m[3])).toBe(n);
    name(statusOf(m[4], n, PRIORITY_PHRASES), n);
    parsed = { expected: n, counts, named, form: "all" };
  } else if ((m = /^of the (\S+) (expected outcomes?) for this priority, (.+)\.$/.exec(body))) {
    const n = count(m[1]);
    outcomesNoun(m[2], n);
    for (const item of splitList(m[3])) {
      const im = /^(\S+) (.+)$/.exec(item);
      if (!im) throw new Error(`unreadable item "${item}"`);
      const c = count(im[1]);
      name(statusOf(im[2], c, PRIORITY_PHRASES), c);
    }
    parsed = { expected: n, counts, named, form: "list" };
  } else if ((m = /^this priority had (\S+) (expected outcomes?)\.$/.exec(body))) {
    const n = count(m[1]);
    outcomesNoun(m[2], n);
    parsed = { expected: n, counts, named, form: "only removed" };
  } else {
    throw new Error(`unreadable priority sentence "${first}"`);
  }
  expect(more.length).toBeLessThanOrEqual(1);
  if (more.length === 1) {
    const r = /^(\S+) (expected outcomes?) (was|were) removed from the action plan \((.*)\)\.$/.exec(more[0]);
    if (!r) throw new Error(`unreadable removed sentence "${more[0]}"`);
    // The sentence starts with the number, capitalised.
    expect(r[1].charAt(0)).toBe(r[1].charAt(0).toUpperCase());
    const n = count(r[1]);
    outcomesNoun(r[2], n);
    expect(r[3]).toBe(n === 1 ? "was" : "were");
    expect(n).toBeGreaterThan(0);
    counts.Removed = n;
    parsed.removedIds = r[4];
  }
  return parsed;
}

/** Reads the overall paragraph back into numbers and percentages. */
function parseOverall(sentences: readonly string[], quarter: Quarter, planText: string): ParsedParagraph & { percents: Partial<Record<Status, string>> } {
  expect(sentences).toHaveLength(1);
  const [sentence] = sentences;
  const opening = `At the end of ${quarter}, `;
  expect(sentence.startsWith(opening)).toBe(true);
  const body = sentence.slice(opening.length);
  const counts = zeroCounts();
  const named: Status[] = [];
  const percents: Partial<Record<Status, string>> = {};
  if (body.startsWith("there were no expected outcomes")) {
    expect(body).toBe(`there were no expected outcomes within the ${planText}.`);
    return { expected: 0, counts, named, form: "none", percents };
  }
  const m = /^of the (\S+) (expected outcomes?) within the /.exec(body);
  if (!m) throw new Error(`unreadable overall sentence "${sentence}"`);
  const n = count(m[1]);
  outcomesNoun(m[2], n);
  const rest = body.slice(m[0].length);
  expect(rest.startsWith(`${planText}, `)).toBe(true);
  expect(rest.endsWith(".")).toBe(true);
  for (const item of splitList(rest.slice(planText.length + 2, -1))) {
    const im = /^(\S+) (.+) \((\d+\.\d)%\)$/.exec(item);
    if (!im) throw new Error(`unreadable overall item "${item}"`);
    const c = count(im[1]);
    const s = statusOf(im[2], c, OVERALL_PHRASES);
    expect(named).not.toContain(s);
    named.push(s);
    counts[s] = c;
    percents[s] = im[3];
  }
  return { expected: n, counts, named, form: "list", percents };
}

// ---- Independent expectations from the seed ----

function countStatuses(actions: readonly SeedAction[]): Record<Status, number> {
  const counts = zeroCounts();
  for (const a of actions) counts[a.status] += 1;
  return counts;
}

function checked(seed: PlanSeed): { check: PlanCheck; report: SummaryReport } {
  const check = checkSnapshot(snapshotOf(seed));
  expect(blockingFindings(check.findings)).toEqual([]);
  expect(check.writable).toBe(true);
  expect(check.plan.actions).toHaveLength(seed.actions.length);
  return { check, report: buildSummaryReport(check.plan, check.period!) };
}

function sumFigures(list: readonly Figures[]) {
  const counts = zeroCounts();
  const rag = Object.fromEntries(RAG_RATINGS.map((r) => [r, 0])) as Record<(typeof RAG_RATINGS)[number], number>;
  let expected = 0;
  const removedIds: string[] = [];
  for (const f of list) {
    expected += f.expected;
    for (const s of STATUSES) counts[s] += f.counts[s];
    for (const r of RAG_RATINGS) rag[r] += f.rag[r];
    removedIds.push(...f.removedIds);
  }
  return { expected, counts, rag, removedIds: removedIds.sort() };
}

/** A dump that later writes cannot reach (dump() hands out the workbook's own table objects). */
function frozenDump(workbook: MemoryWorkbook): unknown {
  return structuredClone(workbook.dump());
}

interface DumpedSheet {
  name: string;
  cells: [string, { value: unknown }][];
}

function endOfQuarter(startYear: number, quarter: Quarter): string {
  return { Q1: `${startYear}-06-30`, Q2: `${startYear}-09-30`, Q3: `${startYear}-12-31`, Q4: `${startYear + 1}-03-31` }[quarter];
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function longDate(iso: string): string {
  return `${Number(iso.slice(8))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

/** How a target date cell written from the seed reads: a day, nothing, or not a date. */
function targetDay(text: string): string | "blank" | "invalid" {
  const t = text.trim();
  if (t === "") return "blank";
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const uk = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
  if (uk) {
    const iso = `${uk[3]}-${uk[2]}-${uk[1]}`;
    const d = new Date(`${iso}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : "invalid";
  }
  return "invalid";
}

/** The brief's RAG table (§4), first match wins, as of the end of the seed's current quarter. */
function briefRag(a: SeedAction, startYear: number, quarter: Quarter): { rating: string; reason: string | RegExp } {
  const asOf = endOfQuarter(startYear, quarter);
  const qi = QUARTERS.indexOf(quarter);
  const nextEnd = qi === 3 ? endOfQuarter(startYear + 1, "Q1") : endOfQuarter(startYear, QUARTERS[qi + 1]);
  const due = targetDay(a.targetDate);
  const isDay = due !== "blank" && due !== "invalid";
  if (a.status === "Removed") return { rating: "Grey", reason: "Removed" };
  if (a.status === "Complete") return { rating: "Blue", reason: "Complete" };
  if (a.status === "Incomplete") return { rating: "Red", reason: "Incomplete" };
  if (isDay && due < asOf) return { rating: "Red", reason: `Past target date (${longDate(due)})` };
  if (a.status === "At risk") return { rating: "Amber", reason: "At risk" };
  if (due === "blank") return { rating: "Amber", reason: "No target date" };
  // Not in the brief's table: a target that is not a date cannot be on target either.
  if (due === "invalid") return { rating: "Amber", reason: /target date/i };
  if (!(a.updates[quarter] ?? "").trim()) return { rating: "Amber", reason: `No ${quarter} update` };
  if (a.status === "Not started" && due <= nextEnd) return { rating: "Amber", reason: `Not started; due ${longDate(due)}` };
  return { rating: "Green", reason: "On target" };
}

describe("properties over generated plans", () => {
  it("figures: status counts sum to the total, percentages agree with the counts, priorities sum to overall", () => {
    fc.assert(fc.property(planSeedArb(60), (seed) => {
      const { report } = checked(seed);
      const { priorities, overall } = report.figures;
      const all = [...priorities, overall];

      for (const f of all) {
        expect(STATUSES.reduce((n, s) => n + f.counts[s], 0)).toBe(f.expected);
        expect(RAG_RATINGS.reduce((n, r) => n + f.rag[r], 0)).toBe(f.expected);
        for (const s of STATUSES) expect(f.percentTenths[s]).toBe(halfUpTenths(f.counts[s], f.expected));
        expect(f.removedIds).toHaveLength(f.counts.Removed);
      }

      // Overall, from the seed: every action counted once, removed included.
      expect(overall.expected).toBe(seed.actions.length);
      expect(overall.counts).toEqual(countStatuses(seed.actions));
      expect(overall.removedIds).toEqual(seed.actions.filter((a) => a.status === "Removed").map((a) => a.id.trim()));

      // Per priority sums to overall.
      const summed = sumFigures(priorities);
      expect(summed.expected).toBe(overall.expected);
      expect(summed.counts).toEqual(overall.counts);
      expect(summed.rag).toEqual(overall.rag);
      expect(summed.removedIds).toEqual([...overall.removedIds].sort());

      // The Priorities table's priorities come first, by number, each counting the actions that name it.
      const table = [...seed.priorities].sort((a, b) => a.no - b.no);
      expect(priorities.slice(0, table.length).map((p) => [p.no, p.name])).toEqual(table.map((p) => [p.no, p.name]));
      table.forEach((p, i) => {
        expect(priorities[i].counts).toEqual(countStatuses(seed.actions.filter((a) => intendedPriority(a.priority) === p.no)));
      });
      // The rest are actions whose priority is not in the table, one group per priority text (case aside).
      const unknown = seed.actions.filter((a) => intendedPriority(a.priority) === null);
      const extra = priorities.slice(table.length);
      expect(extra.every((p) => p.no === null)).toBe(true);
      expect(extra).toHaveLength(new Set(unknown.map((a) => a.priority.trim().toLowerCase())).size);
      expect(sumFigures(extra).counts).toEqual(countStatuses(unknown));
    }), runs(DOMAIN_RUNS));
  });

  it("percentages round half up to one decimal place for every count of every total up to 200", () => {
    // Halves are rare in generated plans (a total of 16, 32, 48, 80, …), so the rule is also checked exhaustively.
    const wrong: string[] = [];
    for (let total = 0; total <= 200; total++) {
      for (let n = 0; n <= total; n++) {
        if (percentTenths(n, total) !== halfUpTenths(n, total)) wrong.push(`${n}/${total}: ${percentTenths(n, total)} tenths, want ${halfUpTenths(n, total)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(percentTenths(4, 60)).toBe(67);
    expect(percentTenths(1, 16)).toBe(63);
  });

  it("RAG depends only on status, dates, the quarter and that quarter's update", () => {
    const arb = shapeArb.chain((shape) => fc.record({
      shape: fc.constant(shape),
      others: actionsArb(shape, 20),
      inputs: ragInputsArb(shape.startYear),
      restA: restArb,
      restB: restArb,
      at: fc.tuple(fc.nat(), fc.nat()),
    }));
    fc.assert(fc.property(arb, ({ shape, others, inputs, restA, restB, at }) => {
      const actions = [...others];
      const a = at[0] % (actions.length + 1);
      actions.splice(a, 0, actionOf(inputs, restA, shape.quarter));
      const b = at[1] % (actions.length + 1);
      actions.splice(b, 0, actionOf(inputs, restB, shape.quarter));
      const rowA = a >= b ? a + 1 : a;
      const seed = seedOf(shape, actions);
      const { check, report } = checked(seed);
      const { plan, period } = check;

      const ragA = rateAction(plan.actions[rowA], period!);
      const ragB = rateAction(plan.actions[b], period!);
      expect(ragB).toEqual(ragA);
      expect(RAG_RATINGS).toContain(ragA.rating);
      expect(ragA.reason).not.toBe("");
      // And the summary rates them the same way.
      expect(report.rated[rowA].rag).toEqual(ragA);
      expect(report.rated[b].rag).toEqual(ragA);
    }), runs(DOMAIN_RUNS));
  });

  it("RAG follows the brief's table, first match wins, as of the end of the current quarter", () => {
    fc.assert(fc.property(shapeArb.chain((shape) => actionsArb(shape, 30).map((actions) => seedOf(shape, actions))), (seed) => {
      const { report } = checked(seed);
      const startYear = Number(seed.year.slice(0, 4));
      report.rated.forEach(({ rag }, i) => {
        const want = briefRag(seed.actions[i], startYear, seed.currentQuarter);
        expect(rag.rating).toBe(want.rating);
        if (want.reason instanceof RegExp) expect(rag.reason).toMatch(want.reason);
        else expect(rag.reason).toBe(want.reason);
      });
    }), runs(DOMAIN_RUNS));
  });

  it("building the summary twice leaves the workbook as building it once, and touches nothing but its sheet, Status History and the RAG columns", async () => {
    const arb = fc.record({ seed: planSeedArb(60), quarter: fc.option(fc.constantFrom(...QUARTERS), { nil: undefined }) });
    await fc.assert(fc.asyncProperty(arb, async ({ seed, quarter }) => {
      const workbook = await memoryPlan(seed);
      // Today given, so both builds record the same day whenever the test runs.
      const choice = { ...(quarter ? { quarter } : {}), today: "2015-01-20" };
      const before = frozenDump(workbook) as DumpedSheet[];
      const first = await buildSummary(workbook, choice);
      expect(first.done).toBe(true);
      const once = frozenDump(workbook) as DumpedSheet[];
      const second = await buildSummary(workbook, choice);
      expect(second.done).toBe(true);
      expect(frozenDump(workbook)).toEqual(once);
      expect(workbook.applyCount).toBe(3);

      // Two new sheets, the one named for the quarter and Status History; the others as they were, bar the RAG columns.
      const startYear = Number(seed.year.slice(0, 4));
      const sheetName = `${quarter ?? seed.currentQuarter} ${startYear}-${String((startYear + 1) % 100).padStart(2, "0")} Summary`;
      expect(once.map((s) => s.name)).toEqual([...before.map((s) => s.name), sheetName, "Status History"]);
      const headers = Object.values(ACTION_COLUMNS) as string[];
      const computed = new Set([headers.indexOf(ACTION_COLUMNS.rag), headers.indexOf(ACTION_COLUMNS.ragReason)]);
      const userCells = (s: DumpedSheet) => s.cells.filter(([k]) => s.name !== "Action Plan" || !computed.has(Number(k.split(",")[1])));
      before.forEach((sheet, i) => {
        expect(once[i].name).toBe(sheet.name);
        expect(userCells(once[i])).toEqual(userCells(sheet));
      });
    }), runs(WORKBOOK_RUNS));
  });

  it("check is read-only: the workbook and its write count are unchanged", async () => {
    const arb = fc.record({
      seed: planSeedArb(60),
      summarised: fc.boolean(),
      quarter: fc.option(fc.constantFrom(...QUARTERS), { nil: undefined }),
    });
    await fc.assert(fc.asyncProperty(arb, async ({ seed, summarised, quarter }) => {
      const workbook = await memoryPlan(seed);
      if (summarised) expect((await buildSummary(workbook)).done).toBe(true);
      const writes = workbook.applyCount;
      const before = frozenDump(workbook);
      const check = await checkPlan(workbook, quarter ? { quarter } : {});
      expect(check.writable).toBe(true);
      expect(frozenDump(workbook)).toEqual(before);
      expect(workbook.applyCount).toBe(writes);
    }), runs(WORKBOOK_RUNS));
  });

  it("the narrative's numbers, read back, agree with the figures", () => {
    fc.assert(fc.property(planSeedArb(60), (seed) => {
      const { report } = checked(seed);
      const quarter = seed.currentQuarter;
      const { figures, narrative } = report;
      expect(narrative.priorities).toHaveLength(figures.priorities.length);

      const totals = zeroCounts();
      let totalExpected = 0;
      figures.priorities.forEach((f, i) => {
        const paragraph = narrative.priorities[i];
        expect([paragraph.no, paragraph.name]).toEqual([f.no, f.name]);
        const parsed = parsePriorityParagraph(paragraph.sentences, quarter);
        expect(parsed.expected).toBe(f.expected);
        expect(parsed.counts).toEqual(f.counts);
        // Zero categories omitted, the rest in the house order.
        expect(parsed.named).toEqual(ORDER.filter((s) => f.counts[s] > 0));
        const present = ORDER.filter((s) => f.counts[s] > 0).length;
        const removed = f.counts.Removed;
        expect(parsed.form).toBe(
          f.expected === 0 ? "none"
            : removed === 0 && present === 1 && f.expected === 1 ? "the one"
              : removed === 0 && present === 1 ? "all"
                : present === 0 ? "only removed" : "list",
        );
        // Ten IDs at most, then "… and N more" (src/domain/wording.ts).
        if (removed > 0) expect(parsed.removedIds).toBe(cappedList(f.removedIds.map((id) => id || "no ID")));
        else expect(parsed.removedIds).toBeUndefined();
        totalExpected += parsed.expected;
        for (const s of STATUSES) totals[s] += parsed.counts[s];
      });

      const planText = `${seed.name.trim() || "action plan"} ${seed.year}`;
      const overall = parseOverall(narrative.overall, quarter, planText);
      const expected = countStatuses(seed.actions);
      expect(overall.expected).toBe(seed.actions.length);
      expect(overall.expected).toBe(figures.overall.expected);
      expect(overall.counts).toEqual(expected);
      expect(overall.counts).toEqual(figures.overall.counts);
      expect(overall.named).toEqual([...ORDER, "Removed"].filter((s) => expected[s as Status] > 0));
      for (const s of overall.named) expect(overall.percents[s]).toBe(percentText(expected[s], seed.actions.length));
      // The overall paragraph agrees with the sum of the priority paragraphs.
      expect(overall.expected).toBe(totalExpected);
      expect(overall.counts).toEqual(totals);
    }), runs(DOMAIN_RUNS));
  });
});
