import { Quarter, Status } from "./contract";

/** The contents of a new plan workbook: what `init` writes (empty lists for a blank plan). */
export interface PlanSeed {
  readonly name: string;
  /** Financial year, `2014/15`. */
  readonly year: string;
  readonly currentQuarter: Quarter;
  readonly priorities: readonly { readonly no: number; readonly name: string }[];
  readonly officers: readonly SeedOfficer[];
  readonly actions: readonly SeedAction[];
  /**
   * Performance indicators (issue 15): written as the Indicators sheet and table when present (empty: the
   * header and one blank row); absent, no Indicators sheet, as for a plan adopted from an existing sheet.
   */
  readonly indicators?: readonly SeedIndicator[];
}

/** One row of the Indicators table as set-up writes it; each value is the cell (null for blank). */
export interface SeedIndicator {
  readonly indicator: string;
  readonly priority: string;
  readonly unit: "number" | "%";
  readonly direction: "lower is better" | "higher is better";
  readonly baselineYear: string;
  readonly baseline: number | null;
  /** A value, or a change against baseline as text: `-5%`. */
  readonly target: number | string | null;
  /** `5%` (relative to target) or a number (absolute). */
  readonly tolerance: number | string | null;
  readonly values: Partial<Record<Quarter, number>>;
  readonly valuesAre: "cumulative" | "per quarter";
  readonly leadOfficer: string;
  readonly source: string;
}

export interface SeedOfficer {
  readonly name: string;
  readonly agency: string;
  readonly email: string;
  readonly active: boolean;
}

export interface SeedAction {
  readonly id: string;
  /** The priority's name, as in the Priorities table. */
  readonly priority: string;
  readonly action: string;
  readonly outcome: string;
  readonly measure: string;
  readonly leadOfficer: string;
  readonly leadAgency: string;
  /** `YYYY-MM-DD`, written as a date cell; null for blank. */
  readonly startDate: string | null;
  /** `YYYY-MM-DD` is written as a date cell; any other text is written as text (a deliberate fault). */
  readonly targetDate: string;
  readonly status: Status;
  readonly updates: Partial<Record<Quarter, string>>;
  /** Holds the removal reason for `Removed` actions. */
  readonly notes: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function shiftDate(text: string, years: number): string {
  const m = ISO.exec(text);
  if (!m) return text;
  const year = Number(m[1]) + years;
  // 29 February moves to 28 February in a year without it.
  const day = m[2] === "02" && m[3] === "29" && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? "28" : m[3];
  return `${year}-${m[2]}-${day}`;
}

/** The same plan moved whole years later (or earlier): dates, the plan year and dates in updates' cells. */
export function shiftSeed(seed: PlanSeed, startYear: number): PlanSeed {
  const from = Number(seed.year.slice(0, 4));
  const years = startYear - from;
  if (years === 0) return seed;
  return {
    ...seed,
    year: `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`,
    actions: seed.actions.map((a) => ({
      ...a,
      startDate: a.startDate === null ? null : shiftDate(a.startDate, years),
      targetDate: shiftDate(a.targetDate, years),
    })),
  };
}

/** A plan with no actions, officers, priorities or indicators yet (an empty Indicators table is written). */
export function blankSeed(name: string, year: string, currentQuarter: Quarter): PlanSeed {
  return { name, year, currentQuarter, priorities: [], officers: [], actions: [], indicators: [] };
}
