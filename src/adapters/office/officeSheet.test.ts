import { createFakeExcel, installExcelGlobals, uninstallExcelGlobals } from "../../../test/support/fakeExcel";
import { areasOfAddress } from "./officeSheet";
import { OfficeWorkbook } from "./officeWorkbook";

beforeAll(() => installExcelGlobals());
afterAll(() => uninstallExcelGlobals());

/** Excel on the web refuses a response over 5 MB ("Data transfer limits", Resource limits and performance optimization for Office Add-ins). */
const WEB_RESPONSE_LIMIT = 5 * 1024 * 1024;

/** A plan kept by hand: a title merged across the top, a merged reference over two rows, status as fill colour. */
function handKeptSheet() {
  const fake = createFakeExcel();
  fake.addSheet("Sheet1");
  fake.addSheet("ASB plan 2015");
  fake.setValues("ASB plan 2015", "A1", [["Anti-social behaviour action plan 2015/16", "", "", ""]]);
  fake.setValues(
    "ASB plan 2015",
    "A3",
    [
      ["Ref", "Action", "Lead", "Target"],
      [1, "Run joint patrols in the park", "Sgt Smith", 42277],
      ["", "Review CCTV coverage", "CCTV manager", 42369],
      [2, "Deliver school talks", "Youth team", "March 2016"],
    ],
    [
      ["General", "General", "General", "General"],
      ["General", "General", "General", "dd/mm/yyyy"],
      ["General", "General", "General", "dd/mm/yyyy"],
      ["General", "General", "General", "General"],
    ],
  );
  fake.merge("ASB plan 2015", "A1:D1");
  fake.merge("ASB plan 2015", "A4:A5");
  fake.setFill("ASB plan 2015", "B4", "#00b050");
  fake.setFill("ASB plan 2015", "B5:B6", "#FFC000");
  fake.activate("ASB plan 2015");
  return fake;
}

