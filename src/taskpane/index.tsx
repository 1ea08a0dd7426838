import { createRoot } from "react-dom/client";
import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { createOfficeHost } from "../adapters/office/officeHost";
import { App } from "./App";
import { createMemoryHost } from "./memoryHost";
import { VIEW_NAMES, ViewName } from "./views/viewNames";

/** Each ribbon button opens the pane on its journey: taskpane.html?view=check. */
function viewFromAddress(): ViewName {
  const asked = new URLSearchParams(window.location.search).get("view");
  return (VIEW_NAMES as readonly string[]).includes(asked ?? "") ? (asked as ViewName) : "plan";
}

/* Start-up: wait for Office, then render. Outside Office (a plain browser), onReady resolves with no host:
   the pane then runs over an empty in-memory workbook, as a preview. */
Office.onReady((info) => {
  const host = info.host === Office.HostType.Excel ? createOfficeHost() : createMemoryHost(new MemoryWorkbook());
  createRoot(document.getElementById("root")!).render(<App host={host} initialView={viewFromAddress()} />);
});
