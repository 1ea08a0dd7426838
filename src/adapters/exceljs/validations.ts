import type { DataValidation, Worksheet } from "exceljs";

type ValidationModel = Record<string, DataValidation | undefined>;

function modelOf(sheet: Worksheet): ValidationModel {
  return (sheet as unknown as { dataValidations: { model: ValidationModel } }).dataValidations.model;
}

/**
 * ExcelJS expands every validation range to single cells when it reads a file, and when it saves it
 * regroups them after sorting addresses as text (B10 before B2), which writes overlapping ranges.
 * Regroup them here, by column and in row order, into range keys that ExcelJS writes as they are.
 */
export function compactValidations(sheet: Worksheet): void {
  const model = modelOf(sheet);
  const runs = new Map<string, { col: string; rows: number[]; validation: DataValidation }>();
  for (const [address, validation] of Object.entries(model)) {
    const cell = /^([A-Z]+)(\d+)$/.exec(address);
    if (!validation || !cell) continue;
    const key = `${cell[1]}|${JSON.stringify(validation)}`;
    const run = runs.get(key) ?? { col: cell[1], rows: [], validation };
    run.rows.push(Number(cell[2]));
    runs.set(key, run);
    delete model[address];
  }
  for (const { col, rows, validation } of runs.values()) {
    rows.sort((a, b) => a - b);
    let start = rows[0];
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
      const end = rows[i - 1];
      model[start === end ? `${col}${start}` : `${col}${start}:${col}${end}`] = validation;
      start = rows[i];
    }
  }
}

/** One validation over a whole range, stored as ExcelJS writes it unchanged. */
export function addRangeValidation(sheet: Worksheet, range: string, validation: DataValidation): void {
  modelOf(sheet)[range] = validation;
}