describe("OfficeWorkbook.readSheet", () => {
  it("reads the active sheet's values from A1, its merged areas and its fills, in two syncs", async () => {
    const fake = handKeptSheet();
    fake.resetCounters();
    const cells = await new OfficeWorkbook(fake.run).readSheet();
    expect(fake.syncCount).toBe(2);
    expect(cells).toEqual({
      sheet: "ASB plan 2015",
      values: [
        ["Anti-social behaviour action plan 2015/16", null, null, null],
        [null, null, null, null],
        ["Ref", "Action", "Lead", "Target"],
        [1, "Run joint patrols in the park", "Sgt Smith", new Date(Date.UTC(2015, 8, 30))],
        [null, "Review CCTV coverage", "CCTV manager", new Date(Date.UTC(2015, 11, 31))],
        [2, "Deliver school talks", "Youth team", "March 2016"],
      ],
      merges: [
        { top: 0, left: 0, bottom: 0, right: 3 },
        { top: 3, left: 0, bottom: 4, right: 0 },
      ],
      fills: [
        [null, null, null, null],
        [null, null, null, null],
        [null, null, null, null],
        [null, "#00B050", null, null],
        [null, "#FFC000", null, null],
        [null, "#FFC000", null, null],
      ],
      unread: [],
    });
  });

  it("reads a sheet by name, and says so when there is no such sheet", async () => {
    const fake = handKeptSheet();
    fake.activate("Sheet1");
    const workbook = new OfficeWorkbook(fake.run);
    expect((await workbook.readSheet("asb plan 2015")).values[2]).toEqual(["Ref", "Action", "Lead", "Target"]);
    await expect(workbook.readSheet("Nope")).rejects.toThrow('There is no sheet named "Nope".');
  });

  it("says what it could not read where Excel lacks ExcelApi 1.13 or 1.9, and reads the values all the same", async () => {
    const fake = handKeptSheet();
    const without = (missing: string[]) => new OfficeWorkbook(fake.run, { supports: (_set, version) => !missing.includes(version) });

    const noMerges = await without(["1.13"]).readSheet();
    expect(noMerges.unread).toEqual(["merged cells (needs ExcelApi 1.13)"]);
    expect(noMerges.merges).toEqual([]);
    expect(noMerges.fills?.[3][1]).toBe("#00B050");

    const noFills = await without(["1.9"]).readSheet();
    expect(noFills.unread).toEqual(["fill colours (needs ExcelApi 1.9)"]);
    expect(noFills.fills).toBeUndefined();
    expect(noFills.merges).toHaveLength(2);

    fake.resetCounters();
    const neither = await without(["1.13", "1.9"]).readSheet();
    expect(neither.unread).toEqual(["merged cells (needs ExcelApi 1.13)", "fill colours (needs ExcelApi 1.9)"]);
    expect(neither.values[3][1]).toBe("Run joint patrols in the park");
    expect(fake.syncCount).toBe(1);
  });

  it("reads a blank sheet as one empty cell", async () => {
    const fake = createFakeExcel();
    fake.addSheet("Empty");
    const cells = await new OfficeWorkbook(fake.run).readSheet("Empty");
    expect(cells).toEqual({ sheet: "Empty", values: [[null]], merges: [], fills: [[null]], unread: [] });
  });

  it("reads a 5,000-row sheet in two syncs, every response under Excel on the web's 5 MB", async () => {
    const fake = createFakeExcel();
    fake.addSheet("Big");
    const rows = Array.from({ length: 5000 }, (_, r) => [
      `${Math.floor(r / 10) + 1}.${(r % 10) + 1}`,
      `Action ${r} to reduce anti-social behaviour in the town centre and the surrounding estates by working with partners`,
      "Community Safety Partnership Manager",
      "Not started",
      45000 + (r % 300),
      `Update for quarter three: work is under way with housing and the police on ${r}`,
      "Yes",
      "",
      "Notes kept by the coordinator",
      "Priority 1: reduce anti-social behaviour",
      "",
      r,
    ]);
    fake.setValues("Big", "A1", [["Ref", "Action", "Lead", "Status", "Target", "Update", "Funded", "Blank", "Notes", "Priority", "Blank 2", "Number"], ...rows]);
    fake.setFill("Big", "D2:D5001", "#FFC000");
    fake.merge("Big", "H1:H2");
    fake.activate("Big");
    fake.resetCounters();
    const cells = await new OfficeWorkbook(fake.run).readSheet();
    expect(fake.syncCount).toBe(2);
    expect(Math.max(...fake.responseBytes)).toBeLessThan(WEB_RESPONSE_LIMIT);
    expect(cells.values).toHaveLength(5001);
    expect(cells.fills?.[5000][3]).toBe("#FFC000");
    expect(cells.merges).toEqual([{ top: 0, left: 7, bottom: 1, right: 7 }]);
  });

  it("reads a sheet too large for one response in slices rather than failing", async () => {
    const fake = createFakeExcel({ maxRequestBytes: 200_000 });
    fake.addSheet("Wide");
    fake.setValues("Wide", "A1", Array.from({ length: 2000 }, (_, r) => [`Row ${r} with some words in it`, r, "Status words"]));
    const cells = await new OfficeWorkbook(fake.run, { maxRequestBytes: 150_000 }).readSheet("Wide");
    expect(cells.values).toHaveLength(2000);
    expect(cells.values[1999]).toEqual(["Row 1999 with some words in it", 1999, "Status words"]);
    expect(cells.fills).toHaveLength(2000);
    expect(Math.max(...fake.responseBytes.slice(1))).toBeLessThan(200_000);
  });
});

describe("areasOfAddress", () => {
  it("finds each area of a RangeAreas address, whatever the sheet is called", () => {
    expect(areasOfAddress("'My, plan'!A1:D1, 'My, plan'!$A$4:$A$5,'My, plan'!C7")).toEqual([
      { top: 0, left: 0, bottom: 0, right: 3 },
      { top: 3, left: 0, bottom: 4, right: 0 },
      { top: 6, left: 2, bottom: 6, right: 2 },
    ]);
  });
});
