// Loaded with --require into a measured child process: writes its peak resident memory (bytes) on exit.
const fs = require("node:fs");
process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE) fs.writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
