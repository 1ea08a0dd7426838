import fc from "fast-check";
import { attribute, ClosedXmlElement, escapeXml, escapeXstring, localName, prefixOf, scanXml, unescapeXstring, XmlElement, XmlProblem } from "./xml";

/** Every element of a document as the scan reports it, in the order they close. */
function closed(xml: string): ClosedXmlElement[] {
  const found: ClosedXmlElement[] = [];
  scanXml(xml, "test.xml", { close: (e) => found.push(e) });
  return found;
}

/** The scan's offsets must cut out exactly each element's start tag and whole text. */
function expectOffsetsExact(xml: string): void {
  for (const e of closed(xml)) {
    const whole = xml.slice(e.start, e.end);
    const tag = xml.slice(e.start, e.openEnd);
    expect(tag).toMatch(new RegExp(`^<${e.qname.replace(/\./g, "\\.")}[\\s/>]`));
    expect(tag.endsWith(">")).toBe(true);
    if (e.selfClosing) {
      expect(e.openEnd).toBe(e.end);
      expect(tag).toMatch(/\/>$/);
    } else {
      expect(whole.endsWith(`</${e.qname}>`) || /<\/[^>]+\s*>$/.test(whole)).toBe(true);
    }
  }
}

describe("scanXml", () => {
  it("gives each element's name, prefix, attributes, depth and offsets", () => {
    const xml = `<?xml version="1.0"?>\n<x:a xmlns:x="urn:x" k="1"><x:b r="A1"/><c t="s">one &amp; two</c></x:a>`;
    const opened: XmlElement[] = [];
    const texts: [string, string | undefined][] = [];
    scanXml(xml, "p", { open: (e) => opened.push(e), text: (t, parent) => texts.push([t, parent?.qname]) });
    expect(opened.map((e) => [e.name, e.qname, e.depth, e.selfClosing])).toEqual([
      ["a", "x:a", 0, false],
      ["b", "x:b", 1, true],
      ["c", "c", 1, false],
    ]);
    expect(opened[0].attributes).toEqual({ "xmlns:x": "urn:x", k: "1" });
    expect(texts).toContainEqual(["one & two", "c"]);
    expectOffsetsExact(xml);
  });

  it.each([
    ["attributes holding > and /", `<a><b v="x>y" w="/>"/><c v='1>2'>t</c></a>`],
    ["tabs and line feeds between name and attributes", `<a\n\tr="1"><b\n r="2"\n/><c\tr="3">x</c></a>`],
    ["CRLF between name and attributes (Windows writers that wrap long tags)", `<a\r\n r="1"><b\r\n r="2"/><c\r\nr="3">x</c></a>`],
    ["a lone CR after a name", `<a\r r="1"><b\rr="2"/></a>`],
    ["CRLF inside attribute values and before end tags", `<a r="1\r\n2"><b>x\r\n</b\r\n></a\r\n>`],
    ["characters beyond the BMP before and inside tags", `<a>😀<b v="😀😀">😀</b><c/></a>`],
    ["end tags with spaces", `<a><b>1</b ><c></c\t></a >`],
    ["a byte-order mark and declaration", `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<a><b/></a>`],
    ["comments, processing instructions and CDATA", `<a><!-- <b/> --><?pi <b/>?><b><![CDATA[<c/>]]></b></a>`],
  ])("cuts elements exactly with %s", (_, xml) => {
    expectOffsetsExact(xml);
    expect(closed(xml).length).toBeGreaterThan(1);
  });

  it("splicing at the offsets keeps a document well formed whatever the whitespace inside tags", () => {
    // A writer that wraps tags; replacing the <c> element must leave no stray "<" behind.
    const xml = `<row\r\n r="2"><c\r\n r="A2"><v>1</v></c><c\r\n r="B2"><v>2</v></c></row>`;
    const a2 = closed(xml).find((e) => e.attributes.r === "A2")!;
    const spliced = xml.slice(0, a2.start) + `<c r="A2"><v>9</v></c>` + xml.slice(a2.end);
    expect(spliced).toBe(`<row\r\n r="2"><c r="A2"><v>9</v></c><c\r\n r="B2"><v>2</v></c></row>`);
    expect(() => scanXml(spliced, "p", {})).not.toThrow();
  });

  it("decodes entities and character references in text and attributes, and CDATA", () => {
    const texts: string[] = [];
    let attributes: Readonly<Record<string, string>> = {};
    scanXml(`<a v="&lt;&#x41;&quot;"><t>&#13;&#10;&#x9;&apos;</t><t><![CDATA[a<b]]></t></a>`, "p", {
      open: (e) => { if (e.name === "a") attributes = e.attributes; },
      text: (t) => texts.push(t),
    });
    expect(attributes.v).toBe('<A"');
    expect(texts).toEqual(["\r\n\t'", "a<b"]);
  });

  it.each([
    ["an unclosed element", "<a><b></a>"],
    ["two roots", "<a/><b/>"],
    ["an undefined entity", "<a>&nbsp;</a>"],
    ["a control character", "<a>\u0001</a>"],
    ["text only", "not xml"],
  ])("refuses %s with XmlProblem naming the part", (_, xml) => {
    expect(() => scanXml(xml, "xl/worksheets/sheet1.xml", {})).toThrow(XmlProblem);
    expect(() => scanXml(xml, "xl/worksheets/sheet1.xml", {})).toThrow(/the part "xl\/worksheets\/sheet1.xml" is not well-formed XML/);
  });

  it("reads a large document in one pass (offsets stay exact far into it)", () => {
    const rows = Array.from({ length: 5000 }, (_, r) => `<row r="${r + 1}">\r\n<c\r\n r="A${r + 1}"><v>${r}</v></c></row>`).join("");
    const xml = `<sheetData>${rows}</sheetData>`;
    const cells = closed(xml).filter((e) => e.name === "c");
    expect(cells).toHaveLength(5000);
    expect(xml.slice(cells[4999].start, cells[4999].end)).toBe(`<c\r\n r="A5000"><v>4999</v></c>`);
  });
});

