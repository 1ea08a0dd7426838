#!/usr/bin/env node
// The csp-plan command line. `npm ci` builds lib/ (the prepare script); this file only starts it.
const path = require("node:path");
const fs = require("node:fs");

const entry = path.join(__dirname, "..", "lib", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("csp-plan: the command line is not built yet. Run `npm ci` (or `npm run build:cli`) in the project folder first.\n");
  process.exit(2);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
