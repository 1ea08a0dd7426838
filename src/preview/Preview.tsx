import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useEffect, useState, useSyncExternalStore } from "react";
import { App } from "../taskpane/App";
import { MemoryHost } from "../taskpane/memoryHost";
import { ViewName } from "../taskpane/views/viewNames";
import { cellEntry } from "./cellEntry";
import { SelectionStore } from "./selectionStore";
import { SheetGrid } from "./SheetGrid";

const useStyles = makeStyles({
  page: { display: "flex", height: "100vh", background: tokens.colorNeutralBackground1 },
  workbook: { flex: 1, minWidth: 0, display: "flex", flexDirection: "column" },
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
  useEffect(() => host.onTablesChanged(() => setVersion((v) => v + 1)), [host]);

  return (
    <FluentProvider theme={host.theme === "dark" ? webDarkTheme : webLightTheme}>
      <div className={styles.page}>
        <section className={styles.workbook} aria-labelledby="workbook-title">
          <h1 id="workbook-title" className={styles.banner}>
            Workbook (preview, in memory: nothing is saved)
          </h1>
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
