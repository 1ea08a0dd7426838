/** The command was called wrongly: exit status 2, with the command's usage. */
export class UsageError extends Error {
  constructor(message: string, readonly usage?: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const EXIT = { done: 0, refused: 1, unusable: 2 } as const;
