import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { Browser, chromium, ConsoleMessage, Page } from "playwright-core";
import { HANG_BACKSTOP_MS } from "../support/backstop";

const root = path.resolve(__dirname, "..", "..");
export const SCREENSHOTS = path.join(root, "test-output", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serveDist } = require("../../scripts/serveDist.js") as {
  serveDist(options: { extra?: Record<string, string> }): Promise<{ server: { close(): void }; url: string }>;
};

/** What office.js does outside Office that the page's Content-Security-Policy rightly blocks (its telemetry frame). */
const EXPECTED_CONSOLE = [/^Warning: Office\.js is loaded outside of Office client/, /^Framing 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\/' violates/];

export interface Session {
  browser: Browser;
  url: string;
  /** Console errors and page errors seen so far, apart from the expected ones. */
  problems: string[];
  open(address: string, options?: { colorScheme?: "light" | "dark"; routeOfficeCdn?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the static server over dist/ and Debian's chromium. Fails clearly if either is missing. */
export async function startSession(): Promise<Session> {
  if (!existsSync(path.join(root, "dist", "preview.html"))) throw new Error("dist/ is not built: run npm run build (npm test and npm run test:e2e do).");
  if (!existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}: install it with "apt-get install chromium" (.ci/run does), or set CHROMIUM_PATH.`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { server, url } = await serveDist({ extra: { "/axe.min.js": path.join(root, "node_modules", "axe-core", "axe.min.js") } });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run", "--disable-extensions"],
  });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on("console", (message: ConsoleMessage) => {
      if (message.type() === "error" || message.type() === "warning") {
        const text = message.text();
        if (!EXPECTED_CONSOLE.some((pattern) => pattern.test(text))) problems.push(`${message.type()}: ${text}`);
      }
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
  };
  return {
    browser,
    url,
    problems,
    async open(address, options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? "light", locale: "en-GB", timezoneId: "Europe/London" });
      // Playwright's waits (waitFor, clicks) are for conditions; its 30 s default would be a wall-clock limit.
      context.setDefaultTimeout(HANG_BACKSTOP_MS);
      const page = await context.newPage();
      watch(page);
      if (options.routeOfficeCdn) {
        // These machines cannot reach Microsoft's CDN: answer for it with the same files from the npm package.
        await page.route("https://appsforoffice.microsoft.com/**", (route) =>
          route.fulfill({ path: path.join(root, "dist", "office-js", path.basename(new URL(route.request().url()).pathname)), contentType: "text/javascript" }),
        );
      }
      // Anything else off this machine would be a call the add-in must not make.
      await page.route(/^https?:\/\/(?!localhost[:/]|appsforoffice\.microsoft\.com\/)/, (route) => {
        problems.push(`network call: ${route.request().url()}`);
        return route.abort();
      });
      await page.goto(new URL(address, url).toString());
      return page;
    },
    async close() {
      await browser.close();
      server.close();
    },
  };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core over the page: the serious and critical violations, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ url: "/axe.min.js" });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: object, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    // Left out: the 1-pixel sentinels Fluent's focus manager (Tabster) puts around a tab list to steer Tab
    // presses; they hand focus on at once and are never read out, but axe sees a focusable aria-hidden element.
    return (await axe.run({ include: [document], exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] })).violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")})`);
}

/**
 * The preview (the real pane beside an in-memory workbook holding the sample plan), opened and read:
 * `query` as the pane's own (`?view=summary`, `?theme=dark`). Waits for the pane's heading and for its
 * first read to finish: conditions, not pauses.
 */
export async function openPreview(session: Session, query = "", colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const page = await session.open(`preview.html${query}`, { colorScheme });
  await page.getByRole("heading", { name: "CSP Action Plan" }).waitFor();
  await page.getByText("Reading the workbook…").waitFor({ state: "detached" }).catch(() => undefined);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/**
 * Waits until the page has settled: no animation or transition still running (Fluent fades views in), and
 * a frame painted after that. A condition, not a pause, so a busy machine only makes it take longer.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    // A spinner runs for ever; everything else must have finished.
    document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}
