/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }],
  },
  // Waits are for conditions (test/support/waitForConditions.ts); this only ends a test that hangs.
  setupFilesAfterEnv: ["<rootDir>/test/support/waitForConditions.ts"],
  testTimeout: 10 * 60_000,
};
