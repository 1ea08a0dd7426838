import type ExcelJS from "exceljs";
import type { DataValidation, Worksheet } from "exceljs";
import { ColumnKind } from "../../domain/layout";
import { LIST_NAME_SUFFIXES, LIST_NAMES } from "../../domain/listNames";
import { WorkbookConflictError } from "../../port/errors";

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

interface DefinedNameModel {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

type DefinedNames = { model: DefinedNameModel[] };

/**
 * The names the drop-downs refer to (src/domain/listNames.ts), as the Office add-in creates them, so files
 * from either host match. ExcelJS keeps only names over plain ranges (it drops a name whose formula is a
 * structured reference when it reads a file), so ours are added to what it writes, on every save, for each
 * register the workbook has. A name of the user's with the same spelling is kept, and ours takes `_2`.
 */
export class ListNames {
  private readonly defined: DefinedNames;
  private readonly userNames: () => DefinedNameModel[];

  constructor(workbook: ExcelJS.Workbook, private readonly registers: () => ReadonlySet<string>) {
    this.defined = workbook.definedNames as unknown as DefinedNames;
    const base = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(this.defined), "model")!;
    this.userNames = () => base.get!.call(this.defined) as DefinedNameModel[];
    const extra = () => this.ours();
    Object.defineProperty(this.defined, "model", {
      configurable: true,
      get: () => [...this.userNames(), ...extra()],
      set: (value: DefinedNameModel[]) => base.set!.call(this.defined, value),
    });
  }

  /** The name a drop-down of this kind refers to, or undefined when its register is not in the workbook. */
  nameFor(kind: ColumnKind): string | undefined {
    const list = LIST_NAMES[kind];
    if (!list || !this.registers().has(list.table.toLowerCase())) return undefined;
    return this.spelling(kind);
  }

  /** Throws WorkbookConflictError, before anything is written, if a list of this kind would find no free name. */
  check(kind: ColumnKind): void {
    if (LIST_NAMES[kind]) this.spelling(kind);
  }

  private spelling(kind: ColumnKind): string {
    const list = LIST_NAMES[kind]!;
    const taken = new Set(this.userNames().map((n) => n.name.toLowerCase()));
    const suffix = LIST_NAME_SUFFIXES.find((s) => !taken.has((list.base + s).toLowerCase()));
    if (suffix === undefined) throw new WorkbookConflictError(`The names ${LIST_NAME_SUFFIXES.map((s) => list.base + s).join(", ")} are already used in this workbook; rename them so the drop-down lists can be set.`);
    return list.base + suffix;
  }

  private ours(): DefinedNameModel[] {
    return (Object.keys(LIST_NAMES) as ColumnKind[]).flatMap((kind) => {
      const name = this.nameFor(kind);
      return name ? [{ name, ranges: [LIST_NAMES[kind]!.formula.slice(1)] }] : [];
    });
  }
}
