import { SaxesParser } from "saxes";

/**
 * XML through saxes (a maintained, streaming, conformant parser; ExcelJS's own), with each element's place
 * in the text: the package host reads parts through it and splices its writes into the text it read, so
 * every byte it does not mean to change stays as it was.
 */

/** An element as the scan meets it. Offsets are indexes into the XML string. */
export interface XmlElement {
  /** The local name, without any namespace prefix (`sheetData`, whatever prefix a writer used). */
  readonly name: string;
  /** The name as written, with its prefix (`x:row`). */
  readonly qname: string;
  /** Attributes by qualified name as written (`r`, `r:id`, `xml:space`). */
  readonly attributes: Readonly<Record<string, string>>;
  /** Depth below the root (the root is 0). */
  readonly depth: number;
  /** Offset of its `<`. */
  readonly start: number;
  /** Offset just after its start tag's `>`. */
  readonly openEnd: number;
  readonly selfClosing: boolean;
  /** Offset just after its end tag (or after `/>`): -1 until it closes. */
  end: number;
}

/** An element when it closes (the same object the open call had, its `end` now set). */
export type ClosedXmlElement = XmlElement;

export interface XmlVisitor {
  open?(element: XmlElement): void;
  close?(element: ClosedXmlElement): void;
  /** Character data (entities decoded), with the element it is directly inside. */
  text?(text: string, parent: XmlElement | undefined): void;
}

/** A part that is not well-formed XML, named for the user. */
export class XmlProblem extends Error {
  constructor(readonly part: string, detail: string) {
    super(`the part "${part}" is not well-formed XML (${detail})`);
    this.name = "XmlProblem";
  }
}

/** The namespace prefix of a qualified name with its colon (`x:`), or "" for none. */
export function prefixOf(qualified: string): string {
  const colon = qualified.indexOf(":");
  return colon < 0 ? "" : qualified.slice(0, colon + 1);
}

export function localName(qualified: string): string {
  const colon = qualified.indexOf(":");
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/**
 * Walks an XML document once, calling the visitor for every element and text. Throws XmlProblem (naming
 * `part`) when the document is not well formed.
 */
export function scanXml(xml: string, part: string, visitor: XmlVisitor): void {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let start = 0;
  parser.on("opentagstart", () => {
    // saxes has read the name and what follows it: one character, or two for a CRLF, which it reads as one line
    // end. Nothing between the "<" and here can be another "<".
    start = xml.lastIndexOf("<", parser.position - 1);
  });
  parser.on("opentag", (tag) => {
    const element: XmlElement = {
      name: localName(tag.name),
      qname: tag.name,
      attributes: tag.attributes as Record<string, string>,
      depth: stack.length,
      start,
      openEnd: parser.position,
      selfClosing: tag.isSelfClosing,
      end: -1,
    };
    stack.push(element);
    visitor.open?.(element);
  });
  parser.on("closetag", () => {
    // The same object, not a copy: a big sheet has a million elements, and copies cost more than the parse.
    const element = stack.pop()!;
    element.end = parser.position;
    visitor.close?.(element);
  });
  if (visitor.text) {
    const text = visitor.text;
    parser.on("text", (t) => text(t, stack[stack.length - 1]));
    parser.on("cdata", (t) => text(t, stack[stack.length - 1]));
  }
  try {
    parser.write(xml).close();
  } catch (error) {
    throw new XmlProblem(part, (error as Error).message.split("\n")[0]);
  }
}

/** Text for element content or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

/**
 * Text as a SpreadsheetML string (ST_Xstring): characters XML 1.0 cannot carry (most control characters)
 * are written as Excel writes them, `_xHHHH_`, and a literal `_xHHHH_` is protected as `_x005F_xHHHH_`. So is a
 * carriage return (`_x000D_`, as Excel writes it): XML carries one, but every parser reads it as a line feed.
 */
export function escapeXstring(text: string): string {
  return escapeXml(
    text
      .replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_")
      .replace(/[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`),
  );
}

/** Decodes SpreadsheetML's `_xHHHH_` escapes (as Excel and ExcelJS read them). */
export function unescapeXstring(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** One attribute as written in a start tag: ` name="value"`. */
export function attribute(name: string, value: string | number): string {
  return ` ${name}="${escapeXml(String(value))}"`;
}
