/* Playwright's web-first assertions (they wait for the page), without its test runner. */
import { Locator } from "playwright-core";
import { HANG_BACKSTOP_MS } from "../support/backstop";

/** Polls until the condition holds; the backstop only ends a wait that never will. */
const TIMEOUT = HANG_BACKSTOP_MS;

async function poll(what: string, read: () => Promise<string | null>, matches: (value: string | null) => boolean): Promise<void> {
  const deadline = Date.now() + TIMEOUT;
  let last: string | null = null;
  for (;;) {
    last = await read().catch(() => null);
    if (matches(last)) return;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${TIMEOUT} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const test = (expected: string | RegExp) => (value: string | null) =>
  value !== null && (typeof expected === "string" ? value.trim() === expected : expected.test(value));

export function expect(locator: Locator) {
  return {
    toHaveText: (expected: string | RegExp) => poll(`expected text ${expected}`, () => locator.textContent(), test(expected)),
    toContainText: (expected: string) => poll(`expected to contain ${expected}`, () => locator.textContent(), (v) => v !== null && v.includes(expected)),
    toHaveAttribute: (name: string, expected: string) => poll(`expected ${name}=${expected}`, () => locator.getAttribute(name), test(expected)),
  };
}
