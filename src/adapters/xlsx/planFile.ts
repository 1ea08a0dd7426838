import { FileProblem, readWorkbookBytes } from "../exceljs/xlsxFile";
import { DEFAULT_LIMITS, PreflightError, PreflightLimits } from "../exceljs/xlsxPreflight";
import { XlsxPackageWorkbook } from "./xlsxPackageWorkbook";
import { XmlProblem } from "./xml";

/** A plan file opened through the package host: what `check` and `summary` work on. */
export interface OpenedPlan {
  readonly workbook: XlsxPackageWorkbook;
  /** The bytes as read: a write in place is refused if the file has changed since. */
  readonly bytes: Buffer;
}

/**
 * Reads, guards and reads the plan from a workbook file. Every problem with the file is a FileProblem with
 * exit status 2 and words for the user: no such file, over the size or zip limits, not a workbook, a part
 * that is not XML, or sheets holding more rows or cells than the limits.
 */
export async function openPlanFile(file: string, limits: PreflightLimits = DEFAULT_LIMITS): Promise<OpenedPlan> {
  const bytes = await readWorkbookBytes(file, limits);
  try {
    const workbook = XlsxPackageWorkbook.open(bytes, limits);
    // Read now, so a damaged part is reported as the file's problem, not the use-case's (the read is kept).
    await workbook.read();
    return { workbook, bytes };
  } catch (error) {
    if (error instanceof PreflightError) throw new FileProblem(2, `${file}: ${error.message}`);
    if (error instanceof XmlProblem) {
      throw new FileProblem(2, `${file} could not be read as an Excel workbook (${error.message}). Open it in Excel and save it again as .xlsx.`);
    }
    throw error;
  }
}
