/* Ribbon commands. Each Home-tab button opens its own task pane directly (ShowTaskpane, one TaskpaneId per
   button: see manifest.xml), so there is no function command yet; Office still loads this file as the
   manifest's FunctionFile. */
Office.onReady(() => {
  // Nothing to register yet.
});
