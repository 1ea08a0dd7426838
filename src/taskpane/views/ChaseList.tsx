import { Button, Subtitle2, Text } from "@fluentui/react-components";
import { useState } from "react";
import { chaseFlag, ChaseOfficer } from "../../domain/chase";
import { Feedback, Outcome } from "../components/Feedback";
import { useViewStyles } from "../components/styles";
import { PaneHost } from "../host";
import { messageOf } from "../messages";

/**
 * The chase list (src/domain/chase.ts) in the Summary view: per lead officer, the actions missing the
 * quarter's update and a message to send, with a Copy button each. Nothing is sent from the pane.
 */
export function ChaseList({ host, list, quarter }: { host: PaneHost; list: readonly ChaseOfficer[]; quarter: string }) {
  const styles = useViewStyles();
  const actions = list.reduce((n, e) => n + e.actions.length, 0);
  return (
    <section className={styles.section} aria-labelledby="summary-chase">
      <Subtitle2 as="h2" id="summary-chase" className={styles.heading}>
        Missing {quarter} updates ({actions})
      </Subtitle2>
      {list.length === 0 ? (
        <Text as="p">Every open action has its {quarter} update: nobody to chase.</Text>
      ) : (
        <>
          <Text as="p">Copy each lead officer&apos;s message into your own e-mail; nothing is sent from here.</Text>
          <ul className={styles.plainList} aria-labelledby="summary-chase">
            {list.map((entry) => (
              <ChaseCard key={entry.leadOfficer} host={host} entry={entry} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ChaseCard({ host, entry }: { host: PaneHost; entry: ChaseOfficer }) {
  const styles = useViewStyles();
  const [outcome, setOutcome] = useState<Outcome>();
  const name = entry.leadOfficer || "No lead officer";
  const flag = entry.leadOfficer ? chaseFlag(entry) : "";
  const label = entry.leadOfficer ? `Copy message to ${entry.leadOfficer}` : "Copy note on actions with no lead officer";
  async function copy() {
    try {
      await host.copyText(entry.message);
      setOutcome({ intent: "success", text: entry.leadOfficer ? `Copied the message to ${entry.leadOfficer}.` : "Copied the note." });
    } catch (error) {
      setOutcome({ intent: "error", text: `The message could not be copied: ${messageOf(error)}` });
    }
  }
  return (
    <li className={styles.card}>
      <Text weight="semibold">{name}</Text>
      {flag && <Text>{flag.charAt(0).toUpperCase() + flag.slice(1)}.</Text>}
      <ul className={styles.list}>
        {entry.actions.map((a, i) => (
          <li key={i}>
            {a.id || "(no ID)"}: {a.action} (target date: {a.targetDateText})
          </li>
        ))}
      </ul>
      <Text as="p">{entry.message}</Text>
      <Button className={styles.primaryButton} onClick={() => void copy()}>
        {label}
      </Button>
      <Feedback outcome={outcome} />
    </li>
  );
}
