/**
 * Tests of the Office.js test double itself: the behaviour the Office.js adapter's tests rely on must match
 * Excel's where it matters (load/sync discipline, request limits, null objects, formula coercion, tables).
 */
import { createFakeExcel, ErrorCodes, FakeExcel, FakeExcelUnsupported, FakeOfficeError, installExcelGlobals, uninstallExcelGlobals } from "./fakeExcel";

/** The rejection (or throw) of `work`, for asserting on Office error codes. */
async function failureOf(work: () => Promise<unknown> | unknown): Promise<FakeOfficeError> {
  try {
    await work();
  } catch (error) {
    return error as FakeOfficeError;
  }
  throw new Error("expected a failure");
}

function planFake(): FakeExcel {
  const fake = createFakeExcel();
  fake.addSheet("Action Plan");
  fake.setValues("Action Plan", "A1", [
    ["Ref", "Action", "Status"],
    ["A1", "Install CCTV", "Open"],
    ["A2", "Youth outreach", "Complete"],
  ]);
  fake.addTable("Action Plan", "ActionPlan", "A1:C3");
  fake.resetCounters();
  return fake;
}

describe("loading and syncing", () => {
  it("throws PropertyNotLoaded for a property that was never loaded", async () => {
    const fake = planFake();
    const error = await failureOf(() =>
      fake.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Action Plan").getRange("A1:B2");
        range.load("address");
        await context.sync();
        expect(range.address).toBe("'Action Plan'!A1:B2");
        return range.values;
      }),
    );
    expect(error).toBeInstanceOf(FakeOfficeError);
    expect(error.code).toBe("PropertyNotLoaded");
    expect(error.message).toContain("The property 'values' is not available");
  });

  it("throws when a loaded property is read before the sync that loads it", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Action Plan").getRange("B2");
      range.load("values");
      expect(() => range.values).toThrow(/not available/);
      const pending = context.sync();
      expect(() => range.values).toThrow(/not available/);
      await pending;
      expect(range.values).toEqual([["Install CCTV"]]);
    });
  });

  it("accepts every form of load: string, array, paths, select/expand and property objects", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Action Plan");
      const a = sheet.getRange("A1").load("values, numberFormat");
      const b = sheet.getRange("A1").load(["rowIndex", "columnCount"]);
      const c = sheet.getRange("A1").load({ select: "address", expand: "format/font" });
      const d = sheet.getRange("A1").load({ values: true, format: { font: { bold: true } } });
      const e = sheet.getRange("A1").load("format/fill/color");
      await context.sync();
      expect([a.values, a.numberFormat]).toEqual([[["Ref"]], [["General"]]]);
      expect([b.rowIndex, b.columnCount]).toEqual([0, 1]);
      expect(c.address).toBe("'Action Plan'!A1");
      expect(c.format.font.name).toBe("Calibri");
      expect(() => c.values).toThrow(/not available/);
      expect(d.format.font.bold).toBe(false);
      expect(() => d.format.font.size).toThrow(/not available/);
      expect(e.format.fill.color).toBe("#FFFFFF");
    });
  });

  it("rejects a load of a property the object does not have", async () => {
    const fake = planFake();
    const error = await failureOf(() =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Action Plan").getRange("A1").load("valuez");
        await context.sync();
      }),
    );
    expect(error.code).toBe("InvalidArgument");
  });

  it("reads back a property the batch set, without a sync, as Office.js keeps it locally", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const table = context.workbook.tables.getItem("ActionPlan");
      table.name = "Plan";
      expect(table.name).toBe("Plan");
      expect(fake.tables()[0].name).toBe("ActionPlan");
      await context.sync();
    });
    expect(fake.tables()[0].name).toBe("Plan");
  });

  it("applies writes only at sync, in the order they were queued", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Action Plan").getRange("E1:F1");
      range.values = [["first", "first"]];
      range.values = [["second", "third"]];
      range.format.font.bold = true;
      expect(fake.cell("Action Plan", "E1")).toBeUndefined();
      await context.sync();
      expect(fake.cell("Action Plan", "E1")).toEqual({ value: "second", numberFormat: "General", bold: true });
      expect(fake.cell("Action Plan", "F1")?.value).toBe("third");
    });
  });

  it("counts syncs across runs, records each request's size, and flushes what a batch left queued", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Action Plan").getRange("E1").values = [["x"]];
      await context.sync();
      await context.sync();
    });
    expect(fake.syncCount).toBe(2);
    expect(fake.requestBytes).toHaveLength(2);
    expect(fake.requestBytes[0]).toBeGreaterThan(fake.requestBytes[1]);

    // Excel.run syncs once more when the batch returns with operations still queued.
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Action Plan").getRange("E2").values = [["y"]];
    });
    expect(fake.syncCount).toBe(3);
    expect(fake.cell("Action Plan", "E2")?.value).toBe("y");

    fake.resetCounters();
    expect(fake.syncCount).toBe(0);
    expect(fake.requestBytes).toEqual([]);
  });

  it("sizes a request by the JSON of its operations, written values included", async () => {
    const fake = planFake();
    const text = "x".repeat(10_000);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Action Plan").getRange("E1").values = [[text]];
      await context.sync();
      context.workbook.worksheets.getItem("Action Plan").getRange("E1").values = [["é"]];
      await context.sync();
    });
    expect(fake.requestBytes[0]).toBeGreaterThan(10_000);
    expect(fake.requestBytes[0]).toBeLessThan(12_000);
    expect(fake.requestBytes[1]).toBeLessThan(2_000);
  });

  it("rejects a sync whose request is over the limit, applying none of it", async () => {
    const fake = createFakeExcel({ maxRequestBytes: 5_000 });
    fake.addSheet("Plan");
    const rows = Array.from({ length: 100 }, (_, i) => [`row ${i}`, "some words describing what the partnership will do"]);
    const error = await failureOf(() =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Plan").getRange("A1:B100").values = rows;
        await context.sync();
      }),
    );
    expect(error.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(fake.requestBytes[0]).toBeGreaterThan(5_000);
    expect(fake.cell("Plan", "A1")).toBeUndefined();

    // The same rows in slices fit.
    fake.resetCounters();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Plan");
      for (let start = 0; start < 100; start += 25) {
        sheet.getRangeByIndexes(start, 0, 25, 2).values = rows.slice(start, start + 25);
        await context.sync();
      }
    });
    expect(fake.syncCount).toBe(4);
    expect(Math.max(...fake.requestBytes)).toBeLessThanOrEqual(5_000);
    expect(fake.cell("Plan", "A100")?.value).toBe("row 99");
  });

  it("defaults the limit to Excel on the web's 5 MB", async () => {
    const fake = createFakeExcel();
    fake.addSheet("Plan");
    const big = "y".repeat(1024 * 1024);
    const error = await failureOf(() =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Plan").getRange("A1:F1").values = [[big, big, big, big, big, big]];
        await context.sync();
      }),
    );
    expect(error.code).toBe("RequestPayloadSizeLimitExceeded");
  });

  it("refuses a response over the limit too (loading a whole sheet's values)", async () => {
    const fake = createFakeExcel({ maxRequestBytes: 100_000 });
    fake.addSheet("Plan");
    const error = await failureOf(() =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Plan").getRange().load("values");
        await context.sync();
      }),
    );
    expect(error.code).toBe("ResponsePayloadSizeLimitExceeded");
  });

  it("stops a failing batch at the failing operation: earlier writes stay, nothing loaded is filled in", async () => {
    const fake = planFake();
    let range: Excel.Range | undefined;
    const error = await failureOf(() =>
      fake.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Action Plan");
        range = sheet.getRange("A1").load("values");
        sheet.getRange("E1").values = [["before"]];
        context.workbook.worksheets.getItem("Nope").getRange("A1").values = [["after"]];
        sheet.getRange("E2").values = [["never"]];
        await context.sync();
      }),
    );
    expect(error.code).toBe("ItemNotFound");
    expect(error.debugInfo.errorLocation).toBe("WorksheetCollection.getItem");
    expect(fake.cell("Action Plan", "E1")?.value).toBe("before");
    expect(fake.cell("Action Plan", "E2")).toBeUndefined();
    expect(() => range!.values).toThrow(/not available/);
  });

  it("sends the host JSON: undefined and null entries leave cells unchanged", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Action Plan").getRange("A2:C2").values = [["B1", null, undefined]];
    });
    expect(fake.cell("Action Plan", "A2")?.value).toBe("B1");
    expect(fake.cell("Action Plan", "B2")?.value).toBe("Install CCTV");
    expect(fake.cell("Action Plan", "C2")?.value).toBe("Open");
  });

  it("refuses a batch that does not return a promise, and objects used after their run", async () => {
    const fake = planFake();
    const notPromise = await failureOf(() => fake.run((() => 1) as unknown as (c: Excel.RequestContext) => Promise<number>));
    expect(notPromise.code).toBe("RunMustReturnPromise");

    let kept: Excel.Range | undefined;
    await fake.run(async (context) => {
      kept = context.workbook.worksheets.getItem("Action Plan").getRange("A1").load("values");
      await context.sync();
    });
    expect(kept!.values).toEqual([["Ref"]]);
    kept!.values = [["late"]];
    const late = await failureOf(() => kept!.context.sync());
    expect(late.code).toBe("InvalidObjectPath");
    expect(fake.cell("Action Plan", "A1")?.value).toBe("Ref");
  });

  it("says plainly when code uses something the double does not implement", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Action Plan").getRange("A1") as unknown as Record<string, unknown>;
      expect(() => range.getSpillingToRange).toThrow(FakeExcelUnsupported);
      expect(() => (range.hyperlink = "x")).toThrow(/Range.hyperlink is not implemented/);
      await context.sync();
    });
  });
});

