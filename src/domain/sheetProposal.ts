import { ActionColumn, Quarter, Status } from "./contract";
import { Finding } from "./findings";
import { PlanSeed } from "./planSeed";

/**
 * What adopting one sheet would do, for the user to review before anything is written (issue: "Bring in
 * the plans people already keep"). Made by `proposeSheetAdoption` (src/domain/sheetAdoption/) from a sheet's
 * raw cells; nothing is guessed silently: every mapping, conversion and skipped row is here.
 */
export interface SheetProposal {
  readonly sheet: string;
  /**
   * Zero-based row of the header (the first one, where the header repeats under sections); -1 when no row
   * looks like a header (then an `adopt.header.not-found` error finding says so and there is no seed).
   */
  readonly headerRow: number;
  /** Every column of the header row, and what it becomes. */
  readonly columns: readonly ProposedColumn[];
  /** Every row below the header, and what it was taken as. */
  readonly rows: readonly ProposedRow[];
  /** Each distinct status word or fill colour found, how many actions carry it, and the status proposed. */
  readonly statuses: readonly ProposedStatus[];
  /** Date cells and text converted, or kept as text, with what was done. */
  readonly dates: readonly ProposedDate[];
  /** Notes for the user in the SMART style: a month-only date taken as its last day, a generated ID… */
  readonly findings: readonly Finding[];
  /** What the host could not read (from SheetCells.unread). */
  readonly unread: readonly string[];
  /** Status values (or colours) nobody has mapped yet: while any remain, the plan cannot be written. */
  readonly unmapped: readonly string[];
  /**
   * The plan to write in the contract's structure, once every status is mapped; undefined while `unmapped`
   * is not empty. Extra columns (an old reference kept beside a generated ID, further lead officers) are in
   * `extraColumns`, with each action's values in `extra`.
   */
  readonly seed: AdoptedSeed | undefined;
}

/** A plan seed with the columns adoption keeps beyond the contract's. */
export interface AdoptedSeed extends PlanSeed {
  /** Headers of extra columns, written after the contract's columns, e.g. `Original reference`. */
  readonly extraColumns: readonly string[];
  /** For each action (same order as `actions`), its values for `extraColumns`. */
  readonly extra: readonly (readonly string[])[];
}

export interface ProposedColumn {
  /** Zero-based sheet column. */
  readonly column: number;
  /** The header as written (wrapped lines joined by a space); "" for a blank header. */
  readonly header: string;
  /** The contract column it maps to; null when it is kept only as an extra column or dropped. */
  readonly mapsTo: ActionColumn | null;
  /** Why, in words: "synonym of Lead officer", "blank header over IDs", "status carried as fill colour"… */
  readonly why: string;
}

export type RowKind = "action" | "section" | "repeatedHeader" | "blank" | "note";

export interface ProposedRow {
  /** Zero-based sheet row. */
  readonly row: number;
  readonly kind: RowKind;
  /** For a section row, the priority it starts; for a note, its text (shortened). */
  readonly text?: string;
  /** For an action, the ID it will have. */
  readonly id?: string;
}

export interface ProposedStatus {
  /** The value as found (`Done`, `Green (C)`, `Y`) or, for a colour-only status, `fill #0070C0`. */
  readonly value: string;
  /** How many actions carry it. */
  readonly count: number;
  /** The contract status proposed (or chosen by the user); null when nobody has mapped it. */
  readonly status: Status | null;
  /**
   * Why that status, in words: "chosen by you", "a word for Complete", "yes in a completion column",
   * "blue fill", "the legend's colour for Complete"… (added by the domain adopter; optional).
   */
  readonly why?: string;
}

export interface ProposedDate {
  /** A1 reference of the cell. */
  readonly cell: string;
  readonly from: string;
  /** `YYYY-MM-DD` when converted; null when kept as text. */
  readonly to: string | null;
  /** What was done: "date cell", "UK date text", "month only: last day of the month", "kept as text". */
  readonly how: string;
}

/** What the user says when adopting: the plan's year and quarter, and any status mappings they chose. */
export interface SheetAdoptionOptions {
  readonly name?: string;
  /** Financial year `2015/16`. */
  readonly year: string;
  readonly currentQuarter: Quarter;
  /** Status mappings chosen by the user, by value as found (case-insensitive), overriding proposals. */
  readonly statusMap?: Readonly<Record<string, Status>>;
}
