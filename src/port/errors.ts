/**
 * Errors any workbook adapter may throw through the port, so that use-cases and the pane can react to
 * them without knowing the host.
 */

/**
 * The workbook cannot be read or written right now, for a reason that passes by itself: in Excel, a cell is
 * being edited (Office.js refuses batches in cell-edit mode unless `RunOptions.delayForCellEdit` is set,
 * ExcelApi 1.11). A background re-check meeting it tries again later without showing an error; a batch the
 * user started says so plainly.
 */
export class WorkbookBusyError extends Error {
  constructor(message = "Excel is busy: a cell is being edited. Press Enter or Esc in the cell, then try again.") {
    super(message);
    this.name = "WorkbookBusyError";
  }
}

/**
 * A write was refused before anything was written because the workbook no longer matches what the change
 * set was planned from (an action's ID is gone, a column moved, a sheet the tool would replace is not its
 * own). The message says what and how to go on.
 */
export class WorkbookConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookConflictError";
  }
}
