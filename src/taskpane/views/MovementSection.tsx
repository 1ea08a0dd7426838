import { Subtitle2, Text } from "@fluentui/react-components";
import { quarterLabel } from "../../domain/history";
import { RagMove } from "../../domain/movement";
import { SummaryReport } from "../../domain/summary";
import { cappedList } from "../../domain/wording";
import { useViewStyles } from "../components/styles";

/** One line per kind of change, each action as "3.2 (Green → Amber)": words, never colour alone. */
function moveLine(label: string, moves: readonly RagMove[]) {
  return moves.length === 0 ? null : (
    <li>
      {label}: {cappedList(moves.map((m) => `${m.id} (${m.from} → ${m.to})`))}
    </li>
  );
}

function idLine(label: string, ids: readonly string[]) {
  return ids.length === 0 ? null : (
    <li>
      {label}: {cappedList(ids)}
    </li>
  );
}

/**
 * The Summary view's "Since last quarter": the committee's movement sentences, then each change with its
 * actions (issue 14). Where Status History has no earlier quarter, the sentence says so and nothing else.
 */
export function MovementSection({ report }: { report: SummaryReport }) {
  const styles = useViewStyles();
  const m = report.movement;
  return (
    <section className={styles.section} aria-labelledby="summary-movement">
      <Subtitle2 as="h2" id="summary-movement" className={styles.heading}>
        {m.since ? `Since ${quarterLabel(m.since.year, m.since.quarter)}` : "Since last quarter"}
      </Subtitle2>
      {report.movementSentences.map((s, i) => (
        <Text as="p" key={i}>
          {s}
        </Text>
      ))}
      {m.since && (
        <ul>
          {moveLine("Worse", m.worsened)}
          {moveLine("Better", m.improved)}
          {moveLine("Reopened", m.reopened)}
          {idLine("Newly complete", m.completed.map((c) => c.id))}
          {idLine("Newly removed", m.removed.map((r) => r.id))}
        </ul>
      )}
    </section>
  );
}

/** The Summary view's "Carried over to next year", in Q4 only: what `Start next year's plan` would carry. */
export function CarriedSection({ report }: { report: SummaryReport }) {
  const styles = useViewStyles();
  if (!report.carried) return null;
  const { actions, rule } = report.carried;
  return (
    <section className={styles.section} aria-labelledby="summary-carried">
      <Subtitle2 as="h2" id="summary-carried" className={styles.heading}>
        {`Carried over to next year (${actions.length})`}
      </Subtitle2>
      <Text as="p">{rule}</Text>
      {actions.length > 0 && (
        <ul>
          {actions.map((a) => (
            <li key={a.id}>{`${a.id}: ${a.action} (${a.leadOfficer || "no lead officer"}, ${a.status || "no status"})`}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