describe("collections", () => {
  it("gets items by name case-insensitively; an unknown name fails the sync with ItemNotFound", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("action PLAN").load("name");
      await context.sync();
      expect(sheet.name).toBe("Action Plan");
    });
    const error = await failureOf(() =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Missing");
        await context.sync();
      }),
    );
    expect(error.code).toBe("ItemNotFound");
  });

  it("gives null objects whose isNullObject is known only after a sync", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Summary");
      const present = context.workbook.worksheets.getItemOrNullObject("Action Plan");
      const noTable = context.workbook.tables.getItemOrNullObject("Nope");
      const noColumn = context.workbook.tables.getItem("ActionPlan").columns.getItemOrNullObject("Owner");
      expect(() => missing.isNullObject).toThrow(/not available/);
      missing.getRange("A1").values = [["ignored"]];
      missing.load("name");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(missing.name).toBeUndefined();
      expect(present.isNullObject).toBe(false);
      expect(noTable.isNullObject).toBe(true);
      expect(noColumn.isNullObject).toBe(true);
    });
    expect(fake.sheetNames()).toEqual(["Action Plan"]);
  });

  it("loads items with items/name, name, and object forms, and counts them", async () => {
    const fake = planFake();
    fake.addSheet("Summary");
    await fake.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name,items/position");
      const tables = context.workbook.tables.load("name");
      const columns = context.workbook.tables.getItem("ActionPlan").columns.load({ $all: true });
      const count = context.workbook.worksheets.getCount();
      expect(() => sheets.items).toThrow(/not available/);
      expect(() => count.value).toThrow(/has not been loaded/);
      await context.sync();
      expect(sheets.items.map((s) => [s.name, s.position])).toEqual([
        ["Action Plan", 0],
        ["Summary", 1],
      ]);
      expect(tables.items.map((t) => t.name)).toEqual(["ActionPlan"]);
      expect(columns.items.map((c) => [c.name, c.index])).toEqual([
        ["Ref", 0],
        ["Action", 1],
        ["Status", 2],
      ]);
      expect(count.value).toBe(2);
      expect(() => sheets.items[0].visibility).toThrow(/not available/);
    });
  });

  it("adds, renames, moves and deletes worksheets", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const added = context.workbook.worksheets.add("Summary");
      added.position = 0;
      context.workbook.worksheets.add();
      await context.sync();
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Summary", "Action Plan", "Sheet3"]);
      sheets.items[2].name = "Notes";
      sheets.items[0].delete();
      await context.sync();
    });
    expect(fake.sheetNames()).toEqual(["Action Plan", "Notes"]);
    const clash = await failureOf(() =>
      fake.run(async (context) => {
        context.workbook.worksheets.add("notes");
        await context.sync();
      }),
    );
    expect(clash.code).toBe("ItemAlreadyExists");
  });
});

