/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Node's export conditions: under jsdom's default ("browser"), ExcelJS's uuid resolves to an ES module jest cannot load.
import "../../test/support/jsdomSetup";
import { readFileSync } from "fs";
import { join } from "path";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { createMemoryHost } from "../taskpane/memoryHost";
import { Preview } from "./Preview";
import { createSelectionStore } from "./selectionStore";

// jsdom lays nothing out, so it has no scrollIntoView; the grid scrolls its selected cell into view.
beforeAll(() => {
  Element.prototype.scrollIntoView = () => undefined;
});

const FIXTURE = join(__dirname, "..", "..", "test", "fixtures", "real-layouts", "merged_refs.xlsx");

describe("the preview", () => {
  it("opens a workbook file into the in-memory workbook, and the pane offers to adopt its sheet", async () => {
    const memory = new MemoryWorkbook();
    memory.addSheet("Sheet1");
    const selection = createSelectionStore({ sheet: "Sheet1", cell: "A1" });
    const host = createMemoryHost(memory, { today: new Date(2015, 10, 5), activeSheet: () => selection.get()?.sheet, onSelectCell: selection.set });
    const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
    render(<Preview host={host} selection={selection} initialView="plan" />);
    const bytes = readFileSync(FIXTURE);
    const file = new File([bytes], "merged_refs.xlsx");
    // jsdom's File has no arrayBuffer(); browsers do.
    Object.defineProperty(file, "arrayBuffer", { value: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    await user.upload(screen.getByLabelText("Open a workbook file"), file);
    await waitFor(() => expect(screen.getByText(/merged_refs\.xlsx/, { selector: "[role=status]" }).textContent).toMatch(/^Opened merged_refs\.xlsx: /), { timeout: 10000 });
    expect(memory.sheets[0].cells.size).toBeGreaterThan(10);
    expect(selection.get()?.sheet).toBe(memory.sheets[0].name);
    await user.click(await screen.findByRole("button", { name: "Adopt this sheet" }));
    expect(await screen.findByRole("region", { name: "How the sheet would be adopted" })).toBeTruthy();
  });
});
