import ExcelJS from "exceljs";
import { RollupSheetSpec, RollupWorkbookSpec } from "../../domain/rollupSheet";
import { SheetCell } from "../../domain/layout";
import { rowHeight } from "../../domain/printLayout";
import { styleCell } from "./excelJsStyles";
import { setPrint } from "./excelJsWorkbook";

function writeRow(sheet: ExcelJS.Worksheet, rowNumber: number, cells: readonly SheetCell[]): void {
  const row = sheet.getRow(rowNumber);
  cells.forEach((c, col) => {
    if (c.value === null && !c.style) return;
    const cell = row.getCell(col + 1);
    cell.value = c.value;
    styleCell(cell, c.style, c.value);
  });
}

function writeSheet(workbook: ExcelJS.Workbook, spec: RollupSheetSpec): void {
  const sheet = workbook.addWorksheet(spec.sheet, { views: [{ state: "frozen", ySplit: spec.above.length + 1 }] });
  spec.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  spec.above.forEach((cells, r) => writeRow(sheet, r + 1, cells));
  const top = spec.above.length + 1;
  if (spec.rows.length === 0) {
    writeRow(sheet, top, [{ value: spec.empty, style: "text" }]);
  } else {
    sheet.addTable({
      name: spec.table,
      ref: `A${top}`,
      headerRow: true,
      totalsRow: false,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: spec.columns.map((c) => ({ name: c.header, filterButton: true })),
      rows: spec.rows.map((r) => [...r]),
    });
    // Neither Excel nor LibreOffice fits rows to wrapped text when a file opens: the heights are set here.
    const widths = spec.columns.map((c) => c.width);
    spec.rows.forEach((values, r) => {
      const row = sheet.getRow(top + 1 + r);
      spec.columns.forEach((c, i) => styleCell(row.getCell(i + 1), c.style, values[i]));
      const height = rowHeight(values.map((value, i) => ({ value, wraps: spec.columns[i].style === "wrap" })), widths);
      if (height) row.height = height;
    });
    const header = sheet.getRow(top);
    spec.columns.forEach((_, i) => (header.getCell(i + 1).alignment = { wrapText: true, vertical: "top" }));
    const headerHeight = rowHeight(spec.columns.map((c) => ({ value: c.header, wraps: true })), widths);
    if (headerHeight) header.height = headerHeight;
  }
  const below = top + Math.max(1, spec.rows.length + 1);
  spec.below.forEach((cells, r) => writeRow(sheet, below + r, cells));
  setPrint(sheet, spec.print);
}

/**
 * The roll-up workbook's bytes (.xlsx), written with ExcelJS from the domain's description
 * (src/domain/rollupSheet.ts): each sheet's lines, its Excel table below them (rows styled by column) and
 * the lines under the table, outside it, with its print settings.
 */
export async function rollupWorkbookBytes(spec: RollupWorkbookSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of spec.sheets) writeSheet(workbook, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
