import { Body1, Subtitle1, Text } from "@fluentui/react-components";

/**
 * Placeholder task pane: the headless core (checks, RAG, summary) ships first with the command line;
 * the journeys in the pane come next, over the same use-cases.
 */
export function App() {
  return (
    <main style={{ padding: 16, display: "grid", gap: 12 }} aria-labelledby="pane-title">
      <Subtitle1 as="h1" id="pane-title">
        CSP Action Plan
      </Subtitle1>
      <Body1>
        This pane will check the plan, show each lead officer their actions and build the quarterly summary.
      </Body1>
      <Text>
        Until then, the same checks and summary run on a saved copy of the workbook with the command line:{" "}
        <code>npx csp-plan summary plan.xlsx --quarter Q3</code>.
      </Text>
    </main>
  );
}
