import { ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { createOfficeHost } from "../adapters/office/officeHost";
import { PaneHost } from "./host";
import { viewFromSearch, ViewName } from "./views/viewNames";

/**
 * The pane's start-up, shared by the task pane and the browser preview: wait for Office, then render over
 * Excel. Outside Office (a plain browser), onReady resolves with no host and `outsideOffice` supplies one.
 */
export function startUp(outsideOffice: () => Promise<PaneHost>, render: (host: PaneHost, view: ViewName, inExcel: boolean) => ReactNode): void {
  Office.onReady(async (info) => {
    // No root: the page's legacy check (legacy-check.js) found a webview that cannot run the pane and
    // says which Office versions can.
    const root = document.getElementById("root");
    if (!root) return;
    const inExcel = info.host === Office.HostType.Excel;
    const host = inExcel ? createOfficeHost() : await outsideOffice();
    // Each ribbon button opens the pane on its journey: taskpane.html?view=check.
    createRoot(root).render(render(host, viewFromSearch(window.location.search), inExcel));
  });
}
