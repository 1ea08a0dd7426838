import { FluentProvider, makeStyles, Subtitle1, Tab, TabList, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { usePlanCheck } from "./hooks/usePlanCheck";
import { PaneHost } from "./host";
import { CheckView } from "./views/CheckView";
import { MyActionsView } from "./views/MyActionsView";
import { PlanView } from "./views/PlanView";
import { SummaryView } from "./views/SummaryView";
import { VIEW_LABELS, VIEW_NAMES, ViewName } from "./views/viewNames";

export type { ViewName } from "./views/viewNames";

const useStyles = makeStyles({
  provider: { minHeight: "100vh", boxSizing: "border-box" },
  main: { padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  title: { margin: 0 },
});

/**
 * The task pane: one view per journey, chosen with a tab list. Everything it needs comes from `host`;
 * it reads and writes the workbook only through the use-cases.
 */
export function App({ host, initialView = "plan" }: { host: PaneHost; initialView?: ViewName }) {
  const styles = useStyles();
  const [view, setView] = useState<ViewName>(initialView);
  const planCheck = usePlanCheck(host);
  // A ribbon button pressed for the open pane: show its view (every view stays mounted, so nothing typed is lost).
  useEffect(() => host.onViewRequested(setView), [host]);
  const dark = host.theme === "dark";
  const panel = (name: ViewName) => {
    switch (name) {
      case "plan":
        return <PlanView host={host} planCheck={planCheck} onOpenView={setView} />;
      case "check":
        return <CheckView host={host} planCheck={planCheck} />;
      case "myActions":
        return <MyActionsView host={host} planCheck={planCheck} />;
      case "summary":
        return <SummaryView host={host} planCheck={planCheck} />;
    }
  };
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className={styles.provider} data-theme={host.theme}>
      <main className={styles.main} aria-labelledby="pane-title">
        <Subtitle1 as="h1" id="pane-title" className={styles.title}>
          CSP Action Plan
        </Subtitle1>
        <TabList selectedValue={view} onTabSelect={(_, data) => setView(data.value as ViewName)} aria-label="Views" size="small">
          {VIEW_NAMES.map((name) => (
            <Tab key={name} value={name} id={`tab-${name}`} aria-controls={`panel-${name}`}>
              {VIEW_LABELS[name]}
            </Tab>
          ))}
        </TabList>
        {/* Every view stays mounted, so what someone typed survives a change of view. */}
        {VIEW_NAMES.map((name) => (
          <div key={name} role="tabpanel" id={`panel-${name}`} aria-labelledby={`tab-${name}`} hidden={name !== view}>
            {panel(name)}
          </div>
        ))}
      </main>
    </FluentProvider>
  );
}