describe("ranges", () => {
  beforeAll(() => installExcelGlobals());
  afterAll(() => uninstallExcelGlobals());

  it("reports addresses as Office does, quoting sheet names that need it", async () => {
    const fake = planFake();
    fake.addSheet("Summary");
    await fake.run(async (context) => {
      const plan = context.workbook.worksheets.getItem("Action Plan");
      const summary = context.workbook.worksheets.getItem("Summary");
      const ranges = [
        plan.getRange("A1:R49"),
        plan.getRange("$b$2"),
        summary.getRangeByIndexes(1, 2, 3, 4),
        summary.getRange("C:D"),
        summary.getRange(),
        plan.getRange("B2:C5").getCell(1, 1),
        plan.getRange("B2:C5").getOffsetRange(1, 0),
        plan.getRange("B2:C5").getResizedRange(2, -1),
        plan.getRange("B2:C5").getColumn(1),
        plan.getRange("B2:C5").getRow(2),
        plan.getRange("B2:C5").getLastRow(),
      ].map((r) => r.load("address"));
      await context.sync();
      expect(ranges.map((r) => r.address)).toEqual([
        "'Action Plan'!A1:R49",
        "'Action Plan'!B2",
        "Summary!C2:F4",
        "Summary!C:D",
        "Summary!1:1048576",
        "'Action Plan'!C3",
        "'Action Plan'!B3:C6",
        "'Action Plan'!B2:B7",
        "'Action Plan'!C2:C5",
        "'Action Plan'!B4:C4",
        "'Action Plan'!B5:C5",
      ]);
    });
  });

  it("reads values, formulas, number formats, text and value types", async () => {
    const fake = planFake();
    fake.setValues("Action Plan", "E1", [[45_383, 0.25, true, "=SUM(A1:A2)"]], [["dd/mm/yyyy", "0%", "General", "General"]]);
    await fake.run(async (context) => {
      const range = context.workbook.worksheets
        .getItem("Action Plan")
        .getRange("E1:H1")
        .load("values,formulas,numberFormat,text,valueTypes,rowCount,columnCount");
      await context.sync();
      expect(range.values).toEqual([[45_383, 0.25, true, "#NAME?"]]);
      expect(range.formulas).toEqual([[45_383, 0.25, true, "=SUM(A1:A2)"]]);
      expect(range.numberFormat).toEqual([["dd/mm/yyyy", "0%", "General", "General"]]);
      expect(range.text).toEqual([["01/04/2024", "25%", "TRUE", "#NAME?"]]);
      expect(range.valueTypes).toEqual([["Double", "Double", "Boolean", "Error"]]);
      expect([range.rowCount, range.columnCount]).toEqual([1, 4]);
    });
  });

  it("rejects values whose shape does not match the range, and fills the range with a single value", async () => {
    const fake = planFake();
    for (const values of [[["a", "b"]], [["a"], ["b"], ["c"]], [["a", "b"], ["c"]]]) {
      const error = await failureOf(() =>
        fake.run(async (context) => {
          context.workbook.worksheets.getItem("Action Plan").getRange("E1:F2").values = values;
          await context.sync();
        }),
      );
      expect(error.code).toBe("InvalidArgument");
      expect(error.message).toContain("doesn't match the size or dimensions of the range");
    }
    const formats = await failureOf(() =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Action Plan").getRange("E1:F2").numberFormat = [["@"]];
        await context.sync();
      }),
    );
    expect(formats.code).toBe("InvalidArgument");

    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Action Plan").getRange("E1:F2");
      range.numberFormat = "@" as unknown as string[][];
      range.values = "TBC" as unknown as string[][];
    });
    expect(["E1", "F1", "E2", "F2"].map((a) => fake.cell("Action Plan", a))).toEqual(Array(4).fill({ value: "TBC", numberFormat: "@" }));
  });

  it("turns text starting with = into a formula unless the cell is text formatted at that moment", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Action Plan");
      sheet.getRange("E1").values = [["=IF(A1>0,1,0)"]];
      const asText = sheet.getRange("E2");
      asText.numberFormat = [["@"]];
      asText.values = [["=IF(A1>0,1,0)"]];
      // Too late: the format is set after the value was written.
      const late = sheet.getRange("E3");
      late.values = [["=agreed at board"]];
      late.numberFormat = [["@"]];
      sheet.getRange("E4").formulas = [["=1+1"]];
    });
    expect(fake.cell("Action Plan", "E1")).toEqual({ value: "#NAME?", formula: "=IF(A1>0,1,0)", numberFormat: "General" });
    expect(fake.cell("Action Plan", "E2")).toEqual({ value: "=IF(A1>0,1,0)", numberFormat: "@" });
    expect(fake.cell("Action Plan", "E3")).toMatchObject({ formula: "=agreed at board", numberFormat: "@" });
    expect(fake.cell("Action Plan", "E4")?.formula).toBe("=1+1");
  });

  it("converts other text as Excel does when it is not text formatted: numbers, signs, booleans, dates", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Action Plan");
      sheet.getRange("E1:J1").values = [["0123", "- chase the council", "TRUE", "2024-04-01", "50%", "'=kept as text"]];
      const asText = sheet.getRange("E2:J2");
      asText.numberFormat = [["@", "@", "@", "@", "@", "@"]];
      asText.values = [["0123", "- chase the council", "TRUE", "2024-04-01", "50%", "'=kept"]];
    });
    const row1 = ["E1", "F1", "G1", "H1", "I1", "J1"].map((a) => fake.cell("Action Plan", a));
    expect(row1.map((c) => c?.value)).toEqual([123, "#NAME?", true, 45_383, 0.5, "=kept as text"]);
    expect(row1[1]?.formula).toBe("=- chase the council");
    expect(row1[3]?.numberFormat).toBe("yyyy-mm-dd");
    const row2 = ["E2", "F2", "G2", "H2", "I2", "J2"].map((a) => fake.cell("Action Plan", a)?.value);
    expect(row2).toEqual(["0123", "- chase the council", "TRUE", "2024-04-01", "50%", "'=kept"]);
  });

  it("clears contents, formats or both", async () => {
    const fake = planFake();
    fake.setValues("Action Plan", "E1", [["a", "b", "c"]]);
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Action Plan");
      sheet.getRange("E1:G1").format.font.bold = true;
      await context.sync();
      sheet.getRange("E1").clear("Contents");
      sheet.getRange("F1").clear(Excel.ClearApplyTo.formats);
      sheet.getRange("G1").clear();
    });
    expect(fake.cell("Action Plan", "E1")).toEqual({ value: "", numberFormat: "General", bold: true });
    expect(fake.cell("Action Plan", "F1")).toEqual({ value: "b", numberFormat: "General" });
    expect(fake.cell("Action Plan", "G1")).toBeUndefined();
  });

  it("formats cells, reading back one value where they agree and null where they differ", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Action Plan");
      const header = sheet.getRange("A1:C1");
      header.format.font.bold = true;
      header.format.font.color = "#9c0006";
      header.format.font.size = 13;
      header.format.fill.color = "#d9e1f2";
      header.format.wrapText = true;
      header.format.horizontalAlignment = "Center";
      header.format.verticalAlignment = Excel.VerticalAlignment.top;
      header.format.columnWidth = 120;
      sheet.getRange("C1").format.fill.clear();
      sheet.getRange("A:A").format.protection.locked = false;
      await context.sync();
      const check = sheet.getRange("A1:C1").load("format/font/bold,format/font/color,format/fill/color,format/columnWidth,format/wrapText");
      const mixed = sheet.getRange("A1:A2").load("format/font/bold");
      await context.sync();
      expect(check.format.font.bold).toBe(true);
      expect(check.format.font.color).toBe("#9C0006");
      expect(check.format.fill.color).toBeNull();
      expect(check.format.columnWidth).toBe(120);
      expect(check.format.wrapText).toBe(true);
      expect(mixed.format.font.bold).toBeNull();
    });
    expect(fake.cell("Action Plan", "A1")).toEqual({ value: "Ref", numberFormat: "General", bold: true, fill: "#D9E1F2", fontColor: "#9C0006", wrap: true });
    expect(fake.cell("Action Plan", "C1")).toEqual({ value: "Status", numberFormat: "General", bold: true, fontColor: "#9C0006", wrap: true });
    expect(fake.cellFormat("Action Plan", "B1")).toMatchObject({ fontSize: 13, horizontalAlignment: "Center", verticalAlignment: "Top", columnWidth: 120 });
    expect(fake.cellFormat("Action Plan", "A500").locked).toBe(false);
    expect(fake.cellFormat("Action Plan", "B500").locked).toBe(true);
  });

  it("finds the used range, or a null object on an empty sheet", async () => {
    const fake = planFake();
    fake.addSheet("Empty");
    await fake.run(async (context) => {
      const used = context.workbook.worksheets.getItem("Action Plan").getUsedRangeOrNullObject(true).load("address");
      const none = context.workbook.worksheets.getItem("Empty").getUsedRangeOrNullObject();
      const fallback = context.workbook.worksheets.getItem("Empty").getUsedRange().load("address");
      await context.sync();
      expect(used.address).toBe("'Action Plan'!A1:C3");
      expect(none.isNullObject).toBe(true);
      expect(fallback.address).toBe("Empty!A1");
    });
  });
});

