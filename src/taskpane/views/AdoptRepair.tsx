import { localIsoDate } from "../../domain/dates";
import { Button, Subtitle2, Text } from "@fluentui/react-components";
import { useState } from "react";
import { PlanCheck } from "../../domain/check";
import { AdoptionProposal, proposalIsEmpty } from "../../domain/adoption";
import { formatFinancialYear, quarterOf } from "../../domain/quarters";
import { adoptPlan, Defaults, previewAdoption } from "../../usecases/adoptPlan";
import { Outcome } from "../components/Feedback";
import { useViewStyles } from "../components/styles";
import { PlanCheckState } from "../hooks/usePlanCheck";
import { PaneHost } from "../host";
import { messageOf } from "../messages";

interface Props {
  readonly host: PaneHost;
  readonly check: PlanCheck;
  readonly planCheck: PlanCheckState;
  readonly onOutcome: (o: Outcome | undefined) => void;
}

function defaultsFor(check: PlanCheck, today: Date): Defaults {
  const now = quarterOf(localIsoDate(today));
  const { settings } = check.plan;
  return {
    name: settings.name || "community safety action plan",
    year: settings.year ? formatFinancialYear(settings.year) : formatFinancialYear(now.year),
    currentQuarter: settings.currentQuarter ?? now.quarter,
  };
}

/** Whether the plan lacks something Repair could add. */
export function needsRepair(check: PlanCheck): boolean {
  const m = check.plan.actionTable;
  if (!m) return false;
  return check.findings.some((f) => f.rule === "structure.missing-table" || f.rule === "structure.missing-column") ||
    m.columns.ragReason === undefined || m.columns.notes === undefined;
}

/**
 * Adopt an existing table as the plan, or repair the plan: first shows every change (the header mapping,
 * the columns and tables to add), and writes only when the person applies them. Nothing is deleted.
 */
export function AdoptRepair({ host, check, planCheck, onOutcome }: Props) {
  const styles = useViewStyles();
  const [proposal, setProposal] = useState<AdoptionProposal>();
  const [busy, setBusy] = useState(false);
  const adopting = !check.plan.actionTable;
  const verb = adopting ? "Adopt" : "Repair";
  const defaults = defaultsFor(check, host.today());

  async function review() {
    setBusy(true);
    onOutcome(undefined);
    try {
      const found = await previewAdoption(host.workbook, defaults);
      if (!found) onOutcome({ intent: "info", text: "No table in this workbook looks like an action plan (it needs at least three of the plan's columns)." });
      else if (proposalIsEmpty(found)) onOutcome({ intent: "success", text: "Nothing needs repair: the plan has every table and column." });
      setProposal(found && !proposalIsEmpty(found) ? found : undefined);
    } catch (error) {
      onOutcome({ intent: "error", text: `The workbook could not be read: ${messageOf(error)}` });
    } finally {
      setBusy(false);
    }
  }

  async function apply(reviewed: AdoptionProposal) {
    setBusy(true);
    try {
      const outcome = await adoptPlan(host.workbook, reviewed, defaults);
      if (outcome.done) {
        onOutcome({ intent: "success", text: adopting ? `Adopted the table ${reviewed.table} as the action plan.` : "Repaired the plan." });
        setProposal(undefined);
        await planCheck.refresh();
      } else {
        onOutcome({ intent: "error", text: outcome.reason });
      }
    } catch (error) {
      onOutcome({ intent: "error", text: `The changes could not be made: ${messageOf(error)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.section} aria-labelledby="plan-adopt">
      <Subtitle2 as="h2" id="plan-adopt" className={styles.heading}>
        {adopting ? "Adopt an existing table" : "Repair the plan"}
      </Subtitle2>
      <Text as="p">
        {adopting
          ? "If this workbook already keeps its plan in a table with other headings (Ref, Owner, Deadline…), adopt it: you see every change before anything is written."
          : "Add the plan's missing columns and tables. Nothing of yours is deleted, and you see every change first."}
      </Text>
      {!proposal && (
        <Button className={styles.primaryButton} onClick={() => void review()} disabledFocusable={busy}>
          {busy ? "Reading…" : `Review changes to ${verb.toLowerCase()}`}
        </Button>
      )}
      {proposal && (
        <div aria-label="Changes to make">
          <Text as="p">
            Table <strong>{proposal.table}</strong> on the sheet <strong>{proposal.sheet}</strong>:
          </Text>
          <ul className={styles.list}>
            {proposal.renameTableTo && <li>Rename the table to {proposal.renameTableTo}.</li>}
            {proposal.renames.map((r) => (
              <li key={`r${r.index}`}>Rename the column “{r.from}” to “{r.to}”.</li>
            ))}
            {proposal.mapping.filter((m) => !m.column).map((m) => (
              <li key={`k${m.index}`}>Keep the column “{m.header}” as it is.</li>
            ))}
            {proposal.added.map((a) => (
              <li key={`a${a.header}`}>Add the column “{a.header}”.</li>
            ))}
            {proposal.created.map((t) => (
              <li key={`t${t.name}`}>
                Add the sheet “{t.sheet}” with the table {t.name}
                {t.rows.length > 0 && t.name !== "PlanSettings" ? `, filled from the plan (${t.rows.filter((r) => r.some((v) => v !== null)).length} rows)` : ""}.
              </li>
            ))}
          </ul>
          {proposal.blockers.length > 0 ? (
            <ul className={styles.list} aria-label="What stops these changes">
              {proposal.blockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          ) : (
            <Button className={styles.primaryButton} appearance="primary" onClick={() => void apply(proposal)} disabledFocusable={busy}>
              {busy ? "Applying…" : "Apply these changes"}
            </Button>
          )}{" "}
          <Button onClick={() => setProposal(undefined)}>Cancel</Button>
        </div>
      )}
    </section>
  );
}
