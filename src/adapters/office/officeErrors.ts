/** The `code` of an OfficeExtension.Error (e.g. "ItemNotFound"), or undefined for any other thrown value. */
export function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}
