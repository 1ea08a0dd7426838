import { planTables } from "../planLayout";
import { SheetAdoptionOptions } from "../sheetProposal";
import { OTHER_LEAD_OFFICERS, ORIGINAL_REFERENCE, proposeSheetAdoption } from "./proposeSheetAdoption";
import { testSheet } from "../../../test/support/testSheet";

/** Issue 11: the layouts named in the issue that the six real-layout files do not hold, each by hand. */
const OPTIONS: SheetAdoptionOptions = { year: "2015/16", currentQuarter: "Q4" };

describe("proposeSheetAdoption on layouts seen in published plans", () => {
  it("names the plan from the title above the header, or the sheet, but never from Excel's own Sheet1", () => {
    const rows = [["Ref", "Action", "Lead officer", "Target date", "Status"], ["1.1", "Map reporting routes", "Ann Lee", "31/03/2016", "Done"]];
    expect(proposeSheetAdoption(testSheet(rows, { sheet: "Sheet1" }), OPTIONS).seed!.name).toBe("community safety action plan");
    expect(proposeSheetAdoption(testSheet(rows, { sheet: "Hate crime plan" }), OPTIONS).seed!.name).toBe("Hate crime plan");
  });

  it("reads a status carried only as fill colour, by the legend above the header", () => {
    const cells = testSheet([
      ["Key:", "Complete", "On track", "Some slippage", "Off track"],
      [],
      ["Ref", "Action", "Lead officer", "Target date"],
      ["1.1", "Map reporting routes", "Ann Lee", "31/03/2016"],
      ["1.2", "Train staff", "Bob Roe", "31/12/2015"],
      ["1.3", "Publish guide", "Ann Lee", "30/09/2015"],
      ["1.4", "Run campaign", "Cy Dee", "31/03/2016"],
    ], { fills: { B1: "#0070C0", C1: "#00B050", D1: "#FFC000", E1: "#FF0000", B4: "#0070C0", B5: "#00B050", B6: "#FFC000", B7: "#FF0000" } });
    const p = proposeSheetAdoption(cells, OPTIONS);
    expect(p.headerRow).toBe(2);
    expect(p.statuses).toEqual([
      { value: "fill #0070C0", count: 1, status: "Complete", why: "the legend's colour for Complete" },
      { value: "fill #00B050", count: 1, status: "On target", why: "the legend's colour for On target" },
      { value: "fill #FFC000", count: 1, status: "At risk", why: "the legend's colour for At risk" },
      { value: "fill #FF0000", count: 1, status: "At risk", why: "the legend's colour for At risk" },
    ]);
    expect(p.seed!.actions.map((a) => a.status)).toEqual(["Complete", "On target", "At risk", "At risk"]);
  });

  it("reads a colour key below the table as a legend, not an action", () => {
    const p = proposeSheetAdoption(testSheet([
      ["Ref", "Action", "Lead officer", "Target date"],
      ["1.1", "Map reporting routes", "Ann Lee", "31/03/2016"],
      ["1.2", "Train staff", "Bob Roe", "31/12/2015"],
      [],
      ["Key:", "Done", "Slipping"],
    ], { fills: { B2: "#4472C4", B3: "#ED7D31", B5: "#4472C4", C5: "#ED7D31" } }), OPTIONS);
    expect(p.rows.map((r) => r.kind)).toEqual(["action", "action", "blank", "note"]);
    expect(p.seed!.actions.map((a) => a.status)).toEqual(["Complete", "At risk"]);
  });

  it("takes a fill colour by its family where no legend names it, and lists an unknown colour as unmapped", () => {
    const cells = testSheet([
      ["Ref", "Action", "Lead officer", "Target date"],
      ["1.1", "Map reporting routes", "Ann Lee", "31/03/2016"],
      ["1.2", "Train staff", "Bob Roe", "31/12/2015"],
    ], { fills: { B2: "#5B9BD5", B3: "#7030A0" } });
    const p = proposeSheetAdoption(cells, OPTIONS);
    expect(p.statuses).toEqual([
      { value: "fill #5B9BD5", count: 1, status: "Complete", why: "blue fill" },
      { value: "fill #7030A0", count: 1, status: null, why: "a fill colour with no status meaning" },
    ]);
    expect(p.unmapped).toEqual(["fill #7030A0"]);
    expect(p.findings).toContainEqual(expect.objectContaining({ severity: "error", rule: "adopt.status.unmapped", message: expect.stringContaining("fill #7030A0") }));
    expect(p.seed).toBeUndefined();
    expect(proposeSheetAdoption(cells, { ...OPTIONS, statusMap: { "FILL #7030a0": "Removed" } }).seed!.actions[1].status).toBe("Removed");
  });

  it("reads Green (C) in an R/A/G column as complete", () => {
    const p = proposeSheetAdoption(testSheet([
      ["Ref", "Action", "Owner", "Deadline", "R/A/G"],
      ["1", "Agree protocol", "Ann Lee", "31/03/2016", "Green (C)"],
      ["2", "Train staff", "Bob Roe", "31/03/2016", "Green"],
      ["3", "Review cases", "Bob Roe", "31/03/2016", "Amber"],
    ]), OPTIONS);
    expect(p.columns[4]).toMatchObject({ header: "R/A/G", mapsTo: "status" });
    expect(p.seed!.actions.map((a) => a.status)).toEqual(["Complete", "On target", "At risk"]);
  });

  it("reads Yes and No in a plain Status column as a completion flag", () => {
    const p = proposeSheetAdoption(testSheet([
      ["Ref", "Action", "Owner", "Deadline", "Status"],
      ["1", "Agree protocol", "Ann Lee", "31/03/2016", "Yes"],
      ["2", "Train staff", "Bob Roe", "31/03/2016", "No"],
    ]), OPTIONS);
    expect(p.seed!.actions.map((a) => a.status)).toEqual(["Complete", "Not started"]);
  });

  it("takes a blank header over reference-like values as the ID column", () => {
    const p = proposeSheetAdoption(testSheet([
      ["", "Action", "Lead", "Target date", "Status"],
      ["A1", "Agree protocol", "Ann Lee", "31/03/2016", "Done"],
      ["A2", "Train staff", "Bob Roe", "31/03/2016", "On track"],
    ]), OPTIONS);
    expect(p.columns[0]).toEqual({ column: 0, header: "", mapsTo: "id", why: "blank header over IDs" });
    expect(p.seed!.actions.map((a) => a.id)).toEqual(["A1", "A2"]);
  });

  it("finds the header repeated under Objective n: section rows merged across, and names priorities after them", () => {
    const p = proposeSheetAdoption(testSheet([
      ["Community Safety Partnership delivery plan 2015/16"],
      ["Objective 1: Reducing antisocial behaviour"],
      ["Ref", "Action", "Delivery Led By", "Target completion date", "Delivery Status"],
      ["1.1", "Set up ward panels", "Ann Lee", "31-Mar-2016", "Completed"],
      ["1.2", "Map hotspots", "Bob Roe", "Q3 2015/16", "In progress"],
      ["Objective 2: Reducing domestic abuse"],
      ["Ref", "Action", "Delivery Led By", "Target completion date", "Delivery Status"],
      ["2.1", "Commission refuge places", "Cy Dee", "Ongoing", "Not Started"],
      [],
      ["Note: statuses as at the March board."],
    ], { merges: ["A1:E1", "A2:E2", "A6:E6"] }), OPTIONS);
    expect(p.headerRow).toBe(2);
    expect(p.rows.map((r) => r.kind)).toEqual(["action", "action", "section", "repeatedHeader", "action", "blank", "note"]);
    expect(p.rows[2].text).toBe("Reducing domestic abuse");
    expect(p.seed!.priorities).toEqual([{ no: 1, name: "Reducing antisocial behaviour" }, { no: 2, name: "Reducing domestic abuse" }]);
    expect(p.seed!.name).toBe("Community Safety Partnership delivery plan 2015/16");
    expect(p.seed!.actions.map((a) => [a.id, a.priority, a.targetDate, a.status])).toEqual([
      ["1.1", "Reducing antisocial behaviour", "2016-03-31", "Complete"],
      ["1.2", "Reducing antisocial behaviour", "2015-12-31", "On target"],
      ["2.1", "Reducing domestic abuse", "Ongoing", "Not started"],
    ]);
    expect(p.findings).toContainEqual(expect.objectContaining({ rule: "adopt.date.period-end", cell: "D5", actionId: "1.2" }));
    expect(p.dates.find((d) => d.cell === "D8")).toEqual({ cell: "D8", from: "Ongoing", to: null, how: "kept as text" });
  });

  it("reads an OBJECTIVE column merged down over its actions", () => {
    const p = proposeSheetAdoption(testSheet([
      ["OBJECTIVE", "Tasks", "Sponsor", "End Date", "Task Status"],
      ["Safer streets", "Install lighting", "Ann Lee", "31/03/2016", "Done"],
      [null, "Add CCTV", "Bob Roe", "31/03/2016", "Overdue"],
      ["Safer homes", "Fit door locks", "Cy Dee", "31/03/2016", "Blocked"],
      [null, "Visit victims", "Cy Dee", "31/03/2016", "On Track"],
    ], { merges: ["A2:A3", "A4:A5"] }), OPTIONS);
    expect(p.columns.map((c) => c.mapsTo)).toEqual(["priority", "action", "leadOfficer", "targetDate", "status"]);
    expect(p.seed!.priorities.map((x) => x.name)).toEqual(["Safer streets", "Safer homes"]);
    expect(p.seed!.actions.map((a) => `${a.id} ${a.priority} ${a.status}`)).toEqual([
      "1.1 Safer streets Complete", "1.2 Safer streets At risk", "2.1 Safer homes At risk", "2.2 Safer homes On target",
    ]);
  });

  it("reads a blank objective cell, not merged, as the one above, and says so", () => {
    const p = proposeSheetAdoption(testSheet([
      ["Objective", "Action", "Owner", "Deadline", "Status"],
      ["Safer streets", "Install lighting", "Ann Lee", "31/03/2016", "Done"],
      [null, "Add CCTV", "Bob Roe", "31/03/2016", "Done"],
    ]), OPTIONS);
    expect(p.seed!.actions.map((a) => a.priority)).toEqual(["Safer streets", "Safer streets"]);
    expect(p.findings).toContainEqual(expect.objectContaining({ rule: "adopt.priority.carried-down", message: expect.stringContaining("row 3") }));
  });

  it("takes the first of several names on separate lines as the lead, keeps the others, and reads ditto", () => {
    const p = proposeSheetAdoption(testSheet([
      ["Ref", "Action", "Lead Officer / Agency", "Timescale", "Status"],
      ["1", "Agree protocol", "Ann Lee\nBob Roe\n Cy Dee ", "31/03/2016", "Complete"],
      ["2", "Train staff", "ditto", "31/03/2016", "Complete"],
      ["3", "Review cases", "Sgt Smith, Police", "31/03/2016", "Complete"],
      ["4", "Audit files", "\"", "31/03/2016", "Complete"],
    ]), OPTIONS);
    const seed = p.seed!;
    expect(seed.actions.map((a) => a.leadOfficer)).toEqual(["Ann Lee", "Ann Lee", "Sgt Smith, Police", "Sgt Smith, Police"]);
    expect(seed.extraColumns).toEqual([OTHER_LEAD_OFFICERS]);
    expect(seed.extra).toEqual([["Bob Roe; Cy Dee"], ["Bob Roe; Cy Dee"], [""], [""]]);
    expect(seed.officers.map((o) => o.name)).toEqual(["Ann Lee", "Bob Roe", "Cy Dee", "Sgt Smith, Police"]);
    expect(p.findings.filter((f) => f.rule === "adopt.officer.ditto").map((f) => f.cell)).toEqual(["C3", "C5"]);
  });

  it("generates IDs for a reference merged over several rows, keeps the old one, and writes it after the contract's columns", () => {
    const p = proposeSheetAdoption(testSheet([
      ["Para Ref", "Action", "Who by?", "When?", "Complete Y/N", "Recommendation"],
      ["4", "Agree protocol", "Ann Lee", "March 2016", "Y", "R4"],
      [null, "Train staff", "Bob Roe", "31.03.2016", "N", "R4"],
      ["5", "Audit files", "Bob Roe", "01/09/15", "Ongoing", "R5"],
    ], { sheet: "Sheet1", merges: ["A2:A3"] }), OPTIONS);
    const seed = p.seed!;
    expect(seed.priorities).toEqual([{ no: 1, name: "General" }]);
    expect(p.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["adopt.priority.fallback", "adopt.id.generated", "adopt.date.period-end"]));
    expect(seed.actions.map((a) => [a.id, a.targetDate, a.status])).toEqual([
      ["1.1", "2016-03-31", "Complete"], ["1.2", "2016-03-31", "Not started"], ["5", "2015-09-01", "On target"],
    ]);
    expect(p.columns.map((c) => c.mapsTo)).toEqual(["id", "action", "leadOfficer", "targetDate", "status", null]);
    expect(seed.extraColumns).toEqual([ORIGINAL_REFERENCE, "Recommendation"]);
    expect(seed.extra).toEqual([["4", "R4"], ["4", "R4"], ["", "R5"]]);
    const table = planTables(seed)[0];
    expect(table.columns.map((c) => c.header).slice(-3)).toEqual(["Last updated", ORIGINAL_REFERENCE, "Recommendation"]);
    expect(table.rows.map((r) => r[r.length - 2])).toEqual(["4", "4", null]);
  });

  it("takes a lone reference with nothing beside it as a note, not a section", () => {
    const p = proposeSheetAdoption(testSheet([
      ["Ref", "Action", "Owner", "Deadline"],
      ["1.1", "Install lighting", "Ann Lee", "31/03/2016"],
      ["1.2"],
    ]), OPTIONS);
    expect(p.rows.map((r) => r.kind)).toEqual(["action", "note"]);
    expect(p.seed!.actions[0].status).toBe("Not started");
    expect(p.findings).toContainEqual(expect.objectContaining({ rule: "adopt.status.no-column", message: expect.stringContaining("every action is proposed as Not started") }));
  });

  it("says so when no row looks like a header", () => {
    const p = proposeSheetAdoption(testSheet([["Shopping list"], ["Milk", "Bread"]]), OPTIONS);
    expect(p).toMatchObject({ headerRow: -1, seed: undefined });
    expect(p.findings[0]).toMatchObject({ severity: "error", rule: "adopt.header.not-found" });
  });
});
