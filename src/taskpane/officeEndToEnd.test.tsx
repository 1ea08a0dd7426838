/** @jest-environment jsdom */
import "../../test/support/jsdomSetup";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { createFakeExcel, FakeExcel, installExcelGlobals, uninstallExcelGlobals } from "../../test/support/fakeExcel";
import { createOfficeHost } from "../adapters/office/officeHost";
import { OfficeWorkbook } from "../adapters/office/officeWorkbook";
import { SAMPLE_PLAN } from "../domain/sample/samplePlan";
import { setUpPlan } from "../usecases/setUpPlan";
import { App } from "./App";

/**
 * The real Office host and adapter, over the test double of Excel's object model: each journey from the
 * user's side, end to end, with no component calling Office itself.
 */
let fake: FakeExcel;

beforeEach(async () => {
  fake = createFakeExcel();
  fake.addSheet("Sheet1");
  installExcelGlobals(fake);
  (globalThis as Record<string, unknown>).Office = {
    context: { requirements: { isSetSupported: () => true }, document: { url: "https://example.org/plan.xlsx" } },
  };
  window.localStorage.clear();
  const outcome = await setUpPlan(new OfficeWorkbook(fake.run), SAMPLE_PLAN);
  if (!outcome.done) throw new Error(outcome.reason);
});

afterEach(() => {
  uninstallExcelGlobals();
  delete (globalThis as Record<string, unknown>).Office;
});

async function open(view: "check" | "myActions" | "summary") {
  const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
  render(<App host={createOfficeHost()} initialView={view} />);
  await waitFor(() => expect(screen.queryAllByText("Reading the workbook…")).toHaveLength(0));
  return user;
}

describe("the pane in Excel (Office host over the Excel test double)", () => {
  it("Check: choosing a finding selects its cell in Excel", async () => {
    const user = await open("check");
    await user.click(await screen.findByRole("button", { name: /^6\.5, Action Plan!I38/ }));
    await waitFor(() => expect(fake.selected()).toEqual({ sheet: "Action Plan", address: "I38" }));
  });

  it("My actions: an officer's status and update reach just their cells", async () => {
    const user = await open("myActions");
    await user.selectOptions(screen.getByRole("combobox", { name: "Your name" }), "Detective Inspector, St Helens CID");
    await user.click(screen.getByRole("button", { name: "Remember my name" }));
    const card = await screen.findByRole("form", { name: /^2\.3:/ });
    await user.selectOptions(within(card).getByRole("combobox", { name: "Status" }), "At risk");
    await user.type(within(card).getByRole("textbox", { name: /Q3 update/ }), "=Operation paused until January");
    await user.click(within(card).getByRole("button", { name: "Save 2.3" }));
    await waitFor(() => expect(fake.cell("Action Plan", "J11")?.value).toBe("At risk"));
    expect(fake.cell("Action Plan", "M11")).toMatchObject({ value: "=Operation paused until January" });
    expect(fake.cell("Action Plan", "M11")?.formula).toBeUndefined();
    expect(window.localStorage.getItem("csp-plan:https://example.org/plan.xlsx:myName")).toBe("Detective Inspector, St Helens CID");
  });

  it("Summary: builds the sheet with its chart, and records the chair's sign-off on it", async () => {
    const user = await open("summary");
    await user.click(screen.getByRole("button", { name: "Build Q3 summary" }));
    await screen.findByRole("heading", { name: "Narrative" });
    expect(fake.sheetNames()).toContain("Q3 2014-15 Summary");
    expect(fake.charts("Q3 2014-15 Summary")).toHaveLength(1);
    await user.type(screen.getByRole("textbox", { name: /Name/ }), "Jane Smith");
    await user.type(screen.getByRole("textbox", { name: /Role/ }), "Chair, Responsible Authorities Group");
    await user.click(screen.getByRole("button", { name: /Record sign-off/ }));
    await waitFor(() => expect(String(fake.cell("Q3 2014-15 Summary", "A3")?.value)).toMatch(/^Signed off by Jane Smith, Chair, Responsible Authorities Group, on /));
  });
});

describe("the Office host's Download report", () => {
  const setPlatform = (platform: string) => Object.assign((globalThis as { Office: { context: object } }).Office.context, { platform });

  it("is offered on the web and on Windows, and saves the .docx through the browser's download", async () => {
    setPlatform("OfficeOnline");
    const names: string[] = [];
    Object.assign(URL, { createObjectURL: () => "blob:https://localhost/report", revokeObjectURL: () => undefined });
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    try {
      const user = await open("summary");
      await user.click(screen.getByRole("button", { name: "Download Q3 report (.docx)" }));
      await screen.findByText(/^Saved the Q3 report as /);
      expect(names).toEqual(["Community safety action plan 2014-15 Q3 progress report.docx"]);
    } finally {
      click.mockRestore();
    }
  });

  it.each(["Mac", "iOS"])("is not offered on %s, whose webview ignores downloads (office-js #2700), and says what to do", async (platform) => {
    setPlatform(platform);
    await open("summary");
    expect(screen.queryByRole("button", { name: /Download .* report/ })).toBeNull();
    expect(screen.getByText(/does not let add-ins save files\. Use Copy report .* or run csp-plan report/)).toBeTruthy();
  });
});

describe("the Office host tells the pane when it is shown again", () => {
  type Handler = (message: { visibilityMode: string }) => void;
  let handlers: Handler[];
  let removed: number;

  beforeEach(() => {
    handlers = [];
    removed = 0;
    const office = (globalThis as Record<string, unknown>).Office as Record<string, unknown>;
    office.VisibilityMode = { hidden: "Hidden", taskpane: "Taskpane" };
    office.addin = {
      onVisibilityModeChanged: async (handler: Handler) => {
        handlers.push(handler);
        return async () => {
          removed++;
          handlers = handlers.filter((h) => h !== handler);
        };
      },
    };
    window.history.replaceState(null, "", "/taskpane.html?view=summary");
  });

  afterEach(() => window.history.replaceState(null, "", "/"));

  it("on the page's visibilitychange and Office's onVisibilityModeChanged, and stops when asked", async () => {
    const host = createOfficeHost();
    const shown = jest.fn();
    const stop = host.onVisible(shown);
    await waitFor(() => expect(handlers).toHaveLength(1));
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
    document.dispatchEvent(new Event("visibilitychange"));
    handlers[0]({ visibilityMode: "Hidden" });
    handlers[0]({ visibilityMode: "Taskpane" });
    expect(shown).toHaveBeenCalledTimes(2);
    stop();
    await waitFor(() => expect(removed).toBe(1));
    document.dispatchEvent(new Event("visibilitychange"));
    expect(shown).toHaveBeenCalledTimes(2);
    delete (document as unknown as Record<string, unknown>).visibilityState;
  });

  it("asks for the pane's own ribbon view when Office shows the pane again", async () => {
    const host = createOfficeHost();
    const requested = jest.fn();
    host.onViewRequested(requested);
    await waitFor(() => expect(handlers).toHaveLength(1));
    handlers[0]({ visibilityMode: "Taskpane" });
    expect(requested).toHaveBeenCalledWith("summary");
  });
});
