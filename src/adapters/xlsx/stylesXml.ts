import { CellLook, lookOf } from "../../domain/cellLooks";
import { CellStyle } from "../../domain/layout";
import { prefixOf, scanXml, XmlElement } from "./xml";

/**
 * The styles part (ECMA-376 Part 1, §18.8): read for which cell formats show dates and which fills cells
 * have; and, for the tool's own sheets, added to without changing any format already there.
 */

/** Built-in number formats that show dates or times, as ExcelJS reads them (its defaultnumformats.js). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** ExcelJS's test for a date format (utils.isDateFmt), so files read as they did through ExcelJS. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** A cell format's solid fill: `#RRGGBB`, "theme" for a theme colour (not told apart), or null. */
export type FillColour = string | "theme" | null;

export interface StyleBook {
  readonly dateStyles: ReadonlySet<number>;
  /** The fill of each cellXfs index. */
  readonly fillOf: (style: number) => FillColour;
}

/** Reads the date formats and fills of a styles part (absent: no dates, no fills). */
export function readStyleBook(xml: string | undefined, part: string): StyleBook {
  if (xml === undefined) return { dateStyles: new Set(), fillOf: () => null };
  const customFormats = new Map<number, string>();
  const fills: FillColour[] = [];
  const xfs: { numFmtId: number; fillId: number }[] = [];
  const stack: string[] = [];
  let fill: FillColour | undefined;
  let solid = false;
  scanXml(xml, part, {
    open(e) {
      stack.push(e.name);
      const parent = stack[stack.length - 2];
      if (e.name === "numFmt" && parent === "numFmts") customFormats.set(Number(e.attributes.numFmtId), e.attributes.formatCode ?? "");
      else if (e.name === "fill" && parent === "fills") fill = null;
      else if (e.name === "patternFill" && fill !== undefined) solid = e.attributes.patternType === "solid";
      else if (e.name === "fgColor" && fill !== undefined && solid) {
        const rgb = e.attributes.rgb;
        fill = rgb && /^[0-9A-Fa-f]{6,8}$/.test(rgb) ? `#${rgb.slice(-6).toUpperCase()}` : e.attributes.theme !== undefined ? "theme" : null;
      } else if (e.name === "xf" && parent === "cellXfs") xfs.push({ numFmtId: Number(e.attributes.numFmtId ?? 0), fillId: Number(e.attributes.fillId ?? 0) });
    },
    close(e) {
      stack.pop();
      if (e.name === "fill" && fill !== undefined) {
        fills.push(fill);
        fill = undefined;
        solid = false;
      }
    },
  });
  const dateStyles = new Set<number>();
  xfs.forEach((xf, i) => {
    const custom = customFormats.get(xf.numFmtId);
    if (custom !== undefined ? isDateFormat(custom) : BUILT_IN_DATE_FORMATS.has(xf.numFmtId)) dateStyles.add(i);
  });
  return { dateStyles, fillOf: (style) => fills[xfs[style]?.fillId ?? 0] ?? null };
}

// ---------------------------------------------------------------------------------------------
// Adding the tool's formats
// ---------------------------------------------------------------------------------------------

/** Built-in number formats the tool uses (ECMA-376 Part 1, §18.8.30). */
const BUILT_IN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "0%": 9, "0.00%": 10 };

/** The collections of a styles part, in the order the schema requires them. */
const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

interface Collection {
  element: XmlElement;
  end: number;
  /** Children's text, in order. */
  items: string[];
  /** Offset of the end tag (where new children go). */
  closeAt: number;
}

/**
 * Adds formats to a styles part and gives each look's cellXfs index. Formats already there are reused when
 * their text is the same as the tool's (so building a summary again adds nothing); nothing already in the
 * part is changed, except the `count` of the collections added to.
 */
export class StyleAppender {
  private readonly collections = new Map<string, Collection>();
  private readonly added = new Map<string, string[]>();
  private readonly prefix: string;
  private readonly fontName: string;
  private readonly cache = new Map<string, number>();
  private rootEnd = 0;

  constructor(private readonly xml: string, part: string) {
    let root: XmlElement | undefined;
    let current: Collection | undefined;
    let font0: string | undefined;
    scanXml(xml, part, {
      open: (e) => {
        if (e.depth === 0) root = e;
        else if (e.depth === 1) current = { element: e, end: -1, items: [], closeAt: -1 };
        else if (e.depth === 3 && e.name === "name" && current?.element.name === "fonts" && current.items.length === 0) font0 = e.attributes.val;
      },
      close: (e) => {
        if (e.depth === 2 && current) current.items.push(xml.slice(e.start, e.end));
        else if (e.depth === 1 && current) {
          current.end = e.end;
          current.closeAt = e.selfClosing ? e.start : xml.lastIndexOf("<", e.end - 1);
          this.collections.set(e.name, current);
          current = undefined;
        } else if (e.depth === 0) this.rootEnd = xml.lastIndexOf("<", e.end - 1);
      },
    });
    if (!root || root.name !== "styleSheet") throw new Error(`${part} is not a styles part.`);
    this.prefix = prefixOf(root.qname);
    // Fonts name their typeface, or Excel falls back to a default that may not be the workbook's.
    this.fontName = font0 ?? "Calibri";
  }

