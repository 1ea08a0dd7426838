import { memoryPlan, seedWith } from "../../test/support/planFixture";
import { checkPlan } from "./checkPlan";
import { updateAction } from "./updateAction";

const seed = seedWith([
  { id: "1.1", leadOfficer: "ASB Coordinator", status: "On target", updates: { Q1: "a", Q2: "b" } },
  { id: "1.2", leadOfficer: "Community Safety Manager", status: "At risk" },
]);

async function setUp() {
  const workbook = await memoryPlan(seed);
  const dump = () => JSON.stringify(workbook.dump());
  return { workbook, dump };
}

const base = { actionId: "1.1", leadOfficer: "ASB Coordinator", quarter: "Q3" as const, shown: { status: "On target", update: "" } };

describe("a lead officer updates their action", () => {
  it("writes only the status and this quarter's update cells, and stamps Last updated with today", async () => {
    const { workbook } = await setUp();
    const before = await workbook.read();
    const outcome = await updateAction(workbook, { ...base, status: "At risk", update: "Funding delayed; patrols paused in December.", today: "2015-01-20" });
    expect(outcome).toEqual({ done: true });
    const after = await workbook.read();
    const table = (s: typeof before) => s.tables.find((t) => t.name === "ActionPlan")!;
    const changed: string[] = [];
    table(before).rows.forEach((row, r) => row.forEach((v, c) => {
      if (JSON.stringify(table(after).rows[r][c]) !== JSON.stringify(v)) changed.push(`${r}:${table(before).headers[c]}`);
    }));
    expect(changed).toEqual(["0:Status", "0:Q3 update", "0:Last updated"]);
    const stamped = table(after);
    expect(stamped.rows[0][stamped.headers.indexOf("Last updated")]).toEqual(new Date(Date.UTC(2015, 0, 20)));
    expect((await checkPlan(workbook)).plan.actions[0]).toMatchObject({ status: "At risk", updates: { Q3: "Funding delayed; patrols paused in December." } });
  });

  it("refuses, writing nothing, when someone else changed the cells since they were shown", async () => {
    const { workbook, dump } = await setUp();
    await updateAction(workbook, { ...base, status: "On target", update: "Someone else's words" });
    const before = dump();
    const outcome = await updateAction(workbook, { ...base, status: "Complete", update: "Mine" });
    expect(outcome.done).toBe(false);
    if (!outcome.done) expect(outcome.reason).toMatch(/Someone else changed action 1\.1/);
    expect(dump()).toBe(before);
  });

  it("refuses another officer's action, an unknown action, Removed, and an empty update, with reasons", async () => {
    const { workbook, dump } = await setUp();
    const before = dump();
    const reasons = [];
    for (const attempt of [
      { ...base, actionId: "1.2", shown: { status: "At risk", update: "" }, status: "On target" as const, update: "x" },
      { ...base, actionId: "9.9", status: "On target" as const, update: "x" },
      { ...base, status: "Removed" as const, update: "x" },
      { ...base, status: "On target" as const, update: "   " },
    ]) {
      const outcome = await updateAction(workbook, attempt);
      expect(outcome.done).toBe(false);
      if (!outcome.done) reasons.push(outcome.reason);
    }
    expect(reasons[0]).toContain("led by Community Safety Manager");
    expect(reasons[1]).toContain("no longer in the plan");
    expect(reasons[2]).toContain("Responsible Authorities Group");
    expect(reasons[3]).toContain("Write a Q3 update");
    expect(dump()).toBe(before);
  });
});
