/**
 * Temporary folders for tests: each under os.tmpdir(), made fresh and removed afterwards.
 *
 *   const temp = useTempDir();            // in a describe block: a fresh folder per test
 *   const file = temp.path("plan.xlsx");
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Makes a new, empty folder under the system's temporary folder. */
export function makeTempDir(prefix = "csp-plan-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Removes a folder made by {@link makeTempDir}, and everything in it. Never fails. */
export function removeTempDir(dir: string): void {
  // Only ever remove what this helper made: a folder directly under the temporary folder.
  if (path.dirname(path.resolve(dir)) !== path.resolve(os.tmpdir())) {
    throw new Error(`Refusing to remove ${dir}: not a folder made by makeTempDir.`);
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Runs `body` with a fresh folder, then removes it however `body` ended. */
export async function withTempDir<T>(body: (dir: string) => Promise<T> | T, prefix?: string): Promise<T> {
  const dir = makeTempDir(prefix);
  try {
    return await body(dir);
  } finally {
    removeTempDir(dir);
  }
}

export interface TempDir {
  /** The current test's folder. */
  readonly dir: string;
  /** A path inside it. */
  path(...parts: string[]): string;
}

/**
 * Registers jest hooks giving each test its own fresh folder (beforeEach) and removing it (afterEach).
 * Call at the top of a describe block or file.
 */
export function useTempDir(prefix?: string): TempDir {
  let current: string | undefined;
  beforeEach(() => {
    current = makeTempDir(prefix);
  });
  afterEach(() => {
    if (current) removeTempDir(current);
    current = undefined;
  });
  const dir = (): string => {
    if (!current) throw new Error("useTempDir: the folder exists only while a test runs.");
    return current;
  };
  return {
    get dir() {
      return dir();
    },
    path: (...parts: string[]) => path.join(dir(), ...parts),
  };
}
