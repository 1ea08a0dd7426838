import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { SheetCells } from "../domain/sheetCells";
import { TableSnapshot } from "../domain/snapshot";

/**
 * Replaces the preview's in-memory workbook with an .xlsx file's sheets: values from A1, merged areas, fill
 * colours and tables (so both Adopt this sheet and Adopt an existing table can be tried on a real file).
 * The file is read whole before anything is replaced, so a file that cannot be read leaves the workbook as
 * it was. Returns the sheet names, in order.
 */
export async function openWorkbookFile(memory: MemoryWorkbook, bytes: ArrayBuffer): Promise<string[]> {
  // ExcelJS is large: fetched only when someone opens a file, so the preview's first script stays small.
  const { ExcelJsWorkbook } = await import(/* webpackChunkName: "exceljs" */ "../adapters/exceljs/excelJsWorkbook");
  // ExcelJS's load takes an ArrayBuffer in the browser as well as a Buffer in Node.
  const file = await ExcelJsWorkbook.load(bytes as unknown as Buffer);
  const snapshot = await file.read();
  const sheets: SheetCells[] = [];
  for (const name of snapshot.sheetNames) sheets.push(await file.readSheet(name));
  if (sheets.length === 0) throw new Error("The file holds no sheets.");

  memory.sheets.splice(0, memory.sheets.length);
  for (const cells of sheets) {
    const sheet = memory.addSheet(cells.sheet);
    cells.values.forEach((row, r) => row.forEach((value, c) => value !== null && memory.setCell(cells.sheet, r, c, value)));
    sheet.merges = [...cells.merges];
    const fills = new Map<string, string>();
    cells.fills?.forEach((row, r) => row.forEach((fill, c) => fill && fills.set(`${r},${c}`, fill)));
    sheet.fills = fills;
  }
  snapshot.tables.forEach((table: TableSnapshot) => {
    // A table whose header row is turned off keeps its place; the memory workbook always shows the header.
    memory.sheet(table.sheet)?.tables.push({ name: table.name, top: table.top, left: table.left, width: table.headers.length, height: Math.max(table.rows.length, 1) });
  });
  return sheets.map((s) => s.sheet);
}
