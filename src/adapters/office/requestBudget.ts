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

/** Splits rows into slices whose written size stays under `maxBytes` (each slice at least one row). */
export function sliceRows<T>(rows: readonly T[][], maxBytes: number): { start: number; rows: T[][] }[] {
  const slices: { start: number; rows: T[][] }[] = [];
  let start = 0;
  let current: T[][] = [];
  let size = 0;
  rows.forEach((row, i) => {
    const rowSize = JSON.stringify(row).length * 2 + 8;
    if (current.length > 0 && size + rowSize > maxBytes) {
      slices.push({ start, rows: current });
      start = i;
      current = [];
      size = 0;
    }
    current.push(row);
    size += rowSize;
  });
  if (current.length > 0) slices.push({ start, rows: current });
  return slices;
}
