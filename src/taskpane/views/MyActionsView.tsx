import { Button, Field, Select, Subtitle2, Text, Textarea } from "@fluentui/react-components";
import { FormEvent, useEffect, useId, useRef, useState } from "react";
import { normaliseHeader, parseStatus, QUARTERS, Status, STATUSES } from "../../domain/contract";
import { formatLongDate, localIsoDate } from "../../domain/dates";
import { Period } from "../../domain/period";
import { isOpen, Plan, PlanAction } from "../../domain/plan";
import { rateAction } from "../../domain/rag";
import { latestUpdate } from "../../domain/summary";
import { updateAction } from "../../usecases/updateAction";
import { CheckAgain } from "../components/CheckAgain";
import { CheckStatus } from "../components/CheckStatus";
import { Feedback, Outcome } from "../components/Feedback";
import { RagWord } from "../components/RagWord";
import { ActionHistoryDetails } from "../components/ActionHistory";
import { HistoryTable } from "../../domain/history";
import { useViewStyles } from "../components/styles";
import { useFocusWhen } from "../hooks/useFocusWhen";
import { PlanCheckState } from "../hooks/usePlanCheck";
import { PaneHost } from "../host";
import { count, messageOf, sentence } from "../messages";
import { distinctNames } from "./findingGroups";

/** The setting that remembers who is using the pane. */
export const MY_NAME_SETTING = "myName";

/** A lead officer can set these; only the Responsible Authorities Group removes an action. */
const SETTABLE: readonly Status[] = STATUSES.filter((s) => s !== "Removed");

/** My actions: a lead officer's own actions, each with its RAG word and reason, and this quarter's update. */
export function MyActionsView({ host, planCheck }: { host: PaneHost; planCheck: PlanCheckState }) {
  const styles = useViewStyles();
  const { check } = planCheck;
  const [myName, setMyName] = useState(() => host.settings.get(MY_NAME_SETTING) ?? "");
  const [choosing, setChoosing] = useState(false);
  const [justChosen, setJustChosen] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusWhen(heading, justChosen && !choosing);
  if (!check) return <CheckStatus planCheck={planCheck} />;

  if (!myName || choosing) {
    return (
      <div className={styles.view}>
        <NameChooser
          host={host}
          plan={check.plan}
          current={myName}
          onChosen={(name) => {
            setMyName(name);
            setChoosing(false);
            setJustChosen(true);
          }}
          focus={choosing}
          onCancel={myName ? () => setChoosing(false) : undefined}
        />
      </div>
    );
  }

  const mine = check.plan.actions.filter((a) => normaliseHeader(a.leadOfficer) === normaliseHeader(myName));
  const { period } = check;
  const missing = period ? mine.filter((a) => isOpen(a) && !a.updates[period.quarter]).length : 0;
  return (
    <div className={styles.view}>
      <Text as="h2" size={400} weight="semibold" className={styles.heading} ref={heading} tabIndex={-1}>
        Your actions
      </Text>
      <CheckStatus planCheck={planCheck} />
      <CheckAgain planCheck={planCheck} />
      <div className={styles.row}>
        <Text>
          Showing the actions led by <strong>{myName}</strong>.
        </Text>
        <Button size="small" onClick={() => setChoosing(true)}>
          Change name
        </Button>
      </div>
      {!period ? (
        <Text as="p">Plan Settings needs a plan year and a current quarter before actions can be updated. The Check view says what to add.</Text>
      ) : mine.length === 0 ? (
        <Text as="p">No action in this plan is led by {myName}.</Text>
      ) : (
        <>
          <Text as="p">
            You lead {count(mine.length, "action", "actions")}
            {missing > 0 ? `; ${count(missing, "open action has", "open actions have")} no ${period.quarter} update yet.` : "."}
          </Text>
          {mine.map((action) => (
            <ActionForm key={formKey(action, mine)} host={host} action={action} period={period} myName={myName} refresh={planCheck.refresh} history={check.history} />
          ))}
        </>
      )}
    </div>
  );
}

/** Keeps each form, and what was typed in it, with its action when rows move; row only when IDs repeat. */
function formKey(action: PlanAction, all: readonly PlanAction[]): string {
  return action.id && all.filter((a) => a.id === action.id).length === 1 ? `id:${action.id}` : `row:${action.row}`;
}

interface NameChooserProps {
  readonly host: PaneHost;
  readonly plan: Plan;
  readonly current: string;
  readonly onChosen: (name: string) => void;
  readonly onCancel?: () => void;
  /** Focus the list: the person asked to change their name. */
  readonly focus: boolean;
}

