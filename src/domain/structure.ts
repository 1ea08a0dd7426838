import { a1, isBlank, isCellError } from "./cells";
import {
  ACTION_COLUMNS, ACTION_PLAN, ActionColumn, LEAD_OFFICERS, OFFICER_COLUMNS, PLAN_SETTINGS, PRIORITIES, PRIORITY_COLUMNS,
  normaliseHeader, REQUIRED_ACTION_COLUMNS, SETTINGS_COLUMNS, STATUSES,
} from "./contract";
import { Finding } from "./findings";
import { cellRef, findPriority, MappedTable, Plan } from "./plan";
import { suggestedStatus } from "./sheetAdoption/statusVocabulary";
import { WorkbookSnapshot } from "./snapshot";
import { quoted, shortText } from "./wording";

/**
 * Issue 11 item 6, "the same vocabulary in check": an unknown status stays an error, but the message names
 * the status adopting a sheet would map it to (one vocabulary, src/domain/sheetAdoption/statusVocabulary.ts).
 */
function suggestion(statusText: string): string {
  const status = suggestedStatus(statusText);
  return status ? ` Did you mean ${quoted(status)}?` : "";
}

/** Columns whose cells the rules read: an error value there makes every figure doubtful. */
const RULE_BEARING: readonly ActionColumn[] = [
  "id", "priority", "action", "measure", "leadOfficer", "targetDate", "status", "q1", "q2", "q3", "q4", "notes",
];

function tableFindings<K extends string>(
  table: MappedTable<K> | undefined,
  where: { sheet: string; table: string },
  columns: Record<K, string>,
  required: readonly K[],
): Finding[] {
  if (!table) {
    return [{
      severity: "error", rule: "structure.missing-table", sheet: where.sheet, cell: "", actionId: null,
      message: `The workbook has no table named ${where.table} (expected on the sheet "${where.sheet}"). Set up a plan, or repair this one, to add it.`,
    }];
  }
  const missing = required
    .filter((key) => table.columns[key] === undefined)
    .map((key) => ({
      severity: "error" as const, rule: "structure.missing-column", sheet: table.table.sheet, cell: "", actionId: null,
      message: `The ${where.table} table has no "${columns[key]}" column.`,
    }));
  return [...missing, ...duplicateColumns(table, where.table, columns)];
}

/** A contract column headed twice: only the first is read, so the second's values would be silently ignored. */
function duplicateColumns<K extends string>(m: MappedTable<K>, tableName: string, columns: Record<K, string>): Finding[] {
  const known = new Map(Object.values<string>(columns).map((header) => [normaliseHeader(header), header]));
  const first = new Map<string, number>();
  const findings: Finding[] = [];
  m.table.headers.forEach((header, i) => {
    const key = normaliseHeader(header);
    const name = known.get(key);
    if (name === undefined) return;
    const at = first.get(key);
    if (at === undefined) {
      first.set(key, i);
      return;
    }
    const cell = (index: number) => a1(m.table.top, m.table.left + index);
    findings.push({
      severity: "error", rule: "structure.duplicate-column", sheet: m.table.sheet, cell: cell(i), actionId: null,
      message: `The ${tableName} table has two ${quoted(name)} columns (${cell(at)} and ${cell(i)}); only the first is read. Delete or rename one.`,
    });
  });
  return findings;
}

/**
 * Another table that looks like an action plan (a copied sheet, say): its actions are neither checked nor
 * counted, which the person who added them should hear.
 */
export function otherActionTables(snapshot: WorkbookSnapshot): Finding[] {
  const core = (["id", "action", "status", "leadOfficer", "targetDate"] as const).map((key) => normaliseHeader(ACTION_COLUMNS[key]));
  return snapshot.tables
    .filter((t) => normaliseHeader(t.name) !== normaliseHeader(ACTION_PLAN.table))
    .filter((t) => {
      const headers = new Set(t.headers.map(normaliseHeader));
      return core.filter((h) => headers.has(h)).length >= 3;
    })
    .map((t) => ({
      severity: "warning" as const, rule: "structure.second-action-table", sheet: t.sheet, cell: a1(t.top, t.left), actionId: null,
      message: `The table ${t.name} on "${t.sheet}" looks like a second action plan. Only ${ACTION_PLAN.table} is checked and counted: move its actions into ${ACTION_PLAN.table}, or delete it.`,
    }));
}