describe("names", () => {
  it("splits a prefix from a local name", () => {
    expect(prefixOf("x:row")).toBe("x:");
    expect(prefixOf("row")).toBe("");
    expect(localName("x:row")).toBe("row");
    expect(localName("row")).toBe("row");
  });
});

describe("escaping", () => {
  it("escapes text and attributes", () => {
    expect(escapeXml(`a<b>&"c'`)).toBe("a&lt;b&gt;&amp;&quot;c'");
    expect(attribute("name", `A "B" & C`)).toBe(' name="A &quot;B&quot; &amp; C"');
    expect(attribute("n", 3)).toBe(' n="3"');
  });

  it("writes control characters as Excel does (_xHHHH_), protects a literal escape, and keeps tab and line feed", () => {
    expect(escapeXstring("a\u0001b\u001Fc\uFFFE")).toBe("a_x0001_b_x001F_c_xFFFE_");
    expect(escapeXstring("_x000D_ and _x00e9_")).toBe("_x005F_x000D_ and _x005F_x00e9_");
    expect(escapeXstring("a\tb\nc")).toBe("a\tb\nc");
    expect(escapeXstring("<&>")).toBe("&lt;&amp;&gt;");
  });

  it("writes a carriage return as _x000D_ (XML parsers turn a literal one into a line feed)", () => {
    expect(escapeXstring("one\r\ntwo\rthree")).toBe("one_x000D_\ntwo_x000D_three");
    const texts: string[] = [];
    scanXml(`<t>${escapeXstring("one\r\ntwo")}</t>`, "p", { text: (t) => texts.push(t) });
    expect(unescapeXstring(texts.join(""))).toBe("one\r\ntwo");
  });

  it("decodes escapes in either case, once (_x005F_ protects what follows)", () => {
    expect(unescapeXstring("a_x000D_b_x000d_c")).toBe("a\rb\rc");
    expect(unescapeXstring("_x005F_x000D_")).toBe("_x000D_");
    expect(unescapeXstring("no escapes")).toBe("no escapes");
    expect(unescapeXstring("_x12_ _xZZZZ_")).toBe("_x12_ _xZZZZ_");
  });

  it("reads back through a parser exactly what it wrote, for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ unit: fc.constantFrom("_", "x", "0", "D", "\r", "\n", "\t", "\u0001", "\uFFFF", "&", "<", "a"), maxLength: 30 }), (a, b) => {
        const text = a + b;
        const texts: string[] = [];
        scanXml(`<t>${escapeXstring(text)}</t>`, "p", { text: (t) => texts.push(t) });
        expect(unescapeXstring(texts.join(""))).toBe(text);
      }),
      { seed: 20261201, numRuns: 500 },
    );
  });
});
