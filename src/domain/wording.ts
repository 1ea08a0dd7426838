/** Committee house style for numbers and lists (brief §5). */

const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** One to nine in words, 10 and above in numerals. */
export function numberWords(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < 10 ? WORDS[n] : String(n);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `a, b and c`: no serial comma. */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
