import { Button, Spinner } from "@fluentui/react-components";
import { PlanCheckState } from "../hooks/usePlanCheck";
import { Feedback } from "./Feedback";

/** While the first check runs, or when the workbook cannot be read: says so, with a way to try again. */
export function CheckStatus({ planCheck }: { planCheck: PlanCheckState }) {
  if (planCheck.error) {
    return (
      <>
        <Feedback outcome={{ intent: "error", text: planCheck.error }} />
        <Button onClick={() => void planCheck.refresh()}>Try again</Button>
      </>
    );
  }
  if (!planCheck.check) return <Spinner size="small" label="Reading the workbook…" />;
  return null;
}
