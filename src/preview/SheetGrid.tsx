import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { KeyboardEvent, useEffect, useRef, useState } from "react";
import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { a1, cellText, columnLetter, parseA1 } from "../domain/cells";
import { CellSelection } from "../taskpane/memoryHost";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: 0, height: "100%" },
  tabs: { display: "flex", gap: "2px", padding: "4px", borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, flexWrap: "wrap" },
  tab: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    background: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    padding: "2px 10px",
    cursor: "pointer",
    font: "inherit",
  },
  activeTab: { background: tokens.colorNeutralBackground1, fontWeight: tokens.fontWeightSemibold, borderBottomColor: tokens.colorBrandStroke1 },
  nameBox: { padding: "4px 8px", fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground1 },
  scroller: { overflow: "auto", flex: 1 },
  grid: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground1 },
  heading: { background: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "0 4px", position: "sticky", top: 0 },
  rowHeading: { position: "sticky", left: 0, textAlign: "right" },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "1px 4px",
    maxWidth: "16em",
    minWidth: "4em",
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    cursor: "cell",
  },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px", background: tokens.colorBrandBackground2 },
  editor: { width: "100%", boxSizing: "border-box", font: "inherit" },
});

interface Props {
  readonly workbook: MemoryWorkbook;
  /** Changes whenever the workbook does, so the grid shows what it now holds. */
  readonly version: number;
  readonly selection: CellSelection | undefined;
  onSelect(selection: CellSelection): void;
  /** A person typed into a cell. */
  onEdit(sheet: string, row: number, column: number, typed: string): void;
}

/**
 * A simple spreadsheet over the in-memory workbook, for the preview: sheet tabs, cells, the selected cell
 * highlighted, and cells edited by double-click, Enter or F2 (Enter saves, Escape cancels), as in Excel.
 */
export function SheetGrid({ workbook, version, selection, onSelect, onEdit }: Props) {
  const styles = useStyles();
  const sheets = workbook.sheets;
  const sheet = sheets.find((s) => s.name === selection?.sheet) ?? sheets[0];
  const [editing, setEditing] = useState<{ row: number; column: number; text: string } | undefined>();
  const selectedRef = useRef<HTMLTableCellElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const at = selection && sheet && selection.sheet === sheet.name ? (parseA1(selection.cell) ?? { row: 0, column: 0 }) : { row: 0, column: 0 };

  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
    // Keyboard moves carry focus with the selection; a selection made from the pane leaves focus in the pane.
    // While a cell is being edited its input has the focus (autoFocus): taking it back would blur the input,
    // which ends the edit before a key is typed.
    if (editing) return;
    const focused = document.activeElement;
    if (focused === document.body || (focused && tableRef.current?.contains(focused))) selectedRef.current?.focus();
  }, [selection, version, editing]);

  if (!sheet) return <p>This workbook has no sheets.</p>;
  let lastRow = 0;
  let lastColumn = 0;
  for (const key of sheet.cells.keys()) {
    const [row, column] = key.split(",").map(Number);
    lastRow = Math.max(lastRow, row);
    lastColumn = Math.max(lastColumn, column);
  }
  const rows = Math.max(lastRow + 4, at.row + 2, 30);
  const columns = Math.max(lastColumn + 2, at.column + 2, 10);
  const select = (row: number, column: number) => onSelect({ sheet: sheet.name, cell: a1(row, column) });
  const startEditing = (row: number, column: number, text?: string) =>
    setEditing({ row, column, text: text ?? cellText(workbook.getCell(sheet.name, row, column)?.value) });

  const onGridKey = (event: KeyboardEvent) => {
    if (editing) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      select(Math.max(0, at.row + move[0]), Math.max(0, at.column + move[1]));
    } else if (event.key === "Enter" || event.key === "F2") {
      event.preventDefault();
      startEditing(at.row, at.column);
    }
  };

  return (
    <div className={styles.root}>
      <div role="tablist" aria-label="Sheets" className={styles.tabs}>
        {sheets.map((s) => (
          <button
            key={s.name}
            type="button"
            role="tab"
            aria-selected={s === sheet}
            className={mergeClasses(styles.tab, s === sheet && styles.activeTab)}
            onClick={() => onSelect({ sheet: s.name, cell: "A1" })}
          >
            {s.name}
          </button>
        ))}
      </div>
      <div className={styles.nameBox} aria-live="polite" data-testid="name-box">
        {sheet.name}!{a1(at.row, at.column)}
      </div>
      <div className={styles.scroller}>
        <table ref={tableRef} role="grid" aria-label={`Sheet ${sheet.name}`} aria-rowcount={rows + 1} className={styles.grid} onKeyDown={onGridKey}>
          <thead>
            <tr>
              <th className={styles.heading} aria-label="Row" />
              {Array.from({ length: columns }, (_, c) => (
                <th key={c} scope="col" className={styles.heading}>
                  {columnLetter(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th scope="row" className={mergeClasses(styles.heading, styles.rowHeading)}>
                  {r + 1}
                </th>
                {Array.from({ length: columns }, (_, c) => {
                  const isSelected = r === at.row && c === at.column;
                  const text = cellText(workbook.getCell(sheet.name, r, c)?.value);
                  const isEditing = editing && editing.row === r && editing.column === c;
                  return (
                    <td
                      key={c}
                      role="gridcell"
                      data-cell={a1(r, c)}
                      aria-selected={isSelected}
                      tabIndex={isSelected ? 0 : -1}
                      ref={isSelected ? selectedRef : undefined}
                      className={mergeClasses(styles.cell, isSelected && styles.selected)}
                      title={text.length > 30 ? text : undefined}
                      onClick={() => select(r, c)}
                      onDoubleClick={() => startEditing(r, c)}
                    >
                      {isEditing ? (
                        <input
                          className={styles.editor}
                          aria-label={`Edit ${a1(r, c)}`}
                          value={editing.text}
                          autoFocus
                          onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                          onKeyDown={(e) => {
                            if (e.key === "Enter") {
                              e.preventDefault();
                              onEdit(sheet.name, r, c, editing.text);
                              setEditing(undefined);
                              select(r + 1, c);
                            } else if (e.key === "Escape") {
                              e.preventDefault();
                              setEditing(undefined);
                            }
                          }}
                          onBlur={() => setEditing(undefined)}
                        />
                      ) : (
                        text
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
