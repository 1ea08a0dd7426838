import { Subtitle2, Text } from "@fluentui/react-components";
import { SummaryReport } from "../../domain/summary";
import { RagWord } from "../components/RagWord";
import { useViewStyles } from "../components/styles";

/**
 * The Summary view's "Performance indicators" (issue 15): by priority, each indicator with its quarter's
 * value, its RAG as a word and a reason (never colour alone) and its committee sentence. Nothing for a plan
 * without an Indicators table.
 */
export function IndicatorsSection({ report }: { report: SummaryReport }) {
  const styles = useViewStyles();
  if (report.indicators.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="summary-indicators">
      <Subtitle2 as="h2" id="summary-indicators" className={styles.heading}>
        Performance indicators at {report.quarter}
      </Subtitle2>
      {report.indicators.map((g) => {
        const label = g.no === null ? g.name : `${g.no}. ${g.name}`;
        return (
          <div key={label}>
            <Text as="h3" weight="semibold">
              {label}
            </Text>
            <ul>
              {g.lines.map((l, i) => (
                <li key={`${l.indicator}-${i}`}>
                  <Text weight="semibold">{l.indicator || "(no name)"}</Text>
                  {l.value && <Text>{` ${report.quarter}: ${l.value}`}</Text>}
                  <RagWord rag={{ rating: l.rating, reason: l.reason }} />
                  <Text as="p">{l.sentence}</Text>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
