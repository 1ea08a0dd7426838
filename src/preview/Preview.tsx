import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useEffect, useState, useSyncExternalStore } from "react";
import { App } from "../taskpane/App";
import { MemoryHost } from "../taskpane/memoryHost";
import { ViewName } from "../taskpane/views/viewNames";
import { messageOf } from "../taskpane/messages";
import { cellEntry } from "./cellEntry";
import { openWorkbookFile } from "./openWorkbook";
import { SelectionStore } from "./selectionStore";
import { SheetGrid } from "./SheetGrid";

const useStyles = makeStyles({
  page: { display: "flex", height: "100vh", background: tokens.colorNeutralBackground1 },
  workbook: { flex: 1, minWidth: 0, display: "flex", flexDirection: "column" },
  open: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap", padding: "0 8px 6px", fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground1 },
  banner: { margin: 0, padding: "6px 8px", fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  pane: { width: "380px", flexShrink: 0, borderLeft: `1px solid ${tokens.colorNeutralStroke1}`, overflowY: "auto" },
});

/**
 * The browser preview: a spreadsheet view of the in-memory workbook beside the real task pane, both over
 * the same workbook. Edits in the grid reach the pane as Excel's table-change events would.
 */
export function Preview({ host, selection, initialView }: { host: MemoryHost; selection: SelectionStore; initialView: ViewName }) {
  const styles = useStyles();
  const [version, setVersion] = useState(0);
  const selected = useSyncExternalStore(selection.subscribe, selection.get);
  const [opened, setOpened] = useState("");
  useEffect(() => host.onTablesChanged(() => setVersion((v) => v + 1)), [host]);

  async function open(file: File | undefined) {
    if (!file) return;
    setOpened(`Opening ${file.name}…`);
    try {
      const sheets = await openWorkbookFile(host.memory, await file.arrayBuffer());
      selection.set({ sheet: sheets[0], cell: "A1" });
      // As if Excel had changed: the grid redraws and the pane checks the new workbook.
      host.fireTablesChanged({ remote: false });
      setOpened(`Opened ${file.name}: ${sheets.join(", ")}. Nothing is saved back to the file.`);
    } catch (error) {
      setOpened(`${file.name} could not be opened: ${messageOf(error)}`);
    }
  }

  return (
    <FluentProvider theme={host.theme === "dark" ? webDarkTheme : webLightTheme}>
      <div className={styles.page}>
        <section className={styles.workbook} aria-labelledby="workbook-title">
          <h1 id="workbook-title" className={styles.banner}>
            Workbook (preview, in memory: nothing is saved)
          </h1>
          <div className={styles.open}>
            <label htmlFor="open-workbook">Open a workbook file</label>
            <input id="open-workbook" type="file" accept=".xlsx" onChange={(e) => void open(e.target.files?.[0])} />
            <span role="status">{opened}</span>
          </div>
          <SheetGrid
            workbook={host.memory}
            version={version}
            selection={selected}
            onSelect={selection.set}
            onEdit={(sheet, row, column, typed) => {
              host.memory.setCell(sheet, row, column, cellEntry(typed));
              host.fireTablesChanged({ remote: false });
            }}
          />
        </section>
        <div className={styles.pane}>
          <App host={host} initialView={initialView} />
        </div>
      </div>
    </FluentProvider>
  );
}
