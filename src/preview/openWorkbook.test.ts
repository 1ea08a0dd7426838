import { readFileSync } from "fs";
import { join } from "path";
import { ExcelJsWorkbook } from "../adapters/exceljs/excelJsWorkbook";
import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { openWorkbookFile } from "./openWorkbook";

const FIXTURE = join(__dirname, "..", "..", "test", "fixtures", "real-layouts", "merged_refs.xlsx");

function bytesOf(path: string): ArrayBuffer {
  const buffer = readFileSync(path);
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
}

describe("opening a workbook file in the preview", () => {
  it("replaces the in-memory workbook with the file's sheets, cells, merges, fills and tables", async () => {
    const memory = new MemoryWorkbook();
    memory.addSheet("Sheet1");
    const names = await openWorkbookFile(memory, bytesOf(FIXTURE));
    const file = await ExcelJsWorkbook.load(readFileSync(FIXTURE));
    const snapshot = await file.read();
    expect(names).toEqual(snapshot.sheetNames);
    expect(memory.sheets.map((s) => s.name)).toEqual(snapshot.sheetNames);
    for (const name of names) expect(await memory.readSheet(name)).toEqual(await file.readSheet(name));
    expect((await memory.read()).tables.map((t) => t.name)).toEqual(snapshot.tables.map((t) => t.name));
  });

  it("leaves the workbook as it was when the file cannot be read", async () => {
    const memory = new MemoryWorkbook();
    memory.setCell("Sheet1", 0, 0, "kept");
    const before = JSON.stringify(memory.dump());
    await expect(openWorkbookFile(memory, new TextEncoder().encode("not a workbook").buffer as ArrayBuffer)).rejects.toThrow();
    expect(JSON.stringify(memory.dump())).toBe(before);
  });
});
