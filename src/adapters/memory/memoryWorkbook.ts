import { CellValue, cellText, isBlank } from "../../domain/cells";
import { normaliseHeader } from "../../domain/contract";
import { HEAD_ROWS, isSummarySheetName } from "../../domain/ownedSheets";
import { CellStyle, ChartSpec, ColumnKind, SheetContent, TableSpec } from "../../domain/layout";
import { CellArea, SheetCells } from "../../domain/sheetCells";
import { TableSnapshot, WorkbookSnapshot } from "../../domain/snapshot";
import { idKey, locateIds } from "../../port/keyedRows";
import { ownedTableBody } from "../../port/ownedTable";
import { Change, ChangeSet, SheetReader, WorkbookPort } from "../../port/workbookPort";

export interface MemoryCell {
  value: CellValue;
  style?: CellStyle;
}

export interface MemoryTable {
  name: string;
  top: number;
  left: number;
  width: number;
  /** Data rows. */
  height: number;
  /** Column kinds, when the add-in created the table (validation and formats in a real host). */
  kinds?: ColumnKind[];
}

export interface MemorySheet {
  name: string;
  cells: Map<string, MemoryCell>;
  tables: MemoryTable[];
  columnWidths: number[];
  chart?: ChartSpec;
  /** Merged areas, for adoption tests (the values sit in their top-left cells). */
  merges?: CellArea[];
  /** Solid fill colours (`#RRGGBB`) by `row,column`, for adoption tests. */
  fills?: Map<string, string>;
}

const key = (row: number, column: number) => `${row},${column}`;

/**
 * A workbook held in memory: for tests, and for the browser preview. It behaves like the other adapters
 * where the use-cases can tell: tables, cells, sheet order, and replacing a sheet's contents in place.
 */
export class MemoryWorkbook implements WorkbookPort, SheetReader {
  readonly sheets: MemorySheet[] = [];
  /** How many times `apply` ran: a use-case applies one change set. */
  applyCount = 0;

