/** Characters Windows, macOS or OneDrive refuse in a file name, and control characters. */
const NOT_IN_FILE_NAMES = /[<>:"/\\|?*\u0000-\u001f]/g;

/**
 * A file name the tool offers for something it made (the committee report, next year's plan): `text` with a
 * financial year's slash as a hyphen, as the summary sheet's name has it ("2014/15" → "2014-15"), characters
 * a file name cannot hold turned into spaces, spaces collapsed, at most 120 characters, no trailing dots or
 * spaces (Windows drops them), then `.extension`; `fallback` when nothing is left.
 */
export function fileNameFrom(text: string, extension: string, fallback: string): string {
  const name = text
    .replace(/(\d{4})\/(\d{2})/g, "$1-$2")
    .replace(NOT_IN_FILE_NAMES, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120)
    .replace(/[. ]+$/, "");
  return `${name || fallback}.${extension}`;
}
