/** Where a command writes: injectable so tests can run commands in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Today, for defaults such as the current financial year. */
  today(): Date;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
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
