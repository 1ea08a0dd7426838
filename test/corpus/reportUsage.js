// Loaded with --require into each command-line run of the corpus test: on exit, writes the run's peak resident
// memory and CPU time as JSON to the file named by CSP_CORPUS_USAGE_FILE. (A run that crashes writes nothing.)
const fs = require("node:fs");

process.on("exit", () => {
  const file = process.env.CSP_CORPUS_USAGE_FILE;
  if (!file) return;
  const usage = process.resourceUsage();
  fs.writeFileSync(file, JSON.stringify({ peakRssMb: Math.round(usage.maxRSS / 1024), cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) }));
});
