import type { Alignment, Borders, Cell, Fill, Font, Worksheet } from "exceljs";
import { CellStyle } from "../../domain/layout";
import { RagRating, RAG_RATINGS } from "../../domain/rag";
import { RAG_COLOURS } from "../../domain/ragColours";

const HEADER_FILL: Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
const THIN_TOP: Partial<Borders> = { top: { style: "thin" } };

interface Look {
  font?: Partial<Font>;
  fill?: Fill;
  alignment?: Partial<Alignment>;
  numFmt?: string;
  border?: Partial<Borders>;
}

const LOOKS: Record<Exclude<CellStyle, "rag">, Look> = {
  title: { font: { bold: true, size: 16 } },
  subtitle: { font: { bold: true, size: 11 } },
  heading: { font: { bold: true, size: 13 } },
  header: { font: { bold: true }, fill: HEADER_FILL, alignment: { wrapText: true, vertical: "top" } },
  text: {},
  wrap: { alignment: { wrapText: true, vertical: "top" } },
  number: { numFmt: "0" },
  percent: { numFmt: "0.0%" },
  totalLabel: { font: { bold: true }, border: THIN_TOP },
  totalNumber: { font: { bold: true }, numFmt: "0", border: THIN_TOP },
  totalPercent: { font: { bold: true }, numFmt: "0.0%", border: THIN_TOP },
};

export function ragLook(rating: RagRating): { font: Partial<Font>; fill: Fill } {
  const c = RAG_COLOURS[rating];
  return { font: { bold: true, color: { argb: `FF${c.text}` } }, fill: { type: "pattern", pattern: "solid", fgColor: { argb: `FF${c.fill}` }, bgColor: { argb: `FF${c.fill}` } } };
}

export function styleCell(cell: Cell, style: CellStyle | undefined, value: unknown): void {
  if (!style) return;
  if (style === "rag") {
    if (typeof value === "string" && (RAG_RATINGS as readonly string[]).includes(value)) {
      const look = ragLook(value as RagRating);
      cell.font = look.font;
      cell.fill = look.fill;
    }
    return;
  }
  const look = LOOKS[style];
  if (look.font) cell.font = look.font;
  if (look.fill) cell.fill = look.fill;
  if (look.alignment) cell.alignment = look.alignment;
  if (look.numFmt) cell.numFmt = look.numFmt;
  if (look.border) cell.border = look.border;
}

/** Colours RAG words in a column with conditional formats (expression rules: ExcelJS writes `containsText` incompletely). */
export function addRagColouring(sheet: Worksheet, ref: string, firstCell: string): void {
  sheet.addConditionalFormatting({
    ref,
    rules: RAG_RATINGS.map((rating, i) => ({
      type: "expression" as const,
      priority: i + 1,
      formulae: [`${firstCell}="${rating}"`],
      style: ragLook(rating),
    })),
  });
}
