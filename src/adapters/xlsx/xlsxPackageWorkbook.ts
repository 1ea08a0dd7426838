import { CellValue, cellText } from "../../domain/cells";
import { normaliseHeader } from "../../domain/contract";
import { SheetContent, TableSpec } from "../../domain/layout";
import { HEAD_ROWS, isSummarySheetName } from "../../domain/ownedSheets";
import { areaOf, CellArea, SheetCells } from "../../domain/sheetCells";
import { TableSnapshot, WorkbookSnapshot } from "../../domain/snapshot";
import { WorkbookConflictError } from "../../port/errors";
import { idKey, locateIds } from "../../port/keyedRows";
import { ownedTableBody } from "../../port/ownedTable";
import { ChangeSet, SheetReader, WorkbookPort } from "../../port/workbookPort";
import { DEFAULT_LIMITS, PreflightLimits, SheetSize } from "../exceljs/xlsxPreflight";
import { CONTENT_TYPES, isType, OpcPackage, PartEdit, REL, relsPartOf, relType, WORKSHEET_CONTENT_TYPE } from "./opcPackage";
import { ownedTableSheetXml, rewriteTableRows, setTableRef, TABLE_CONTENT_TYPE, tablePartXml, tableRef, tableSheetRelsXml } from "./ownedTableXml";
import { CellDecoder, CellWrite, CellWrites, dateSerial, readSharedStrings, scanSheet, SheetScan, SharedFormulaProblem, writeSheetCells } from "./sheetXml";
import { readStyleBook, StyleAppender, StyleBook } from "./stylesXml";
import { printTitlesFormula, summarySheetXml } from "./summarySheetXml";
import { escapeXml, prefixOf, scanXml, XmlElement } from "./xml";

/** A sheet listed in the workbook part. */
interface SheetEntry {
  readonly name: string;
  readonly sheetId: number;
  readonly relId: string;
  /** The worksheet part (undefined for a chart sheet or a dangling relationship). */
  readonly part: string | undefined;
  readonly state: string;
}

/** A table as its part describes it; rows and columns zero-based, `bottom` the last data row. */
interface TablePlace {
  readonly name: string;
  readonly sheet: SheetEntry;
  readonly part: string;
  readonly headerRow: boolean;
  readonly top: number;
  readonly left: number;
  readonly right: number;
  readonly bottom: number;
  readonly columnNames: readonly string[];
}

interface Book {
  readonly part: string;
  readonly sheets: readonly SheetEntry[];
  readonly date1904: boolean;
  /** Review → Protect Workbook with Structure: sheets may not be added. */
  readonly lockStructure: boolean;
  /** A password to modify (File → Save As → Tools → General Options). */
  readonly passwordToModify: boolean;
}

const STYLES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
/** The least a styles part holds (ECMA-376 Part 1, §18.8.39): one font, the two fills Excel reserves, one border, one format. */
const MINIMAL_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** Elements that follow calcPr in a workbook part (ECMA-376 Part 1, §18.2.28), where one must be added before them. */
const AFTER_CALC_PR = new Set(["oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"]);

/** A change this host does not make: creating or reshaping the user's tables is left to the ExcelJS host (init, adopt). */
export class UnsupportedChangeError extends Error {
  constructor(kind: string) {
    super(`The file host does not make "${kind}" changes.`);
    this.name = "UnsupportedChangeError";
  }
}

/**
 * The workbook port over an .xlsx package, for the command line (issue 12, "A file host that loses
 * nothing"). Reads only the parts a use-case needs (the workbook, the sheets holding tables, shared strings
 * and styles, and for adoption the chosen sheet), streaming each through saxes without expanding declared
 * ranges (validation, merges, conditional formats) into cells. Writes only what the tool owns: the cells it
 * is asked to write (spliced into the sheet's own XML), its own sheets, formats it adds to the styles part,
 * and the entries that list sheets (workbook, its relationships, content types). Every other part is copied
 * byte for byte, so charts, pivot tables, slicers, macros, labels, comments and drop-downs survive.
 *
 * Errors: PreflightError for a file past the limits or not a workbook; XmlProblem for a part that is not
 * XML; WorkbookConflictError when a keyed write finds its action gone or a sheet cannot be replaced;
 * UnsupportedChangeError for table changes other than writeOwnedTable (made by the ExcelJS host).
 */
export class XlsxPackageWorkbook implements WorkbookPort, SheetReader {
  /** True once a change set has changed something. */
  private edited = false;
  private bookCache: Book | undefined;
  private tablesCache: TablePlace[] | undefined;
  private decoderCache: (CellDecoder & StyleBook) | undefined;
  private styles: StyleAppender | undefined;
  /** Each table as last read, by name in lower case: keyed writes find their rows in it. */
  private readonly tableRows = new Map<string, TableSnapshot>();
  /** Sheet parts read that are protected (Review → Protect Sheet). */
  private readonly protectedParts = new Set<string>();

  private constructor(private pkg: OpcPackage, private readonly limits: PreflightLimits) {
  }

  /** Counts rows and cells of the sheets one read parses; merged and validated ranges are never expanded here. */
  private sheetSize(): SheetSize {
    return new SheetSize({ maxRows: this.limits.maxRows, maxCells: this.limits.maxCells, maxMergedCells: Infinity, maxValidatedCells: Infinity });
  }

