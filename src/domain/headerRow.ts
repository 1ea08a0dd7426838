import { Finding } from "./findings";
import { WorkbookSnapshot } from "./snapshot";

/**
 * Tables whose header row is turned off in Excel. They are read correctly (the columns keep their names),
 * but people cannot see which column is which, and a new header cannot be written, so the user is asked
 * to turn the header row back on.
 */
export function hiddenHeaderRowFindings(snapshot: WorkbookSnapshot): Finding[] {
  return snapshot.tables
    .filter((t) => t.headerRowHidden === true)
    .map((t) => ({
      severity: "warning" as const,
      rule: "structure.header-row-hidden",
      sheet: t.sheet,
      cell: "",
      actionId: null,
      message: `Turn on the header row of table ${t.name}: click in the table, then Table Design → Header Row.`,
    }));
}
