import { capitalise, joinList, numberWords } from "./wording";

describe("house style wording", () => {
  it("writes one to nine in words and 10 and above in numerals", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(numberWords)).toEqual(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]);
    expect(numberWords(10)).toBe("10");
    expect(numberWords(48)).toBe("48");
  });

  it("joins lists with no serial comma", () => {
    expect(joinList([])).toBe("");
    expect(joinList(["a"])).toBe("a");
    expect(joinList(["a", "b"])).toBe("a and b");
    expect(joinList(["a", "b", "c"])).toBe("a, b and c");
  });

  it("capitalises the first letter only", () => {
    expect(capitalise("two expected outcomes")).toBe("Two expected outcomes");
    expect(capitalise("12 outcomes")).toBe("12 outcomes");
  });
});
