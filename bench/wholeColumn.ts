/* A plan whose Status and RAG drop-downs cover whole columns, as Excel saves a whole-column selection. */
import { columnLetter } from "../src/domain/cells";
import { ACTION_COLUMNS, ACTION_PLAN } from "../src/domain/contract";
import { OpcPackage } from "../src/adapters/xlsx/opcPackage";
import { XlsxPackageWorkbook } from "../src/adapters/xlsx/xlsxPackageWorkbook";

/**
 * The same plan with its Status drop-down widened to the whole column and a RAG drop-down added over the
 * whole RAG column (`J1:J1048576`, `O1:O1048576` in the contract's layout): what issue 12 saw refused.
 */
export async function withWholeColumnDropdowns(bytes: Buffer): Promise<Buffer> {
  const workbook = XlsxPackageWorkbook.open(bytes);
  const snapshot = await workbook.read();
  const table = snapshot.tables.find((t) => t.name === ACTION_PLAN.table)!;
  const letter = (header: string) => columnLetter(table.left + table.headers.indexOf(header));
  const [status, rag] = [letter(ACTION_COLUMNS.status), letter(ACTION_COLUMNS.rag)];
  const pkg = OpcPackage.open(bytes);
  const part = "xl/worksheets/sheet1.xml";
  const ragList =
    `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${rag}1:${rag}1048576">` +
    "<formula1>&quot;Red,Amber,Green,Blue,Grey&quot;</formula1></dataValidation>";
  const xml = pkg
    .text(part)!
    .replace(new RegExp(`(<dataValidation\\b[^>]*\\bsqref=")${status}2:${status}\\d+"`), `$1${status}1:${status}1048576"`)
    .replace(/<dataValidations count="(\d+)">/, (_, n: string) => `<dataValidations count="${Number(n) + 1}">`)
    .replace("</dataValidations>", `${ragList}</dataValidations>`);
  if (!xml.includes(`${status}1:${status}1048576`)) throw new Error("The bench plan has no Status drop-down to widen.");
  return Buffer.from(pkg.save(new Map([[part, xml]])));
}
