import { copyRich, copyText } from "../../taskpane/browser/clipboard";
import { toBase64 } from "../../taskpane/browser/base64";
import { saveByDownload } from "../../taskpane/browser/download";
import { PaneHost } from "../../taskpane/host";
import { viewFromSearch } from "../../taskpane/views/viewNames";
import { ExcelRun, OfficeWorkbook } from "./officeWorkbook";

/** Optional requirement sets, checked at run time: the manifest asks only for ExcelApi 1.7. */
const OPTIONAL_FEATURES: readonly { set: string; version: string; missing: string }[] = [
  { set: "ExcelApi", version: "1.11", missing: "While you are typing in a cell, Excel cannot wait for you: press Enter before checking or saving." },
  { set: "ExcelApi", version: "1.8", missing: "Drop-down lists for status, lead officer and priority need Excel 2019, Microsoft 365 or Excel on the web." },
];

function supports(name: string, version: string): boolean {
  return Office.context.requirements.isSetSupported(name, version);
}

function isDark(): boolean {
  const theme = (Office.context as { officeTheme?: { bodyBackgroundColor?: string } }).officeTheme;
  const colour = theme?.bodyBackgroundColor?.replace("#", "");
  if (!colour || colour.length < 6) return false;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(colour.slice(i, i + 2), 16));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

/** Settings remembered for this person and this workbook: the browser's storage, keyed by the document. */
function personalSettings(): PaneHost["settings"] {
  const prefix = `csp-plan:${Office.context.document.url ?? "workbook"}:`;
  return {
    get: (key) => window.localStorage.getItem(prefix + key) ?? undefined,
    set: async (key, value) => window.localStorage.setItem(prefix + key, value),
  };
}

/**
 * Saving a file (the committee report) where Office lets an add-in download one: Excel on the web and on
 * Windows. Excel on Mac and iPad ignore an add-in's downloads by design (office-js #2700, #3385), so there
 * the pane says what to do instead of offering a button that does nothing.
 */
function download(): PaneHost["download"] {
  // Office.PlatformType's values are these strings ("Mac", "iOS"); compared as strings, so an Office without
  // the enum (older office.js) is treated as one that allows downloads.
  const platform = String(Office.context.platform);
  if (platform === "Mac" || platform === "iOS") {
    return {
      unavailable:
        "Excel on Mac and iPad does not let add-ins save files. Use Copy report and paste it into Word, or run csp-plan report on the plan's file.",
    };
  }
  return { save: saveByDownload };
}

/**
 * Opening next year's plan as a new workbook: `Excel.createWorkbook(base64)` creates and opens a workbook
 * from an .xlsx (ExcelApi 1.8; Microsoft Learn, "Manage Excel workbooks with the Excel JavaScript API",
 * learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-workbooks, and @types/office-js).
 * Checked when the host is made; where Excel lacks it, the pane says so and points to the command line.
 */
function newWorkbook(): NonNullable<PaneHost["newWorkbook"]> {
  if (!supports("ExcelApi", "1.8")) {
    return {
      unavailable:
        "This version of Excel cannot open a new workbook from an add-in (it needs Excel 2019, Microsoft 365 or Excel on the web). Run csp-plan carry-over on the plan's file instead.",
    };
  }
  return {
    open: async (_fileName, bytes) => {
      await Excel.createWorkbook(toBase64(bytes));
      return "opened";
    },
  };
}

/**
 * Calls `listener` each time Office shows the task pane again (Office.addin.onVisibilityModeChanged, in
 * the SharedRuntime 1.1 requirement set: where Office lacks it, nothing is registered). Only state is set
 * from here: the pane decides what to do.
 */
function onTaskpaneShown(listener: () => void): () => void {
  let stopped = false;
  let remove: (() => Promise<void>) | undefined;
  if (supports("SharedRuntime", "1.1") && typeof Office.addin?.onVisibilityModeChanged === "function") {
    Office.addin
      .onVisibilityModeChanged((message) => {
        if (message.visibilityMode === Office.VisibilityMode.taskpane) listener();
      })
      .then((removeHandler) => {
        if (stopped) void removeHandler();
        else remove = removeHandler;
      })
      .catch(() => {
        // Not available in this runtime: the page's own visibilitychange still applies.
      });
  }
  return () => {
    stopped = true;
    if (remove) void remove().catch(() => undefined);
  };
}

/** The pane's host inside Excel: the Office.js workbook, selection, table events and settings. */
export function createOfficeHost(): PaneHost {
  const run = ((...args: Parameters<typeof Excel.run>) => (Excel.run as (...a: unknown[]) => Promise<unknown>)(...args)) as ExcelRun;
  const workbook = new OfficeWorkbook(run, { supports });
  return {
    workbook,
    // readSheet() with no name reads the sheet the user is on.
    sheets: workbook,
    selectCell: (sheet, cell) =>
      Excel.run(async (context) => {
        const worksheet = context.workbook.worksheets.getItem(sheet);
        worksheet.activate();
        worksheet.getRange(cell).select();
        await context.sync();
      }),
    onTablesChanged(listener) {
      let handler: OfficeExtension.EventHandlerResult<Excel.TableChangedEventArgs> | undefined;
      void Excel.run(async (context) => {
        // Only notify: the pane re-reads on its own schedule and never opens UI from here.
        handler = context.workbook.tables.onChanged.add(async (event) => listener({ remote: event.source === "Remote" }));
        await context.sync();
      });
      return () => {
        const registered = handler;
        if (!registered) return;
        void Excel.run(registered.context, async (context) => {
          registered.remove();
          await context.sync();
        });
      };
    },
    onVisible(listener) {
      // The page's own visibility (a browser tab or the Excel window coming back), and Office's task pane.
      const onPage = () => {
        if (document.visibilityState === "visible") listener();
      };
      document.addEventListener("visibilitychange", onPage);
      const stopOffice = onTaskpaneShown(listener);
      return () => {
        document.removeEventListener("visibilitychange", onPage);
        stopOffice();
      };
    },
    // Each ribbon button has its own pane and page (manifest.xml): when Office shows a hidden pane again,
    // it is because that pane's button was pressed, so the pane returns to that button's view.
    onViewRequested: (listener) => onTaskpaneShown(() => listener(viewFromSearch(window.location.search))),
    settings: personalSettings(),
    theme: isDark() ? "dark" : "light",
    copyText,
    copyRich,
    download: download(),
    newWorkbook: newWorkbook(),
    limitations: OPTIONAL_FEATURES.filter((f) => !supports(f.set, f.version)).map((f) => f.missing),
    today: () => new Date(),
  };
}
