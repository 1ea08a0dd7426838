import { Button, Subtitle2, Text } from "@fluentui/react-components";
import { useState } from "react";
import { Quarter } from "../../domain/contract";
import { Feedback, Outcome } from "../components/Feedback";
import { useViewStyles } from "../components/styles";
import { PaneHost } from "../host";
import { messageOf } from "../messages";

/**
 * The committee report, from the Summary view: "Copy report" (formatted HTML with its plain text, for
 * pasting into Word) and, where the host allows a download, "Download report (.docx)". Neither needs the
 * summary built: the report is read from the workbook and written nowhere. The report's code is loaded only
 * when a button is pressed (dynamic imports: chunks of their own, out of the pane's first script).
 */
export function ReportActions({ host, quarter }: { host: PaneHost; quarter: Quarter }) {
  const styles = useViewStyles();
  const [busy, setBusy] = useState<"copy" | "download">();
  const [outcome, setOutcome] = useState<Outcome>();

  async function run(kind: "copy" | "download", work: () => Promise<Outcome>) {
    if (busy) return;
    setBusy(kind);
    setOutcome(undefined);
    try {
      setOutcome(await work());
    } catch (error) {
      const verb = kind === "copy" ? "copied" : "saved";
      setOutcome({ intent: "error", text: `The ${quarter} report could not be ${verb}: ${messageOf(error)}` });
    } finally {
      setBusy(undefined);
    }
  }

  const copy = () =>
    run("copy", async () => {
      const { reportForClipboard } = await import(/* webpackChunkName: "clipboard-report" */ "../../report/clipboardReport");
      const result = await reportForClipboard(host.workbook, quarter);
      if (!result.done) return { intent: "error", text: result.reason, details: result.findings.map((f) => f.message) };
      const copied = await host.copyRich(result.html, result.text);
      return copied === "html"
        ? { intent: "success", text: `Copied the ${quarter} report: paste it into Word.` }
        : {
            intent: "warning",
            text: `Copied the ${quarter} report as plain text only: this version of Office cannot copy formatting, so headings and tables will not be kept when you paste it into Word.`,
          };
    });

  const { save } = host.download;
  const download = () =>
    run("download", async () => {
      if (!save) return { intent: "error", text: host.download.unavailable ?? "This host cannot save files." };
      const { reportForDownload, DOCX_MEDIA_TYPE } = await import(/* webpackChunkName: "docx-report" */ "../../report/downloadReport");
      const result = await reportForDownload(host.workbook, quarter);
      if (!result.done) return { intent: "error", text: result.reason, details: result.findings.map((f) => f.message) };
      await save(result.fileName, result.bytes, DOCX_MEDIA_TYPE);
      return { intent: "success", text: `Saved the ${quarter} report as "${result.fileName}": look in your Downloads folder, or where your browser asks.` };
    });

  return (
    <section className={styles.section} aria-labelledby="summary-report">
      <Subtitle2 as="h2" id="summary-report" className={styles.heading}>
        Committee report
      </Subtitle2>
      <Text as="p">The {quarter} report for the committee, from the plan as it stands: one heading per priority, for Word.</Text>
      <div className={styles.row}>
        <Button onClick={() => void copy()} disabledFocusable={busy !== undefined}>
          {`Copy ${quarter} report`}
        </Button>
        {save && (
          <Button onClick={() => void download()} disabledFocusable={busy !== undefined}>
            {`Download ${quarter} report (.docx)`}
          </Button>
        )}
      </div>
      {host.download.unavailable && <Text as="p" size={200}>{host.download.unavailable}</Text>}
      <Feedback outcome={outcome} />
    </section>
  );
}
