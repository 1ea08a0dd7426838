/**
 * Excel on the web refuses a request over 5 MB. Writes are queued against a budget and the batch is
 * synced early only when the next write would take it over, so ordinary plans need one sync.
 */
export class RequestBudget {
  private queued = 0;
  syncs = 0;

  constructor(private readonly context: Excel.RequestContext, readonly maxBytes: number) {}

  /** Estimated request bytes of a 2-D array written to a range. */
  static sizeOf(values: unknown): number {
    return JSON.stringify(values).length + 200;
  }

  /** Call before queuing a write of about `bytes`; syncs first if the write would not fit. */
  async reserve(bytes: number): Promise<void> {
    if (this.queued > 0 && this.queued + bytes > this.maxBytes) await this.flush();
    this.queued += bytes;
  }

  async flush(): Promise<void> {
    await this.context.sync();
    this.syncs += 1;
    this.queued = 0;
  }
}

/** The UTF-8 length of a string, as the request carries it (Office.js sends JSON in UTF-8). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** One slice of a 2-D write: its first row, its values and their number formats, and its request bytes. */
export interface GridSlice<T> {
  readonly start: number;
  readonly values: T[][];
  readonly formats: string[][];
  readonly bytes: number;
}

/**
 * Splits a write of values with their number formats (`formats[r][c]` for `values[r][c]`) into slices whose
 * request stays under `maxBytes`, each at least one row. A row costs its values and its formats, as UTF-8
 * JSON: a row padded with empty cells carries formats ("General", "dd/mm/yyyy") far longer than its values,
 * so counting the values alone (twice, say) can let a request pass Excel's 5 MB limit.
 */
export function sliceGrid<T>(values: readonly T[][], formats: readonly string[][], maxBytes: number): GridSlice<T>[] {
  const slices: GridSlice<T>[] = [];
  let start = 0;
  let bytes = 0;
  const close = (end: number) => {
    slices.push({ start, values: values.slice(start, end), formats: formats.slice(start, end), bytes: bytes + 200 });
    start = end;
    bytes = 0;
  };
  values.forEach((row, i) => {
    const rowBytes = utf8Length(JSON.stringify(row)) + utf8Length(JSON.stringify(formats[i])) + 2;
    if (i > start && bytes + rowBytes > maxBytes) close(i);
    bytes += rowBytes;
  });
  if (values.length > start) close(values.length);
  return slices;
}
