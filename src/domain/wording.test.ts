import { cappedList, capitalise, joinList, numberWords, quoted, shortText } from "./wording";

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

describe("long lists in messages", () => {
  const ids = Array.from({ length: 333 }, (_, i) => `1.${i + 1}`);

  it("names at most ten items, then says how many more", () => {
    expect(cappedList(ids.slice(0, 10))).toBe("1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 1.10");
    expect(cappedList(ids)).toBe("1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 1.10 … and 323 more");
    expect(cappedList(ids, { max: 2 })).toBe("1.1, 1.2 … and 331 more");
    expect(cappedList([])).toBe("");
    expect(joinList(ids.slice(0, 3))).toBe("1.1, 1.2 and 1.3");
    expect(joinList(ids)).toBe(cappedList(ids));
  });

  it("names as many as fit in a number of characters", () => {
    const text = cappedList(ids, { max: Infinity, maxChars: 40 });
    expect(text.length).toBeLessThanOrEqual(40);
    expect(text).toMatch(/^1\.1, 1\.2(, 1\.\d+)* … and \d+ more$/);
    const named = text.split(" … ")[0].split(", ").length;
    expect(text).toContain(`… and ${333 - named} more`);
    expect(cappedList(ids, { max: Infinity, maxChars: 100_000 })).toBe(ids.join(", "));
    expect(cappedList(["a-very-long-name"], { maxChars: 5 })).toBe("… and one more");
  });
});

describe("a person's text in a message", () => {
  it("is quoted whole up to 100 characters, and shortened with … beyond", () => {
    expect(quoted("Run patrols")).toBe('"Run patrols"');
    expect(quoted("x".repeat(100))).toBe(`"${"x".repeat(100)}"`);
    expect(quoted("x".repeat(32_767))).toBe(`"${"x".repeat(99)}…"`);
    expect(shortText("1.1")).toBe("1.1");
    expect(shortText("😀".repeat(60))).toBe(`${"😀".repeat(49)}…`);
  });
});
