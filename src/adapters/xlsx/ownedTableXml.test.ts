import { rewriteTableRows, setTableRef, tableRef } from "./ownedTableXml";

const SHEET =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<dimension ref="A1:E3"/><sheetData>` +
  `<row r="1" spans="1:5"><c r="A1" t="inlineStr"><is><t>ID</t></is></c><c r="B1" t="inlineStr"><is><t>When</t></is></c><c r="E1" t="inlineStr"><is><t>Note</t></is></c></row>` +
  `<row r="2" spans="1:5" ht="20" customHeight="1"><c r="A2" s="3" t="inlineStr"><is><t>A1</t></is></c><c r="B2" s="7"><v>41000</v></c><c r="E2" t="inlineStr"><is><t>keep me</t></is></c></row>` +
  `<row r="3"><c r="A3" s="3" t="inlineStr"><is><t>A2</t></is></c><c r="B3" s="7"><v>41001</v></c></row>` +
  `<row r="9"><c r="A9" t="inlineStr"><is><t>far below</t></is></c></row>` +
  `</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`;

const place = { firstRow: 1, lastRow: 2, left: 0, right: 1 };
const styleFor = (value: unknown, _column: number, styles: readonly (number | undefined)[]) => (value instanceof Date ? 7 : styles[_column] ?? 0);
const d = (day: number) => new Date(Date.UTC(2014, 6, day));

describe("rewriteTableRows (the file host's owned table)", () => {
  it("writes more rows, keeping each row's cells outside the table and the rows outside it byte for byte", () => {
    const xml = rewriteTableRows(SHEET, "sheet.xml", place, [["B1", d(1)], ["B2", d(2)], ["B3", null], ["B4", d(4)]], false, styleFor);
    expect(xml).toContain(`<row r="2" ht="20" customHeight="1"><c r="A2" s="3" t="inlineStr"><is><t>B1</t></is></c><c r="B2" s="7"><v>41821</v></c><c r="E2" t="inlineStr"><is><t>keep me</t></is></c></row>`);
    expect(xml).toContain(`<row r="4"><c r="A4" s="3" t="inlineStr"><is><t>B3</t></is></c><c r="B4" s="7"/></row><row r="5"><c r="A5" s="3" t="inlineStr"><is><t>B4</t></is></c><c r="B5" s="7"><v>41824</v></c></row>`);
    expect(xml).toContain(`<row r="9"><c r="A9" t="inlineStr"><is><t>far below</t></is></c></row>`);
    // The header row and everything outside sheetData as they were.
    expect(xml.startsWith(SHEET.slice(0, SHEET.indexOf(`<row r="2"`)))).toBe(true);
    expect(xml.endsWith(SHEET.slice(SHEET.indexOf(`</sheetData>`)))).toBe(true);
  });

  it("writes fewer rows, emptying the table's cells of the rows it leaves (other cells stay)", () => {
    const xml = rewriteTableRows(SHEET, "sheet.xml", place, [["C1", d(3)]], false, styleFor);
    expect(xml).toContain(`<c r="E2" t="inlineStr"><is><t>keep me</t></is></c>`);
    expect(xml).toContain(`<row r="3"></row>`);
    expect(xml).not.toContain("A2</t>");
  });

  it("moves the table's ref and its filter's, leaving the rest of the part alone", () => {
    const part = `<table xmlns="x" id="3" name="T" displayName="T" ref="A1:B3" totalsRowShown="0"><autoFilter ref="A1:B3"/><tableColumns count="2"/></table>`;
    expect(setTableRef(part, "t.xml", tableRef(0, 0, 2, 4))).toBe(part.replace(/A1:B3/g, "A1:B5"));
  });
});
