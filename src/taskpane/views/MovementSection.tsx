import { makeStyles, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { quarterLabel } from "../../domain/history";
import { RagRating } from "../../domain/rag";
import { SummaryReport } from "../../domain/summary";
import { useViewStyles } from "../components/styles";

const useStyles = makeStyles({
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, padding: tokens.spacingHorizontalXS, textAlign: "start" },
    "& tbody th": { fontWeight: tokens.fontWeightRegular },
  },
});

/** How many changes the pane lists; the summary sheet and the report list them all. */
const SHOWN = 100;

const word = (rating: RagRating) => (rating === "Blue" ? "Blue (complete)" : rating === "Grey" ? "Grey (removed)" : rating);
/**
 * The Summary view's "Since last quarter": the committee's movement sentences, then each change with its
 * actions (issue 14). Where Status History has no earlier quarter, the sentence says so and nothing else.
 */
export function MovementSection({ report }: { report: SummaryReport }) {
  const styles = { ...useViewStyles(), ...useStyles() };
  const m = report.movement;
  // Worst news first, as the sentence gives it: worse, better, reopened, then newly complete and removed.
  const changes = [...m.worsened, ...m.improved, ...m.reopened, ...m.completed, ...m.removed];
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
      {m.since && changes.length > 0 && (
        <>
          <table className={styles.table} aria-label={`Changes in RAG rating since ${quarterLabel(m.since.year, m.since.quarter)}`}>
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">{`RAG at ${m.since.quarter}`}</th>
                <th scope="col">{`RAG at ${report.quarter}`}</th>
              </tr>
            </thead>
            <tbody>
              {changes.slice(0, SHOWN).map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.id}</th>
                  <td>{word(c.from)}</td>
                  <td>{word(c.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {changes.length > SHOWN && <Text as="p">{`… and ${changes.length - SHOWN} more: the summary sheet lists them all.`}</Text>}
        </>
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
