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

describe("nearest name for text as long as a cell", () => {
  const long = "Сотрудник по общественной безопасности ".repeat(840); // about 32,760 characters

  it("suggests a name the typed text contains, and skips the full comparison of two very long names", () => {
    expect(nearestName(`${long} (DAC)`, ["ASB Coordinator", long])).toBe(long);
    // A full comparison would be a billion steps; one letter off in the middle is not suggested.
    const slip = `${long.slice(0, 16_000)}x${long.slice(16_001)}`;
    expect(nearestName(slip, ["ASB Coordinator", long])).toBeUndefined();
  });

  it("still counts edits exactly for names of ordinary length", () => {
    expect(editDistance("abcdef", "abdcef")).toBe(1);
    expect(editDistance("Community Safety Manager", "Comunity Safety Manger")).toBe(2);
    expect(editDistance("abc", "")).toBe(3);
  });
});
