import { Field, makeStyles, Select, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { formatLongDate } from "../../domain/dates";
import { actionHistory, HistoryTable, quarterLabel } from "../../domain/history";
import { useViewStyles } from "./styles";

const useStyles = makeStyles({
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, padding: tokens.spacingHorizontalXS, textAlign: "start", verticalAlign: "top" },
  },
});

/**
 * One action's recorded quarters (issue 14), oldest first: quarter, status, and the RAG word with its
 * reason, as Status History holds them. Says so when none is recorded.
 */
export function ActionHistoryTable({ history, id }: { history: HistoryTable | undefined; id: string }) {
  const styles = useStyles();
  const records = actionHistory(history, id);
  if (records.length === 0) return <Text>No quarter of {id} is recorded in Status History yet: building a quarter&apos;s summary records it.</Text>;
  return (
    <table className={styles.table} aria-label={`Recorded quarters of ${id}`}>
      <thead>
        <tr>
          <th scope="col">Quarter</th>
          <th scope="col">Status</th>
          <th scope="col">RAG</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r, i) => (
          <tr key={i}>
            <th scope="row" title={r.recordedOn ? `Recorded on ${formatLongDate(r.recordedOn)}` : undefined}>
              {quarterLabel(r.year, r.quarter)}
            </th>
            <td>{r.status || "(none)"}</td>
            <td>{r.rag ? `${r.rag}: ${r.reason}` : "(none)"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A card's history, folded away until asked for: "History (3 quarters)". */
export function ActionHistoryDetails({ history, id }: { history: HistoryTable | undefined; id: string }) {
  const n = actionHistory(history, id).length;
  if (!history || n === 0) return null;
  return (
    <details>
      <summary>{`History (${n} ${n === 1 ? "quarter" : "quarters"})`}</summary>
      <ActionHistoryTable history={history} id={id} />
    </details>
  );
}

/** Check's "Action history": choose an action, see its quarters. Shown only where Status History exists. */
export function ActionHistoryLookup({ history, ids }: { history: HistoryTable | undefined; ids: readonly string[] }) {
  const styles = useViewStyles();
  const [id, setId] = useState("");
  if (!history) return null;
  return (
    <section className={styles.section} aria-labelledby="check-history">
      <Subtitle2 as="h2" id="check-history" className={styles.heading}>
        Action history
      </Subtitle2>
      <Field label="Action">
        <Select value={id} onChange={(_, d) => setId(d.value)}>
          <option value="">Choose an action</option>
          {ids.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </Select>
      </Field>
      {id && <ActionHistoryTable history={history} id={id} />}
    </section>
  );
}