describe("tables", () => {
  it("gives the table's ranges, columns and worksheet", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const table = context.workbook.tables.getItem("actionplan");
      const whole = table.getRange().load("address");
      const header = table.getHeaderRowRange().load("values");
      const body = table.getDataBodyRange().load("address,values");
      const status = table.columns.getItem("STATUS").getDataBodyRange().load("address,values");
      const sheetName = table.worksheet.load("name");
      table.load("name,showTotals,worksheet/name");
      const onSheet = context.workbook.worksheets.getItem("Action Plan").tables.load("items/name");
      await context.sync();
      expect(whole.address).toBe("'Action Plan'!A1:C3");
      expect(header.values).toEqual([["Ref", "Action", "Status"]]);
      expect(body.address).toBe("'Action Plan'!A2:C3");
      expect(status.address).toBe("'Action Plan'!C2:C3");
      expect(status.values).toEqual([["Open"], ["Complete"]]);
      expect(sheetName.name).toBe("Action Plan");
      expect([table.name, table.showTotals, table.worksheet.name]).toEqual(["ActionPlan", false, "Action Plan"]);
      expect(onSheet.items.map((t) => t.name)).toEqual(["ActionPlan"]);
    });
  });

  // Auto-expansion: "start typing in a cell below the last table row. The table expands to include the new
  // row." ("Resize a table by adding or removing rows and columns",
  // https://support.microsoft.com/office/e65ae4bb-e44b-43f4-ad8b-7d68784f1165). Values written directly
  // below a table through the API join it the same way; a row further down, or blanks, do not.
  it("grows a table when values are written directly below it (auto-expansion), not when written further down", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Action Plan");
      sheet.getRange("A6:C6").values = [["A9", "Further down", "Open"]];
      sheet.getRange("A4:C4").values = [["", "", ""]];
      await context.sync();
      expect(fake.tables()).toEqual([{ name: "ActionPlan", sheet: "Action Plan", address: "A1:C3" }]);
      sheet.getRange("A4:C4").values = [["A3", "Street lighting", "Open"]];
      const body = context.workbook.tables.getItem("ActionPlan").getDataBodyRange().load("rowCount");
      await context.sync();
      expect(body.rowCount).toBe(3);
    });
    expect(fake.tables()).toEqual([{ name: "ActionPlan", sheet: "Action Plan", address: "A1:C4" }]);
  });

  // Range.delete(Excel.DeleteShiftDirection.up) (ExcelApi 1.1, Microsoft Learn "Excel.Range class": "Deletes
  // the cells associated with the range") over a table's last data rows, across its columns, is Home →
  // Delete → Delete Table Rows: the rows leave the table ("Resize a table by adding or removing rows and
  // columns", https://support.microsoft.com/office/e65ae4bb-e44b-43f4-ad8b-7d68784f1165) and the cells
  // below, in those columns, move up. The shift direction is required (office-js-docs #1468). A range
  // cutting across a table any other way is refused, as Excel will not shift part of a table.
  it("shrinks a table when its last data rows are deleted shifting up, moving the cells below up", async () => {
    const fake = planFake();
    fake.setValues("Action Plan", "A6", [["below"]]);
    fake.setValues("Action Plan", "E3", [["beside"]]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Action Plan").getRange("A3:C3").delete("Up");
      await context.sync();
    });
    expect(fake.tables()).toEqual([{ name: "ActionPlan", sheet: "Action Plan", address: "A1:C2" }]);
    expect(fake.cell("Action Plan", "A5")?.value).toBe("below");
    expect(fake.cell("Action Plan", "E3")?.value).toBe("beside");
    await expect(fake.run(async (context) => {
      context.workbook.worksheets.getItem("Action Plan").getRange("A2:B2").delete("Up");
      await context.sync();
    })).rejects.toMatchObject({ code: "InvalidOperation" });
  });

  // TableColumnCollection.add inserts a column at the table's right: Excel shifts the cells to the right of
  // the table, within its rows, one column right (as Insert → Shift cells right); office-js#3776 ("Cannot add
  // columns to a table ...") shows the add failing when cells cannot move, and Excel on the web refuses an
  // operation over too many cells with OperationCellsExceedLimit (Excel.ErrorCodes).
  it("adds a table column by shifting the cells beside the table, within its rows, one column right", async () => {
    const fake = planFake();
    fake.setValues("Action Plan", "E2", [["beside"]]);
    fake.setValues("Action Plan", "E5", [["below the rows"]]);
    await fake.run(async (context) => {
      context.workbook.tables.getItem("ActionPlan").columns.add(undefined, undefined, "RAG");
      await context.sync();
    });
    expect(fake.tables()).toEqual([{ name: "ActionPlan", sheet: "Action Plan", address: "A1:D3" }]);
    expect(fake.cell("Action Plan", "D1")?.value).toBe("RAG");
    expect(fake.cell("Action Plan", "F2")?.value).toBe("beside");
    expect(fake.cell("Action Plan", "E2")).toBeUndefined();
    expect(fake.cell("Action Plan", "E5")?.value).toBe("below the rows");

    const limited = createFakeExcel({ operationCellLimit: 0 });
    limited.addSheet("S");
    limited.setValues("S", "A1", [["H"], ["x"]]);
    limited.addTable("S", "T", "A1:A2");
    limited.setValues("S", "C2", [["in the way"]]);
    const failure = await failureOf(() =>
      limited.run(async (context) => {
        context.workbook.tables.getItem("T").columns.add(undefined, undefined, "New");
        await context.sync();
      }),
    );
    expect(failure.code).toBe("OperationCellsExceedLimit");
  });

  // NamedItemCollection.add(name, reference) (ExcelApi 1.4):
  // https://learn.microsoft.com/javascript/api/excel/excel.nameditemcollection#excel-excel-nameditemcollection-add-member(1)
  it("adds workbook names over a table column, refuses a name in use, and gives null objects for names that are not there", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      context.workbook.names.add("Statuses", "=ActionPlan[Status]");
      const found = context.workbook.names.getItemOrNullObject("STATUSES").load("formula");
      const missing = context.workbook.names.getItemOrNullObject("Other").load("formula");
      await context.sync();
      expect([found.formula, missing.isNullObject]).toEqual(["=ActionPlan[Status]", true]);
    });
    const twice = await failureOf(() =>
      fake.run(async (context) => {
        context.workbook.names.add("Statuses", "=ActionPlan[Action]");
        await context.sync();
      }),
    );
    expect(twice.code).toBe("ItemAlreadyExists");
    expect(fake.names()).toEqual([{ name: "Statuses", formula: "=ActionPlan[Status]" }]);
  });

  // Table.showHeaders: "Specifies if the header row is visible. This value can be set to show or remove the
  // header row." https://learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-showheaders-member
  it("with the header row turned off, the table starts at its first data row and keeps its column names", async () => {
    const fake = planFake();
    fake.setShowHeaders("ActionPlan", false);
    await fake.run(async (context) => {
      const table = context.workbook.tables.getItem("ActionPlan").load("showHeaders");
      const range = table.getRange().load("address");
      const columns = table.columns.load("items/name");
      await context.sync();
      expect([table.showHeaders, range.address, columns.items.map((c) => c.name)]).toEqual([false, "'Action Plan'!A2:C3", ["Ref", "Action", "Status"]]);
    });
    expect(fake.cell("Action Plan", "A1")).toBeUndefined();
  });

  // A sync is not a transaction: when an operation fails, the ones queued before it have already run and are
  // not rolled back ("Error handling with the Excel JavaScript API",
  // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling).
  it("is not transactional: operations before a failing one in the same sync stay applied", async () => {
    const fake = planFake();
    const failure = await failureOf(() =>
      fake.run(async (context) => {
        context.workbook.worksheets.add("Half built");
        context.workbook.tables.getItem("ActionPlan").columns.add(undefined, undefined, "RAG");
        context.workbook.tables.getItem("NoSuchTable").name = "Other";
        await context.sync();
      }),
    );
    expect(failure.code).toBe("ItemNotFound");
    expect(fake.sheetNames()).toContain("Half built");
    expect(fake.tables()[0].address).toBe("A1:D3");
  });

  it("refuses TableRowCollection.add", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const rows = context.workbook.tables.getItem("ActionPlan").rows;
      expect(() => rows.add(undefined, [["A3", "x", "Open"]])).toThrow("not allowed: TableRowCollection.add conflicts under co-authoring");
      await context.sync();
    });
  });

  it("adds tables over a range or an address, with Excel's default names and headers", async () => {
    const fake = createFakeExcel();
    fake.addSheet("Lists");
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Lists");
      const range = sheet.getRangeByIndexes(0, 0, 3, 2);
      range.values = [
        ["Name", ""],
        ["Ann", 1],
        ["Bob", 2],
      ];
      const table = sheet.tables.add(range, true);
      table.name = "LeadOfficers";
      table.style = "TableStyleLight9";
      const other = context.workbook.tables.add("Lists!E1:E2", true);
      other.load("name");
      await context.sync();
      // The first table was renamed earlier in the same request, so its default name is free again.
      expect(other.name).toBe("Table1");
    });
    expect(fake.tables()).toEqual([
      { name: "LeadOfficers", sheet: "Lists", address: "A1:B3" },
      { name: "Table1", sheet: "Lists", address: "E1:E2" },
    ]);
    expect(fake.cell("Lists", "B1")?.value).toBe("Column2");
    const overlap = await failureOf(() =>
      fake.run(async (context) => {
        context.workbook.tables.add("Lists!B2:C4", true);
        await context.sync();
      }),
    );
    expect(overlap.code).toBe("InvalidArgument");
  });

  it("shows a totals row below the body", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const table = context.workbook.tables.getItem("ActionPlan");
      table.showTotals = true;
      const total = table.getTotalRowRange().load("address");
      const body = table.getDataBodyRange().load("address");
      await context.sync();
      expect([body.address, total.address]).toEqual(["'Action Plan'!A2:C3", "'Action Plan'!A4:C4"]);
    });
  });
});

