import { Button, Spinner } from "@fluentui/react-components";
import { PlanCheckState } from "../hooks/usePlanCheck";
import { Feedback } from "./Feedback";

/**
 * While the first check runs, or when the workbook cannot be read: says so. With nothing checked yet it
 * offers "Try again"; once figures are shown, the view's "Check again" does that.
 */
export function CheckStatus({ planCheck }: { planCheck: PlanCheckState }) {
  if (planCheck.error) {
    return (
      <>
        <Feedback outcome={{ intent: "error", text: planCheck.error }} />
        {!planCheck.check && <Button onClick={() => void planCheck.refresh()}>Try again</Button>}
      </>
    );
  }
  if (!planCheck.check) return <Spinner size="small" label="Reading the workbook…" />;
  return null;
}
