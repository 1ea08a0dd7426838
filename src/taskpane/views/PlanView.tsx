import { localIsoDate } from "../../domain/dates";
import { Button, Field, Input, Subtitle2, Text } from "@fluentui/react-components";
import { FormEvent, useRef, useState } from "react";
import { PlanCheck } from "../../domain/check";
import { Quarter } from "../../domain/contract";
import { blockingFindings, countBySeverity } from "../../domain/findings";
import { blankSeed } from "../../domain/planSeed";
import { formatFinancialYear, parseFinancialYear, quarterOf } from "../../domain/quarters";
import { setUpPlan } from "../../usecases/setUpPlan";
import { CheckStatus } from "../components/CheckStatus";
import { QuarterSelect } from "../components/QuarterSelect";
import { Feedback, Outcome } from "../components/Feedback";
import { useViewStyles } from "../components/styles";
import { useFocusWhen } from "../hooks/useFocusWhen";
import { PlanCheckState } from "../hooks/usePlanCheck";
import { PaneHost } from "../host";
import { count, messageOf, planTitle } from "../messages";
import { AdoptRepair, needsRepair } from "./AdoptRepair";
import { AdoptSheet } from "./AdoptSheet";
import { StartNextYear } from "./StartNextYear";
import { ViewName } from "./viewNames";

interface Props {
  readonly host: PaneHost;
  readonly planCheck: PlanCheckState;
  readonly onOpenView: (view: ViewName) => void;
}

/** Plan: does this workbook hold a valid plan? If it holds none, set one up. */
export function PlanView({ host, planCheck, onOpenView }: Props) {
  const styles = useViewStyles();
  const { check } = planCheck;
  const [outcome, setOutcome] = useState<Outcome>();
  const [setUp, setSetUp] = useState(false);
  const holdsPlan = check && (check.plan.actionTable || check.plan.officerTable || check.plan.priorityTable || check.plan.settingsTable);
  return (
    <div className={styles.view}>
      <CheckStatus planCheck={planCheck} />
      <Feedback outcome={outcome} />
      {check &&
        (holdsPlan ? (
          <PlanState check={check} onOpenView={onOpenView} focus={setUp} />
        ) : (
          <SetUpPlan host={host} planCheck={planCheck} onOutcome={setOutcome} onSetUp={() => setSetUp(true)} />
        ))}
      {check?.writable && <StartNextYear host={host} check={check} planCheck={planCheck} onOutcome={setOutcome} />}
      {check && (!check.plan.actionTable || needsRepair(check)) && (
        <AdoptRepair host={host} check={check} planCheck={planCheck} onOutcome={setOutcome} />
      )}
      {check && !check.plan.actionTable && host.sheets && <AdoptSheet host={host} planCheck={planCheck} onOutcome={setOutcome} />}
      {host.limitations.length > 0 && (
        <section className={styles.section} aria-labelledby="plan-limits">
          <Subtitle2 as="h2" id="plan-limits" className={styles.heading}>
            In this version of Excel
          </Subtitle2>
          <ul className={styles.list}>
            {host.limitations.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function PlanState({ check, onOpenView, focus }: { check: PlanCheck; onOpenView: (view: ViewName) => void; focus: boolean }) {
  const styles = useViewStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusWhen(heading, focus);
  const { plan, period } = check;
  const blocking = blockingFindings(check.findings);
  const { error, warning } = countBySeverity(check.findings);
  const named = `${planTitle(plan.settings.name)}${plan.settings.yearText ? ` ${plan.settings.yearText}` : ""}`;
  return (
    <section className={styles.section} aria-labelledby="plan-state">
      <Text as="h2" size={400} weight="semibold" id="plan-state" className={styles.heading} ref={heading} tabIndex={-1}>
        {check.writable ? "This workbook holds a valid plan" : "This workbook holds a plan that needs repair"}
      </Text>
      {check.writable ? (
        <Text as="p">
          {named}, current quarter {period?.quarter}: {count(plan.actions.length, "action", "actions")} under{" "}
          {count(plan.priorities.length, "priority", "priorities")}, led by {count(plan.officers.length, "registered lead officer", "registered lead officers")}.
        </Text>
      ) : (
        <>
          <Text as="p">
            {named}: {count(blocking.length, "problem stops", "problems stop")} the add-in writing to this plan. Fix{" "}
            {blocking.length === 1 ? "it" : "them"} in the workbook first:
          </Text>
          <ul className={styles.list}>
            {blocking.map((f, i) => (
              <li key={i}>{f.message}</li>
            ))}
          </ul>
        </>
      )}
      <Text as="p">
        {error + warning === 0
          ? "The check finds nothing to fix."
          : `The check finds ${count(error, "error", "errors")} and ${count(warning, "warning", "warnings")}.`}
      </Text>
      <Button className={styles.primaryButton} onClick={() => onOpenView("check")}>
        Open the check
      </Button>
    </section>
  );
}

interface SetUpProps {
  readonly host: PaneHost;
  readonly planCheck: PlanCheckState;
  readonly onOutcome: (o: Outcome | undefined) => void;
  readonly onSetUp: () => void;
}

function SetUpPlan({ host, planCheck, onOutcome, onSetUp }: SetUpProps) {
  const styles = useViewStyles();
  const now = quarterOf(localIsoDate(host.today()));
  const [name, setName] = useState("community safety action plan");
  const [year, setYear] = useState(formatFinancialYear(now.year));
  const [quarter, setQuarter] = useState<Quarter>(now.quarter);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const parsedYear = parseFinancialYear(year);
  const nameError = tried && !name.trim() ? "Give the plan a name." : undefined;
  const yearError = tried && !parsedYear ? "Write the plan year as a financial year, like 2014/15." : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (busy || !name.trim() || !parsedYear) return;
    setBusy(true);
    onOutcome(undefined);
    try {
      const outcome = await setUpPlan(host.workbook, blankSeed(name.trim(), formatFinancialYear(parsedYear), quarter));
      if (outcome.done) {
        onOutcome({
          intent: "success",
          text: `Set up a new plan: added the sheets ${outcome.sheets.join(", ")}. Add the priorities and lead officers, then the actions.`,
        });
        onSetUp();
        await planCheck.refresh();
      } else {
        onOutcome({ intent: "error", text: outcome.reason });
      }
    } catch (error) {
      onOutcome({ intent: "error", text: `The plan could not be set up: ${messageOf(error)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.section} aria-labelledby="plan-setup">
      <Subtitle2 as="h2" id="plan-setup" className={styles.heading}>
        This workbook does not hold a plan yet
      </Subtitle2>
      <Text as="p">Set up a new plan here: it adds the sheets Action Plan, Lead Officers, Priorities, Plan Settings and Indicators, and changes nothing else.</Text>
      <form noValidate className={styles.form} onSubmit={(e) => void submit(e)} aria-labelledby="plan-setup">
        <Field label="Plan name" required validationMessage={nameError}>
          <Input value={name} onChange={(_, d) => setName(d.value)} />
        </Field>
        <Field label="Plan year" hint="A financial year, 1 April to 31 March, written like 2014/15." required validationMessage={yearError}>
          <Input value={year} onChange={(_, d) => setYear(d.value)} />
        </Field>
        <QuarterSelect label="Current quarter" value={quarter} onChange={setQuarter} />
        <Button className={styles.primaryButton} appearance="primary" type="submit" disabledFocusable={busy}>
          {busy ? "Setting up…" : "Set up a new plan"}
        </Button>
      </form>
    </section>
  );
}
