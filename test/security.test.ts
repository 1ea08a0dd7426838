/**
 * Static guarantees about the code and the built pages: no HTML or script injection sinks, no network
 * calls, and a Content-Security-Policy that allows only this origin and Microsoft's Office CDN.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { contentSecurityPolicy } = require("../webpack.config.js") as { contentSecurityPolicy: (serving: boolean) => string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx|html)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

const sources = sourceFiles(path.join(root, "src")).map((file) => ({ file: path.relative(root, file), text: readFileSync(file, "utf8") }));

function policy(serving: boolean): Map<string, string[]> {
  return new Map(contentSecurityPolicy(serving).split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe("the code has no injection sinks and makes no network calls", () => {
  it("reads the whole source tree", () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.some((s) => s.file.endsWith("App.tsx"))).toBe(true);
  });

  it.each([
    ["dangerouslySetInnerHTML", /dangerouslySetInnerHTML/],
    ["innerHTML / outerHTML", /\.(inner|outer)HTML\b/],
    ["insertAdjacentHTML", /insertAdjacentHTML/],
    ["document.write", /document\.write/],
    ["eval", /\beval\s*\(/],
    ["new Function", /new\s+Function\s*\(/],
  ])("never uses %s", (_, pattern) => {
    expect(sources.filter((s) => pattern.test(s.text)).map((s) => s.file)).toEqual([]);
  });

  it.each([
    ["fetch", /\bfetch\s*\(/],
    ["XMLHttpRequest", /XMLHttpRequest/],
    ["WebSocket", /WebSocket/],
    ["sendBeacon", /sendBeacon/],
    ["EventSource", /EventSource/],
    ["node:http(s) or node:net", /from\s+["'](node:)?(https?|net|tls|dgram)["']/],
    ["a web address other than Office's CDN and the add-in's own", /https?:\/\/(?!appsforoffice\.microsoft\.com|localhost|schemas\.|www\.w3\.org|go\.microsoft\.com)[a-z0-9.-]+\.[a-z]{2,}/i],
  ])("never calls out with %s", (_, pattern) => {
    expect(sources.filter((s) => pattern.test(s.text)).map((s) => s.file)).toEqual([]);
  });
});

describe("the pages' Content-Security-Policy", () => {
  it("allows scripts only from the add-in's own origin and Microsoft's Office CDN", () => {
    const csp = policy(false);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(contentSecurityPolicy(false)).not.toMatch(/unsafe-eval/);
  });

  it("lets the dev server's live-reload socket through only when serving", () => {
    expect(policy(true).get("connect-src")).toEqual(["'self'", "wss://localhost:*"]);
  });

  it.each(["src/taskpane/taskpane.html", "src/commands/commands.html"])("%s sets the policy before any script", (file) => {
    const html = readFileSync(path.join(root, file), "utf8");
    const meta = html.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(0);
    expect(meta).toBeLessThan(html.indexOf("<script"));
  });

  it("is in the built task pane (npm test builds first)", () => {
    const built = readFileSync(path.join(root, "dist", "taskpane.html"), "utf8");
    expect(built).toContain(contentSecurityPolicy(false));
    expect(built.indexOf("Content-Security-Policy")).toBeLessThan(built.indexOf("<script"));
  });
});
