import { ELLIPSIS, EXCEL_LIMITS, fitColumnWidth, fitText } from "./excelLimits";
import { SheetCell, SheetContent } from "./layout";

function fitCell(cell: SheetCell): SheetCell {
  return typeof cell.value === "string" && cell.value.length > EXCEL_LIMITS.cellCharacters ? { ...cell, value: fitText(cell.value) } : cell;
}

/**
 * A sheet the tool composes (the quarterly summary), made to fit Excel's limits (src/domain/excelLimits.ts):
 * text longer than a cell holds ends in `…` (the full text stays in the plan, where it came from), at most
 * 16,384 columns a row and 255 characters a column width, and at most 1,048,576 rows, the last saying how many
 * more there were. Content already within the limits comes back unchanged (the same object).
 */
export function fitSheetContent(content: SheetContent): SheetContent {
  const tooLong = (cell: SheetCell) => typeof cell.value === "string" && cell.value.length > EXCEL_LIMITS.cellCharacters;
  const fits = content.rows.length <= EXCEL_LIMITS.rows &&
    content.rows.every((row) => row.length <= EXCEL_LIMITS.columns && !row.some(tooLong)) &&
    content.columnWidths.length <= EXCEL_LIMITS.columns &&
    content.columnWidths.every((w) => fitColumnWidth(w) === w);
  if (fits) return content;
  let rows = content.rows.map((row) => row.slice(0, EXCEL_LIMITS.columns).map(fitCell));
  if (rows.length > EXCEL_LIMITS.rows) {
    const kept = EXCEL_LIMITS.rows - 1;
    rows = [...rows.slice(0, kept), [{ value: `${ELLIPSIS} and ${rows.length - kept} more rows, which do not fit on one sheet.`, style: "text" }]];
  }
  return { ...content, rows, columnWidths: content.columnWidths.slice(0, EXCEL_LIMITS.columns).map(fitColumnWidth) };
}
