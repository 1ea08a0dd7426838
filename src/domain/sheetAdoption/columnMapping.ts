import { cellText, CellValue } from "../cells";
import { ACTION_COLUMNS, ActionColumn, normaliseHeader } from "../contract";
import { HEADER_SYNONYMS } from "../adoption";

/**
 * Header words plans use beyond the table adopter's synonyms (issue 11's list: `Tasks`, `Owner`,
 * `Delivery Led By`, `Who by?`, `When?`, `End Date`, `Timescale`, `Task Status`, `Complete Y/N`, `R/A/G`…),
 * normalised by `headerKey`.
 */
const MORE_SYNONYMS: Partial<Record<ActionColumn, readonly string[]>> = {
  id: ["id", "ref", "refs", "ref no", "action ref", "action id", "no"],
  priority: ["objective", "objectives", "priority", "priorities", "theme", "area for improvement", "improvement area", "strand", "workstream", "outcome area", "aim"],
  action: ["tasks", "task", "task name", "what", "actions", "action", "action required", "actions required", "description", "activity", "activities"],
  outcome: ["outcome", "outcomes", "expected outcome", "intended outcome", "desired outcome"],
  measure: ["measure of success", "measures of success", "success measure", "success measures", "success criteria", "performance measure", "how will we know", "evidence"],
  leadOfficer: [
    "owner", "delivery led by", "led by", "lead officer / agency", "lead officer/agency", "lead agency / officer", "lead agency/officer", "sponsor",
    "who by", "who", "lead", "lead officer", "nominated lead officer", "responsible officer", "responsibility", "assigned to", "action owner", "officer",
  ],
  leadAgency: ["lead agency", "agency", "lead organisation", "organisation", "partner", "lead partner"],
  startDate: ["start date", "start", "date started"],
  targetDate: ["when", "by when", "end date", "timescale", "timescales", "target completion date", "target date", "deadline", "due date", "due", "completion date", "target", "date due"],
  status: ["status", "delivery status", "task status", "progress status", "current status", "complete y/n", "completed y/n", "complete", "completed", "rag", "r/a/g", "rag status", "rag rating"],
  notes: ["notes", "comments", "comment", "note"],
};

/**
 * Headers that name a column only where nothing plainer does: `Para Ref` is the ID unless a `No` or `Ref`
 * column is there, `Recommendation` the action unless an `Action` column is.
 */
const WEAK_SYNONYMS: Partial<Record<ActionColumn, readonly string[]>> = {
  id: ["para ref", "paragraph ref", "para", "item", "#", "item no"],
  action: ["recommendation", "recommendations", "deliverable", "deliverables", "intervention", "interventions", "initiative", "initiatives"],
  targetDate: ["date"],
};

/** A header as matched: lower case, wrapped lines and padding folded to single spaces, `?`, `:` and `*` dropped. */
export function headerKey(value: CellValue): string {
  return normaliseHeader(cellText(value).replace(/[?:*]/g, " ")).replace(/\s*\/\s*/g, "/").replace(/\s+\./g, ".");
}

/** The header as shown to the user: wrapped lines joined by a space. */
export function headerText(value: CellValue): string {
  return cellText(value).replace(/\s+/g, " ").trim();
}

/** How sure a match is: the contract's own name or a listed synonym beats a header that only contains one. */
export interface HeaderMatch {
  readonly column: ActionColumn;
  /** True for the contract's name or a listed synonym (rank 0 to 2), false for a contained word (rank 3). */
  readonly exact: boolean;
  /** 0 the contract's own name, 1 a synonym, 2 a weak synonym, 3 a contained word: lower wins a column. */
  readonly rank: 0 | 1 | 2 | 3;
  readonly why: string;
}

const KEYS = Object.keys(ACTION_COLUMNS) as ActionColumn[];
const syn = (k: ActionColumn) => new Set([...HEADER_SYNONYMS[k], ...(MORE_SYNONYMS[k] ?? [])].map((s) => s.replace(/\s*\/\s*/g, "/")));
const SYNONYMS = new Map(KEYS.map((k) => [k, syn(k)] as const));
const WEAK = new Map(KEYS.map((k) => [k, new Set(WEAK_SYNONYMS[k] ?? [])] as const));

/** Contained words, in order of precedence, for headers no list names (`Nominated lead officer`). */
const CONTAINS: readonly (readonly [RegExp, ActionColumn])[] = [
  [/\b(complete|completed)\s*(y\/n|\(y\/n\)|yes\/no)/, "status"],
  [/\bstatus\b|\br\/?a\/?g\b/, "status"],
  [/\blead (officer|person)\b|\bowner\b|\bresponsible\b|\bled by\b/, "leadOfficer"],
  [/\b(agency|organisation|partner)\b/, "leadAgency"],
  [/\bstart\b/, "startDate"],
  [/\b(target|completion|end|due) date\b|\bdeadline\b|\btimescales?\b|\bby when\b/, "targetDate"],
  [/\bmeasures?\b|\bsuccess\b|\bindicators?\b/, "measure"],
  [/\boutcomes?\b/, "outcome"],
  [/\bobjectives?\b|\bpriorit(y|ies)\b|\btheme\b/, "priority"],
  [/\bactions?\b|\btasks?\b/, "action"],
  [/\bcomments?\b|\bnotes?\b/, "notes"],
];

/** The contract column a header stands for, by name, synonym or a word it contains; undefined when none. */
export function matchHeader(value: CellValue): HeaderMatch | undefined {
  const key = headerKey(value);
  if (!key) return undefined;
  for (const k of KEYS) {
    if (normaliseHeader(ACTION_COLUMNS[k]) === key) return { column: k, exact: true, rank: 0, why: `the contract's ${ACTION_COLUMNS[k]}` };
  }
  for (const k of KEYS) {
    if (SYNONYMS.get(k)!.has(key)) return { column: k, exact: true, rank: 1, why: `synonym of ${ACTION_COLUMNS[k]}` };
  }
  for (const k of KEYS) {
    if (WEAK.get(k)!.has(key)) return { column: k, exact: true, rank: 2, why: `taken as ${ACTION_COLUMNS[k]} (no plainer header names it)` };
  }
  for (const [pattern, k] of CONTAINS) {
    if (pattern.test(key)) return { column: k, exact: false, rank: 3, why: `contains a word for ${ACTION_COLUMNS[k]}` };
  }
  return undefined;
}

/** True for headers that hold a RAG rating or completion flag rather than a status word. */
export function isRagHeader(value: CellValue): boolean {
  return /^(rag|r\/a\/g|rag status|rag rating)$/.test(headerKey(value));
}

export function isYesNoHeader(value: CellValue): boolean {
  return /\b(y\/n|yes\/no)\b|^(complete|completed|done)$/.test(headerKey(value));
}
