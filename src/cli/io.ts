/** Where a command writes: injectable so tests can run commands in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Today, for defaults such as the current financial year. */
  today(): Date;
}

/** Errors that mean the reader has gone (`csp-plan check plan.xlsx | head -1`): nothing more can be said. */
const READER_GONE = new Set(["EPIPE", "ECONNRESET", "ERR_STREAM_DESTROYED", "ERR_STREAM_WRITE_AFTER_END"]);

/**
 * Writes lines to a standard stream that its reader may close early. When the reader has gone (`| head -1`,
 * `| true`), the rest is dropped quietly: Node would otherwise throw the EPIPE as an unhandled 'error'
 * event, print its stack trace and exit 1, whatever the command had done. The command goes on and its exit
 * status says how its work went (a summary written is still 0). Any other failure of the stream (a full
 * disk behind `> out.txt`) is said once on the other stream, without a stack trace.
 */
export function lineWriter(stream: NodeJS.WritableStream, other?: () => NodeJS.WritableStream): (text: string) => void {
  let closed = false;
  let listening = false;
  const onError = (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (READER_GONE.has(error.code ?? "")) return;
    try {
      other?.().write(`csp-plan: could not write the output (${error.code ?? error.message}).\n`);
    } catch {
      // Nowhere left to say it.
    }
  };
  return (text) => {
    if (!listening) {
      stream.on("error", onError);
      listening = true;
    }
    if (closed || (stream as NodeJS.WritableStream & { destroyed?: boolean }).destroyed) return;
    try {
      stream.write(text.endsWith("\n") ? text : `${text}\n`);
    } catch (error) {
      onError(error as NodeJS.ErrnoException);
    }
  };
}

let stdout: ((text: string) => void) | undefined;
let stderr: ((text: string) => void) | undefined;

export const processIo: Io = {
  out: (text) => (stdout ??= lineWriter(process.stdout, () => process.stderr))(text),
  err: (text) => (stderr ??= lineWriter(process.stderr))(text),
  today: () => new Date(),
};

/** Runs a step, saying on stderr what it is doing only if it takes more than a moment. */
export async function withProgress<T>(io: Io, label: string, step: () => Promise<T>): Promise<T> {
  const timer = setTimeout(() => io.err(`${label}…`), 400);
  try {
    return await step();
  } finally {
    clearTimeout(timer);
  }
}
