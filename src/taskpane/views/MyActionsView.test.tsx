/** @jest-environment jsdom */
import "../../../test/support/jsdomSetup";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { changedCells, editActionCell, renderPane } from "../../../test/support/pane";
import { memoryPlan, seedWith } from "../../../test/support/planFixture";
import { checkPlan } from "../../usecases/checkPlan";
import { createMemoryHost } from "../memoryHost";

const seed = seedWith([
  { id: "1.1", leadOfficer: "ASB Coordinator", status: "On target", updates: { Q1: "Patrols started.", Q2: "Calls down 6%." } },
  { id: "1.2", leadOfficer: "asb coordinator ", status: "On target" },
  { id: "1.3", leadOfficer: "Community Safety Manager", status: "At risk" },
  { id: "1.4", leadOfficer: "ASB Coordinator", status: "Removed", notes: "No funding after April." },
]);

const me = { settings: { myName: "ASB Coordinator" } };
const card = (id: string) => screen.getByRole("form", { name: new RegExp(`^${id.replace(".", "\\.")}:`) });

describe("My actions: a lead officer's own actions", () => {
  it("asks for your name once, and remembers it", async () => {
    const workbook = await memoryPlan(seed);
    const host = createMemoryHost(workbook);
    const { user } = await renderPane(workbook, "myActions", { host });
    expect(screen.getByRole("heading", { name: "Who are you?" })).toBeTruthy();
    const names = within(screen.getByRole("combobox", { name: "Your name" })).getAllByRole("option").map((o) => o.textContent);
    expect(names).toEqual(["Choose your name", "ASB Coordinator", "Chief Inspector, St Helens Local Policing", "Community Safety Manager", "Former Partnership Officer"]);
    await user.click(screen.getByRole("button", { name: "Remember my name" }));
    expect(within(screen.getByRole("alert")).getByText("Choose your name from the list.")).toBeTruthy();
    await user.selectOptions(screen.getByRole("combobox", { name: "Your name" }), "ASB Coordinator");
    await user.click(screen.getByRole("button", { name: "Remember my name" }));
    expect(host.stored.get("myName")).toBe("ASB Coordinator");
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Your actions" }));
    expect(screen.getByText("You lead 3 actions; 1 open action has no Q3 update yet.")).toBeTruthy();

    cleanup();
    await renderPane(workbook, "myActions", { host });
    expect(screen.queryByRole("heading", { name: "Who are you?" })).toBeNull();
    expect(screen.getByText(/Showing the actions led by/).textContent).toBe("Showing the actions led by ASB Coordinator.");
  });

  it("shows each action's RAG as a word with its reason", async () => {
    await renderPane(await memoryPlan(seed), "myActions", me);
    expect(screen.queryByRole("form", { name: /^1\.3:/ })).toBeNull();
    expect(within(card("1.1")).getByText(/^RAG:/).parentElement!.textContent).toBe("RAG:AmberNo Q3 update");
    expect(within(card("1.1")).getByText("Last update: Q2: Calls down 6%.")).toBeTruthy();
    expect(within(card("1.1")).getByText("Target date: 31 March 2015")).toBeTruthy();
    expect(within(card("1.2")).getByText(/^RAG:/).parentElement!.textContent).toBe("RAG:GreenOn target");
    expect(within(card("1.4")).getByText(/^RAG:/).parentElement!.textContent).toBe("RAG:GreyRemoved");
    expect(within(card("1.4")).getByText("Removed by the Responsible Authorities Group. Reason: No funding after April.")).toBeTruthy();
    expect(within(card("1.4")).queryByRole("combobox")).toBeNull();
    const statuses = within(within(card("1.1")).getByRole("combobox", { name: "Status" })).getAllByRole("option").map((o) => o.textContent);
    expect(statuses).toEqual(["Not started", "On target", "At risk", "Incomplete", "Complete"]);
  });

  it("saves the status and this quarter's update, writing only those two cells", async () => {
    const workbook = await memoryPlan(seed);
    const { user } = await renderPane(workbook, "myActions", me);
    const before = await workbook.read();
    await user.selectOptions(within(card("1.1")).getByRole("combobox", { name: "Status" }), "At risk");
    await user.type(within(card("1.1")).getByRole("textbox", { name: /Q3 update/ }), "  Funding delayed; patrols paused in December. ");
    await user.click(within(card("1.1")).getByRole("button", { name: "Save 1.1" }));

    expect(await within(card("1.1")).findByText('Saved 1.1: status "At risk" and the Q3 update.')).toBeTruthy();
    // And Last updated, with the pane's today (20 January 2015).
    expect(changedCells(before, await workbook.read())).toEqual(["0:Status", "0:Q3 update", "0:Last updated"]);
    expect(workbook.getCell("Action Plan", 1, 17)?.value).toEqual(new Date(Date.UTC(2015, 0, 20)));
    expect((await checkPlan(workbook)).plan.actions[0]).toMatchObject({
      status: "At risk", updates: { Q3: "Funding delayed; patrols paused in December." },
    });
    await waitFor(() => expect(within(card("1.1")).getByText(/^RAG:/).parentElement!.textContent).toBe("RAG:AmberAt risk"));
    expect((within(card("1.1")).getByRole("textbox", { name: /Q3 update/ }) as HTMLTextAreaElement).value).toBe(
      "Funding delayed; patrols paused in December.",
    );
    expect(workbook.applyCount).toBe(2);
  });

  it("shows why it will not save, keeping what was typed, and writes nothing", async () => {
    const workbook = await memoryPlan(seed);
    const { user } = await renderPane(workbook, "myActions", me);
    const before = JSON.stringify(workbook.dump());
    await user.click(within(card("1.1")).getByRole("button", { name: "Save 1.1" }));
    expect(within(card("1.1")).getByRole("alert").textContent).toContain("Write a Q3 update: what was done this quarter and what happens next.");

    const update = within(card("1.1")).getByRole("textbox", { name: /Q3 update/ }) as HTMLTextAreaElement;
    await user.type(update, "My careful words.");
    // Meanwhile someone else writes the Q3 update in Excel; no change event has reached the pane yet.
    await editActionCell(workbook, "1.1", "Q3 update", "Someone else's words.");
    const theirs = JSON.stringify(workbook.dump());
    await user.click(within(card("1.1")).getByRole("button", { name: "Save 1.1" }));
    expect(await within(card("1.1")).findByText(/Someone else changed action 1\.1 since you opened it/)).toBeTruthy();
    expect(update.value).toBe("My careful words.");
    expect(JSON.stringify(workbook.dump())).toBe(theirs);
    expect(theirs).not.toBe(before);

    // The pane shows what the workbook now says; keeping their words out needs a deliberate choice.
    expect(await within(card("1.1")).findByText(/it now says “On target” and “Someone else's words\.”/)).toBeTruthy();
    await user.click(within(card("1.1")).getByRole("button", { name: "Refresh, keeping my words" }));
    expect(update.value).toBe("My careful words.");
    await user.click(within(card("1.1")).getByRole("button", { name: "Save 1.1" }));
    expect(await within(card("1.1")).findByText(/^Saved 1\.1/)).toBeTruthy();
    expect((await checkPlan(workbook)).plan.actions[0].updates.Q3).toBe("My careful words.");
  });

  it("shows new data from the workbook in an action nobody is editing", async () => {
    const workbook = await memoryPlan(seed);
    const { host } = await renderPane(workbook, "myActions", me);
    await editActionCell(workbook, "1.2", "Status", "Complete");
    host.fireTablesChanged({ remote: true });
    await waitFor(() => expect((within(card("1.2")).getByRole("combobox", { name: "Status" }) as HTMLSelectElement).value).toBe("Complete"));
    expect(within(card("1.2")).getByText(/^RAG:/).parentElement!.textContent).toBe("RAG:BlueComplete");
  });

  it("lets you change the remembered name", async () => {
    const workbook = await memoryPlan(seed);
    const { user, host } = await renderPane(workbook, "myActions", me);
    await user.click(screen.getByRole("button", { name: "Change name" }));
    expect(document.activeElement).toBe(screen.getByRole("combobox", { name: "Your name" }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Your name" }), "Community Safety Manager");
    await user.click(screen.getByRole("button", { name: "Remember my name" }));
    expect(host.stored.get("myName")).toBe("Community Safety Manager");
    expect(card("1.3")).toBeTruthy();
    expect(screen.queryByRole("form", { name: /^1\.1:/ })).toBeNull();
  });
});
