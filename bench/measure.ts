import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function timeMs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `node args…` in a child process; returns wall time and the child's peak RSS. Other exit statuses throw. */
export function runNode(args: string[], okStatuses: readonly number[] = [0]): { ms: number; peakRssMb: number } {
  const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}-${Math.random().toString(16).slice(2)}`);
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--require", path.join(__dirname, "..", "..", "scripts", "reportUsage.js"), ...args], {
    env: { ...process.env, USAGE_FILE: rssFile },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status === null || !okStatuses.includes(result.status)) throw new Error(`node ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  const { peakRssMb } = JSON.parse(readFileSync(rssFile, "utf8")) as { peakRssMb: number };
  rmSync(rssFile, { force: true });
  return { ms, peakRssMb };
}
