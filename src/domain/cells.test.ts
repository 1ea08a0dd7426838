import { a1, columnIndex, columnLetter, parseA1 } from "./cells";

describe("A1 references", () => {
  it("turns column letters into indexes and back", () => {
    for (const index of [0, 25, 26, 701, 702, 16_383]) expect(columnIndex(columnLetter(index))).toBe(index);
    expect(columnIndex("xfd")).toBe(16_383);
  });

  it("reads a cell, an absolute cell, and the top-left of a sheet-qualified range", () => {
    expect(parseA1("B2")).toEqual({ row: 1, column: 1 });
    expect(parseA1("$R$49")).toEqual({ row: 48, column: 17 });
    expect(parseA1("'Action Plan'!A1:R49")).toEqual({ row: 0, column: 0 });
    expect(parseA1(a1(37, 8))).toEqual({ row: 37, column: 8 });
    expect(parseA1("C:C")).toBeUndefined();
  });
});
