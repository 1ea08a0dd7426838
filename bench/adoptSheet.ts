/* The adoption benchmark's sheet: a plan of N rows kept the way partnerships keep them (a title and prose
   above the header, section rows, UK text dates, their own status words). */
import ExcelJS from "exceljs";
import { CellValue } from "../src/domain/cells";
import { SheetCells } from "../src/domain/sheetCells";

const STATUSES = ["Done", "In progress", "Behind schedule", "Not Started"];

/** Rows of the sheet from A1: two lines above the header, a section row every 50 actions. */
export function layoutRows(actions: number): CellValue[][] {
  const rows: CellValue[][] = [
    ["Community safety action plan 2015/16", null, null, null, null, null],
    ["Reviewed by the delivery group each quarter.", null, null, null, null, null],
    ["Ref", "Action", "Owner", "Deadline", "Status", "Measure of success"],
  ];
  for (let i = 0; i < actions; i++) {
    if (i % 50 === 0) rows.push([`Objective ${i / 50 + 1}: reduce harm in area ${i / 50 + 1}`, null, null, null, null, null]);
    const day = String((i % 28) + 1).padStart(2, "0");
    rows.push([`${Math.floor(i / 50) + 1}.${(i % 50) + 1}`, `Deliver activity ${i + 1} with partners in the area`, `Officer ${i % 40}`, `${day}/03/2016`, STATUSES[i % 4], `Measure ${i + 1} down 5%`]);
  }
  return rows;
}

/** The same rows as a host would hand them to the adopter. */
export function layoutCells(actions: number): SheetCells {
  return { sheet: "Plan", values: layoutRows(actions), merges: [], fills: undefined, unread: [] };
}

/** The same rows as an .xlsx file's bytes. */
export async function layoutFile(actions: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Plan").addRows(layoutRows(actions));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
