import { WorkbookConflictError } from "./errors";
import { joinList } from "../domain/wording";
import { locateIds } from "./keyedRows";

describe("finding actions' rows by ID at write time", () => {
  it("finds each ID on its current row, trimmed and case-insensitively", () => {
    expect([...locateIds("ActionPlan", ["1.1", " 2.3 ", "", "A.1"], ["2.3", "a.1", "1.1"])]).toEqual([["2.3", 1], ["a.1", 3], ["1.1", 0]]);
  });

  it("refuses when an ID is gone or now on two rows, naming at most ten IDs", () => {
    expect(() => locateIds("ActionPlan", ["1.1"], ["2.3"])).toThrow(new WorkbookConflictError(
      "Action 2.3 is no longer in the ActionPlan table (deleted, or the ID changed, since the plan was read). Nothing was written: check the plan again, then try again.",
    ));
    expect(() => locateIds("ActionPlan", ["1.1", "1.1"], ["1.1"])).toThrow("The ID 1.1 is now on more than one row of the ActionPlan table.");
    expect(joinList(["a", "b"])).toBe("a and b");
    expect(joinList(Array.from({ length: 13 }, (_, i) => String(i + 1)))).toBe("1, 2, 3, 4, 5, 6, 7, 8, 9, 10 … and three more");
  });
});
