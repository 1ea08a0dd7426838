import fc from "fast-check";
import { Quarter, QUARTERS, STATUSES } from "../../src/domain/contract";
import { PlanSeed, SeedAction } from "../../src/domain/planSeed";
import { BASE_SEED } from "./planFixture";

/**
 * Generators of plan seeds for the property tests: valid enough that the summary is allowed (unique IDs,
 * known statuses, readable settings), awkward everywhere else.
 */

/** Text people paste into cells: formula-like, unicode, right-to-left, blank-ish, long. */
export const AWKWARD_TEXTS: readonly string[] = [
  "=SUM(A1:A9)",
  "=1/0",
  "+44 1744 456789",
  "-10% on 2013/14",
  "@Community Safety Manager please update",
  "'quoted",
  "#REF!",
  "#N/A",
  "TRUE",
  "0",
  "31/03/2015",
  "null",
  "\u202Egnol si siht\u202C right-to-left override",
  "\u0645\u0643\u0627\u0641\u062D\u0629 \u0627\u0644\u0633\u0644\u0648\u0643 \u0627\u0644\u0645\u0639\u0627\u062F\u064A",
  "\u05E9\u05DC\u05D5\u05DD 42 \u05E2\u05D5\u05DC\u05DD",
  "Zo\u00EB & \u0141ukasz \u2014 caf\u00E9 na\u00EFve",
  "\u{1F600} emoji \u{1F44D}\u{1F3FD} \u{1F468}\u200D\u{1F469}\u200D\u{1F467}",
  "line one\nline two\r\nline three",
  "\ttabbed\t",
  "   padded   ",
  " ",
  "",
  "<script>alert(1)</script>",
  "five were complete, two were on target",
  "x".repeat(2000),
];

const FORMULA_PREFIXES = ["=", "+", "-", "@", "\u200F", "\u202E", " "];

/**
 * Any text a cell might hold, biased towards the awkward. It does not shrink: a failing plan shrinks by its
 * actions, statuses and dates, which is what the properties are about, and shrinking long text is slow.
 */
export const awkwardText: fc.Arbitrary<string> = fc.noShrink(fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...AWKWARD_TEXTS) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FORMULA_PREFIXES), fc.string({ maxLength: 20 })).map(([p, s]) => p + s) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 200, maxLength: 600 }) },
));

/** The financial years plans are generated for: one ordinary, one holding 29 February. */
export const START_YEARS = [2014, 2015] as const;

export function yearText(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

function isoOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Days where ratings change: each quarter's first and last day, and the days either side. */
function boundaryDates(startYear: number): string[] {
  const ends: [number, number][] = [];
  for (let y = startYear - 1; y <= startYear + 2; y++) for (const m of [0, 3, 6, 9]) ends.push([y, m]);
  return ends.flatMap(([y, m]) => [-1, 0, 1].map((d) => isoOf(new Date(Date.UTC(y, m, 1 + d)))));
}

/** `YYYY-MM-DD`, real calendar days from a year before the plan year to a year after it. */
export function isoDateArb(startYear: number): fc.Arbitrary<string> {
  const from = Date.UTC(startYear - 1, 3, 1);
  const days = Math.round((Date.UTC(startYear + 2, 2, 31) - from) / 86400000);
  return fc.oneof(
    fc.integer({ min: 0, max: days }).map((d) => isoOf(new Date(from + d * 86400000))),
    fc.constantFrom(...boundaryDates(startYear)),
  );
}

/** What a target date cell holds: a date, blank, a UK date typed as text, or words (a deliberate fault). */
export function targetDateArb(startYear: number): fc.Arbitrary<string> {
  const iso = isoDateArb(startYear);
  return fc.oneof(
    { weight: 8, arbitrary: iso },
    { weight: 1, arbitrary: fc.constantFrom("", " ") },
    { weight: 1, arbitrary: iso.map((d) => `${d.slice(8)}/${d.slice(5, 7)}/${d.slice(0, 4)}`) },
    { weight: 1, arbitrary: fc.constantFrom("end of March", "TBC", "Q4", "31/02/2015", "31/03/15", "ongoing") },
  );
}

export function startDateArb(startYear: number): fc.Arbitrary<string | null> {
  return fc.option(isoDateArb(startYear), { nil: null });
}

/** One quarter's update: absent, blank, whitespace, or text. */
export const updateArb: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom("", "  "),
  awkwardText,
  fc.constantFrom("Patrols continue.", "Calls down 8%; on track."),
);

