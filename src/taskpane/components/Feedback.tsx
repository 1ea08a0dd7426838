import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

/** The result of something the person asked for: said in words, announced, never a dialog. */
export interface Outcome {
  readonly intent: "success" | "error" | "warning" | "info";
  readonly text: string;
  readonly title?: string;
  readonly details?: readonly string[];
}

/**
 * Two live regions that stay mounted, so what appears in them is announced: errors assertively
 * (role alert), everything else politely (role status).
 */
export function Feedback({ outcome }: { outcome: Outcome | undefined }) {
  const bar = outcome && (
    <MessageBar intent={outcome.intent} layout="multiline">
      <MessageBarBody>
        {outcome.title && <MessageBarTitle>{outcome.title}</MessageBarTitle>}
        {outcome.text}
        {outcome.details && outcome.details.length > 0 && (
          <ul>
            {outcome.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
  return (
    <>
      <div role="alert">{outcome?.intent === "error" ? bar : null}</div>
      <div role="status">{outcome && outcome.intent !== "error" ? bar : null}</div>
    </>
  );
}