  /** Opens a package: its directory is checked against `limits` now; parts are read when needed. */
  static open(bytes: Buffer, limits: PreflightLimits = DEFAULT_LIMITS): XlsxPackageWorkbook {
    const pkg = OpcPackage.open(bytes, limits);
    const workbook = new XlsxPackageWorkbook(pkg, limits);
    workbook.book();
    return workbook;
  }

  /**
   * True when the workbook has a password to modify: Excel opens it read-only without the password, so the
   * command line does not write it in place either (a copy, `--out`, is what Excel's Save As would give).
   */
  get passwordToModify(): boolean {
    return this.book().passwordToModify;
  }

  /** True once a change set has changed something. */
  get changed(): boolean {
    return this.edited;
  }

  /** The package as it now is: parts no change set touched byte for byte as they were read. */
  toBytes(): Buffer {
    return this.pkg.bytes;
  }

  // -------------------------------------------------------------------------------------------
  // Reading
  // -------------------------------------------------------------------------------------------

  /** A part's text as the change set being planned has it: its latest edit, else the package's own. */
  private latest(edits: ReadonlyMap<string, PartEdit>, part: string): string {
    const edit = edits.get(this.pkg.nameOf(part));
    const text = typeof edit === "string" ? edit : this.pkg.text(part);
    if (text === undefined) throw new Error(`This workbook has no part "${part}".`);
    return text;
  }

  /** Plans a part's new text (or its removal), under the name the zip spells it with, so later edits see it. */
  private setPart(edits: Map<string, PartEdit>, part: string, edit: PartEdit): void {
    edits.set(this.pkg.nameOf(part), edit);
  }

  private book(): Book {
    if (this.bookCache) return this.bookCache;
    const part = this.pkg.workbookPart();
    const xml = this.pkg.text(part)!;
    const targets = new Map(this.pkg.relationships(part).map((r) => [r.id, r]));
    const sheets: SheetEntry[] = [];
    let date1904 = false;
    let lockStructure = false;
    let passwordToModify = false;
    const on = (value: string | undefined) => value === "1" || value === "true";
    scanXml(xml, part, {
      open: (e) => {
        if (e.name === "workbookPr") date1904 = on(e.attributes.date1904);
        if (e.name === "workbookProtection") lockStructure = on(e.attributes.lockStructure);
        if (e.name === "fileSharing") passwordToModify = e.attributes.reservationPassword !== undefined || e.attributes.hashValue !== undefined;
        if (e.name !== "sheet" || e.depth !== 2) return;
        // `r:id`, whatever prefix the workbook binds to the relationships namespace.
        const relId = Object.entries(e.attributes).find(([key]) => key.endsWith(":id"))?.[1] ?? "";
        const target = targets.get(relId);
        const part = target && isType(target, REL.worksheet) && this.pkg.has(target.target) ? this.pkg.nameOf(target.target) : undefined;
        sheets.push({ name: e.attributes.name ?? "", sheetId: Number(e.attributes.sheetId ?? 0), relId, part, state: e.attributes.state ?? "visible" });
      },
    });
    return (this.bookCache = { part, sheets, date1904, lockStructure, passwordToModify });
  }

  private decoder(): CellDecoder & StyleBook {
    if (this.decoderCache) return this.decoderCache;
    const rels = this.pkg.relationships(this.book().part);
    const stringsPart = rels.find((r) => isType(r, REL.sharedStrings) && !r.external)?.target;
    const stylesPart = rels.find((r) => isType(r, REL.styles) && !r.external)?.target;
    const stringsXml = stringsPart ? this.pkg.text(stringsPart) : undefined;
    const sharedStrings = stringsXml === undefined ? [] : readSharedStrings(stringsXml, stringsPart!);
    if (stringsPart) this.pkg.forget(stringsPart);
    const book = readStyleBook(stylesPart ? this.pkg.text(stylesPart) : undefined, stylesPart ?? "styles");
    return (this.decoderCache = { ...book, sharedStrings, date1904: this.book().date1904 });
  }

  private tables(): TablePlace[] {
    if (this.tablesCache) return this.tablesCache;
    const tables: TablePlace[] = [];
    for (const sheet of this.book().sheets) {
      if (!sheet.part) continue;
      for (const rel of this.pkg.relationships(sheet.part)) {
        if (!isType(rel, REL.table) || rel.external || !this.pkg.has(rel.target)) continue;
        const place = this.readTable(sheet, this.pkg.nameOf(rel.target));
        if (place) tables.push(place);
      }
    }
    return (this.tablesCache = tables);
  }

  private readTable(sheet: SheetEntry, part: string): TablePlace | undefined {
    const xml = this.pkg.text(part)!;
    let attributes: Record<string, string> | undefined;
    const columnNames: string[] = [];
    scanXml(xml, part, {
      open: (e) => {
        if (e.depth === 0 && e.name === "table") attributes = { ...e.attributes };
        else if (e.name === "tableColumn" && e.depth === 2) columnNames.push(e.attributes.name ?? "");
      },
    });
    const area = attributes?.ref ? areaOf(attributes.ref) : undefined;
    if (!attributes || !area) return undefined;
    const headerRow = attributes.headerRowCount !== "0";
    const totals = Number(attributes.totalsRowCount ?? 0) > 0 ? 1 : 0;
    return {
      name: attributes.displayName ?? attributes.name ?? "",
      sheet,
      part,
      headerRow,
      top: headerRow ? area.top : area.top - 1,
      left: area.left,
      right: area.right,
      bottom: area.bottom - totals,
      columnNames,
    };
  }

