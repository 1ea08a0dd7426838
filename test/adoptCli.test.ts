/**
 * `csp-plan adopt` on the six real-layout workbooks (test/fixtures/real-layouts, copied from
 * shared/examples with their truth.json): each adopts, FILE stays byte-identical, the original sheet is
 * cell-identical in NEW, and `check` and `summary` on NEW find no structure errors and count exactly the
 * actions and completed actions that truth.json gives. Then the refusals: a status nobody mapped, no --out,
 * a sheet that is not there.
 */
import { existsSync, promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/excelJsWorkbook";
import { Io } from "../src/cli/io";
import { main } from "../src/cli/main";
import { Finding } from "../src/domain/findings";
import { useTempDir } from "./support/tempDir";

const FIXTURES = path.join(__dirname, "fixtures", "real-layouts");
const TRUTH = JSON.parse(readFileSync(path.join(FIXTURES, "truth.json"), "utf8")) as Record<string, { sheet: string; actions: number; complete: number }>;

/** Runs `csp-plan ARGS` in-process on 1 March 2016; returns the exit status and what it printed. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), today: () => new Date(Date.UTC(2016, 2, 1)) };
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const sheetValues = async (bytes: Buffer, sheet: string) => JSON.stringify((await (await ExcelJsWorkbook.load(bytes)).readSheet(sheet)).values);

describe("csp-plan adopt on plans as partnerships keep them", () => {
  const temp = useTempDir();

  it.each(Object.entries(TRUTH))("%s: adopts into NEW; check and summary count what truth.json says", async (name, truth) => {
    const file = temp.path(`${name}.xlsx`);
    const out = temp.path(`${name}-adopted.xlsx`);
    const original = readFileSync(path.join(FIXTURES, `${name}.xlsx`));
    await fs.writeFile(file, original);

    const adopted = await cli("adopt", file, "--out", out, "--year", "2015/16", "--quarter", "Q4");
    expect({ code: adopted.code, err: adopted.err.split("\n").filter((l) => l.trim() !== "" && !l.endsWith("…")) }).toEqual({ code: 0, err: [] });
    expect(adopted.out).toContain(`Sheet "${truth.sheet}"`);
    expect((await fs.readFile(file)).equals(original)).toBe(true);
    const written = await fs.readFile(out);
    expect(await sheetValues(written, truth.sheet)).toBe(await sheetValues(original, truth.sheet));

    const check = await cli("check", out, "--json");
    const findings = JSON.parse(check.out) as Finding[];
    // Kept IDs such as "DA 1" are warned about (not of the form 2.3), never a structure error.
    expect(findings.filter((f) => f.severity === "error" && f.rule.startsWith("structure."))).toEqual([]);

    const summary = await cli("summary", out, "--quarter", "Q4", "--json");
    expect(summary.code).toBe(0);
    const overall = (JSON.parse(summary.out) as { overall: { expected: number; counts: Record<string, number> } }).overall;
    expect({ actions: overall.expected, complete: overall.counts.Complete }).toEqual({ actions: truth.actions, complete: truth.complete });
  });

  async function parkedPlan(file: string): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Plan");
    sheet.addRows([
      ["Ref", "Action", "Owner", "Deadline", "Status"],
      ["1", "Run a summer diversion scheme for young people", "Youth Services Manager", new Date(Date.UTC(2016, 2, 31)), "Parked"],
      ["2", "Train 40 staff to spot hate crime", "Cohesion Officer", new Date(Date.UTC(2016, 2, 31)), "Done"],
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    await fs.writeFile(file, bytes);
    return bytes;
  }

  it("refuses while a status value has no mapping, naming it, and writes nothing; --status maps it", async () => {
    const file = temp.path("parked.xlsx");
    const out = temp.path("parked-adopted.xlsx");
    const before = await parkedPlan(file);
    const refused = await cli("adopt", file, "--out", out, "--year", "2015/16");
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/"Parked".*not words this tool knows.*Nothing was written\./s);
    expect(refused.out).toMatch(/"Parked" \(1\) → not mapped/);
    expect(existsSync(out)).toBe(false);
    expect((await fs.readFile(file)).equals(before)).toBe(true);

    const mapped = await cli("adopt", file, "--out", out, "--year", "2015/16", "--status", "Parked=Not started", "--json");
    expect(mapped.code).toBe(0);
    expect(JSON.parse(mapped.out).statuses).toContainEqual({ value: "Parked", count: 1, status: "Not started", why: "chosen by you" });
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });

  it("is a usage error without --out, with a bad --status, or for a sheet that is not there (exit 2, nothing written)", async () => {
    const file = temp.path("parked.xlsx");
    await parkedPlan(file);
    expect((await cli("adopt", file)).err).toMatch(/Name the new workbook with --out NEW\.xlsx/);
    const bad = await cli("adopt", file, "--out", temp.path("x.xlsx"), "--status", "Parked=Sleeping");
    expect({ code: bad.code, told: /--status takes VALUE=STATUS pairs/.test(bad.err) }).toEqual({ code: 2, told: true });
    const missing = await cli("adopt", file, "--out", temp.path("x.xlsx"), "--sheet", "Nope");
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/has no sheet named "Nope"; its sheets are "Plan"/);
    expect(existsSync(temp.path("x.xlsx"))).toBe(false);
  });
});