  /** The cellXfs index for a style of the tool's (src/domain/cellLooks.ts); 0, the workbook's default, for plain text. */
  styleFor(style: CellStyle | undefined, value: unknown): number {
    const look = lookOf(style, value);
    return look ? this.indexOf(look) : 0;
  }

  /** The cellXfs index of a date shown dd/mm/yyyy (added once, reused after). */
  dateStyle(): number {
    return this.indexOf({ numFmt: "dd/mm/yyyy" });
  }

  private indexOf(look: CellLook): number {
    const key = JSON.stringify(look);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const p = this.prefix;
    const fontId = look.bold || look.size || look.colour
      ? this.find("fonts", `<${p}font>${look.bold ? `<${p}b/>` : ""}<${p}sz val="${look.size ?? 11}"/>${look.colour ? `<${p}color rgb="FF${look.colour}"/>` : ""}<${p}name val="${this.fontName}"/></${p}font>`)
      : 0;
    const fillId = look.fill
      ? this.find("fills", `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF${look.fill}"/><${p}bgColor rgb="FF${look.fill}"/></${p}patternFill></${p}fill>`)
      : 0;
    const borderId = look.topBorder ? this.find("borders", `<${p}border><${p}left/><${p}right/><${p}top style="thin"/><${p}bottom/><${p}diagonal/></${p}border>`) : 0;
    const numFmtId = look.numFmt ? this.numberFormat(look.numFmt) : 0;
    const applies = [numFmtId ? ' applyNumberFormat="1"' : "", fontId ? ' applyFont="1"' : "", fillId ? ' applyFill="1"' : "", borderId ? ' applyBorder="1"' : "", look.wrap || look.top ? ' applyAlignment="1"' : ""].join("");
    const alignment = look.wrap || look.top ? `<${p}alignment${look.top ? ' vertical="top"' : ""}${look.wrap ? ' wrapText="1"' : ""}/>` : "";
    const xf = `<${p}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}${alignment ? `>${alignment}</${p}xf>` : "/>"}`;
    const index = this.find("cellXfs", xf);
    this.cache.set(key, index);
    return index;
  }

  private numberFormat(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    const all = [...(this.collections.get("numFmts")?.items ?? []), ...(this.added.get("numFmts") ?? [])];
    const ids = all.map((item) => Number(/numFmtId="(\d+)"/.exec(item)?.[1] ?? 0));
    const existing = all.findIndex((item) => item.includes(`formatCode="${code}"`));
    if (existing >= 0) return ids[existing];
    const id = Math.max(163, ...ids) + 1;
    this.push("numFmts", `<${this.prefix}numFmt numFmtId="${id}" formatCode="${code}"/>`);
    return id;
  }

  /** The index of an item with exactly this text, added if there is none. */
  private find(collection: string, item: string): number {
    const existing = this.collections.get(collection)?.items ?? [];
    const at = existing.indexOf(item);
    if (at >= 0) return at;
    const added = this.added.get(collection) ?? [];
    const again = added.indexOf(item);
    if (again >= 0) return existing.length + again;
    const index = existing.length + added.length;
    this.push(collection, item);
    return index;
  }

  private push(collection: string, item: string): void {
    const list = this.added.get(collection) ?? [];
    list.push(item);
    this.added.set(collection, list);
  }

  /** True when formats were added (the part must be written). */
  get changed(): boolean {
    return this.added.size > 0;
  }

  /** The styles part with the added formats. */
  toXml(): string {
    const edits: { at: number; end: number; text: string }[] = [];
    for (const [name, items] of this.added) {
      const collection = this.collections.get(name);
      const p = this.prefix;
      if (collection) {
        const { element } = collection;
        const count = collection.items.length + items.length;
        const open = this.xml.slice(element.start, element.openEnd).replace(/\s*\/?>$/, "");
        const tag = /\scount="\d*"/.test(open) ? open.replace(/\scount="\d*"/, ` count="${count}"`) : `${open} count="${count}"`;
        if (element.selfClosing) edits.push({ at: element.start, end: collection.end, text: `${tag}>${items.join("")}</${element.qname}>` });
        else {
          edits.push({ at: element.start, end: element.openEnd, text: `${tag}>` });
          edits.push({ at: collection.closeAt, end: collection.closeAt, text: items.join("") });
        }
      } else {
        const text = `<${p}${name} count="${items.length}">${items.join("")}</${p}${name}>`;
        const later = ORDER.slice(ORDER.indexOf(name) + 1).map((n) => this.collections.get(n)).find(Boolean);
        const at = later ? later.element.start : this.rootEnd;
        edits.push({ at, end: at, text });
      }
    }
    edits.sort((a, b) => b.at - a.at || b.end - a.end);
    let xml = this.xml;
    for (const edit of edits) xml = xml.slice(0, edit.at) + edit.text + xml.slice(edit.end);
    return xml;
  }
}