function actionTableFindings(plan: Plan): Finding[] {
  const m = plan.actionTable;
  if (!m) return [];
  const findings: Finding[] = [];
  const sheet = m.table.sheet;
  const seen = new Map<string, string>();
  const lastFilled = m.table.rows.reduce((last, row, i) => (row.every(isBlank) ? last : i), -1);

  m.table.rows.forEach((values, row) => {
    // Trailing blank rows are how Excel shows an empty table; only gaps between actions are worth a word.
    if (values.every(isBlank) && row < lastFilled) {
      findings.push({
        severity: "warning", rule: "structure.blank-row", sheet, cell: cellRef(m, row, "id"), actionId: null,
        message: `Row ${m.table.top + 2 + row} of the action plan is blank. Delete it, or fill it in.`,
      });
    }
  });

  for (const action of plan.actions) {
    const actionId = action.id || null;
    const at = (column: ActionColumn) => cellRef(m, action.row, column);
    for (const column of RULE_BEARING) {
      const index = m.columns[column];
      const value = index === undefined ? null : action.values[index];
      if (isCellError(value)) {
        findings.push({
          severity: "error", rule: "structure.error-value", sheet, cell: at(column), actionId,
          message: `${ACTION_COLUMNS[column]} for ${describe(action.id, action.row, m)} shows the error ${value.error}. Correct the cell so it holds a value.`,
        });
      }
    }
    if (action.id) {
      const first = seen.get(action.id.toLowerCase());
      if (first) {
        findings.push({
          severity: "error", rule: "structure.duplicate-id", sheet, cell: at("id"), actionId,
          message: `ID ${shortText(action.id)} is used twice (first at ${first}). Give each action its own ID.`,
        });
      } else {
        seen.set(action.id.toLowerCase(), at("id"));
      }
    }
    if (m.columns.status !== undefined && !action.status && !isCellError(action.values[m.columns.status])) {
      findings.push({
        severity: "error", rule: "structure.unknown-status", sheet, cell: at("status"), actionId,
        message: action.statusText
          ? `Status ${quoted(action.statusText)} for ${describe(action.id, action.row, m)} is not one of: ${STATUSES.join(", ")}.${suggestion(action.statusText)}`
          : `Status for ${describe(action.id, action.row, m)} is blank. Choose one of: ${STATUSES.join(", ")}.`,
      });
    }
    if (m.columns.id !== undefined) findings.push(...idFindings(plan, action.id, action.priority, at("id"), sheet));
  }
  return findings;
}

function describe(id: string, row: number, m: MappedTable<ActionColumn>): string {
  return id ? `action ${shortText(id)}` : `the action in row ${m.table.top + 2 + row}`;
}

function idFindings(plan: Plan, id: string, priorityText: string, cell: string, sheet: string): Finding[] {
  if (!id) {
    return [{ severity: "warning", rule: "structure.id-format", sheet, cell, actionId: null, message: `An action in the plan has no ID. Give it one such as 2.3 (priority 2, action 3).` }];
  }
  const match = /^(\d+)\.(\d+)$/.exec(id);
  if (!match) {
    return [{ severity: "warning", rule: "structure.id-format", sheet, cell, actionId: id, message: `ID ${quoted(id)} is not of the form priority.action, such as 2.3.` }];
  }
  const priority = findPriority(plan.priorities, priorityText);
  if (priority?.no !== undefined && priority.no !== Number(match[1])) {
    return [{
      severity: "warning", rule: "structure.id-priority", sheet, cell, actionId: id,
      message: `ID ${id} starts with ${match[1]}, but its priority ${quoted(priority.name)} is number ${priority.no}.`,
    }];
  }
  return [];
}

/** Structure rules (brief §4): errors here stop any write. */
export function structureFindings(plan: Plan): Finding[] {
  return [
    ...tableFindings(plan.actionTable, ACTION_PLAN, ACTION_COLUMNS, REQUIRED_ACTION_COLUMNS),
    ...tableFindings(plan.officerTable, LEAD_OFFICERS, OFFICER_COLUMNS, ["name", "agency", "email", "active"]),
    ...tableFindings(plan.priorityTable, PRIORITIES, PRIORITY_COLUMNS, ["no", "priority"]),
    ...tableFindings(plan.settingsTable, PLAN_SETTINGS, SETTINGS_COLUMNS, ["setting", "value"]),
    ...actionTableFindings(plan),
  ];
}