export const updatesArb: fc.Arbitrary<Partial<Record<Quarter, string>>> = fc
  .tuple(updateArb, updateArb, updateArb, updateArb)
  .map((u) => Object.fromEntries(QUARTERS.flatMap((q, i) => (u[i] === undefined ? [] : [[q, u[i]]]))));

/**
 * How actions name their priority, with the priority number each text is meant to find (null: not in the
 * Priorities table). Only these texts are generated, so a test knows each action's priority without the
 * code under test.
 */
export const PRIORITY_REFERENCES: readonly { readonly text: string; readonly no: number | null }[] = [
  ...BASE_SEED.priorities.flatMap((p) => [
    { text: p.name, no: p.no },
    { text: p.name.toUpperCase(), no: p.no },
    { text: `  ${p.name.toLowerCase()} `, no: p.no },
    { text: String(p.no), no: p.no },
    { text: `${p.no}. ${p.name}`, no: p.no },
  ]),
  { text: "Hate crime", no: null },
  { text: "hate crime", no: null },
  { text: "9", no: null },
  { text: "", no: null },
  { text: "=Priorities!B2", no: null },
];

/** The Priorities table's number that a generated action's priority text refers to. */
export function intendedPriority(text: string): number | null {
  const found = PRIORITY_REFERENCES.find((r) => r.text === text);
  if (!found) throw new Error(`not a generated priority text: ${JSON.stringify(text)}`);
  return found.no;
}

const officerArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...BASE_SEED.officers.map((o) => o.name)) },
  { weight: 1, arbitrary: fc.constantFrom(...BASE_SEED.officers.map((o) => ` ${o.name.toUpperCase()}  `)) },
  { weight: 1, arbitrary: fc.constantFrom("", "ASB Co-ordinator", "Nobody Registered") },
  { weight: 1, arbitrary: awkwardText },
);

const agencyArb = fc.oneof(
  fc.constantFrom(...BASE_SEED.officers.map((o) => o.agency)),
  fc.constantFrom("", "Merseyside Fire & Rescue Service"),
  awkwardText,
);

/**
 * Everything about an action that RAG must not depend on: the seed's fields but the ID (made unique later),
 * the dates and the status. Updates cover every quarter; the current quarter's is overwritten where RAG's
 * inputs are fixed.
 */
export interface ActionRest extends Omit<SeedAction, "id" | "startDate" | "targetDate" | "status"> {
  readonly idStyle: "numbered" | "blank" | "awkward";
  readonly awkwardId: string;
}

/** Everything about an action that RAG may depend on, apart from the quarter. */
export interface RagInputs {
  readonly status: SeedAction["status"];
  readonly startDate: string | null;
  readonly targetDate: string;
  /** The current quarter's update; undefined for an absent cell. */
  readonly update: string | undefined;
}

/** Only the priority shrinks: the rest is decoration the properties must see through, and slow to shrink. */
export const restArb: fc.Arbitrary<ActionRest> = fc.record({
  idStyle: fc.noShrink(fc.constantFrom("numbered", "numbered", "numbered", "blank", "awkward")),
  awkwardId: fc.noShrink(fc.oneof(fc.constantFrom("=1.1", "+2.2", "-3", "@4", "1.1 (old)", "A, B", "\u202E1.2"), fc.string({ maxLength: 8 }))),
  priority: fc.constantFrom(...PRIORITY_REFERENCES.map((r) => r.text)),
  action: awkwardText,
  outcome: awkwardText,
  measure: awkwardText,
  leadOfficer: fc.noShrink(officerArb),
  leadAgency: fc.noShrink(agencyArb),
  notes: awkwardText,
  updates: fc.noShrink(updatesArb),
});

