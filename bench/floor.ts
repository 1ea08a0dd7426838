/* The floor the command line is measured against: ExcelJS loading and saving the same file, nothing else. */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";

async function main(): Promise<void> {
  const [input, output] = process.argv.slice(2);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await fs.readFile(input)) as unknown as ArrayBuffer);
  await fs.writeFile(output, Buffer.from(await workbook.xlsx.writeBuffer()));
}

void main();
