/** Real-browser tests (npm run test:e2e): Debian's chromium driven by playwright-core over the built dist/. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.e2e.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }],
  },
  // Pages are awaited by condition (Playwright's waits, test/e2e/expect.ts); this only ends a test that hangs.
  testTimeout: 10 * 60_000,
  maxWorkers: 1,
};
