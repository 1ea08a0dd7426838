// npm run bench [-- --json] [-- --quick]: builds the command line and the benchmark (their output on stderr,
// so --json leaves only the JSON document on stdout after npm's own banner; `npm run -s bench -- --json`
// drops that too), then runs it.
const { execFileSync } = require("node:child_process");
const path = require("node:path");

const root = path.join(__dirname, "..");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
for (const config of ["tsconfig.cli.json", "tsconfig.bench.json"]) {
  execFileSync(process.execPath, [tsc, "-p", config], { cwd: root, stdio: ["ignore", 2, 2] });
}
require(path.join(root, "build", "bench", "run.js"));
