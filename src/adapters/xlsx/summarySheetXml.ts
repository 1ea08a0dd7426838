import { a1, columnLetter } from "../../domain/cells";
import { PrintSettings, SheetContent } from "../../domain/layout";
import { StyleAppender } from "./stylesXml";
import { valueCellXml } from "./sheetXml";
import { escapeXstring } from "./xml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/**
 * A sheet of the tool's (a quarter's summary) as worksheet XML: values from A1, formats from `styles`, column
 * widths, merged cells (a cell `across` several columns). Text is written as inline strings, always as text, never as a formula; numbers as numbers.
 * The file host cannot draw `content.chart`: files carry the table it is drawn from (as with ExcelJS).
 */
export function summarySheetXml(content: SheetContent, styles: StyleAppender): string {
  const rows: string[] = [];
  let lastRow = 0;
  let lastColumn = 0;
  const merges: string[] = [];
  content.rows.forEach((cells, r) => {
    const parts: string[] = [];
    cells.forEach((cell, c) => {
      if ((cell.across ?? 1) > 1) merges.push(`<mergeCell ref="${a1(r, c)}:${a1(r, c + cell.across! - 1)}"/>`);
      const text = valueCellXml("", r, c, cell.value, styles.styleFor(cell.style, cell.value), false);
      if (!text) return;
      lastColumn = Math.max(lastColumn, c);
      parts.push(text);
    });
    if (parts.length === 0) return;
    lastRow = r;
    const height = content.rowHeights?.[r];
    rows.push(`<row r="${r + 1}"${height ? ` ht="${height}" customHeight="1"` : ""}>${parts.join("")}</row>`);
  });
  const print = content.print;
  const cols = content.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
    // Without fitToPage, Excel and LibreOffice ignore pageSetup's fitToWidth (ECMA-376 Part 1, §18.3.1.65).
    (print?.onePageWide ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "") +
    `<dimension ref="A1:${columnLetter(lastColumn)}${lastRow + 1}"/>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : "") +
    `<sheetData>${rows.join("")}</sheetData>` +
    // After sheetData, before pageMargins (CT_Worksheet, ECMA-376 Part 1, §18.3.1.99).
    (merges.length > 0 ? `<mergeCells count="${merges.length}">${merges.join("")}</mergeCells>` : "") +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    pageSetupXml(print) +
    `</worksheet>`
  );
}

/**
 * The page set-up and footer elements, in the order CT_Worksheet requires (pageMargins, pageSetup, headerFooter;
 * ECMA-376 Part 1, §18.3.1.99). fitToHeight 0 means as many pages tall as needed (§18.3.1.63).
 */
export function pageSetupXml(print: PrintSettings | undefined): string {
  if (!print) return "";
  const fit = print.onePageWide ? ` fitToWidth="1" fitToHeight="0"` : "";
  const setup = `<pageSetup orientation="${print.orientation}"${fit}/>`;
  const footer = print.footer ? `<headerFooter><oddFooter>&amp;C${escapeXstring(print.footer)}</oddFooter></headerFooter>` : "";
  return setup + footer;
}

/** The print titles' defined name's formula: `'Sheet'!$1:$1`, or undefined when no rows repeat. */
export function printTitlesFormula(sheet: string, print: PrintSettings | undefined): string | undefined {
  if (!print || print.repeatRows <= 0) return undefined;
  return `'${sheet.replace(/'/g, "''")}'!$1:$${print.repeatRows}`;
}
