import { CellValue, cellText, isBlank, isCellError } from "./cells";
import { INDICATOR_COLUMNS, INDICATORS, IndicatorColumn, normaliseHeader, Quarter, QUARTERS } from "./contract";
import { MappedTable, mapColumns } from "./plan";
import { findTable, WorkbookSnapshot } from "./snapshot";

/**
 * Performance indicators (issue 15, part 1): the optional `Indicators` table read leniently, each cell kept
 * as what it says so that the rules (indicatorRag.ts, indicatorChecks.ts) decide what is wrong with it.
 */

/** `number` (a count, such as burglaries) or `%` (a rate, such as the MARAC repeat rate, in per cent: 25 is 25%). */
export type IndicatorUnit = "number" | "%";
export type Direction = "lower is better" | "higher is better";
export type ValuesAre = "cumulative" | "per quarter";

/** A numeric cell: blank, a number, or text that is not one. */
export type NumberReading =
  | { readonly kind: "blank" }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "invalid"; readonly text: string };

/**
 * The Target cell: a value for the year (`5,500`, or `23.5` for a % indicator), or a change against the
 * baseline in per cent of the baseline (`-5%`, `+3%`: the sign is required, so `5%` on a number indicator is
 * invalid, and on a % indicator is the value 5).
 */
export type TargetReading =
  | { readonly kind: "blank" }
  | { readonly kind: "value"; readonly value: number }
  | { readonly kind: "change"; readonly percent: number }
  | { readonly kind: "invalid"; readonly text: string };

/**
 * The Tolerance cell: `5%` is relative (5% of the target value, worse than target, is still Amber); a plain
 * number is absolute, in the indicator's unit, for the year (pro-rated like the target for counts).
 */
export type ToleranceReading =
  | { readonly kind: "blank" }
  | { readonly kind: "relative"; readonly percent: number }
  | { readonly kind: "absolute"; readonly value: number }
  | { readonly kind: "invalid"; readonly text: string };

/** One non-blank row of the Indicators table. */
export interface Indicator {
  /** Zero-based index among the table's data rows. */
  readonly row: number;
  readonly name: string;
  readonly priority: string;
  readonly unitText: string;
  /** Blank reads as `number`; undefined when the text is neither. */
  readonly unit: IndicatorUnit | undefined;
  readonly directionText: string;
  readonly direction: Direction | undefined;
  readonly baselineYear: string;
  readonly baseline: NumberReading;
  readonly target: TargetReading;
  readonly tolerance: ToleranceReading;
  readonly values: Readonly<Record<Quarter, NumberReading>>;
  readonly valuesAreText: string;
  /** Blank reads as `cumulative`; undefined when the text is neither. */
  readonly valuesAre: ValuesAre | undefined;
  readonly leadOfficer: string;
  readonly source: string;
}

export interface IndicatorTable {
  readonly mapped: MappedTable<IndicatorColumn>;
  readonly indicators: readonly Indicator[];
}

const NUMBER = /^([+-]?)(\d+(?:\.\d+)?|\.\d+)(%?)$/;

/** Number text as people type it: `6,358`, ` 5.4 `, `25%`; the sign and the per cent sign reported apart. */
function parseNumberText(text: string): { sign: string; value: number; percent: boolean } | undefined {
  const m = NUMBER.exec(text.replace(/[,\s]/g, ""));
  if (!m) return undefined;
  return { sign: m[1], value: Number(m[2]) * (m[1] === "-" ? -1 : 1), percent: m[3] === "%" };
}

/** A value cell: a number, or text holding one (`6,358`, `25%` reads as 25). Errors and other text are invalid. */
export function readNumber(value: CellValue | undefined): NumberReading {
  if (isBlank(value)) return { kind: "blank" };
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", value } : { kind: "invalid", text: String(value) };
  const text = isCellError(value ?? null) ? cellText(value) : cellText(value).trim();
  const parsed = typeof value === "string" ? parseNumberText(text) : undefined;
  return parsed ? { kind: "number", value: parsed.value } : { kind: "invalid", text };
}

/** The Target cell as {@link TargetReading} says; `unit` decides what unsigned `25%` means. */
export function readTarget(value: CellValue | undefined, unit: IndicatorUnit | undefined): TargetReading {
  if (isBlank(value)) return { kind: "blank" };
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "value", value } : { kind: "invalid", text: String(value) };
  const text = cellText(value).trim();
  const parsed = typeof value === "string" ? parseNumberText(text) : undefined;
  if (!parsed) return { kind: "invalid", text };
  if (parsed.percent && parsed.sign !== "") return { kind: "change", percent: parsed.value };
  if (parsed.percent && unit !== "%") return { kind: "invalid", text };
  return { kind: "value", value: parsed.value };
}

