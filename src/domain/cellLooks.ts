import { CellStyle } from "./layout";
import { RagRating, RAG_RATINGS } from "./rag";
import { RAG_COLOURS } from "./ragColours";

/**
 * How a cell of the tool's own sheets looks, without any host: each host that writes files (ExcelJS, the
 * command line's file host) turns a look into its own formats, so their sheets are formatted alike.
 * Colours are `RRGGBB`. `wrap` wraps text and aligns it to the top of the cell.
 */
export interface CellLook {
  readonly bold?: boolean;
  /** Font size in points. */
  readonly size?: number;
  readonly colour?: string;
  /** A solid fill. */
  readonly fill?: string;
  readonly wrap?: boolean;
  /** An Excel number format code, e.g. `0.0%`. */
  readonly numFmt?: string;
  /** A thin line above the cell (a totals row). */
  readonly topBorder?: boolean;
}

/** The pale blue of table headers. */
export const HEADER_FILL = "D9E1F2";

const LOOKS: Record<Exclude<CellStyle, "rag">, CellLook> = {
  title: { bold: true, size: 16 },
  subtitle: { bold: true, size: 11 },
  heading: { bold: true, size: 13 },
  header: { bold: true, fill: HEADER_FILL, wrap: true },
  text: {},
  wrap: { wrap: true },
  number: { numFmt: "0" },
  percent: { numFmt: "0.0%" },
  totalLabel: { bold: true, topBorder: true },
  totalNumber: { bold: true, numFmt: "0", topBorder: true },
  totalPercent: { bold: true, numFmt: "0.0%", topBorder: true },
};

/** A RAG word's look: bold, in the rating's text colour on its fill (src/domain/ragColours.ts, 3:1 contrast). */
export function ragLook(rating: RagRating): CellLook {
  const c = RAG_COLOURS[rating];
  return { bold: true, colour: c.text, fill: c.fill };
}

/**
 * The look of a cell of this style holding this value; undefined for no formatting (no style, plain text,
 * or a `rag` cell whose value is not a RAG word).
 */
export function lookOf(style: CellStyle | undefined, value: unknown): CellLook | undefined {
  if (!style || style === "text") return undefined;
  if (style === "rag") return typeof value === "string" && (RAG_RATINGS as readonly string[]).includes(value) ? ragLook(value as RagRating) : undefined;
  return LOOKS[style];
}
