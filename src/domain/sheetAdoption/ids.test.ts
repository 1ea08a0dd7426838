import { assignIds } from "./ids";

/** Issue 11 item 2: references kept where present and unique, else `p.n`. */
describe("assignIds", () => {
  it("keeps unique references and generates p.n for missing, shared or merged ones, skipping IDs already kept", () => {
    expect(assignIds([
      { ref: "1.2", merged: false, priorityNo: 1 },
      { ref: "", merged: false, priorityNo: 1 },
      { ref: "7", merged: true, priorityNo: 2 },
      { ref: "X", merged: false, priorityNo: 2 },
      { ref: "x", merged: false, priorityNo: 2 },
    ]).map((a) => `${a.id}${a.generated ? ` (was ${a.ref || "blank"})` : ""}`)).toEqual([
      "1.2", "1.1 (was blank)", "2.1 (was 7)", "2.2 (was X)", "2.3 (was x)",
    ]);
  });
});