describe("charts", () => {
  it("adds a chart with a title, name and position, and deletes it", async () => {
    const fake = planFake();
    installExcelGlobals();
    try {
      await fake.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Action Plan");
        const chart = sheet.charts.add(Excel.ChartType.columnStacked, sheet.getRange("A1:C3"), Excel.ChartSeriesBy.columns);
        chart.name = "StatusByPriority";
        chart.title.text = "Actions by status";
        chart.setPosition("E2", "N20");
        await context.sync();
        const loaded = sheet.charts.getItem("statusbypriority").load("name,chartType,title/text");
        await context.sync();
        expect([loaded.name, loaded.chartType, loaded.title.text]).toEqual(["StatusByPriority", "ColumnStacked", "Actions by status"]);
      });
    } finally {
      uninstallExcelGlobals();
    }
    expect(fake.charts("Action Plan")).toEqual([{ type: "ColumnStacked", title: "Actions by status", sourceAddress: "A1:C3" }]);
    expect(fake.chartDetails("Action Plan")[0]).toMatchObject({ name: "StatusByPriority", seriesBy: "Columns", start: "E2", end: "N20" });

    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Action Plan").charts.getItem("StatusByPriority").delete();
    });
    expect(fake.charts("Action Plan")).toEqual([]);
  });

  it("rejects an unknown chart type", async () => {
    const fake = planFake();
    const error = await failureOf(() =>
      fake.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Action Plan");
        sheet.charts.add("Histogramme" as Excel.ChartType, sheet.getRange("A1:C3"));
        await context.sync();
      }),
    );
    expect(error.code).toBe("InvalidArgument");
  });
});