export function ragInputsArb(startYear: number, statuses: readonly SeedAction["status"][] = STATUSES): fc.Arbitrary<RagInputs> {
  return fc.record({
    status: fc.constantFrom(...statuses),
    startDate: startDateArb(startYear),
    targetDate: targetDateArb(startYear),
    update: updateArb,
  });
}

/** An action from its RAG inputs and everything else; the ID is made unique later by `uniqueIds`. */
export function actionOf(inputs: RagInputs, rest: ActionRest, quarter: Quarter): SeedAction {
  const updates: Partial<Record<Quarter, string>> = { ...rest.updates };
  delete updates[quarter];
  if (inputs.update !== undefined) updates[quarter] = inputs.update;
  const no = intendedPriority(rest.priority) ?? 9;
  const id = rest.idStyle === "numbered" ? `${no}.` : rest.idStyle === "blank" ? "" : rest.awkwardId;
  return {
    id, priority: rest.priority, action: rest.action, outcome: rest.outcome, measure: rest.measure,
    leadOfficer: rest.leadOfficer, leadAgency: rest.leadAgency, startDate: inputs.startDate, targetDate: inputs.targetDate,
    status: inputs.status, updates, notes: rest.notes,
  };
}

/**
 * IDs unique as the structure rule sees them (trimmed, case-insensitive); blank IDs may repeat.
 * `p.` gets its action number; other IDs that clash get the row number appended.
 */
export function uniqueIds(actions: readonly SeedAction[]): SeedAction[] {
  const seen = new Set<string>();
  const next = new Map<string, number>();
  return actions.map((a, row) => {
    let id = a.id;
    if (/^\d+\.$/.test(id)) {
      const n = (next.get(id) ?? 0) + 1;
      next.set(id, n);
      id = `${id}${n}`;
    }
    const key = () => id.trim().toLowerCase();
    while (key() !== "" && seen.has(key())) id = `${id}#${row}`;
    if (key() !== "") seen.add(key());
    return { ...a, id };
  });
}

export interface PlanShape {
  readonly startYear: number;
  readonly quarter: Quarter;
  readonly name: string;
  readonly priorities: PlanSeed["priorities"];
  /** The statuses this plan's actions use: some plans use only one or two, so "all nine were complete" turns up. */
  readonly statuses: readonly SeedAction["status"][];
}

export const shapeArb: fc.Arbitrary<PlanShape> = fc.record({
  startYear: fc.constantFrom(...START_YEARS),
  quarter: fc.constantFrom(...QUARTERS),
  name: fc.oneof(
    { weight: 4, arbitrary: fc.constant(BASE_SEED.name) },
    { weight: 1, arbitrary: fc.constantFrom("", "  ", "=Plan name", "\u202Epartnership plan", " Safer St.Helens, 2014 plan ") },
  ),
  // The Priorities table in any row order: figures list them by number.
  priorities: fc.shuffledSubarray([...BASE_SEED.priorities], { minLength: BASE_SEED.priorities.length }),
  statuses: fc.oneof(fc.constant([...STATUSES]), fc.subarray([...STATUSES], { minLength: 1, maxLength: 2 })),
});

export function seedOf(shape: PlanShape, actions: readonly SeedAction[]): PlanSeed {
  return {
    ...BASE_SEED,
    name: shape.name,
    year: yearText(shape.startYear),
    currentQuarter: shape.quarter,
    priorities: shape.priorities,
    actions: uniqueIds(actions),
  };
}

/** Actions for a plan of a given shape: 0 to `maxLength` of them, spread over the whole range. */
export function actionsArb(shape: PlanShape, maxLength: number): fc.Arbitrary<SeedAction[]> {
  return fc.array(fc.tuple(ragInputsArb(shape.startYear, shape.statuses), restArb), { maxLength, size: "max" })
    .map((pairs) => pairs.map(([inputs, rest]) => actionOf(inputs, rest, shape.quarter)));
}

/** A plan of 0 to `maxActions` actions. */
export function planSeedArb(maxActions = 60): fc.Arbitrary<PlanSeed> {
  return shapeArb.chain((shape) => actionsArb(shape, maxActions).map((actions) => seedOf(shape, actions)));
}
