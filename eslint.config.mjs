// Lint: typescript-eslint's recommended rules, every office-addins rule as an error, and the layering rule
// that keeps the domain pure (no Office, ExcelJS, React or I/O in src/domain).
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

const officeRules = Object.fromEntries(Object.keys(officeAddins.rules).map((name) => [`office-addins/${name}`, "error"]));

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "lib/", "build/", "coverage/", "demo-output/", "test-output/", "bin/"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }] },
  },
  {
    // The office-addins rules read any `.getCell()`/`.value` as Office.js proxies, so they run where Office.js
    // code lives; the ExcelJS and in-memory adapters hold plain objects.
    files: ["src/taskpane/**/*.{ts,tsx}", "src/commands/**/*.ts", "src/adapters/office/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: officeRules,
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["exceljs", "exceljs/*"], message: "src/domain is pure: ExcelJS belongs in src/adapters/exceljs." },
            { group: ["react", "react-dom", "react/*", "@fluentui/*"], message: "src/domain is pure: UI belongs in src/taskpane." },
            { group: ["office-addin-*", "@microsoft/office-js"], message: "src/domain is pure: Office belongs in src/adapters/office." },
            { group: ["fs", "node:*", "path", "os", "child_process"], message: "src/domain is pure: no I/O." },
            { group: ["../port/*", "../usecases/*", "../adapters/*", "../cli/*", "../taskpane/*"], message: "src/domain depends on nothing outside itself." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "Excel", message: "src/domain is pure: Office belongs in src/adapters/office." },
        { name: "Office", message: "src/domain is pure: Office belongs in src/adapters/office." },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: { globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
