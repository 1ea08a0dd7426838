import { CLEAN_ACTION, seedWith, snapshotOf } from "../../test/support/planFixture";
import { buildChaseList, chaseDeadline, chaseFlag, compareIds, shortenAction } from "./chase";
import { checkSnapshot } from "./check";
import { Period } from "./period";
import { readPlan } from "./plan";
import { SeedAction } from "./planSeed";
import { SAMPLE_PLAN } from "./sample/samplePlan";
import { buildSummaryReport } from "./summary";

const Q3: Period = { year: { startYear: 2014 }, quarter: "Q3", asOf: "2014-12-31" };
const noQ3 = { updates: { Q1: "Started.", Q2: "Going well." } };

function chase(actions: Partial<SeedAction>[], period: Period = Q3) {
  return buildChaseList(readPlan(snapshotOf(seedWith(actions))), period);
}

describe("the chase list (issue 13 part 4)", () => {
  it("lists each officer's open actions without the quarter's update, with a message to send", () => {
    const list = chase([
      { id: "1.1", ...noQ3 },
      { id: "1.2", action: "Deliver target hardening to 200 burgled homes in Parr and Thatto Heath wards", targetDate: "2015-02-28", ...noQ3 },
      { id: "1.3" }, // has its Q3 update
      { id: "1.4", status: "Complete", ...noQ3 },
      { id: "1.5", status: "Removed", notes: "Merged into 1.1", ...noQ3 },
    ]);
    expect(list).toEqual([
      {
        leadOfficer: "ASB Coordinator",
        registered: true,
        active: true,
        actions: [
          { id: "1.1", action: "Run monthly multi-agency patrols in the three town centre…", targetDate: "2015-03-31", targetDateText: "31 March 2015" },
          { id: "1.2", action: "Deliver target hardening to 200 burgled homes in Parr and…", targetDate: "2015-02-28", targetDateText: "28 February 2015" },
        ],
        message:
          "Dear ASB Coordinator, the Q3 2014/15 update is still needed for two actions in the community safety action plan: " +
          "1.1 (Run monthly multi-agency patrols in the three town centre…) and 1.2 (Deliver target hardening to 200 burgled homes in Parr and…). " +
          "Please add each one in the Q3 update column as soon as you can. Thank you.",
      },
    ]);
  });

  it("says one action in words, and gives the end of the quarter as the deadline while the quarter runs", () => {
    const [entry] = chase([{ id: "2.1", action: "Hold four multi-agency days of action", ...noQ3 }], { ...Q3, asOf: "2014-11-15" });
    expect(entry.message).toBe(
      "Dear ASB Coordinator, the Q3 2014/15 update is still needed for one action in the community safety action plan: " +
        "2.1 (Hold four multi-agency days of action). Please add it in the Q3 update column by 31 December 2014, the end of the quarter. Thank you.",
    );
  });

  it("never invents a date: by the quarter's end while it runs, then as soon as you can", () => {
    expect(chaseDeadline({ ...Q3, asOf: "2014-12-30" })).toBe("by 31 December 2014, the end of the quarter");
    expect(chaseDeadline(Q3)).toBe("as soon as you can");
    expect(chaseDeadline({ ...Q3, asOf: "2015-01-20" })).toBe("as soon as you can");
    expect(chaseDeadline({ year: { startYear: 2014 }, quarter: "Q4", asOf: "2015-01-20" })).toBe("by 31 March 2015, the end of the quarter");
  });

  it("sorts officers by name (no named officer last) and actions by ID, numbers as numbers", () => {
    const list = chase([
      { id: "2.10", leadOfficer: "Community Safety Manager", ...noQ3 },
      { id: "2.9", leadOfficer: "Community Safety Manager", ...noQ3 },
      { id: "1.1", leadOfficer: "", ...noQ3 },
      { id: "3.1", leadOfficer: "ASB Coordinator", ...noQ3 },
    ]);
    expect(list.map((e) => [e.leadOfficer, e.actions.map((a) => a.id)])).toEqual([
      ["ASB Coordinator", ["3.1"]],
      ["Community Safety Manager", ["2.9", "2.10"]],
      ["", ["1.1"]],
    ]);
    expect(list[2].message).toBe(
      "No lead officer is named for one action in the community safety action plan: 1.1 (Run monthly multi-agency patrols in the three town centre…), " +
        "so nobody has been asked for the Q3 2014/15 update. Name a lead officer for it in the Lead officer column.",
    );
    expect(compareIds("", "1.1")).toBe(1);
    expect(["10.1", "2.10", "2.2", "", "1.1"].sort(compareIds)).toEqual(["1.1", "2.2", "2.10", "10.1", ""]);
  });

  it("flags inactive and unregistered officers", () => {
    const list = chase([
      { id: "1.1", leadOfficer: "Former Partnership Officer", ...noQ3 },
      { id: "1.2", leadOfficer: "Someone New", ...noQ3 },
      { id: "1.3", ...noQ3 },
    ]);
    expect(list.map((e) => [e.leadOfficer, e.registered, e.active, chaseFlag(e)])).toEqual([
      ["ASB Coordinator", true, true, ""],
      ["Former Partnership Officer", true, false, "inactive in the Lead Officers register: reassign these actions, or send this to whoever covers the role"],
      ["Someone New", false, false, "not in the Lead Officers register"],
    ]);
    expect(list[1].message).toMatch(/^Dear Former Partnership Officer, /);
  });

  it("shows target dates that are blank or not dates as such, never as a date", () => {
    const list = chase([
      { id: "1.1", targetDate: "", ...noQ3 },
      { id: "1.2", targetDate: "end of March", ...noQ3 },
    ]);
    expect(list[0].actions.map((a) => [a.targetDate, a.targetDateText])).toEqual([
      [null, "no target date"],
      [null, '"end of March" (not a date)'],
    ]);
  });

  it("names at most 20 actions in one message, then says how many more", () => {
    const many = Array.from({ length: 23 }, (_, i) => ({ id: `1.${i + 1}`, action: `Action number ${i + 1} of the plan`, ...noQ3 }));
    const [entry] = chase(many);
    expect(entry.actions).toHaveLength(23);
    expect(entry.message).toContain("for 23 actions in the community safety action plan: 1.1 (Action number 1 of the plan), ");
    expect(entry.message).toContain("1.20 (Action number 20 of the plan) and three more. Please add each one");
    expect(entry.message).not.toContain("1.21 (");
  });

  it("shortens action text at a whole word, on one line", () => {
    expect(shortenAction("Short action")).toBe("Short action");
    expect(shortenAction("  Two\nlines  ")).toBe("Two lines");
    expect(shortenAction("")).toBe("no action text");
    expect(shortenAction("Direct partnership resources to ASB hotspots through a monthly Tasking and Coordination Group")).toBe(
      "Direct partnership resources to ASB hotspots through a…",
    );
    expect(shortenAction("a".repeat(100))).toBe(`${"a".repeat(59)}…`);
    expect(shortenAction("Review the plan, then, commission services, across the borough", 30)).toBe("Review the plan, then…");
    expect(shortenAction(`${"x".repeat(58)}😀 more`, 60)).toBe(`${"x".repeat(58)}…`);
  });

  it("matches the summary's missing updates and the check's update.missing findings on the sample plan", () => {
    const check = checkSnapshot(snapshotOf(SAMPLE_PLAN));
    const list = buildChaseList(check.plan, check.period!);
    const report = buildSummaryReport(check.plan, check.period!);
    const ids = (groups: readonly { leadOfficer: string; actions: readonly { id: string }[] }[]) =>
      groups.map((g) => `${g.leadOfficer}: ${g.actions.map((a) => a.id).join(" ")}`);
    expect(ids(list)).toEqual(ids(report.missingUpdates));
    expect(ids(list)).toEqual([
      "Detective Inspector, St Helens CID: 2.3",
      "Head of Safeguarding, St Helens CCG: 3.3",
      "IOM Manager: 6.1",
      "Senior Crown Prosecutor: 7.2",
      "Substance Misuse Commissioning Manager: 4.1",
    ]);
    const missing = check.findings.filter((f) => f.rule === "update.missing").map((f) => f.actionId);
    expect(list.flatMap((e) => e.actions.map((a) => a.id)).sort()).toEqual([...missing].sort());
    expect(list.every((e) => e.registered && e.active)).toBe(true);
  });

  it("is empty when every open action has the quarter's update", () => {
    expect(chase([{ ...CLEAN_ACTION }])).toEqual([]);
  });
});
