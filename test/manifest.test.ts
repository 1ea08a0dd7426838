import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const manifest = readFileSync(path.join(root, "manifest.xml"), "utf8");
const schemas = path.resolve(root, "..", "shared", "schemas", "office-addin-manifest");
const DEV_URL = "https://localhost:3000/";

describe("manifest.xml", () => {
  it("is an Excel task pane add-in that can write the workbook and opens from the Home tab", () => {
    expect(manifest).toContain('<Host Name="Workbook"/>');
    expect(manifest).toContain("<Permissions>ReadWriteDocument</Permissions>");
    expect(manifest).toMatch(/<OfficeTab id="TabHome">[\s\S]*<Action xsi:type="ShowTaskpane">/);
    for (const view of ["plan", "check", "myActions", "summary"]) expect(manifest).toContain(`taskpane.html?view=${view}"`);
  });

  it("gives each ribbon button a pane of its own (a TaskpaneId shared by pages fails on the web and on Mac: office-js #2918, #175)", () => {
    const actions = [...manifest.matchAll(/<Action xsi:type="ShowTaskpane">([\s\S]*?)<\/Action>/g)].map((m) => m[1]);
    expect(actions).toHaveLength(4);
    const ids = actions.map((a) => /<TaskpaneId>([^<]+)<\/TaskpaneId>/.exec(a)?.[1]);
    expect(new Set(ids).size).toBe(4);
    expect(ids.every((id) => id !== undefined)).toBe(true);
  });

  it("points every URL at the dev server, so the build can rewrite them for deployment", () => {
    const urls = [...manifest.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(DEV_URL)).toBe(true);
  });

  it("matches Microsoft's manifest schema (when ../shared has the XSDs, as in CI)", () => {
    if (!existsSync(schemas)) return; // A user's clone has no ../shared; CI always does.
    const xmllint = spawnSync("xmllint", ["--version"]);
    expect({ xmllintInstalled: xmllint.status === 0 }).toEqual({ xmllintInstalled: true }); // .ci/run installs libxml2-utils
    execFileSync("xmllint", ["--noout", "--schema", path.join(schemas, "OfficeAppManifestV1_1.xsd"), path.join(root, "manifest.xml")], { stdio: "pipe" });
  });

  it("names only files that the build puts in dist/ (npm test builds first)", () => {
    const dist = path.join(root, "dist");
    expect({ built: existsSync(path.join(dist, "manifest.xml")) }).toEqual({ built: true });
    const built = readFileSync(path.join(dist, "manifest.xml"), "utf8");
    const urls = [...built.matchAll(/(?:DefaultValue="|<AppDomain>)(https:[^"<]+)/g)].map((m) => m[1]);
    for (const url of urls) {
      const file = new URL(url).pathname.replace(/^\//, "");
      if (file === "") continue; // the AppDomain
      expect({ url, exists: existsSync(path.join(dist, file)) }).toEqual({ url, exists: true });
    }
  });
});
