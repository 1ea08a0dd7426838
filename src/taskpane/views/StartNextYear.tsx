import { localIsoDate } from "../../domain/dates";
import { Button, Checkbox, Field, Input, Subtitle2, Text } from "@fluentui/react-components";
import { FormEvent, useState } from "react";
import { carrySelection, carryYear, LeftReason } from "../../domain/carryOver";
import { PlanCheck } from "../../domain/check";
import { CARRY_COLUMNS } from "../../domain/contract";
import { formatFinancialYear, parseFinancialYear } from "../../domain/quarters";
import { recordCarriedOver } from "../../usecases/recordCarriedOver";
import { Outcome } from "../components/Feedback";
import { useViewStyles } from "../components/styles";
import { PlanCheckState } from "../hooks/usePlanCheck";
import { PaneHost } from "../host";
import { count, messageOf } from "../messages";

interface Props {
  readonly host: PaneHost;
  readonly check: PlanCheck;
  readonly planCheck: PlanCheckState;
  /** Said in the Plan view's own live region (one per view). */
  readonly onOutcome: (o: Outcome | undefined) => void;
}

const LEFT_WORDS: Record<LeftReason, string> = { complete: "complete", removed: "removed", "not marked": `not marked in ${CARRY_COLUMNS.carryOver}` };

/** What will be carried and what stays, in one sentence, from the plan as last checked. */
function carrySummary(check: PlanCheck): string {
  const selection = carrySelection(check.plan);
  const ids = selection.carried.map((a) => a.id).join(", ");
  const left = (Object.keys(LEFT_WORDS) as LeftReason[])
    .map((reason) => ({ reason, n: selection.left.filter((l) => l.reason === reason).length }))
    .filter((l) => l.n > 0)
    .map((l) => `${l.n} ${LEFT_WORDS[l.reason]}`);
  const carried = `${count(selection.carried.length, "action", "actions")} will be carried${selection.marked ? ` (the open actions marked in ${CARRY_COLUMNS.carryOver})` : ""}${ids ? `: ${ids}` : ""}.`;
  return left.length > 0 ? `${carried} Staying in this plan: ${left.join(", ")}.` : carried;
}

/**
 * Start next year's plan (issue 14), in the Plan view of a valid plan: the target year (default the next),
 * whether to keep statuses, and what will be carried, before anything happens. Pressing builds the new plan
 * as .xlsx bytes (the carry-over code and ExcelJS loaded on demand, as `csp-plan carry-over` writes it) and
 * asks the host to open it as a new workbook; then notes the carry-over in this plan's `Carried over`
 * setting where that row exists (recordCarriedOver), and changes nothing else here.
 */
export function StartNextYear({ host, check, planCheck, onOutcome: setOutcome }: Props) {
  const styles = useViewStyles();
  const from = check.plan.settings.year;
  const [year, setYear] = useState(from ? formatFinancialYear({ startYear: from.startYear + 1 }) : "");
  const [keepStatus, setKeepStatus] = useState(false);
  const [busy, setBusy] = useState(false);
  const parsed = parseFinancialYear(year);
  const target = parsed ? carryYear(check.plan, parsed) : undefined;
  const yearError = !parsed ? "Write the new plan's year as a financial year, like 2015/16." : target && "refused" in target ? target.refused : undefined;
  const opener = host.newWorkbook;
  const cannotOpen = opener?.unavailable ?? "This host cannot open a new workbook. Run csp-plan carry-over on the plan's file instead.";

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !parsed || yearError) return;
    if (!opener?.open) {
      setOutcome({ intent: "error", text: cannotOpen });
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    try {
      const { nextYearFile } = await import(/* webpackChunkName: "carry-over" */ "../nextYear/nextYearFile");
      const made = await nextYearFile(host.workbook, { to: parsed, keepStatus });
      if (!made.done) {
        setOutcome({ intent: "error", text: made.reason, details: made.findings.map((f) => f.message) });
        return;
      }
      const how = await opener.open(made.fileName, made.bytes);
      const { carried } = made;
      const what = `${count(carried.selection.carried.length, "action", "actions")} carried from ${carried.from}`;
      const where = how === "opened" ? `Opened next year's plan (${carried.to}) in a new workbook` : `Saved next year's plan (${carried.to}) as "${made.fileName}"`;
      const note = await recordCarriedOver(host.workbook, carried.to, localIsoDate(host.today()));
      setOutcome(
        note.done
          ? { intent: "success", text: `${where}: ${what}. Noted in this plan's Plan Settings: ${note.note}.` }
          : { intent: "warning", text: `${where}: ${what}. ${note.reason}` },
      );
      await planCheck.refresh();
    } catch (error) {
      setOutcome({ intent: "error", text: `Next year's plan could not be started: ${messageOf(error)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.section} aria-labelledby="plan-next-year">
      <Subtitle2 as="h2" id="plan-next-year" className={styles.heading}>
        Start next year&apos;s plan
      </Subtitle2>
      <Text as="p">
        A new workbook with the actions still open, each keeping its ID and a {CARRY_COLUMNS.carriedFrom} reference; their quarterly updates
        cleared (the last one kept in Notes), start and target dates as they are. Lead Officers and Priorities are copied. This plan is not
        changed, except a note in Plan Settings&apos; {`"Carried over"`} row if it has one.
      </Text>
      <Text as="p">{carrySummary(check)}</Text>
      <form noValidate className={styles.form} onSubmit={(e) => void submit(e)} aria-labelledby="plan-next-year">
        <Field label="New plan's year" hint="A financial year later than this plan's, like 2015/16." required validationMessage={yearError}>
          <Input value={year} onChange={(_, d) => setYear(d.value)} />
        </Field>
        <Checkbox label="Keep each action's status (otherwise Not started)" checked={keepStatus} onChange={(_, d) => setKeepStatus(d.checked === true)} />
        {opener?.open ? (
          <Button className={styles.primaryButton} appearance="primary" type="submit" disabledFocusable={busy || yearError !== undefined}>
            {busy ? "Starting next year's plan…" : "Start next year's plan"}
          </Button>
        ) : (
          <Text as="p">{cannotOpen}</Text>
        )}
      </form>
    </section>
  );
}