  /** Scans one sheet's cells inside `areas`, counting its rows and cells against the limits first. */
  private scanAreas(sheet: SheetEntry, areas: readonly CellArea[], size: SheetSize, onCell: (row: number, column: number, value: CellValue) => void): SheetScan {
    const part = sheet.part!;
    const xml = this.pkg.text(part) ?? "";
    size.add(Buffer.from(xml), sheet.name);
    const inside = (row: number, column: number) => areas.some((a) => row >= a.top && row <= a.bottom && column >= a.left && column <= a.right);
    const scan = scanSheet(xml, part, this.decoder(), (cell) => onCell(cell.row, cell.column, cell.value), inside);
    if (scan.protected) this.protectedParts.add(part);
    this.pkg.forget(part);
    return scan;
  }

  /**
   * Gives every cell of a merged area inside a table the value of the area's top-left cell, as ExcelJS read
   * them (a priority merged down over two actions belongs to both). A top-left cell outside the table is
   * looked up with one more pass over the sheet.
   */
  private spreadMerges(sheet: SheetEntry, merges: readonly string[], own: readonly TablePlace[], grids: Map<TablePlace, CellValue[][]>, size: SheetSize): void {
    const areas = merges.flatMap((m) => areaOf(m) ?? []).filter((a) => own.some((t) => overlaps(a, t)));
    if (areas.length === 0) return;
    const masters = new Map<string, CellValue>();
    const outside: CellArea[] = [];
    for (const a of areas) {
      const table = own.find((t) => within(a.top, a.left, t));
      if (table) masters.set(`${a.top},${a.left}`, grids.get(table)![a.top - table.top][a.left - table.left]);
      else outside.push({ top: a.top, left: a.left, bottom: a.top, right: a.left });
    }
    if (outside.length > 0) this.scanAreas(sheet, outside, size, (row, column, value) => masters.set(`${row},${column}`, value));
    for (const a of areas) {
      const value = masters.get(`${a.top},${a.left}`) ?? null;
      for (const t of own) {
        const grid = grids.get(t)!;
        for (let r = Math.max(a.top, t.top); r <= Math.min(a.bottom, t.bottom); r++) {
          for (let c = Math.max(a.left, t.left); c <= Math.min(a.right, t.right); c++) grid[r - t.top][c - t.left] = value;
        }
      }
    }
  }

  async read(): Promise<WorkbookSnapshot> {
    // The bytes do not change under a file host: one read serves until this host writes.
    this.snapshot ??= this.readSnapshot();
    return this.snapshot;
  }

  private snapshot: WorkbookSnapshot | undefined;

  private readSnapshot(): WorkbookSnapshot {
    const { sheets } = this.book();
    const tables = this.tables();
    const grids = new Map<TablePlace, CellValue[][]>();
    for (const t of tables) grids.set(t, Array.from({ length: Math.max(0, t.bottom - t.top) + 1 }, () => new Array<CellValue>(t.right - t.left + 1).fill(null)));
    const headSheets = sheets.filter((s) => s.part && isSummarySheetName(s.name));
    const heads = new Map(headSheets.map((s) => [s, new Array<CellValue>(HEAD_ROWS).fill(null)]));

    const size = this.sheetSize();
    for (const sheet of sheets) {
      const own = tables.filter((t) => t.sheet === sheet);
      const head = heads.get(sheet);
      if (own.length === 0 && !head) continue;
      const areas: CellArea[] = own.map((t) => ({ top: Math.max(0, t.top), left: t.left, bottom: t.bottom, right: t.right }));
      if (head) areas.push({ top: 0, left: 0, bottom: HEAD_ROWS - 1, right: 0 });
      const scan = this.scanAreas(sheet, areas, size, (row, column, value) => {
        if (head && column === 0 && row < HEAD_ROWS) head[row] = value;
        for (const t of own) if (within(row, column, t)) grids.get(t)![row - t.top][column - t.left] = value;
      });
      this.spreadMerges(sheet, scan.merges, own, grids, size);
    }

    const snapshots: TableSnapshot[] = tables.map((t) => {
      const grid = grids.get(t)!;
      const headers = t.headerRow ? grid[0].map((h) => (h === null ? "" : cellText(h))) : t.columnNames.map((n) => n);
      const rows = grid.slice(1);
      const snapshot = { name: t.name, sheet: t.sheet.name, top: t.top, left: t.left, headers, rows };
      return t.headerRow ? snapshot : { ...snapshot, headerRowHidden: true };
    });
    this.tableRows.clear();
    for (const t of snapshots) this.tableRows.set(t.name.toLowerCase(), t);
    const sheetHeads = headSheets.map((s) => ({ sheet: s.name, cells: heads.get(s)! }));
    return { sheetNames: sheets.map((s) => s.name), tables: snapshots, sheetHeads };
  }

