import { ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { createOfficeHost } from "../adapters/office/officeHost";
import { PaneHost } from "./host";
import { VIEW_NAMES, ViewName } from "./views/viewNames";

/** Each ribbon button opens the pane on its journey: taskpane.html?view=check. */
function viewFromAddress(): ViewName {
  const asked = new URLSearchParams(window.location.search).get("view");
  return (VIEW_NAMES as readonly string[]).includes(asked ?? "") ? (asked as ViewName) : "plan";
}

/**
 * The pane's start-up, shared by the task pane and the browser preview: wait for Office, then render over
 * Excel. Outside Office (a plain browser), onReady resolves with no host and `outsideOffice` supplies one.
 */
export function startUp(outsideOffice: () => Promise<PaneHost>, render: (host: PaneHost, view: ViewName, inExcel: boolean) => ReactNode): void {
  Office.onReady(async (info) => {
    const inExcel = info.host === Office.HostType.Excel;
    const host = inExcel ? createOfficeHost() : await outsideOffice();
    createRoot(document.getElementById("root")!).render(render(host, viewFromAddress(), inExcel));
  });
}
