import { Badge, makeStyles, tokens } from "@fluentui/react-components";
import { RAG_COLOURS } from "../../domain/ragColours";
import { Rag } from "../../domain/rag";

const useStyles = makeStyles({
  rag: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

/** A RAG rating as its word and its reason; the colour only repeats the word. */
export function RagWord({ rag }: { rag: Rag }) {
  const styles = useStyles();
  const colours = RAG_COLOURS[rag.rating];
  return (
    <div className={styles.rag}>
      <span>RAG:</span>
      <Badge appearance="filled" shape="rounded" style={{ backgroundColor: `#${colours.fill}`, color: `#${colours.text}` }}>
        {rag.rating}
      </Badge>
      <span>{rag.reason}</span>
    </div>
  );
}