function NameChooser(props: NameChooserProps) {
  const styles = useViewStyles();
  const select = useRef<HTMLSelectElement>(null);
  useFocusWhen(select, props.focus);
  const names = distinctNames([...props.plan.officers.map((o) => o.name), ...props.plan.actions.map((a) => a.leadOfficer)]);
  const [name, setName] = useState(props.current);
  const [outcome, setOutcome] = useState<Outcome>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name) {
      setOutcome({ intent: "error", text: "Choose your name from the list." });
      return;
    }
    try {
      await props.host.settings.set(MY_NAME_SETTING, name);
      props.onChosen(name);
    } catch (error) {
      setOutcome({ intent: "error", text: `Your name could not be remembered: ${messageOf(error)}` });
    }
  }

  return (
    <form noValidate className={styles.form} onSubmit={(e) => void submit(e)} aria-labelledby="my-name-heading">
      <Subtitle2 as="h2" id="my-name-heading" className={styles.heading}>
        Who are you?
      </Subtitle2>
      <Text as="p">Choose your name as the plan gives it. The pane remembers it for this workbook.</Text>
      <Field label="Your name">
        <Select value={name} onChange={(_, d) => setName(d.value)} ref={select}>
          <option value="">Choose your name</option>
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
      </Field>
      <Feedback outcome={outcome} />
      <div className={styles.row}>
        <Button appearance="primary" type="submit">
          Remember my name
        </Button>
        {props.onCancel && <Button onClick={props.onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}

function targetDateText(action: PlanAction): string {
  const t = action.targetDate;
  if (t.kind === "date" || t.kind === "serial") return formatLongDate(t.date);
  if (t.kind === "blank") return "none";
  return `"${t.text}" (not a date)`;
}

interface Shown {
  readonly status: string;
  readonly update: string;
}

function ActionForm(props: { host: PaneHost; action: PlanAction; period: Period; myName: string; refresh: () => Promise<void>; history?: HistoryTable }) {
  const { action, period } = props;
  const styles = useViewStyles();
  const headingId = useId();
  const quarter = period.quarter;
  const current: Shown = { status: action.statusText, update: action.updates[quarter] };
  // What the person was shown when they started; their edits are measured against it.
  const [shown, setShown] = useState<Shown>(current);
  const [status, setStatus] = useState<string>(parseStatus(current.status) ?? "");
  const [update, setUpdate] = useState(current.update);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const dirty = status !== (parseStatus(shown.status) ?? "") || update !== shown.update;
  const changedElsewhere = current.status !== shown.status || current.update !== shown.update;

  // New data from the workbook replaces what is shown only while the person has not typed anything.
  useEffect(() => {
    if (dirty) return;
    setShown(current);
    setStatus(parseStatus(current.status) ?? "");
    setUpdate(current.update);
  }, [current.status, current.update]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const result = await updateAction(props.host.workbook, {
        actionId: action.id,
        leadOfficer: props.myName,
        quarter,
        // Whatever was chosen: the use-case validates it and says why if it will not do.
        status: status as Status,
        update,
        shown,
        today: localIsoDate(props.host.today()),
      });
      if (result.done) {
        setShown({ status, update: update.trim() });
        setUpdate(update.trim());
        setOutcome({ intent: "success", text: `Saved ${action.id}: status "${status}" and the ${quarter} update.` });
      } else {
        setOutcome({ intent: "error", text: result.reason });
      }
      await props.refresh();
    } catch (error) {
      setOutcome({ intent: "error", text: `Action ${action.id} could not be saved: ${messageOf(error)}. Your words are kept here.` });
    } finally {
      setBusy(false);
    }
  }

  const before = QUARTERS.indexOf(quarter) > 0 ? latestUpdate(action, QUARTERS[QUARTERS.indexOf(quarter) - 1]) : "";
  const removed = action.status === "Removed";
  return (
    <form noValidate className={styles.card} aria-labelledby={headingId} onSubmit={(e) => void save(e)}>
      <Text as="h3" weight="semibold" id={headingId} className={styles.heading}>
        {action.id || "(no ID)"}: {action.action || "(no action text)"}
      </Text>
      <RagWord rag={rateAction(action, period)} />
      <Text>Target date: {targetDateText(action)}</Text>
      {action.measure && <Text>Measure: {action.measure}</Text>}
      {before && <Text>Last update: {before}</Text>}
      <ActionHistoryDetails history={props.history} id={action.id} />
      {removed ? (
        <Text>Removed by the Responsible Authorities Group. Reason: {sentence(action.notes || "none recorded")}</Text>
      ) : (
        <>
          <Field label="Status">
            <Select value={status} onChange={(_, d) => setStatus(d.value)}>
              {!parseStatus(status) && <option value="">{current.status ? `"${current.status}" (choose a status)` : "Choose a status"}</option>}
              {SETTABLE.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={`${quarter} update`} hint="What was done this quarter, and what happens next.">
            <Textarea value={update} resize="vertical" onChange={(_, d) => setUpdate(d.value)} />
          </Field>
          {dirty && changedElsewhere && (
            <div className={styles.section}>
              <Text>
                Since you opened it, someone changed {action.id} in the workbook: it now says &ldquo;{current.status}&rdquo;
                {current.update ? <> and &ldquo;{current.update}&rdquo;</> : <> with no {quarter} update</>}. Your words are kept.
              </Text>
              <Button className={styles.primaryButton} onClick={() => setShown(current)}>
                Refresh, keeping my words
              </Button>
            </div>
          )}
          <Feedback outcome={outcome} />
          <Button className={styles.primaryButton} appearance="primary" type="submit" disabledFocusable={busy}>
            {`Save ${action.id}`}
          </Button>
        </>
      )}
    </form>
  );
}
