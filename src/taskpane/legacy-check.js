/*
 * Plain ES5, on purpose: this runs before the pane's bundle (ES2022) in every webview Office may use,
 * including the legacy ones (Internet Explorer 11's Trident and Microsoft Edge Legacy's EdgeHTML), where
 * the bundle cannot run and the pane would otherwise stay blank. If the webview lacks what the bundle
 * needs, it removes the pane's root (so the bundle renders nothing) and shows the page's static message
 * saying which versions of Excel can run the add-in. A separate file, not an inline script, so the page's
 * Content-Security-Policy (script-src 'self') needs no hash.
 */
(function () {
  "use strict";
  var supported =
    typeof Promise === "function" &&
    typeof globalThis === "object" &&
    typeof Symbol === "function" &&
    typeof Object.fromEntries === "function" &&
    typeof Array.prototype.at === "function";
  if (supported) return;
  var root = document.getElementById("root");
  if (root && root.parentNode) root.parentNode.removeChild(root);
  var message = document.getElementById("unsupported");
  if (message) {
    message.removeAttribute("hidden");
    message.style.display = "block";
  }
})();
