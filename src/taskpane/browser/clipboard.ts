/**
 * The browser's clipboard, as the task pane uses it in Excel (Office's webview) and in the preview: DOM
 * calls only, no Office.
 */

/** Copies `text` as text/plain; where the async clipboard is denied, with the selection-based copy. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Office's webviews may deny the async clipboard; the selection-based copy still works there.
    const area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
}

/**
 * Copies `html` as text/html with `text` as its text/plain (one ClipboardItem), so a paste into Word keeps
 * headings and tables. Where the webview has no ClipboardItem (older Office webviews), or refuses to write
 * one, copies the plain text instead and answers "text", so the pane can say the formatting was lost.
 */
export async function copyRich(html: string, text: string): Promise<"html" | "text"> {
  const Item = (globalThis as { ClipboardItem?: typeof ClipboardItem }).ClipboardItem;
  if (Item && typeof navigator.clipboard?.write === "function") {
    try {
      await navigator.clipboard.write([
        new Item({ "text/html": new Blob([html], { type: "text/html" }), "text/plain": new Blob([text], { type: "text/plain" }) }),
      ]);
      return "html";
    } catch {
      // Denied (no permission, or the pane lost focus): the plain text still goes on the clipboard.
    }
  }
  await copyText(text);
  return "text";
}
