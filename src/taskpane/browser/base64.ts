/** Characters per String.fromCharCode call: well under every browser's argument limit. */
const CHUNK = 0x8000;

/**
 * Bytes as Base64 (RFC 4648, with padding), as Excel's createWorkbook takes an .xlsx: the browser's own
 * `btoa` over the bytes read as Latin-1, a chunk at a time so a large workbook does not overflow the call stack.
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
