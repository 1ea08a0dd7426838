import { Button, Spinner, Text } from "@fluentui/react-components";
import { PlanCheckState } from "../hooks/usePlanCheck";
import { clockTime } from "../messages";
import { useViewStyles } from "./styles";

/**
 * "Check again", with when the figures shown were read: some edits in Excel raise no change event, so
 * the person can see how fresh the figures are and read the workbook again themselves.
 */
export function CheckAgain({ planCheck }: { planCheck: PlanCheckState }) {
  const styles = useViewStyles();
  return (
    <div className={styles.row}>
      <Button size="small" onClick={() => void planCheck.refresh()}>
        Check again
      </Button>
      {planCheck.checking ? (
        <Spinner size="extra-tiny" label="Checking…" />
      ) : (
        planCheck.checkedAt && <Text className={styles.muted}>Checked at {clockTime(planCheck.checkedAt)}</Text>
      )}
    </div>
  );
}
