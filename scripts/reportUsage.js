// Loaded with --require into a measured child process (the benchmark, the bad-workbook corpus test): on exit,
// writes the process's peak resident memory and CPU time as JSON to the file named by USAGE_FILE.
// (A run that crashes writes nothing.)
const fs = require("node:fs");

process.on("exit", () => {
  const file = process.env.USAGE_FILE;
  if (!file) return;
  const usage = process.resourceUsage();
  fs.writeFileSync(file, JSON.stringify({ peakRssMb: usage.maxRSS / 1024, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) }));
});
