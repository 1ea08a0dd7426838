#!/usr/bin/env node
// The csp-plan command line. `npm ci` builds lib/ (the prepare script); this file only starts it.
const path = require("node:path");
const fs = require("node:fs");

// A reader that closes early (`csp-plan check plan.xlsx | head -1`) makes writes fail with EPIPE. The
// command line's own output drops the rest quietly and says any other failure (src/cli/io.ts); this
// guard covers a write from anywhere else, so the process never dies of it with a stack trace and its
// exit status stays the command's.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);

const entry = path.join(__dirname, "..", "lib", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("csp-plan: the command line is not built yet. Run `npm ci` (or `npm run build:cli`) in the project folder first.\n");
  process.exit(2);
}
require(entry)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      // main() turns every failure into a message and an exit status; this is only a last guard.
      process.stderr.write(`csp-plan: something went wrong that is not your doing: ${error && error.message}\n`);
      process.exitCode = 2;
    },
  );
