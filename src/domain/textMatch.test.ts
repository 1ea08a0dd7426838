import { editDistance, nearestName } from "./textMatch";

describe("nearest registered name", () => {
  const names = ["Community Safety Manager", "ASB Coordinator", "IOM Manager", "Domestic Abuse Coordinator"];

  it("counts edits, including swapped letters", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("ab", "ba")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests the registered name for a slip, and nothing for a stranger", () => {
    expect(nearestName("Comunity Safety Manager", names)).toBe("Community Safety Manager");
    expect(nearestName("asb co-ordinator", names)).toBe("ASB Coordinator");
    expect(nearestName("Domestic Abuse Coordinator (DAC)", names)).toBe("Domestic Abuse Coordinator");
    expect(nearestName("Chief Fire Officer", names)).toBeUndefined();
  });
});
