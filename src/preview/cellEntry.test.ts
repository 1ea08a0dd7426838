import { cellEntry } from "./cellEntry";

describe("what a person types into a preview cell", () => {
  it("reads dd/mm/yyyy as a date, digits as a number, blank as empty, anything else as the text typed", () => {
    expect(cellEntry("31/03/2015")).toEqual(new Date(Date.UTC(2015, 2, 31)));
    expect(cellEntry("31/02/2015")).toBe("31/02/2015");
    expect(cellEntry(" 42 ")).toBe(42);
    expect(cellEntry("  ")).toBeNull();
    expect(cellEntry("=SUM(A1)")).toBe("=SUM(A1)");
    expect(cellEntry("On target")).toBe("On target");
  });
});
