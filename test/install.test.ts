/**
 * The install needs nothing native: `npm ci` must work on a clean machine that reaches only the npm
 * registry, with no compilers' libraries (issue: keytar, pulled in as a peer of office-addin-dev-settings,
 * downloaded a binary and then compiled against libsecret). And `npm start` must still load.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; hasInstallScript?: boolean; dependencies?: Record<string, string> }>;
};

describe("the install", () => {
  it("has no package with an install script (nothing downloads a binary or compiles)", () => {
    const scripted = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript || p.dependencies?.["node-gyp"] || p.dependencies?.["prebuild-install"])
      .map(([name, p]) => `${name}@${p.version}`);
    expect(scripted).toEqual([]);
  });

  it("leaves peer dependencies to package.json, so the agents toolkit and keytar stay out", () => {
    expect(readFileSync(path.join(root, ".npmrc"), "utf8")).toMatch(/^legacy-peer-deps=true$/m);
    const names = Object.keys(lock.packages);
    expect(names.filter((n) => /(^|\/)(keytar|@microsoft\/m365agentstoolkit-cli)$/.test(n))).toEqual([]);
  });

  it("keeps npm start's sideloading tools loadable (every module of office-addin-debugging and dev-settings)", () => {
    const files = ["office-addin-debugging", "office-addin-dev-settings", "office-addin-dev-certs", "office-addin-manifest"].flatMap((pkg) => {
      const lib = path.join(root, "node_modules", pkg, "lib");
      return readdirSync(lib).filter((f) => f.endsWith(".js")).map((f) => path.join(lib, f));
    });
    // Plain node, as `npm start` runs them (jest's own module loader would get in the way).
    const run = spawnSync(process.execPath, ["-e", "for (const f of JSON.parse(process.argv[1])) require(f)", JSON.stringify(files)], { encoding: "utf8" });
    expect({ status: run.status, stderr: run.stderr.split("\n").find((l) => /Error/.test(l)) }).toEqual({ status: 0, stderr: undefined });
  });
});