describe("data validation and conditional formats", () => {
  it("records validation rules per range and clears them", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Action Plan");
      const status = sheet.getRange("C2:C3");
      status.dataValidation.rule = { list: { inCellDropDown: true, source: "Open,Complete" } };
      status.dataValidation.errorAlert = { showAlert: true, style: "Stop", title: "Status", message: "Choose a status." };
      sheet.getRange("B2:B3").dataValidation.rule = { list: { inCellDropDown: true, source: '=INDIRECT("LeadOfficers[Name]")' } };
      await context.sync();
      const check = sheet.getRange("C2:C3").dataValidation.load("type,rule");
      await context.sync();
      expect(check.type).toBe("List");
      expect(check.rule).toEqual({ list: { inCellDropDown: true, source: "Open,Complete" } });
    });
    expect(fake.validations("Action Plan")).toEqual([
      { address: "C2:C3", rule: { list: { inCellDropDown: true, source: "Open,Complete" } } },
      { address: "B2:B3", rule: { list: { inCellDropDown: true, source: '=INDIRECT("LeadOfficers[Name]")' } } },
    ]);
    expect(fake.validationDetails("Action Plan")[0].errorAlert).toEqual({ showAlert: true, style: "Stop", title: "Status", message: "Choose a status." });

    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Action Plan").getRange("B3:C3").dataValidation.clear();
    });
    expect(fake.validations("Action Plan").map((v) => v.address)).toEqual(["C2", "B2"]);

    const bad = await failureOf(() =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Action Plan").getRange("A2").dataValidation.rule = {
          list: { inCellDropDown: true, source: "x" },
          decimal: { formula1: 1, operator: "GreaterThan" },
        };
        await context.sync();
      }),
    );
    expect(bad.code).toBe("InvalidArgument");
  });

  it("adds custom conditional formats with a formula and colours, and clears them", async () => {
    const fake = planFake();
    installExcelGlobals();
    try {
      await fake.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Action Plan").getRange("C2:C3");
        const format = range.conditionalFormats.add(Excel.ConditionalFormatType.custom);
        format.custom.rule.formula = '=$C2="Open"';
        format.custom.format.fill.color = "#FFC7CE";
        format.custom.format.font.color = "#9c0006";
        const plain = range.conditionalFormats.add("Custom");
        plain.custom.rule.formula = '=$C2="Complete"';
        const count = range.conditionalFormats.getCount();
        await context.sync();
        expect(count.value).toBe(2);
      });
    } finally {
      uninstallExcelGlobals();
    }
    expect(fake.conditionalFormats("Action Plan")).toEqual([
      { address: "C2:C3", formula: '=$C2="Open"', fill: "#FFC7CE", fontColor: "#9C0006" },
      { address: "C2:C3", formula: '=$C2="Complete"' },
    ]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Action Plan").getRange("C:C").conditionalFormats.clearAll();
    });
    expect(fake.conditionalFormats("Action Plan")).toEqual([]);
  });
});

