import { render, screen, waitFor } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { CellValue } from "../../src/domain/cells";
import { App, ViewName } from "../../src/taskpane/App";
import { createMemoryHost, MemoryHost, MemoryHostOptions } from "../../src/taskpane/memoryHost";

/** Renders the pane over a memory workbook, opened at `view`, once its first check has finished. */
export async function renderPane(workbook: MemoryWorkbook, view: ViewName, options: MemoryHostOptions & { host?: MemoryHost } = {}) {
  const host = options.host ?? createMemoryHost(workbook, { today: new Date(2015, 0, 20), ...options });
  // jsdom's getComputedStyle is slow over Fluent's many style rules; the pane sets no pointer-events of its own.
  const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
  const rendered = render(<App host={host} initialView={view} />);
  await waitFor(() => expect(screen.queryAllByText("Reading the workbook…")).toHaveLength(0));
  return { host, user, ...rendered, panel: () => screen.getByRole("tabpanel") };
}

/** Sets a cell of the ActionPlan table directly in the workbook, as a person typing in Excel would. */
export async function editActionCell(workbook: MemoryWorkbook, id: string, header: string, value: CellValue): Promise<void> {
  const table = (await workbook.read()).tables.find((t) => t.name === "ActionPlan")!;
  const row = table.rows.findIndex((r) => r[table.headers.indexOf("ID")] === id);
  const column = table.headers.indexOf(header);
  if (row < 0 || column < 0) throw new Error(`no ${header} for ${id}`);
  workbook.setCell(table.sheet, table.top + 1 + row, table.left + column, value);
}

/** The ActionPlan cells that differ between two reads, as `row:header`. */
export function changedCells(before: Awaited<ReturnType<MemoryWorkbook["read"]>>, after: Awaited<ReturnType<MemoryWorkbook["read"]>>): string[] {
  const plan = (s: typeof before) => s.tables.find((t) => t.name === "ActionPlan")!;
  const changed: string[] = [];
  plan(before).rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (JSON.stringify(plan(after).rows[r][c]) !== JSON.stringify(v)) changed.push(`${r}:${plan(before).headers[c]}`);
    }),
  );
  return changed;
}