  addSheet(name: string): MemorySheet {
    if (this.sheet(name)) throw new Error(`A sheet named "${name}" already exists.`);
    const sheet: MemorySheet = { name, cells: new Map(), tables: [], columnWidths: [] };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  getCell(sheetName: string, row: number, column: number): MemoryCell | undefined {
    return this.sheet(sheetName)?.cells.get(key(row, column));
  }

  setCell(sheetName: string, row: number, column: number, value: CellValue, style?: CellStyle): void {
    const sheet = this.sheet(sheetName) ?? this.addSheet(sheetName);
    if (value === null && !style) sheet.cells.delete(key(row, column));
    else sheet.cells.set(key(row, column), style ? { value, style } : { value });
  }

  /** Adds a table with its headers and rows at (top, left) of a sheet, creating the sheet if needed. */
  addTable(sheetName: string, name: string, top: number, left: number, headers: readonly string[], rows: readonly (readonly CellValue[])[], kinds?: ColumnKind[]): MemoryTable {
    const sheet = this.sheet(sheetName) ?? this.addSheet(sheetName);
    if (this.findTable(name)) throw new Error(`A table named "${name}" already exists.`);
    headers.forEach((h, c) => this.setCell(sheet.name, top, left + c, h));
    rows.forEach((row, r) => row.forEach((v, c) => this.setCell(sheet.name, top + 1 + r, left + c, v)));
    const table: MemoryTable = { name, top, left, width: headers.length, height: Math.max(rows.length, 1), kinds };
    sheet.tables.push(table);
    return table;
  }

  findTable(name: string): { sheet: MemorySheet; table: MemoryTable } | undefined {
    for (const sheet of this.sheets) {
      const table = sheet.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
      if (table) return { sheet, table };
    }
    return undefined;
  }

  async read(): Promise<WorkbookSnapshot> {
    const tables: TableSnapshot[] = [];
    for (const sheet of this.sheets) {
      for (const t of sheet.tables) {
        const cell = (r: number, c: number) => sheet.cells.get(key(r, c))?.value ?? null;
        const headers = Array.from({ length: t.width }, (_, c) => String(cell(t.top, t.left + c) ?? ""));
        const rows = Array.from({ length: t.height }, (_, r) => Array.from({ length: t.width }, (_, c) => cell(t.top + 1 + r, t.left + c)));
        tables.push({ name: t.name, sheet: sheet.name, top: t.top, left: t.left, headers, rows });
      }
    }
    const sheetHeads = this.sheets
      .filter((sheet) => isSummarySheetName(sheet.name))
      .map((sheet) => ({ sheet: sheet.name, cells: Array.from({ length: HEAD_ROWS }, (_, r) => sheet.cells.get(key(r, 0))?.value ?? null) }));
    return { sheetNames: this.sheets.map((s) => s.name), tables, sheetHeads };
  }

  /** Keyed writes are located first, so a missing ID refuses the change set before anything is written. */
  /** The sheet's values from A1, with the merged areas and fills a test gave it (`MemorySheet.merges`, `.fills`). */
  async readSheet(name?: string): Promise<SheetCells> {
    const sheet = name === undefined ? this.sheets[0] : this.sheet(name);
    if (!sheet) throw new Error(name === undefined ? "This workbook has no sheets." : `There is no sheet named "${name}".`);
    let rows = 0;
    let columns = 0;
    for (const k of sheet.cells.keys()) {
      const [r, c] = k.split(",").map(Number);
      rows = Math.max(rows, r + 1);
      columns = Math.max(columns, c + 1);
    }
    const grid = <T>(at: (r: number, c: number) => T) => Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => at(r, c)));
    return {
      sheet: sheet.name,
      values: grid((r, c) => sheet.cells.get(key(r, c))?.value ?? null),
      merges: sheet.merges ?? [],
      fills: grid((r, c) => sheet.fills?.get(key(r, c)) ?? null),
      unread: [],
    };
  }

  async apply(changes: ChangeSet): Promise<void> {
    this.applyCount += 1;
    const located = changes.map((change) => (change.kind === "setColumn" || change.kind === "setCells" ? this.locate(change) : undefined));
    changes.forEach((change, i) => this.applyOne(change, located[i]));
  }

  /** The current data row of each ID a keyed change names (WorkbookConflictError if one is gone). */
  private locate(change: Extract<Change, { kind: "setColumn" | "setCells" }>): Map<string, number> {
    const { sheet, table } = this.tableOrThrow(change.table);
    const key = this.columnIndex(sheet, table, change.key);
    const ids = Array.from({ length: table.height }, (_, r) => cellText(this.getCell(sheet.name, table.top + 1 + r, table.left + key)?.value ?? null));
    const wanted = change.kind === "setColumn" ? change.rows.map((r) => r.id) : change.cells.map((c) => c.id);
    return locateIds(table.name, ids, wanted);
  }

  private applyOne(change: Change, rows = new Map<string, number>()): void {
    switch (change.kind) {
      case "setColumn":
        return change.rows.forEach((r) => this.setTableCell(change.table, rows.get(idKey(r.id))!, change.column, r.value));
      case "replaceSheet":
        return this.replaceSheet(change.sheet, change.content);
      case "createTable":
        return this.createTable(change.table);
      case "writeOwnedTable":
        return this.writeOwnedTable(change.table);
      case "setSheetCell":
        if (!this.sheet(change.sheet)) throw new Error(`No sheet named "${change.sheet}".`);
        return this.setCell(change.sheet, change.row, change.column, change.value, this.getCell(change.sheet, change.row, change.column)?.style);
      case "setCells":
        return change.cells.forEach((cell) => this.setTableCell(change.table, rows.get(idKey(cell.id))!, cell.column, cell.value));
      case "renameTable": {
        if (this.findTable(change.name)) throw new Error(`A table named "${change.name}" already exists.`);
        this.tableOrThrow(change.table).table.name = change.name;
        return;
      }
      case "renameColumns": {
        const { sheet, table } = this.tableOrThrow(change.table);
        return change.columns.forEach((c) => this.setCell(sheet.name, table.top, table.left + c.index, c.name, this.getCell(sheet.name, table.top, table.left + c.index)?.style));
      }
      case "addColumns": {
        const { sheet, table } = this.tableOrThrow(change.table);
        for (const column of change.columns) {
          const at = table.left + table.width;
          for (let r = table.top; r <= table.top + table.height; r++) {
            if (this.getCell(sheet.name, r, at)) throw new Error(`Cannot add "${column.header}" to ${table.name}: the cells to its right are not empty.`);
          }
          this.setCell(sheet.name, table.top, at, column.header);
          table.width += 1;
          table.kinds?.push(column.kind);
        }
        return;
      }
    }
    const unknown: never = change;
    throw new Error(`Unknown change ${JSON.stringify(unknown)}`);
  }

  private tableOrThrow(name: string): { sheet: MemorySheet; table: MemoryTable } {
    const found = this.findTable(name);
    if (!found) throw new Error(`No table named ${name}.`);
    return found;
  }

  private columnIndex(sheet: MemorySheet, table: MemoryTable, column: string): number {
    const index = Array.from({ length: table.width }, (_, c) => String(this.getCell(sheet.name, table.top, table.left + c)?.value ?? ""))
      .findIndex((h) => normaliseHeader(h) === normaliseHeader(column));
    if (index < 0) throw new Error(`The ${table.name} table has no "${column}" column.`);
    return index;
  }

  private setTableCell(tableName: string, row: number, column: string, value: string | Date | null): void {
    const { sheet, table } = this.tableOrThrow(tableName);
    if (row < 0 || row >= table.height) throw new Error(`${tableName} has no data row ${row}.`);
    const at = [table.top + 1 + row, table.left + this.columnIndex(sheet, table, column)] as const;
    this.setCell(sheet.name, at[0], at[1], value instanceof Date ? value : isBlank(value) ? null : value, this.getCell(sheet.name, at[0], at[1])?.style);
  }

  /**
   * A table the tool owns, written whole (port: writeOwnedTable): created as createTable where missing;
   * else its data rows become the spec's, from its first data row, and the cells of rows it no longer
   * covers are emptied (their looks kept). Its name, place, header row and kinds stay.
   */
  private writeOwnedTable(spec: TableSpec): void {
    const found = this.findTable(spec.name);
    if (!found) return this.createTable(spec);
    const { sheet, table } = found;
    const headers = Array.from({ length: table.width }, (_, c) => String(this.getCell(sheet.name, table.top, table.left + c)?.value ?? ""));
    const body = ownedTableBody(spec, headers);
    const height = Math.max(table.height, body.length);
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < table.width; c++) {
        const at = [table.top + 1 + r, table.left + c] as const;
        const value = body[r]?.[c] ?? null;
        this.setCell(sheet.name, at[0], at[1], isBlank(value) ? null : value, this.getCell(sheet.name, at[0], at[1])?.style);
      }
    }
    table.height = body.length;
  }

  private replaceSheet(name: string, content: SheetContent): void {
    const sheet = this.sheet(name) ?? this.addSheet(name);
    sheet.cells.clear();
    sheet.tables = [];
    sheet.columnWidths = [...content.columnWidths];
    sheet.chart = content.chart;
    content.rows.forEach((row, r) => row.forEach((c, col) => {
      if (c.value !== null || c.style) this.setCell(sheet.name, r, col, c.value, c.style);
    }));
  }

  private createTable(spec: TableSpec): void {
    if (this.sheet(spec.sheet)) throw new Error(`A sheet named "${spec.sheet}" already exists.`);
    this.addTable(spec.sheet, spec.name, 0, 0, spec.columns.map((c) => c.header), spec.rows, spec.columns.map((c) => c.kind));
    this.sheet(spec.sheet)!.columnWidths = spec.columns.map((c) => c.width);
  }

  /** Every sheet's cells in order, as plain data: two workbooks are the same when their dumps are equal. */
  /** A copy of everything, so two dumps taken at different times can be compared. */
  dump(): unknown {
    return this.sheets.map((s) => ({
      name: s.name,
      tables: s.tables.map((t) => ({ ...t, kinds: t.kinds && [...t.kinds] })),
      columnWidths: [...s.columnWidths],
      chart: s.chart ? { ...s.chart } : null,
      cells: [...s.cells.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([at, cell]) => [at, { ...cell }]),
    }));
  }
}
