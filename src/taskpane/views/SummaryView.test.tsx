/** @jest-environment jsdom */
import "../../../test/support/jsdomSetup";
import { screen, waitFor, within } from "@testing-library/react";
import { editActionCell, renderPane } from "../../../test/support/pane";
import { memoryPlan, seedWith } from "../../../test/support/planFixture";
import { ChangeSet } from "../../port/workbookPort";
import { SAMPLE_PLAN } from "../../domain/sample/samplePlan";
import { SIGN_OFF_CELL } from "../../domain/summarySheet";
import { strFromU8, unzipSync } from "fflate";
import { createMemoryHost } from "../memoryHost";
import { buildReport } from "../../usecases/buildReport";
import { committeeReportDocx } from "../../report/docxReport";

const OVERALL_Q3 =
  "At the end of Q3, of the 48 expected outcomes within the community safety action plan 2014/15, 15 were complete (31.3%), 18 were on target for completion (37.5%), five were at risk of not being completed (10.4%), four had not started (8.3%), three were incomplete (6.3%) and three were removed from the action plan (6.3%).";

/** A host whose writes wait until the test lets them through, so progress can be seen. */
async function gatedPane() {
  const workbook = await memoryPlan(SAMPLE_PLAN);
  const memoryHost = createMemoryHost(workbook, { today: new Date(2015, 0, 20) });
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const host = {
    ...memoryHost,
    workbook: {
      read: () => workbook.read(),
      apply: async (changes: ChangeSet) => {
        await gate;
        await workbook.apply(changes);
      },
    },
  };
  const pane = await renderPane(workbook, "summary", { host });
  return { ...pane, workbook, release };
}

async function buildQ3() {
  const pane = await renderPane(await memoryPlan(SAMPLE_PLAN), "summary");
  await pane.user.click(screen.getByRole("button", { name: "Build Q3 summary" }));
  await screen.findByRole("heading", { name: "Narrative" });
  return pane;
}