describe("selection, activation and protection", () => {
  it("records the selected range and the active sheet", async () => {
    const fake = planFake();
    fake.addSheet("Summary");
    expect(fake.selected()).toEqual({ sheet: "Action Plan", address: "A1" });
    await fake.run(async (context) => {
      const summary = context.workbook.worksheets.getItem("Summary");
      summary.activate();
      summary.getRange("B4").select();
      await context.sync();
      const active = context.workbook.worksheets.getActiveWorksheet().load("name");
      const selection = context.workbook.getSelectedRange().load("address");
      await context.sync();
      expect([active.name, selection.address]).toEqual(["Summary", "Summary!B4"]);
    });
    expect(fake.selected()).toEqual({ sheet: "Summary", address: "B4" });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Action Plan").getRange("C2:C3").select();
    });
    expect(fake.selected()).toEqual({ sheet: "Action Plan", address: "C2:C3" });
  });

  it("protects a sheet: protected loads, and locked cells refuse writes", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Action Plan");
      sheet.getRange("C2:C3").format.protection.locked = false;
      sheet.protection.protect({ allowFormatCells: false });
      sheet.protection.load("protected");
      await context.sync();
      expect(sheet.protection.protected).toBe(true);
      sheet.getRange("C2").values = [["Complete"]];
      await context.sync();
    });
    expect(fake.cell("Action Plan", "C2")?.value).toBe("Complete");
    expect(fake.sheetInfo("Action Plan")).toMatchObject({ protected: true, protectionOptions: { allowFormatCells: false } });
    const denied = await failureOf(() =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Action Plan").getRange("B2").values = [["Changed"]];
        await context.sync();
      }),
    );
    expect(denied.code).toBe("AccessDenied");
    const twice = await failureOf(() =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Action Plan").protection.protect();
        await context.sync();
      }),
    );
    expect(twice.code).toBe("InvalidOperation");
  });
});

describe("globals", () => {
  afterEach(() => uninstallExcelGlobals());

  it("defines the Excel enums code refers to, and removes them again", () => {
    const g = globalThis as unknown as Record<string, unknown>;
    expect(g.Excel).toBeUndefined();
    installExcelGlobals();
    expect(Excel.ChartType.columnClustered).toBe("ColumnClustered");
    expect(Excel.ChartSeriesBy.auto).toBe("Auto");
    expect(Excel.ConditionalFormatType.custom).toBe("Custom");
    expect(Excel.ClearApplyTo.contents).toBe("Contents");
    expect(new FakeOfficeError(ErrorCodes.itemNotFound, "x")).toBeInstanceOf(OfficeExtension.Error);
    uninstallExcelGlobals();
    expect(g.Excel).toBeUndefined();
    expect(g.OfficeExtension).toBeUndefined();
  });

  it("routes Excel.run to the fake when given one", async () => {
    const fake = planFake();
    installExcelGlobals(fake);
    const name = await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getFirst().load("name");
      await context.sync();
      return sheet.name;
    });
    expect(name).toBe("Action Plan");
  });

  it("lets handlers registered with tables.onChanged be raised", async () => {
    const fake = planFake();
    const seen: unknown[] = [];
    await fake.run(async (context) => {
      context.workbook.tables.onChanged.add(async (event) => {
        seen.push(event.source);
      });
      await context.sync();
    });
    await fake.raiseTableChanged("ActionPlan", "Remote");
    expect(seen).toEqual(["Remote"]);
  });
});

