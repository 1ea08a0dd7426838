import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { WorkbookBusyError } from "../port/errors";
import { ChangeSet, ReadOptions, WorkbookPort } from "../port/workbookPort";
import { FileDownload, NewWorkbook, PaneHost } from "./host";
import { ViewName } from "./views/viewNames";

export interface MemoryHostOptions {
  readonly theme?: PaneHost["theme"];
  /** Settings already remembered, e.g. `{ myName: "ASB Coordinator" }`. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Today, for defaults such as the sign-off date, and the time of each check: a fixed moment, or a clock. */
  readonly today?: Date | (() => Date);
  readonly limitations?: readonly string[];
  /** Like Excel, report the pane's own writes to table listeners (remote = false). Off by default. */
  readonly echoWrites?: boolean;
  /** Told of each cell the pane selects (the preview highlights it in its grid). */
  readonly onSelectCell?: (selection: CellSelection) => void;
  /** The sheet the user is on, for `sheets.readSheet()`; default the first sheet. */
  readonly activeSheet?: string | (() => string | undefined);
  /** Also put formatted copies on a real clipboard (the preview passes the browser's); recorded either way. */
  readonly copyRich?: PaneHost["copyRich"];
  /**
   * How files are saved: by default recorded in `saved`; the preview passes the browser's download, and
   * tests can pass `{ unavailable }` to act as Excel on Mac.
   */
  readonly download?: FileDownload;
  /**
   * How a new workbook is opened (next year's plan): by default recorded in `opened`; the preview passes a
   * download of the .xlsx, and tests can pass `{ unavailable }` to act as an Excel without ExcelApi 1.8.
   */
  readonly newWorkbook?: NewWorkbook;
}

/** The media type of an Excel workbook (.xlsx). */
export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A file the pane saved through the memory host. */
export interface SavedFile {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly mediaType: string;
}

export interface CellSelection {
  readonly sheet: string;
  readonly cell: string;
}

/** The pane's host over an in-memory workbook, recording what the pane asked of it. */
export interface MemoryHost extends PaneHost {
  readonly memory: MemoryWorkbook;
  /** Every cell the pane selected, oldest first. */
  readonly selections: readonly CellSelection[];
  /** Every text the pane copied, oldest first. */
  readonly copied: readonly string[];
  /** Every formatted copy (HTML with its plain text), oldest first. */
  readonly copiedRich: readonly { readonly html: string; readonly text: string }[];
  /** Every file the pane saved (downloaded), oldest first. */
  readonly saved: readonly SavedFile[];
  /** Every new workbook the pane opened (its .xlsx bytes), oldest first. */
  readonly opened: readonly SavedFile[];
  /** The remembered settings, as stored. */
  readonly stored: ReadonlyMap<string, string>;
  /** How many table-change listeners are registered. */
  listenerCount(): number;
  /** Tells the pane a table changed, as Excel would after an edit (remote: someone co-authoring). */
  fireTablesChanged(change?: { remote?: boolean }): void;
  /** Tells the pane it is shown again, as Office does when the task pane comes back into view. */
  fireVisible(): void;
  /** Asks the open pane to show a view, as a ribbon button does. */
  requestView(view: ViewName): void;
  /** How many visibility and view-request listeners are registered. */
  visibleListenerCount(): number;
  /**
   * While busy, every read fails with WorkbookBusyError, as Excel does while a cell is being edited (a
   * user-started read too, as in an Excel without ExcelApi 1.11's delayForCellEdit).
   */
  setBusy(busy: boolean): void;
  /** The options of every read, oldest first. */
  readonly reads: readonly ReadOptions[];
}

/** A PaneHost over a MemoryWorkbook: for tests and the browser preview. */
export function createMemoryHost(memory: MemoryWorkbook, options: MemoryHostOptions = {}): MemoryHost {
  const selections: CellSelection[] = [];
  const copied: string[] = [];
  const copiedRich: { html: string; text: string }[] = [];
  const saved: SavedFile[] = [];
  const opened: SavedFile[] = [];
  const stored = new Map(Object.entries(options.settings ?? {}));
  const listeners = new Set<(change: { remote: boolean }) => void>();
  const fire = (remote: boolean) => [...listeners].forEach((listener) => listener({ remote }));
  const visibleListeners = new Set<() => void>();
  const viewListeners = new Set<(view: ViewName) => void>();
  const reads: ReadOptions[] = [];
  let busy = false;
  const listen = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };

  const workbook: WorkbookPort = {
    read: async (readOptions = {}) => {
      reads.push(readOptions);
      if (busy) throw new WorkbookBusyError();
      return memory.read();
    },
    apply: async (changes: ChangeSet) => {
      await memory.apply(changes);
      if (options.echoWrites) fire(false);
    },
  };

  const activeSheet = () => (typeof options.activeSheet === "function" ? options.activeSheet() : options.activeSheet);
  return {
    memory,
    workbook,
    sheets: {
      readSheet: async (name) => {
        if (busy) throw new WorkbookBusyError();
        return memory.readSheet(name ?? activeSheet());
      },
    },
    selections,
    copied,
    copiedRich,
    saved,
    opened,
    stored,
    theme: options.theme ?? "light",
    limitations: options.limitations ?? [],
    async selectCell(sheet, cell) {
      if (!memory.sheet(sheet)) throw new Error(`There is no sheet named "${sheet}".`);
      selections.push({ sheet, cell });
      options.onSelectCell?.({ sheet, cell });
    },
    onTablesChanged: (listener) => listen(listeners, listener),
    onVisible: (listener) => listen(visibleListeners, listener),
    onViewRequested: (listener) => listen(viewListeners, listener),
    settings: {
      get: (key) => stored.get(key),
      set: async (key, value) => {
        stored.set(key, value);
      },
    },
    async copyText(text) {
      copied.push(text);
    },
    async copyRich(html, text) {
      copiedRich.push({ html, text });
      return options.copyRich ? options.copyRich(html, text) : "html";
    },
    download: options.download ?? {
      save: async (fileName, bytes, mediaType) => {
        saved.push({ fileName, bytes, mediaType });
      },
    },
    newWorkbook: options.newWorkbook ?? {
      open: async (fileName, bytes) => {
        opened.push({ fileName, bytes, mediaType: XLSX_MEDIA_TYPE });
        return "opened";
      },
    },
    today: () => {
      const today = options.today;
      return typeof today === "function" ? today() : new Date((today ?? new Date()).getTime());
    },
    listenerCount: () => listeners.size,
    fireTablesChanged: (change = {}) => fire(change.remote ?? false),
    fireVisible: () => [...visibleListeners].forEach((listener) => listener()),
    requestView: (view) => [...viewListeners].forEach((listener) => listener(view)),
    visibleListenerCount: () => visibleListeners.size + viewListeners.size,
    setBusy: (value) => {
      busy = value;
    },
    reads,
  };
}
