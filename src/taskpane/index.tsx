import { createRoot } from "react-dom/client";
import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { createOfficeHost } from "../adapters/office/officeHost";
import { App } from "./App";
import { createMemoryHost } from "./memoryHost";

/* Start-up: wait for Office, then render. Outside Office (a plain browser), onReady resolves with no host:
   the pane then runs over an empty in-memory workbook, as a preview. */
Office.onReady((info) => {
  const host = info.host === Office.HostType.Excel ? createOfficeHost() : createMemoryHost(new MemoryWorkbook());
  createRoot(document.getElementById("root")!).render(<App host={host} />);
});
