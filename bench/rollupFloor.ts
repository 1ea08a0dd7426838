/* The floor `csp-plan rollup` is measured against: the file host opening and reading each plan, one at a time, nothing else. */
import { openPlanFile } from "../src/adapters/xlsx/planFile";

async function main(): Promise<void> {
  for (const file of process.argv.slice(2)) await (await openPlanFile(file)).workbook.read();
}

void main();
