import { ActionHistoryLookup } from "../components/ActionHistory";
import { Button, Field, makeStyles, Select, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { countBySeverity, Finding } from "../../domain/findings";
import { formatFinancialYear } from "../../domain/quarters";
import { CheckAgain } from "../components/CheckAgain";
import { CheckStatus } from "../components/CheckStatus";
import { Feedback, Outcome } from "../components/Feedback";
import { useViewStyles } from "../components/styles";
import { PlanCheckState } from "../hooks/usePlanCheck";
import { PaneHost } from "../host";
import { count, messageOf } from "../messages";
import { distinctNames, findingsFor, groupFindings, leadOfficersOf } from "./findingGroups";

const useStyles = makeStyles({
  finding: {
    justifyContent: "flex-start",
    textAlign: "start",
    height: "auto",
    minWidth: 0,
    width: "100%",
    paddingBlock: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightRegular,
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
  },
  where: { fontWeight: tokens.fontWeightSemibold },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

const ALL = "";

/** Check: findings by severity and SMART letter, each one a way to its cell; filter to one lead officer. */
export function CheckView({ host, planCheck }: { host: PaneHost; planCheck: PlanCheckState }) {
  const styles = { ...useViewStyles(), ...useStyles() };
  const { check } = planCheck;
  const [officer, setOfficer] = useState(ALL);
  const [outcome, setOutcome] = useState<Outcome>();

  if (!check) return <CheckStatus planCheck={planCheck} />;
  // A name chosen before a re-check stays in the list even if no action names it any more.
  const officers = distinctNames([...leadOfficersOf(check.plan.actions), officer]);
  const shown = officer === ALL ? check.findings : findingsFor(check.findings, check.plan.actions, officer);
  const totals = countBySeverity(shown);
  const aboutNoAction = officer === ALL ? 0 : check.findings.filter((f) => f.actionId === null).length;

  async function select(finding: Finding) {
    setOutcome(undefined);
    try {
      await host.selectCell(finding.sheet, finding.cell);
    } catch (error) {
      setOutcome({ intent: "error", text: `Could not go to ${finding.sheet}!${finding.cell}: ${messageOf(error)}` });
    }
  }

  return (
    <div className={styles.view}>
      <CheckStatus planCheck={planCheck} />
      <CheckAgain planCheck={planCheck} />
      <div className={styles.row}>
        <Field label="Lead officer">
          <Select value={officer} onChange={(_, d) => setOfficer(d.value)}>
            <option value={ALL}>All lead officers</option>
            {officers.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Text as="p" role="status">
        {shown.length === 0
          ? officer === ALL ? "The check finds nothing to fix." : `The check finds nothing to fix in ${officer}'s actions.`
          : `${count(totals.error, "error", "errors")} and ${count(totals.warning, "warning", "warnings")}${officer === ALL ? "" : ` in ${officer}'s actions`}.`}
        {check.period && ` Checked for ${check.period.quarter} ${formatFinancialYear(check.period.year)}.`}
        {aboutNoAction > 0 && ` ${count(aboutNoAction, "finding about the whole plan is", "findings about the whole plan are")} not shown.`}
      </Text>
      <Feedback outcome={outcome} />
      {groupFindings(shown).map((severity) => (
        <section key={severity.severity} className={styles.section} aria-labelledby={`check-${severity.severity}`}>
          <Subtitle2 as="h2" id={`check-${severity.severity}`} className={styles.heading}>
            {severity.label} ({severity.findings.length})
          </Subtitle2>
          {severity.groups.map((group) => (
            <div key={group.key} className={styles.group}>
              <Text as="h3" weight="semibold" className={styles.heading} id={`check-${severity.severity}-${group.key}`}>
                {group.label} ({group.findings.length})
              </Text>
              <ul className={styles.plainList} aria-labelledby={`check-${severity.severity}-${group.key}`}>
                {group.findings.map((f, i) => (
                  <li key={i}>
                    {f.cell ? (
                      <Button appearance="subtle" className={styles.finding} onClick={() => void select(f)}>
                        <span className={styles.where}>
                          {f.actionId ? `${f.actionId}, ` : ""}
                          {f.sheet}!{f.cell}
                        </span>{" "}
                        <span>{f.message}</span>
                      </Button>
                    ) : (
                      <Text>
                        <span className={styles.where}>{f.sheet}: </span>
                        {f.message}
                      </Text>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
      <ActionHistoryLookup history={check.history} ids={check.plan.actions.map((a) => a.id).filter((id) => id.trim() !== "")} />
    </div>
  );
}