describe("merged areas, cell properties and bounding rectangles (what reading a sheet raw uses)", () => {
  it("gives only the merged areas whose top-left cell is in the range (office-js#3611), or a null object", async () => {
    const fake = planFake();
    fake.merge("Action Plan", "E1:F2");
    fake.merge("Action Plan", "H5:H9");
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Action Plan");
      const both = sheet.getRange("A1:H6").getMergedAreasOrNullObject();
      const startsOutside = sheet.getRange("A6:H9").getMergedAreasOrNullObject();
      both.load("address,areaCount");
      startsOutside.load("address");
      await context.sync();
      expect(both.address).toBe("'Action Plan'!E1:F2,'Action Plan'!H5:H9");
      expect(both.areaCount).toBe(2);
      expect(startsOutside.isNullObject).toBe(true);
    });
  });

  it("reports a cell with no fill as #FFFFFF with a null tintAndShade, like Excel (office-js#6218, #4900)", async () => {
    const fake = planFake();
    fake.setFill("Action Plan", "B2", "#ffc000");
    await fake.run(async (context) => {
      const properties = context.workbook.worksheets.getItem("Action Plan").getRange("A2:B2").getCellProperties({ format: { fill: { color: true, tintAndShade: true } } });
      await context.sync();
      expect(properties.value).toEqual([[{ format: { fill: { color: "#FFFFFF", tintAndShade: null } } }, { format: { fill: { color: "#FFC000", tintAndShade: 0 } } }]]);
    });
  });

  it("refuses cell properties it does not implement, rather than answering wrongly", async () => {
    const fake = planFake();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Action Plan").getRange("A1");
      expect(() => range.getCellProperties({ format: { font: { bold: true } } })).toThrow(FakeExcelUnsupported);
    });
  });

  it("bounds A1 and a sheet's used range, so a sheet is read from A1 to its last value", async () => {
    const fake = createFakeExcel();
    fake.addSheet("Notes");
    fake.setValues("Notes", "C4", [["x", "y"]]);
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Notes");
      const area = sheet.getRange("A1").getBoundingRect(sheet.getUsedRange(true));
      area.load("address");
      await context.sync();
      expect(area.address).toBe("Notes!A1:D4");
    });
  });
});

describe("page layout (ExcelApi 1.9)", () => {
  it("sets orientation, fit-to-pages zoom, print title rows and the centre footer at sync, and loads them back", async () => {
    const fake = createFakeExcel();
    fake.addSheet("Summary");
    await fake.run(async (context) => {
      const layout = context.workbook.worksheets.getItem("Summary").pageLayout;
      layout.orientation = "Landscape";
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      layout.setPrintTitleRows("$1:$2");
      layout.headersFooters.defaultForAllPages.centerFooter = "Plan && more - Page &P of &N";
      expect(fake.sheetInfo("Summary").orientation).toBe("Portrait");
      await context.sync();
      layout.load("orientation,zoom");
      await context.sync();
      expect(layout.orientation).toBe("Landscape");
      expect(layout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    });
    expect(fake.sheetInfo("Summary")).toMatchObject({ printTitleRows: "$1:$2", centerFooter: "Plan && more - Page &P of &N" });
  });

  it("refuses what Excel documents as invalid: an orientation that is not a PageOrientation, a scale outside 10 to 400, a title range on another sheet", async () => {
    const fake = createFakeExcel();
    fake.addSheet("Summary");
    const attempts: ((layout: Excel.PageLayout) => void)[] = [
      (l) => (l.orientation = "Sideways" as never),
      (l) => (l.zoom = { scale: 5 }),
      (l) => l.setPrintTitleRows("Elsewhere!$1:$1"),
    ];
    for (const attempt of attempts) {
      await expect(fake.run(async (context) => {
        attempt(context.workbook.worksheets.getItem("Summary").pageLayout);
        await context.sync();
      })).rejects.toMatchObject({ code: ErrorCodes.invalidArgument });
    }
  });
});

describe("borders (RangeFormat.borders)", () => {
  it("draws EdgeTop along the range's top row and InsideHorizontal between its rows, at sync, and loads the style back", async () => {
    // Excel.BorderIndex: edgeTop is the range's top edge, insideHorizontal the lines between its rows
    // (https://learn.microsoft.com/javascript/api/excel/excel.borderindex); Excel.RangeBorder.style is a
    // BorderLineStyle (https://learn.microsoft.com/javascript/api/excel/excel.rangeborder#excel-excel-rangeborder-style-member).
    const fake = createFakeExcel();
    fake.addSheet("Summary");
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Summary");
      const range = sheet.getRange("B2:C4");
      range.format.borders.getItem("EdgeTop").style = "Continuous";
      expect(fake.cellFormat("Summary", "B2").topBorder).toBe("None");
      await context.sync();
      sheet.getRange("E2:E3").format.borders.getItem("InsideHorizontal").style = "Continuous";
      const top = range.format.borders.getItem("EdgeTop");
      top.load("style");
      await context.sync();
      expect(top.style).toBe("Continuous");
    });
    expect(["B2", "C2", "B3", "E2", "E3"].map((cell) => fake.cellFormat("Summary", cell).topBorder)).toEqual(["Continuous", "Continuous", "None", "None", "Continuous"]);
  });

  it("refuses a style that is not a BorderLineStyle and an index that is not a BorderIndex", async () => {
    const fake = createFakeExcel();
    fake.addSheet("Summary");
    const attempts: ((range: Excel.Range) => void)[] = [
      (r) => (r.format.borders.getItem("EdgeTop").style = "Wavy" as never),
      (r) => (r.format.borders.getItem("Middle" as never).style = "Continuous"),
    ];
    for (const attempt of attempts) {
      await expect(fake.run(async (context) => {
        attempt(context.workbook.worksheets.getItem("Summary").getRange("A1:B2"));
        await context.sync();
      })).rejects.toThrow();
    }
    expect(fake.cellFormat("Summary", "A1").topBorder).toBe("None");
  });
});
