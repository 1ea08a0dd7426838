import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { SAMPLE_PLAN } from "../domain/sample/samplePlan";
import { App } from "../taskpane/App";
import { copyRich } from "../taskpane/browser/clipboard";
import { saveByDownload } from "../taskpane/browser/download";
import { createMemoryHost, MemoryHost, XLSX_MEDIA_TYPE } from "../taskpane/memoryHost";
import { startUp } from "../taskpane/startUp";
import { setUpPlan } from "../usecases/setUpPlan";
import { Preview } from "./Preview";
import { createSelectionStore } from "./selectionStore";

/*
 * preview.html: the pane's real start-up (Office.onReady, from the office.js copied out of the
 * @microsoft/office-js package), then, outside Office, an in-memory workbook holding the sample plan.
 * ?workbook=empty starts from a blank workbook; ?theme=dark shows Office's dark theme; ?view= as the pane.
 */
const address = new URLSearchParams(window.location.search);
const selection = createSelectionStore();

startUp(
  async () => {
    const workbook = new MemoryWorkbook();
    if (address.get("workbook") === "empty") workbook.addSheet("Sheet1");
    else await setUpPlan(workbook, SAMPLE_PLAN);
    selection.set({ sheet: workbook.sheets[0].name, cell: "A1" });
    return createMemoryHost(workbook, {
      theme: address.get("theme") === "dark" ? "dark" : "light",
      // 20 January 2015, so the sample's Q3 reads as it did then, at the real time of day ("Checked at 14:05").
      today: () => {
        const now = new Date();
        return new Date(2015, 0, 20, now.getHours(), now.getMinutes(), now.getSeconds());
      },
      echoWrites: true,
      onSelectCell: selection.set,
      // Adopt this sheet reads the sheet selected in the grid, as Excel's active sheet.
      activeSheet: () => selection.get()?.sheet,
      // The browser's own clipboard and downloads, as in Excel on the web: Copy report pastes, Download saves.
      copyRich,
      download: { save: saveByDownload },
      // Start next year's plan: the browser has no second workbook to open, so the new plan is downloaded.
      newWorkbook: {
        open: async (fileName, bytes) => {
          await saveByDownload(fileName, bytes, XLSX_MEDIA_TYPE);
          return "downloaded";
        },
      },
    });
  },
  (host, view, inExcel) => (inExcel ? <App host={host} initialView={view} /> : <Preview host={host as MemoryHost} selection={selection} initialView={view} />),
);