  /** The sheet's values from A1, its merged areas (within the values) and its solid fills. */
  async readSheet(name?: string): Promise<SheetCells> {
    const sheets = this.book().sheets.filter((s) => s.part);
    const sheet = name === undefined ? sheets[0] : sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!sheet) throw new Error(name === undefined ? "This workbook has no sheets." : `There is no sheet named "${name}".`);
    const cells: { row: number; column: number; value: CellValue; style: number }[] = [];
    const part = sheet.part!;
    const xml = this.pkg.text(part) ?? "";
    this.sheetSize().add(Buffer.from(xml), sheet.name);
    const scan = scanSheet(xml, part, this.decoder(), (cell) => cells.push(cell));
    this.pkg.forget(part);
    const decoder = this.decoder();
    let rows = 0;
    let columns = 0;
    // The used range as Office.js gives it (`getUsedRange(true)`): cells with values, not cells only formatted.
    for (const c of cells) {
      if (c.value === null || c.value === "") continue;
      rows = Math.max(rows, c.row + 1);
      columns = Math.max(columns, c.column + 1);
    }
    const values = Array.from({ length: rows }, () => new Array<CellValue>(columns).fill(null));
    const fills = Array.from({ length: rows }, () => new Array<string | null>(columns).fill(null));
    let themed = false;
    for (const c of cells) {
      if (c.row >= rows || c.column >= columns) continue;
      values[c.row][c.column] = c.value;
      const fill = decoder.fillOf(c.style);
      if (fill === "theme") themed = true;
      else fills[c.row][c.column] = fill;
    }
    // Merged areas clipped to the cells there are: a merge declared over whole columns costs nothing.
    const merges = scan.merges.flatMap((m) => areaOf(m) ?? []).flatMap((a) => {
      const clipped = { top: a.top, left: a.left, bottom: Math.min(a.bottom, rows - 1), right: Math.min(a.right, columns - 1) };
      return clipped.bottom >= clipped.top && clipped.right >= clipped.left ? [clipped] : [];
    });
    return { sheet: sheet.name, values, merges, fills, unread: themed ? ["fill colours chosen from the theme palette"] : [] };
  }

  // -------------------------------------------------------------------------------------------
  // Writing
  // -------------------------------------------------------------------------------------------

  /**
   * Sheets added by the change set being applied, in order: a change set may add two (the first summary and
   * the Status History), and each needs its own sheetId and tab position, which the workbook part as read
   * does not yet show.
   */
  private added: { name: string; sheetId: number }[] = [];

  /** The 0-based tab position the next added sheet takes. */
  private nextSheetPosition(): number {
    return this.book().sheets.length + this.added.length;
  }

  async apply(changes: ChangeSet): Promise<void> {
    this.added = [];
    if (this.tableRows.size === 0 && changes.some((c) => c.kind === "setColumn" || c.kind === "setCells" || c.kind === "writeOwnedTable")) await this.read();
    // Everything is worked out before anything is kept, so a refusal leaves the package as it was.
    const writes = new Map<string, Map<number, Map<number, CellWrite>>>();
    const owned: TableSpec[] = [];
    const write = (part: string, row: number, column: number, value: string | Date | null) => {
      const rows = writes.get(part) ?? new Map<number, Map<number, CellWrite>>();
      writes.set(part, rows);
      const cells = rows.get(row) ?? new Map<number, CellWrite>();
      rows.set(row, cells);
      // A date: its serial with a dd/mm/yyyy format added to the styles part (once).
      cells.set(column, value instanceof Date ? { number: dateSerial(value, this.book().date1904), style: this.styleAppender().dateStyle() } : value);
    };
    const replacements: { sheet: string; content: SheetContent }[] = [];
    for (const change of changes) {
      switch (change.kind) {
        case "setColumn":
        case "setCells": {
          const entries = change.kind === "setColumn" ? change.rows.map((r) => ({ id: r.id, column: change.column, value: r.value })) : change.cells;
          const { table, place, rows } = this.locate(change.table, change.key, entries.map((e) => e.id));
          const indexes = new Map<string, number>();
          for (const entry of entries) {
            const index = indexes.get(entry.column) ?? this.columnIndex(table, entry.column);
            indexes.set(entry.column, index);
            write(place.sheet.part!, place.top + 1 + rows.get(idKey(entry.id))!, place.left + index, entry.value);
          }
          break;
        }
        case "setSheetCell": {
          const sheet = this.book().sheets.find((s) => s.name.toLowerCase() === change.sheet.toLowerCase());
          if (!sheet?.part) throw new Error(`No sheet named "${change.sheet}".`);
          write(sheet.part, change.row, change.column, change.value);
          break;
        }
        case "replaceSheet":
          replacements.push({ sheet: change.sheet, content: change.content });
          break;
        case "writeOwnedTable":
          owned.push(change.table);
          break;
        default:
          throw new UnsupportedChangeError(change.kind);
      }
    }

    const edits = new Map<string, PartEdit>();
    let dropCalcChain = false;
    for (const part of writes.keys()) this.refuseIfProtected(part);
    for (const [part, rows] of writes) {
      try {
        const result = writeSheetCells(this.pkg.text(part)!, part, rows as CellWrites);
        this.setPart(edits, part, result.xml);
        dropCalcChain ||= result.formulasReplaced;
      } catch (error) {
        if (error instanceof SharedFormulaProblem) throw new WorkbookConflictError(`${error.message} Nothing was written.`);
        throw error;
      }
    }
    for (const r of replacements) this.replaceSheet(r.sheet, r.content, edits);
    for (const spec of owned) this.writeOwnedTable(spec, edits);
    if (dropCalcChain) this.dropCalcChain(edits);
    // Formulas over what was written (a COUNTIF of the RAG column, StatusHistory[RAG]) show new results.
    if (writes.size > 0 || owned.length > 0) this.recalculateOnLoad(edits);
    if (this.styles?.changed) this.saveStyles(this.styles.toXml(), edits);
    if (edits.size === 0) return;
    // The package is saved and opened again, so a later read or change set sees this one (the parts it did
    // not touch are still their original bytes: saving copies them as stored).
    const saved = this.pkg.save(edits);
    // What this host wrote is not held to the limits for what users send (a summary packs down far).
    const unlimited = { ...this.limits, maxFileBytes: Infinity, maxUncompressedBytes: Infinity, maxPartBytes: Infinity, maxCompressionRatio: Infinity };
    this.pkg = OpcPackage.open(Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength), unlimited);
    this.edited = true;
    this.bookCache = undefined;
    this.tablesCache = undefined;
    this.decoderCache = undefined;
    this.styles = undefined;
    this.snapshot = undefined;
    this.tableRows.clear();
    this.protectedParts.clear();
  }

  /** Refuses, before anything is written, to write on a protected sheet: Excel would refuse too. */
  private refuseIfProtected(part: string): void {
    if (!this.protectedParts.has(part)) return;
    const sheet = this.book().sheets.find((s) => s.part === part)?.name ?? part;
    throw new WorkbookConflictError(`The sheet "${sheet}" is protected (Review → Unprotect Sheet in Excel), so the tool cannot write on it. Nothing was written: unprotect it, then try again.`);
  }

  /**
   * Asks Excel to recalculate every formula when it next opens the file (calcPr fullCalcOnLoad, ECMA-376
   * Part 1, §18.2.2): formulas that count the RAG column (a dashboard's COUNTIF) would otherwise show the
   * results they had before the tool wrote new ratings.
   */
  private recalculateOnLoad(edits: Map<string, PartEdit>): void {
    const part = this.book().part;
    const xml = this.latest(edits, part);
    let calcPr: XmlElement | undefined;
    let before: XmlElement | undefined;
    let root: XmlElement | undefined;
    scanXml(xml, part, {
      open: (e) => {
        if (e.depth === 0) root = e;
        else if (e.depth === 1 && e.name === "calcPr") calcPr = e;
        else if (e.depth === 1 && !before && AFTER_CALC_PR.has(e.name)) before = e;
      },
    });
    let next: string;
    if (calcPr) {
      if (calcPr.attributes.fullCalcOnLoad === "1" || calcPr.attributes.fullCalcOnLoad === "true") return;
      const tag = xml.slice(calcPr.start, calcPr.openEnd);
      const updated = /\sfullCalcOnLoad\s*=\s*["'][^"']*["']/.test(tag)
        ? tag.replace(/(\sfullCalcOnLoad\s*=\s*)["'][^"']*["']/, '$1"1"')
        : tag.replace(/\s*(\/?>)$/, ' fullCalcOnLoad="1"$1');
      next = xml.slice(0, calcPr.start) + updated + xml.slice(calcPr.openEnd);
    } else {
      const at = before ? before.start : xml.lastIndexOf("<", root!.end - 1);
      next = `${xml.slice(0, at)}<${prefixOf(root!.qname)}calcPr fullCalcOnLoad="1"/>${xml.slice(at)}`;
    }
    this.setPart(edits, part, next);
  }

  /** Saves the styles part; a workbook without one (it is optional) gets one, with its relationship and content type. */
  private saveStyles(xml: string, edits: Map<string, PartEdit>): void {
    const existing = this.stylesPart();
    if (existing) {
      this.setPart(edits, existing, xml);
      return;
    }
    const book = this.book();
    const folder = book.part.slice(0, book.part.lastIndexOf("/") + 1);
    let name = `${folder}styles.xml`;
    for (let n = 2; this.pkg.has(name); n++) name = `${folder}styles${n}.xml`;
    this.addWorkbookPart(edits, name, xml, REL.styles, STYLES_CONTENT_TYPE, 1);
  }

  /**
   * Adds a new part the workbook part refers to: the part, a relationship to it (the first free id from
   * `rId<firstId>`, returned) and its content type, each in its parent's namespace prefix.
   */
  private addWorkbookPart(edits: Map<string, PartEdit>, part: string, xml: string, type: string, contentType: string, firstId: number): string {
    const book = this.book();
    this.setPart(edits, part, xml);
    const relsPart = relsPartOf(book.part);
    const relsXml = this.latest(edits, relsPart);
    const ids = new Set(this.pkg.relationships(book.part).map((r) => r.id));
    let id = firstId;
    while (ids.has(`rId${id}`) || relsXml.includes(`Id="rId${id}"`)) id++;
    const folder = book.part.slice(0, book.part.lastIndexOf("/") + 1);
    const target = part.startsWith(folder) ? part.slice(folder.length) : `/${part}`;
    this.setPart(edits, relsPart, insertBeforeClose(relsXml, "Relationships", (p) => `<${p}Relationship Id="rId${id}" Type="${relType(type)}" Target="${target}"/>`));
    const types = this.latest(edits, CONTENT_TYPES);
    this.setPart(edits, CONTENT_TYPES, insertBeforeClose(types, "Types", (p) => `<${p}Override PartName="/${part}" ContentType="${contentType}"/>`));
    return `rId${id}`;
  }

  private locate(tableName: string, key: string, ids: readonly string[]): { table: TableSnapshot; place: TablePlace; rows: Map<string, number> } {
    const table = this.tableRows.get(tableName.toLowerCase());
    const place = this.tables().find((t) => t.name.toLowerCase() === tableName.toLowerCase());
    if (!table || !place) throw new Error(`No table named ${tableName}.`);
    const keyIndex = this.columnIndex(table, key);
    return { table, place, rows: locateIds(table.name, table.rows.map((r) => cellText(r[keyIndex])), ids) };
  }

  private columnIndex(table: TableSnapshot, column: string): number {
    const index = table.headers.findIndex((h) => normaliseHeader(h) === normaliseHeader(column));
    if (index < 0) throw new Error(`The ${table.name} table has no "${column}" column.`);
    return index;
  }

  private stylesPart(): string | undefined {
    const target = this.pkg.relationships(this.book().part).find((r) => isType(r, REL.styles) && !r.external)?.target;
    return target && this.pkg.has(target) ? this.pkg.nameOf(target) : undefined;
  }

  private styleAppender(): StyleAppender {
    if (this.styles) return this.styles;
    const part = this.stylesPart();
    return (this.styles = part ? new StyleAppender(this.pkg.text(part)!, part) : new StyleAppender(MINIMAL_STYLES, "xl/styles.xml"));
  }

  /** Replaces a sheet's part (keeping its place among the tabs), or adds the sheet after the others. */
  private replaceSheet(name: string, content: SheetContent, edits: Map<string, PartEdit>): void {
    const book = this.book();
    const existing = book.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (existing?.state === "veryHidden") {
      throw new WorkbookConflictError(
        `The sheet "${existing.name}" is very hidden (set by a macro or the VBA editor), so it cannot be replaced from here. Nothing was written: make it visible again in Excel (VBA editor → its Visible property → xlSheetVisible), or rename it, then try again.`,
      );
    }
    if (existing?.part) this.refuseIfProtected(existing.part);
    if (!existing && book.lockStructure) {
      throw new WorkbookConflictError(
        `The workbook's structure is protected (Review → Protect Workbook in Excel), so the sheet "${name}" cannot be added. Nothing was written: unprotect the workbook, then try again.`,
      );
    }
    const xml = summarySheetXml(content, this.styleAppender());
    const sheetName = existing?.name ?? name;
    const titles = printTitlesFormula(sheetName, content.print);
    if (titles) this.setPrintTitles(existing ? book.sheets.indexOf(existing) : this.nextSheetPosition(), titles, edits);
    if (existing?.part) {
      this.setPart(edits, existing.part, xml);
      // What hung off the old contents (a chart the add-in drew: its drawing and chart parts) goes with them.
      this.dropOwnedParts(existing.part, edits);
      return;
    }
    this.addSheet(existing?.name ?? name, xml, edits);
  }

  /**
   * Sets the sheet's print titles: the defined name `_xlnm.Print_Titles` local to the sheet at this 0-based
   * position among the tabs (ECMA-376 Part 1, §18.2.5 and §18.2.6, localSheetId). Every other name is kept as
   * written; the workbook part is left alone when the name already says this.
   */
  private setPrintTitles(position: number, formula: string, edits: Map<string, PartEdit>): void {
    const part = this.book().part;
    const xml = this.latest(edits, part);
    let root: XmlElement | undefined;
    let names: XmlElement | undefined;
    let before: XmlElement | undefined;
    let found: XmlElement | undefined;
    let text = "";
    scanXml(xml, part, {
      open: (e) => {
        if (e.depth === 0) root = e;
        else if (e.depth === 1 && e.name === "definedNames") names = e;
        else if (e.depth === 1 && !before && (e.name === "calcPr" || AFTER_CALC_PR.has(e.name))) before = e;
      },
      close: (e) => {
        if (e.depth === 2 && e.name === "definedName" && !found && e.attributes.name?.toLowerCase() === "_xlnm.print_titles" && Number(e.attributes.localSheetId) === position) found = e;
      },
      text: (t, parent) => {
        if (parent && parent === found) text += t;
      },
    });
    const p = prefixOf(root!.qname);
    const element = `<${p}definedName name="_xlnm.Print_Titles" localSheetId="${position}">${escapeXml(formula)}</${p}definedName>`;
    let next: string;
    if (found) {
      if (text === formula) return;
      next = xml.slice(0, found.start) + element + xml.slice(found.end);
    } else if (names) {
      next = insertBeforeClose(xml, "definedNames", () => element);
    } else {
      const at = before ? before.start : xml.lastIndexOf("<", root!.end - 1);
      next = `${xml.slice(0, at)}<${p}definedNames>${element}</${p}definedNames>${xml.slice(at)}`;
    }
    this.setPart(edits, part, next);
  }

  /**
   * Removes a replaced sheet's relationships and every part reachable only through them, with their content
   * type entries, so the package keeps no part that nothing refers to.
   */
  private dropOwnedParts(sheetPart: string, edits: Map<string, PartEdit>): void {
    const reached = new Set<string>();
    const walk = (part: string) => {
      for (const rel of this.pkg.relationships(part)) {
        const key = rel.target.toLowerCase();
        if (rel.external || reached.has(key) || key === sheetPart.toLowerCase() || !this.pkg.has(rel.target)) continue;
        reached.add(key);
        walk(rel.target);
      }
    };
    walk(sheetPart);
    const rels = relsPartOf(sheetPart);
    if (this.pkg.has(rels)) this.setPart(edits, rels, null);
    if (reached.size === 0) return;
    // A part another part also refers to stays.
    const sources = this.pkg.partNames().filter((name) => /(^|\/)_rels\/[^/]+\.rels$/i.test(name)).map(sourceOfRels);
    for (const source of sources) {
      const key = source.toLowerCase();
      if (key === sheetPart.toLowerCase() || reached.has(key)) continue;
      for (const rel of this.pkg.relationships(source)) reached.delete(rel.target.toLowerCase());
    }
    const gone = new Set<string>();
    for (const key of reached) {
      const name = this.pkg.nameOf(key);
      this.setPart(edits, name, null);
      gone.add(`/${key}`);
      if (this.pkg.has(relsPartOf(name))) this.setPart(edits, relsPartOf(name), null);
    }
    const types = this.latest(edits, CONTENT_TYPES);
    this.setPart(edits, CONTENT_TYPES, removeElements(types, CONTENT_TYPES, (e) => e.name === "Override" && gone.has((e.attributes.PartName ?? "").toLowerCase())));
  }

  /** Adds a sheet after the others; returns its worksheet part's name. */
  private addSheet(name: string, xml: string, edits: Map<string, PartEdit>): string {
    const book = this.book();
    const taken = new Set([...this.pkg.partNames(), ...edits.keys()].map((p) => p.toLowerCase()));
    let n = this.nextSheetPosition() + 1;
    while (taken.has(`xl/worksheets/sheet${n}.xml`)) n++;
    const part = `xl/worksheets/sheet${n}.xml`;
    const relId = this.addWorkbookPart(edits, part, xml, REL.worksheet, WORKSHEET_CONTENT_TYPE, n);

    const workbookXml = this.latest(edits, book.part);
    const sheetId = Math.max(0, ...book.sheets.map((s) => s.sheetId), ...this.added.map((s) => s.sheetId)) + 1;
    this.added.push({ name, sheetId });
    // The relationships namespace declared on the element itself, whatever prefixes the workbook uses.
    const sheet = (p: string) => `<${p}sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" name="${escapeXml(name)}" sheetId="${sheetId}" r:id="${relId}"/>`;
    this.setPart(edits, book.part, insertBeforeClose(workbookXml, "sheets", sheet));
    return part;
  }

  /**
   * A table the tool owns (port: writeOwnedTable). Where the workbook has no table of that name: a new sheet
   * after the others holding it from A1 (ownedTableXml.ts), a table part `xl/tables/tableN.xml` with an id no
   * other table has, the sheet's relationships part, a content type entry, and the print titles. Otherwise
   * the table's sheet gets its data rows anew (the rest of its `<sheetData>`, and every other byte of the
   * sheet, kept) and its part a new `ref` and autoFilter `ref`; nothing else in the package changes.
   * Refused (WorkbookConflictError, nothing written): a missing table whose sheet name is taken, or the
   * workbook's structure is protected; a protected sheet; a table with a totals row or no header row; columns
   * renamed or moved (ownedTableBody).
   */
  private writeOwnedTable(spec: TableSpec, edits: Map<string, PartEdit>): void {
    const place = this.tables().find((t) => t.name.toLowerCase() === spec.name.toLowerCase());
    const date1904 = this.book().date1904;
    const styles = this.styleAppender();
    const kindStyle = (value: CellValue, column: number) => {
      if (value instanceof Date) return styles.dateStyle();
      return spec.columns[column]?.kind === "wrap" ? styles.styleFor("wrap", value) : 0;
    };
    if (!place) {
      const book = this.book();
      if ([...book.sheets, ...this.added].some((s) => s.name.toLowerCase() === spec.sheet.toLowerCase())) {
        throw new WorkbookConflictError(`A sheet named "${spec.sheet}" already exists, without the ${spec.name} table. Nothing was written: rename or remove that sheet, then try again.`);
      }
      if (book.lockStructure) {
        throw new WorkbookConflictError(`The workbook's structure is protected (Review → Protect Workbook in Excel), so the sheet "${spec.sheet}" cannot be added. Nothing was written: unprotect the workbook, then try again.`);
      }
      const titles = printTitlesFormula(spec.sheet, spec.print);
      if (titles) this.setPrintTitles(this.nextSheetPosition(), titles, edits);
      const sheetPart = this.addSheet(spec.sheet, ownedTableSheetXml(spec, kindStyle, date1904, "rId1"), edits);
      const taken = new Set([...this.pkg.partNames(), ...edits.keys()].map((p) => p.toLowerCase()));
      let n = 1;
      while (taken.has(`xl/tables/table${n}.xml`)) n++;
      const tablePart = `xl/tables/table${n}.xml`;
      this.setPart(edits, tablePart, tablePartXml(spec, this.nextTableId()));
      this.setPart(edits, relsPartOf(sheetPart), tableSheetRelsXml(`../tables/table${n}.xml`, relType(REL.table)));
      const types = this.latest(edits, CONTENT_TYPES);
      this.setPart(edits, CONTENT_TYPES, insertBeforeClose(types, "Types", (p) => `<${p}Override PartName="/${tablePart}" ContentType="${TABLE_CONTENT_TYPE}"/>`));
      return;
    }
    const table = this.tableRows.get(place.name.toLowerCase());
    if (!table || !place.headerRow) throw new WorkbookConflictError(`The ${place.name} table's header row is turned off. Nothing was written: turn it back on (Table Design → Header Row), then try again.`);
    if (this.hasTotals(place)) throw new WorkbookConflictError(`The ${place.name} table has a totals row, which the tool does not write. Nothing was written: turn it off (Table Design → Total Row), then try again.`);
    const sheetPart = place.sheet.part!;
    this.refuseIfProtected(sheetPart);
    const body = ownedTableBody(spec, table.headers);
    const dateStyles = this.decoder().dateStyles;
    const rows = { firstRow: place.top + 1, lastRow: place.bottom, left: place.left, right: place.right };
    const xml = rewriteTableRows(this.latest(edits, sheetPart), sheetPart, rows, body, date1904, (value, column, columnStyles) => {
      // The column's own format where it suits the value (a date format for a date), else the kind's.
      const old = columnStyles[column];
      if (value instanceof Date) return old !== undefined && dateStyles.has(old) ? old : styles.dateStyle();
      if (old !== undefined && !dateStyles.has(old)) return old;
      return kindStyle(value, column);
    });
    this.setPart(edits, sheetPart, xml);
    this.setPart(edits, place.part, setTableRef(this.latest(edits, place.part), place.part, tableRef(place.top, place.left, place.right - place.left + 1, body.length)));
  }

  /** True when the table part says it shows a totals row. */
  private hasTotals(place: TablePlace): boolean {
    return /<(?:[\w.-]+:)?table\b[^>]*\stotalsRowCount\s*=\s*["']?[1-9]/.test(this.pkg.text(place.part) ?? "");
  }

  /** An id for a new table: one more than any table part in the package has (ids are workbook-unique). */
  private nextTableId(): number {
    // The tables' parts wherever the sheets keep them, and any part under xl/tables/ no sheet refers to.
    const parts = new Set([...this.tables().map((t) => t.part), ...this.pkg.partNames().filter((name) => /^xl\/tables\/[^/]+\.xml$/i.test(name))]);
    let max = 0;
    for (const part of parts) {
      const id = /<(?:[\w.-]+:)?table\b[^>]*\sid\s*=\s*["'](\d+)/.exec(this.pkg.text(part) ?? "")?.[1];
      if (id) max = Math.max(max, Number(id));
    }
    return max + 1;
  }


  /**
   * Removes the calculation chain: it lists formula cells, and one the tool replaced with a value would make
   * Excel report the file as damaged. Excel rebuilds the chain when it next calculates (ECMA-376 Part 1, §18.6).
   */
  private dropCalcChain(edits: Map<string, PartEdit>): void {
    const book = this.book();
    const rel = this.pkg.relationships(book.part).find((r) => isType(r, REL.calcChain) && !r.external);
    if (!rel) return;
    this.setPart(edits, rel.target, null);
    const relsPart = relsPartOf(book.part);
    const relsXml = this.latest(edits, relsPart);
    this.setPart(edits, relsPart, removeElements(relsXml, relsPart, (e) => e.name === "Relationship" && e.attributes.Id === rel.id));
    const types = this.latest(edits, CONTENT_TYPES);
    this.setPart(edits, CONTENT_TYPES, removeElements(types, CONTENT_TYPES, (e) => e.name === "Override" && e.attributes.PartName?.toLowerCase() === `/${rel.target.toLowerCase()}`));
  }
}

/** The part a relationships part belongs to: `xl/worksheets/_rels/sheet1.xml.rels` → `xl/worksheets/sheet1.xml`; `_rels/.rels` → "". */
function sourceOfRels(rels: string): string {
  const match = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(rels);
  return match ? `${match[1]}${match[2]}` : "";
}

/** True when the cell is in the table's rows (header included) and columns. */
function within(row: number, column: number, t: TablePlace): boolean {
  return row >= t.top && row <= t.bottom && column >= t.left && column <= t.right;
}

function overlaps(a: CellArea, t: TablePlace): boolean {
  return a.top <= t.bottom && a.bottom >= t.top && a.left <= t.right && a.right >= t.left;
}

/**
 * Inserts text before the end tag of the (first) element with this local name; a self-closing one is opened.
 * `text` is given the element's namespace prefix (`x:` where a writer prefixes every element), so what is
 * inserted is in the same namespace as its parent.
 */
function insertBeforeClose(xml: string, name: string, text: (prefix: string) => string): string {
  let close: { start: number; end: number; selfClosing: boolean; openEnd: number; qname: string } | undefined;
  scanXml(xml, name, {
    close: (e) => {
      if (!close && e.name === name) close = e;
    },
  });
  if (!close) throw new Error(`No <${name}> element to add to.`);
  const inserted = text(prefixOf(close.qname));
  if (close.selfClosing) {
    const open = xml.slice(close.start, close.end).replace(/\s*\/>$/, ">");
    return xml.slice(0, close.start) + open + inserted + `</${close.qname}>` + xml.slice(close.end);
  }
  const at = xml.lastIndexOf("<", close.end - 1);
  return xml.slice(0, at) + inserted + xml.slice(at);
}

/** Removes the elements the test picks (with their content). */
function removeElements(xml: string, part: string, pick: (e: { name: string; attributes: Readonly<Record<string, string>> }) => boolean): string {
  const spans: { start: number; end: number }[] = [];
  scanXml(xml, part, { close: (e) => pick(e) && spans.push({ start: e.start, end: e.end }) });
  let out = xml;
  for (const span of spans.reverse()) out = out.slice(0, span.start) + out.slice(span.end);
  return out;
}