/** The Tolerance cell as {@link ToleranceReading} says; negative tolerances are invalid. */
export function readTolerance(value: CellValue | undefined): ToleranceReading {
  if (isBlank(value)) return { kind: "blank" };
  if (typeof value === "number") return value >= 0 && Number.isFinite(value) ? { kind: "absolute", value } : { kind: "invalid", text: String(value) };
  const text = cellText(value).trim();
  const parsed = typeof value === "string" ? parseNumberText(text) : undefined;
  if (!parsed || parsed.value < 0) return { kind: "invalid", text };
  return parsed.percent ? { kind: "relative", percent: parsed.value } : { kind: "absolute", value: parsed.value };
}

function readUnit(text: string): IndicatorUnit | undefined {
  const t = normaliseHeader(text);
  if (t === "" || t === "number" || t === "count") return "number";
  if (t === "%" || t === "percent" || t === "per cent" || t === "percentage" || t === "rate (%)") return "%";
  return undefined;
}

function readDirection(text: string): Direction | undefined {
  const t = normaliseHeader(text);
  if (t === "lower is better" || t === "lower") return "lower is better";
  if (t === "higher is better" || t === "higher") return "higher is better";
  return undefined;
}

function readValuesAre(text: string): ValuesAre | undefined {
  const t = normaliseHeader(text);
  if (t === "" || t === "cumulative" || t === "year to date") return "cumulative";
  if (t === "per quarter" || t === "quarterly" || t === "in quarter") return "per quarter";
  return undefined;
}

/**
 * The workbook's Indicators table (issue 15), or undefined when it has none: a plan without indicators
 * behaves exactly as before. Blank rows are skipped; nothing here fails.
 */
export function readIndicators(snapshot: WorkbookSnapshot): IndicatorTable | undefined {
  const table = findTable(snapshot, INDICATORS.table);
  if (!table) return undefined;
  const mapped = mapColumns(table, INDICATOR_COLUMNS);
  const indicators: Indicator[] = [];
  table.rows.forEach((values, row) => {
    if (values.every(isBlank)) return;
    const value = (key: IndicatorColumn): CellValue => (mapped.columns[key] === undefined ? null : (values[mapped.columns[key]!] ?? null));
    const text = (key: IndicatorColumn): string => cellText(value(key)).trim();
    const unitText = text("unit");
    const unit = readUnit(unitText);
    const valuesAreText = text("valuesAre");
    indicators.push({
      row,
      name: text("indicator"),
      priority: text("priority"),
      unitText,
      unit,
      directionText: text("direction"),
      direction: readDirection(text("direction")),
      baselineYear: text("baselineYear"),
      baseline: readNumber(value("baseline")),
      target: readTarget(value("target"), unit),
      tolerance: readTolerance(value("tolerance")),
      values: Object.fromEntries(QUARTERS.map((q) => [q, readNumber(value(q.toLowerCase() as IndicatorColumn))])) as Record<Quarter, NumberReading>,
      valuesAreText,
      valuesAre: readValuesAre(valuesAreText),
      leadOfficer: text("leadOfficer"),
      source: text("source"),
    });
  });
  return { mapped, indicators };
}

/**
 * An indicator's amount as the committee reads it: thousands separated (`6,358`), at most two decimal
 * places (`237.5`), a % indicator's with its sign (`24.5%`). No words for one to nine: these are measures.
 */
export function formatAmount(value: number, unit: IndicatorUnit = "number"): string {
  const rounded = Math.round(Math.abs(value) * 100) / 100;
  const [whole, fraction] = String(rounded).split(".");
  const text = `${value < 0 && rounded !== 0 ? "-" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction ? `.${fraction}` : ""}`;
  return unit === "%" ? `${text}%` : text;
}

/** The indicator's name as a sentence uses it mid-way: `domestic burglary`, but `ASB calls for service` and `MARAC repeat rate` kept. */
export function nameInSentence(name: string): string {
  const first = name.split(/\s+/)[0] ?? "";
  return first.length > 1 && first === first.toUpperCase() ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * True when a % indicator's value looks like Excel's fraction for a per cent: a cell typed as `24%` holds
 * 0.24 (shown 24% by its format, which the tool does not read), while the indicator's baseline or target,
 * written as numbers of per cent, are 1 or more. Such a value would be rated as 0.24%, so it is not rated
 * and `check` names the cell (issue 15).
 */
export function looksLikeFraction(ind: Indicator, value: number): boolean {
  if (ind.unit !== "%" || value <= 0 || value >= 1) return false;
  const scale = [ind.baseline.kind === "number" ? ind.baseline.value : undefined, ind.target.kind === "value" ? ind.target.value : undefined];
  return scale.some((v) => v !== undefined && v >= 1);
}
