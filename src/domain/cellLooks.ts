import { CellStyle } from "./layout";
import { RagRating, RAG_RATINGS } from "./rag";
import { RAG_COLOURS } from "./ragColours";

/**
 * How a cell of the tool's own sheets looks, without any host: each host that writes files (ExcelJS, the
 * command line's file host) turns a look into its own formats, so their sheets are formatted alike.
 * Colours are `RRGGBB`. Every look of the tool's is aligned to the top of its cell (`top`), so that an ID or
 * a RAG word sits level with the first line of the wrapped text beside it in a tall row; `wrap` wraps text.
 */
export interface CellLook {
  readonly bold?: boolean;
  /** Font size in points. */
  readonly size?: number;
  readonly colour?: string;
  /** A solid fill. */
  readonly fill?: string;
  readonly wrap?: boolean;
  /** Aligned to the top of the cell (vertical alignment top), not Excel's default bottom. */
  readonly top?: boolean;
  /** An Excel number format code, e.g. `0.0%`. */
  readonly numFmt?: string;
  /** A thin line above the cell (a totals row). */
  readonly topBorder?: boolean;
}

/** The pale blue of table headers. */
export const HEADER_FILL = "D9E1F2";

const LOOKS: Record<Exclude<CellStyle, "rag">, CellLook> = {
  title: { bold: true, size: 16, top: true },
  subtitle: { bold: true, size: 11, top: true },
  heading: { bold: true, size: 13, top: true },
  header: { bold: true, fill: HEADER_FILL, wrap: true, top: true },
  text: { top: true },
  wrap: { wrap: true, top: true },
  number: { numFmt: "0", top: true },
  percent: { numFmt: "0.0%", top: true },
  totalLabel: { bold: true, topBorder: true, top: true },
  totalNumber: { bold: true, numFmt: "0", topBorder: true, top: true },
  totalPercent: { bold: true, numFmt: "0.0%", topBorder: true, top: true },
};

/** A cell of the tool's with no other look: top-aligned only (a `rag` cell whose value is not a RAG word). */
const PLAIN: CellLook = { top: true };

/** A RAG word's look: bold, in the rating's text colour on its fill (src/domain/ragColours.ts, 3:1 contrast). */
export function ragLook(rating: RagRating): CellLook {
  const c = RAG_COLOURS[rating];
  return { bold: true, colour: c.text, fill: c.fill, top: true };
}

/**
 * The look of a cell of this style holding this value; undefined for a cell with no style (left as the
 * workbook's default). Plain text and a `rag` cell whose value is not a RAG word are top-aligned only.
 */
export function lookOf(style: CellStyle | undefined, value: unknown): CellLook | undefined {
  if (!style) return undefined;
  if (style === "rag") return typeof value === "string" && (RAG_RATINGS as readonly string[]).includes(value) ? ragLook(value as RagRating) : PLAIN;
  return LOOKS[style];
}

/** A stable key for a look, so hosts can share one format among the cells that look alike. */
export function lookKey(look: CellLook): string {
  return JSON.stringify(Object.keys(look).sort().map((k) => [k, look[k as keyof CellLook]]));
}