describe("Summary and review", () => {
  it("builds the chosen quarter's summary in place, showing progress while it works", async () => {
    const { user, workbook, release } = await gatedPane();
    const quarter = screen.getByRole("combobox", { name: /Quarter/ }) as HTMLSelectElement;
    expect(quarter.value).toBe("Q3");
    expect(screen.getByText("Plan year 2014/15, from Plan Settings.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Build Q3 summary" }));
    expect(screen.getByRole("progressbar", { name: /Building the Q3 summary/ })).toBeTruthy();
    expect(workbook.sheet("Q3 2014-15 Summary")).toBeUndefined();
    release();
    expect(await screen.findByText('Built the sheet "Q3 2014-15 Summary" in place, refreshed the RAG column and recorded Q3 in Status History. No other sheet changed.')).toBeTruthy();
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(workbook.sheet("Q3 2014-15 Summary")).toBeDefined();
    expect(workbook.sheets.map((s) => s.name)).toEqual(["Action Plan", "Lead Officers", "Priorities", "Plan Settings", "Indicators", "Q3 2014-15 Summary", "Status History"]);
  });

  it("will not build over a user's own sheet of the same name (Excel ignores letter case), and says how to go on", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    workbook.setCell("q3 2014-15 summary", 0, 0, "My notes for the Q3 meeting");
    const before = JSON.stringify(workbook.dump());
    const { user } = await renderPane(workbook, "summary");
    await user.click(screen.getByRole("button", { name: "Build Q3 summary" }));
    expect(await screen.findByText(/The sheet "q3 2014-15 summary" was not made by this tool .* Rename that sheet/)).toBeTruthy();
    expect(JSON.stringify(workbook.dump())).toBe(before);
  });

  it("shows the performance indicators by priority, each RAG a word and a reason, with its sentence (issue 15)", async () => {
    await buildQ3();
    const section = screen.getByRole("region", { name: "Performance indicators at Q3" });
    expect(within(section).getByText("Domestic burglaries fell by 9.1% in Q1 to Q3 against 2013/14, better than the 5% reduction targeted.")).toBeTruthy();
    expect(within(section).getByText("No Q3 value yet for thefts of and from motor vehicles.")).toBeTruthy();
    expect(within(section).getByText("4.3% down on 2012/13 to Q3 against a 5% reduction target, within tolerance")).toBeTruthy();
  });

  it("shows the figures per priority and overall", async () => {
    await buildQ3();
    const table = screen.getByRole("table", { name: "Outcomes by priority at 31 December 2014" });
    const headers = within(table).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual([
      "Priority", "Not started", "On target", "At risk", "Incomplete", "Complete", "Removed", "Expected outcomes", "% complete",
      "RAG Red", "RAG Amber", "RAG Green", "RAG Blue", "RAG Grey",
    ]);
    const cells = (name: string) => within(screen.getByRole("rowheader", { name }).closest("tr")!).getAllByRole("cell").map((c) => c.textContent);
    expect(cells("Overall")).toEqual(["4", "18", "5", "3", "15", "3", "48", "31.3%", "4", "14", "12", "15", "3"]);
    expect(within(table).getAllByRole("rowheader")).toHaveLength(9);
    expect(screen.getByRole("rowheader", { name: "1. Anti-social behaviour" })).toBeTruthy();
  });

  it("shows the narrative, and copies it", async () => {
    const { user, host } = await buildQ3();
    const narrative = screen.getByRole("heading", { name: "Narrative" }).closest("section")!;
    expect(within(narrative).getByText(OVERALL_Q3)).toBeTruthy();
    expect(within(narrative).getByRole("heading", { name: "8. Hate crime" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Copy narrative" }));
    expect(host.copied).toHaveLength(1);
    expect(host.copied[0]).toMatch(/^1\. Anti-social behaviour\nAt the end of Q3, of the /);
    expect(host.copied[0]).toContain(`\n\nOverall\n${OVERALL_Q3}\n\nSince last quarter\nNo quarter before Q3 2014/15 is recorded`);
    expect(within(narrative).getByRole("status").textContent).toBe("Copied the narrative: paste it into the committee report.");
  });

  it("lists red and amber exceptions with the RAG word, the reason and the lead officer", async () => {
    await buildQ3();
    const list = screen.getByRole("list", { name: "Red and amber exceptions (18)" });
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(18);
    const item22 = items.find((i) => i.textContent!.startsWith("2.2:"))!;
    expect(within(item22).getByText(/^RAG:/).parentElement!.textContent).toBe("RAG:RedPast target date (30 November 2014)");
    expect(within(item22).getByText("Lead officer: Chief Inspector, St Helens Local Policing")).toBeTruthy();
    for (const item of items) expect(item.textContent).toMatch(/RAG:(Red|Amber)\S/);
    expect(screen.getByRole("heading", { name: "Removed actions (3)" })).toBeTruthy();
    expect(screen.getByText(/^8\.5: .* Reason: none recorded\.$/)).toBeTruthy();
  });

  it("records the chair's sign-off on the summary sheet", async () => {
    const { user, host } = await buildQ3();
    const sheet = "Q3 2014-15 Summary";
    expect(screen.getByText(`The chair signs off the sheet “${sheet}”. Building the summary again clears the sign-off, as its figures may change.`)).toBeTruthy();
    const date = screen.getByRole("textbox", { name: /Date/ }) as HTMLInputElement;
    expect(date.value).toBe("20 January 2015");
    await user.type(screen.getByRole("textbox", { name: /^Name/ }), "Jane Smith");
    await user.click(screen.getByRole("button", { name: "Record sign-off" }));
    expect(screen.getByText("Give the name and role of the person signing off.")).toBeTruthy();
    await user.type(screen.getByRole("textbox", { name: /^Role/ }), "Chair, Responsible Authorities Group");
    await user.clear(date);
    await user.type(date, "21/01/2015");
    await user.click(screen.getByRole("button", { name: "Record sign-off" }));
    const text = "Signed off by Jane Smith, Chair, Responsible Authorities Group, on 21 January 2015.";
    expect(await screen.findByText(`Recorded on "${sheet}": ${text}`)).toBeTruthy();
    expect((host as ReturnType<typeof createMemoryHost>).memory.getCell(sheet, SIGN_OFF_CELL.row, SIGN_OFF_CELL.column)?.value).toBe(text);
  });

  it("builds another quarter when chosen", async () => {
    const { user, host } = await renderPane(await memoryPlan(SAMPLE_PLAN), "summary");
    await user.selectOptions(screen.getByRole("combobox", { name: /Quarter/ }), "Q2");
    await user.click(screen.getByRole("button", { name: "Build Q2 summary" }));
    expect(await screen.findByRole("table", { name: "Outcomes by priority at 30 September 2014" })).toBeTruthy();
    expect(host.memory.sheet("Q2 2014-15 Summary")).toBeDefined();
    expect(screen.getByText(/The chair signs off the sheet “Q2 2014-15 Summary”/)).toBeTruthy();
  });

  it("says why it will not build a broken plan, and writes nothing", async () => {
    const workbook = await memoryPlan(seedWith([{ id: "1.1" }, { id: "1.1" }]));
    const before = JSON.stringify(workbook.dump());
    const { user } = await renderPane(workbook, "summary");
    await user.click(screen.getByRole("button", { name: "Build Q3 summary" }));
    const alert = await waitFor(() => within(screen.getByRole("tabpanel")).getAllByRole("alert").find((a) => a.textContent)!);
    expect(alert.textContent).toContain("The plan has 1 structure error to fix first; nothing was written.");
    expect(alert.textContent).toContain("1.1");
    expect(JSON.stringify(workbook.dump())).toBe(before);
    expect(screen.queryByRole("heading", { name: "Narrative" })).toBeNull();
  });

  it("offers the chase list per lead officer, without building, and copies each officer's message", async () => {
    const { user, host } = await renderPane(await memoryPlan(SAMPLE_PLAN), "summary");
    const list = screen.getByRole("list", { name: "Missing Q3 updates (5)" });
    const cards = within(list).getAllByRole("listitem").filter((li) => li.parentElement === list);
    expect(cards.map((c) => c.firstElementChild!.textContent)).toEqual([
      "Detective Inspector, St Helens CID",
      "Head of Safeguarding, St Helens CCG",
      "IOM Manager",
      "Senior Crown Prosecutor",
      "Substance Misuse Commissioning Manager",
    ]);
    expect(screen.getByText(/nothing is sent from here/)).toBeTruthy();
    const iom = cards[2];
    expect(within(iom).getByText("6.1: Manage a cohort of 60 priority adult offenders through the… (target date: 31 March 2015)")).toBeTruthy();
    // "Today" is 20 January 2015, after Q3 ended: no date is invented.
    const message =
      "Dear IOM Manager, the Q3 2014/15 update is still needed for one action in the community safety action plan: " +
      "6.1 (Manage a cohort of 60 priority adult offenders through the…). Please add it in the Q3 update column as soon as you can. Thank you.";
    expect(within(iom).getByText(message)).toBeTruthy();
    expect(within(iom).getByRole("status").textContent).toBe("");

    await user.click(screen.getByRole("button", { name: "Copy message to IOM Manager" }));
    expect(await within(iom).findByText("Copied the message to IOM Manager.")).toBeTruthy();
    expect(host.copied).toEqual([message]);
    // Only that officer's card says so.
    expect(within(cards[0]).getByRole("status").textContent).toBe("");
    for (const card of cards) expect(within(card).getAllByRole("button")).toHaveLength(1);
  });

  it("chases the chosen quarter, and flags an inactive officer; a failed copy says so", async () => {
    const workbook = await memoryPlan(SAMPLE_PLAN);
    await editActionCell(workbook, "6.1", "Lead officer", "Karen Prescott");
    const { user, host } = await renderPane(workbook, "summary", {});
    const card = screen.getByText("Karen Prescott", { selector: "span" }).closest("li")!;
    expect(within(card).getByText(/^Inactive in the Lead Officers register: reassign these actions/)).toBeTruthy();
    host.copyText = async () => {
      throw new Error("the clipboard is not available");
    };
    await user.click(within(card).getByRole("button", { name: "Copy message to Karen Prescott" }));
    expect((await within(card).findByRole("alert")).textContent).toContain("The message could not be copied: the clipboard is not available");

    await user.selectOptions(screen.getByRole("combobox", { name: /Quarter/ }), "Q4");
    const q4 = await screen.findByRole("list", { name: /^Missing Q4 updates \(\d+\)$/ });
    expect(within(q4).getAllByText(/the Q4 2014\/15 update is still needed/).length).toBeGreaterThan(0);
    // Q4 runs to 31 March 2015, after "today": the quarter's end is the deadline.
    expect(within(q4).getAllByText(/by 31 March 2015, the end of the quarter\. Thank you\.$/).length).toBeGreaterThan(0);
  });

  it("copies the chosen quarter's committee report as HTML, a heading and a table per priority, with its plain text", async () => {
    const { user, host } = await renderPane(await memoryPlan(SAMPLE_PLAN), "summary");
    const before = JSON.stringify(host.memory.dump());
    await user.click(screen.getByRole("button", { name: "Copy Q3 report" }));
    expect(await screen.findByText("Copied the Q3 report: paste it into Word.")).toBeTruthy();
    expect(host.copiedRich).toHaveLength(1);
    const { html, text } = host.copiedRich[0];
    const doc = new DOMParser().parseFromString(html, "text/html");
    expect(doc.querySelector("h1")!.textContent).toMatch(/Q3 progress report$/);
    const priorities = [...doc.querySelectorAll("h2")].map((h) => h.textContent!).filter((t) => /^\d+\. /.test(t));
    expect(priorities).toHaveLength(8);
    expect(new Set(priorities).size).toBe(8);
    expect(priorities[0]).toBe("1. Anti-social behaviour");
    expect(priorities[7]).toBe("8. Hate crime");
    // Each priority's heading is followed by its figures as a table with column headers.
    for (const h2 of [...doc.querySelectorAll("h2")].filter((h) => priorities.includes(h.textContent!))) {
      const table = h2.nextElementSibling!;
      expect(table.tagName).toBe("TABLE");
      expect(table.querySelectorAll("thead th").length).toBeGreaterThan(0);
    }
    expect(doc.querySelector("table th")).not.toBeNull();
    expect(text).toContain("1. Anti-social behaviour\n------------------------");
    expect(text).toContain(OVERALL_Q3);
    expect(text).not.toContain("<");
    // Read-only: nothing written, nothing copied as bare text.
    expect(JSON.stringify(host.memory.dump())).toBe(before);
    expect(host.copied).toEqual([]);
  });

  it("copies the report of the quarter chosen, and says when only plain text could be copied", async () => {
    const { user, host } = await renderPane(await memoryPlan(SAMPLE_PLAN), "summary");
    host.copyRich = async (_html, text) => {
      await host.copyText(text);
      return "text";
    };
    await user.selectOptions(screen.getByRole("combobox", { name: /Quarter/ }), "Q2");
    await user.click(screen.getByRole("button", { name: "Copy Q2 report" }));
    expect(await screen.findByText(/^Copied the Q2 report as plain text only: .* headings and tables will not be kept/)).toBeTruthy();
    expect(host.copied).toHaveLength(1);
    expect(host.copied[0]).toMatch(/Q2 progress report\n=+\n/);
  });

  it("says in words why the report could not be copied", async () => {
    const broken = await renderPane(await memoryPlan(seedWith([{ id: "1.1" }, { id: "1.1" }])), "summary");
    await broken.user.click(screen.getByRole("button", { name: "Copy Q3 report" }));
    const alert = await waitFor(() => within(screen.getByRole("tabpanel")).getAllByRole("alert").find((a) => a.textContent)!);
    expect(alert.textContent).toContain("The plan has 1 structure error to fix first");
    expect(broken.host.copiedRich).toEqual([]);
    broken.unmount();

    const { user, host } = await renderPane(await memoryPlan(SAMPLE_PLAN), "summary");
    host.copyRich = async () => {
      throw new Error("the clipboard is not available");
    };
    await user.click(screen.getByRole("button", { name: "Copy Q3 report" }));
    expect(await screen.findByText("The Q3 report could not be copied: the clipboard is not available")).toBeTruthy();
  });
});

describe("Download report (.docx)", () => {
  // The drawing's id counts up across every document the docx library makes in one process: not content.
  const documentXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)["word/document.xml"]).replace(/<wp:docPr id="\d+"/g, '<wp:docPr id="n"');

  it("saves the quarter's committee report as the same Word document the command line writes", async () => {
    const { user, host } = await renderPane(await memoryPlan(SAMPLE_PLAN), "summary");
    const before = JSON.stringify(host.memory.dump());
    await user.click(screen.getByRole("button", { name: "Download Q3 report (.docx)" }));
    expect(await screen.findByText(/^Saved the Q3 report as ".*2014-15 Q3 progress report\.docx"/)).toBeTruthy();
    expect(host.saved).toHaveLength(1);
    const [file] = host.saved;
    expect(file.fileName).toMatch(/^[^/\\:]+ 2014-15 Q3 progress report\.docx$/);
    expect(file.mediaType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const xml = documentXml(file.bytes);
    expect(xml).toContain(OVERALL_Q3);
    expect(xml).toContain("1. Anti-social behaviour");
    // The command line's report of the same plan and quarter: the same document, word for word.
    const cli = await buildReport(await memoryPlan(SAMPLE_PLAN), { quarter: "Q3" });
    if (!cli.done) throw new Error(cli.reason);
    expect(xml).toBe(documentXml(await committeeReportDocx(cli.report)));
    // Read-only: the workbook is untouched.
    expect(JSON.stringify(host.memory.dump())).toBe(before);
  });

  it("where the host cannot save files, offers no button and says what to do instead", async () => {
    const unavailable = "Excel on Mac and iPad does not let add-ins save files. Use Copy report and paste it into Word.";
    await renderPane(await memoryPlan(SAMPLE_PLAN), "summary", { download: { unavailable } });
    expect(screen.getByText(unavailable)).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Download .* report/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Copy Q3 report" })).toBeTruthy();
  });

  it("says in words why the report could not be saved, and saves nothing", async () => {
    const broken = await renderPane(await memoryPlan(seedWith([{ id: "1.1" }, { id: "1.1" }])), "summary");
    await broken.user.click(screen.getByRole("button", { name: "Download Q3 report (.docx)" }));
    const alert = await waitFor(() => within(screen.getByRole("tabpanel")).getAllByRole("alert").find((a) => a.textContent)!);
    expect(alert.textContent).toContain("The plan has 1 structure error to fix first");
    expect(broken.host.saved).toEqual([]);
    broken.unmount();

    const { user } = await renderPane(await memoryPlan(SAMPLE_PLAN), "summary", {
      download: {
        save: async () => {
          throw new Error("the download was blocked");
        },
      },
    });
    await user.click(screen.getByRole("button", { name: "Download Q3 report (.docx)" }));
    expect(await screen.findByText("The Q3 report could not be saved: the download was blocked")).toBeTruthy();
  });
});
