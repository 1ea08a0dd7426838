/* Ribbon commands. The Home-tab button opens the task pane directly (ShowTaskpane), so there is no
   function command yet; Office still loads this file as the manifest's FunctionFile. */
Office.onReady(() => {
  // Nothing to register yet.
});
