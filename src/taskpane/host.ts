import { WorkbookPort } from "../port/workbookPort";

/** What the task pane needs from wherever it runs (Excel, or the in-memory preview). Components never call Office. */
export interface PaneHost {
  readonly workbook: WorkbookPort;
  /** Selects a cell in the grid, e.g. the cell a finding names. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /**
   * Calls `listener` when a table's data changes (debounce in the caller). `remote` is true for changes
   * made by other people co-authoring. Returns a function that stops listening.
   */
  onTablesChanged(listener: (change: { remote: boolean }) => void): () => void;
  /** Small settings remembered per workbook and per person (e.g. "my name"). */
  readonly settings: {
    get(key: string): string | undefined;
    set(key: string, value: string): Promise<void>;
  };
  /** Office's theme, when the host has one. */
  readonly theme: "light" | "dark";
  /** Copies text to the clipboard. */
  copyText(text: string): Promise<void>;
  /** Features this host cannot provide, with the reason, e.g. data validation in an older Excel. */
  readonly limitations: readonly string[];
  /** Today, for the default sign-off date. */
  today(): Date;
}
