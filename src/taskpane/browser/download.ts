/**
 * How long the download's object URL is kept before it is released. The browser has taken the file by then;
 * releasing at once can cancel the download in some browsers, and keeping it costs only the report's memory.
 */
const RELEASE_AFTER_MS = 60_000;

/**
 * Saves `bytes` as a file named `fileName` through the browser's download (an `<a download>` over an object
 * URL): Excel on the web and Windows' WebView2 show their save or download bar (office-js #1793), as the
 * preview's browser does. Not for Excel on Mac or iPad, whose webview ignores downloads by design
 * (office-js #2700): the Office host offers no download there.
 */
export async function saveByDownload(fileName: string, bytes: Uint8Array, mediaType: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), RELEASE_AFTER_MS);
  }
}
