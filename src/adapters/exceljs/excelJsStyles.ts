import type { Cell, Fill, Font, Worksheet } from "exceljs";
import { CellLook, lookOf, ragLook as ragCellLook } from "../../domain/cellLooks";
import { CellStyle } from "../../domain/layout";
import { RagRating, RAG_RATINGS } from "../../domain/rag";

/** A look's font and fill as ExcelJS models them (conditional formats take just these two). */
function fontAndFill(look: CellLook): { font?: Partial<Font>; fill?: Fill } {
  const font: Partial<Font> = {
    ...(look.bold ? { bold: true } : {}),
    ...(look.size ? { size: look.size } : {}),
    ...(look.colour ? { color: { argb: `FF${look.colour}` } } : {}),
  };
  const fill: Fill | undefined = look.fill ? { type: "pattern", pattern: "solid", fgColor: { argb: `FF${look.fill}` }, bgColor: { argb: `FF${look.fill}` } } : undefined;
  return { ...(Object.keys(font).length > 0 ? { font } : {}), ...(fill ? { fill } : {}) };
}

export function ragLook(rating: RagRating): { font: Partial<Font>; fill: Fill } {
  return fontAndFill(ragCellLook(rating)) as { font: Partial<Font>; fill: Fill };
}

/** Formats a cell with its style's look (src/domain/cellLooks.ts). */
export function styleCell(cell: Cell, style: CellStyle | undefined, value: unknown): void {
  const look = lookOf(style, value);
  if (!look) return;
  const { font, fill } = fontAndFill(look);
  if (font) cell.font = font;
  if (fill) cell.fill = fill;
  if (look.wrap || look.top) cell.alignment = { ...(look.wrap ? { wrapText: true } : {}), ...(look.top ? { vertical: "top" as const } : {}) };
  if (look.numFmt) cell.numFmt = look.numFmt;
  if (look.topBorder) cell.border = { top: { style: "thin" } };
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
