import { SheetReader, WorkbookPort } from "../port/workbookPort";
import { ViewName } from "./views/viewNames";

/** What the task pane needs from wherever it runs (Excel, or the in-memory preview). Components never call Office. */
export interface PaneHost {
  readonly workbook: WorkbookPort;
  /**
   * Raw sheets, for adopting a plan kept in any layout: `readSheet()` with no name reads the sheet the
   * user is on. Absent where the host cannot read sheets raw (then the pane does not offer it).
   */
  readonly sheets?: SheetReader;
  /** Selects a cell in the grid, e.g. the cell a finding names. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /**
   * Calls `listener` when a table's data changes (debounce in the caller). `remote` is true for changes
   * made by other people co-authoring. Returns a function that stops listening.
   */
  onTablesChanged(listener: (change: { remote: boolean }) => void): () => void;
  /**
   * Calls `listener` when the pane is shown again after being hidden (Office showed the task pane again,
   * or the page became visible). Some edits raise no table event (a drop-down choice, deleted rows), so
   * the pane re-checks here. Returns a function that stops listening.
   */
  onVisible(listener: () => void): () => void;
  /**
   * Calls `listener` when someone asks the open pane to show a view: in Excel, a ribbon button pressed
   * again for a pane that is already open. Returns a function that stops listening.
   */
  onViewRequested(listener: (view: ViewName) => void): () => void;
  /** Small settings remembered per workbook and per person (e.g. "my name"). */
  readonly settings: {
    get(key: string): string | undefined;
    set(key: string, value: string): Promise<void>;
  };
  /** Office's theme, when the host has one. */
  readonly theme: "light" | "dark";
  /** Copies text to the clipboard. */
  copyText(text: string): Promise<void>;
  /**
   * Copies formatted text: `html` as the clipboard's text/html (Word keeps its headings and tables) with
   * `text` as its text/plain. Where the host can copy only text, it copies `text` and says so: the result is
   * "text" then, "html" when both were copied.
   */
  copyRich(html: string, text: string): Promise<"html" | "text">;
  /**
   * Saving a file the pane made (the committee report as .docx) where the host allows a download:
   * `save(fileName, bytes, mediaType)` hands it to the browser's download; `unavailable` says, in words for
   * the user, why this host cannot and what to do instead.
   */
  readonly download: FileDownload;
  /**
   * Opening a workbook the pane made (next year's plan, issue 14) as a new workbook: in Excel
   * Excel's createWorkbook from Base64 (ExcelApi 1.8), in the preview a download of the .xlsx. `open` says which
   * it did; `unavailable` says, in words for the user, why this host cannot. Absent: the host cannot.
   */
  readonly newWorkbook?: NewWorkbook;
  /** Features this host cannot provide, with the reason, e.g. data validation in an older Excel. */
  readonly limitations: readonly string[];
  /** Now: today's date for the default sign-off date, and the time for "Checked at 14:05". */
  today(): Date;
}

/** Whether and how the host saves a file: see PaneHost.download. */
export type FileDownload =
  | { readonly save: (fileName: string, bytes: Uint8Array, mediaType: string) => Promise<void>; readonly unavailable?: undefined }
  | { readonly save?: undefined; readonly unavailable: string };

/** Whether and how the host opens a new workbook from .xlsx bytes: see PaneHost.newWorkbook. */
export type NewWorkbook =
  | { readonly open: (fileName: string, bytes: Uint8Array) => Promise<"opened" | "downloaded">; readonly unavailable?: undefined }
  | { readonly open?: undefined; readonly unavailable: string };
