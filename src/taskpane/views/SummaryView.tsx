import { Button, Field, Input, makeStyles, ProgressBar, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { FormEvent, useMemo, useState } from "react";
import { Quarter, STATUSES } from "../../domain/contract";
import { formatLongDate, readDate, localIsoDate } from "../../domain/dates";
import { Figures, formatPercent } from "../../domain/figures";
import { buildChaseList } from "../../domain/chase";
import { formatFinancialYear, summarySheetName } from "../../domain/quarters";
import { RAG_RATINGS } from "../../domain/rag";
import { SummaryReport } from "../../domain/summary";
import { buildSummary } from "../../usecases/buildSummary";
import { recordSignOff } from "../../usecases/recordSignOff";
import { CheckAgain } from "../components/CheckAgain";
import { CheckStatus } from "../components/CheckStatus";
import { Feedback, Outcome } from "../components/Feedback";
import { QuarterSelect } from "../components/QuarterSelect";
import { RagWord } from "../components/RagWord";
import { useViewStyles } from "../components/styles";
import { PlanCheckState } from "../hooks/usePlanCheck";
import { PaneHost } from "../host";
import { ChaseList } from "./ChaseList";
import { IndicatorsSection } from "./IndicatorsSection";
import { CarriedSection, MovementSection } from "./MovementSection";
import { ReportActions } from "./ReportActions";
import { messageOf, sentence } from "../messages";

const useStyles = makeStyles({
  scroll: { overflowX: "auto", maxWidth: "100%" },
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, padding: tokens.spacingHorizontalXS },
    "& td": { textAlign: "end" },
    "& th[scope=row]": { textAlign: "start", fontWeight: tokens.fontWeightRegular },
    "& tfoot th, & tfoot td": { fontWeight: tokens.fontWeightSemibold },
  },
  caption: { textAlign: "start", fontWeight: tokens.fontWeightSemibold, paddingBlockEnd: tokens.spacingVerticalXS },
});

/** The committee narrative as plain text: each priority's paragraph under its name, then the overall one, the movement and (issue 15) the indicators' sentences. */
export function narrativeText(report: SummaryReport): string {
  const paragraphs = report.narrative.priorities.map((p) => `${p.no === null ? p.name : `${p.no}. ${p.name}`}\n${p.sentences.join(" ")}`);
  const indicators = report.indicators.length === 0 ? [] : [`Performance indicators\n${report.indicators.flatMap((g) => g.lines.map((l) => l.sentence)).join(" ")}`];
  return [...paragraphs, `Overall\n${report.narrative.overall.join(" ")}`, `Since last quarter\n${report.movementSentences.join(" ")}`, ...indicators].join("\n\n");
}

/** Summary and review: build the quarter's summary in place, read its figures and narrative, review exceptions, sign off. */
export function SummaryView({ host, planCheck }: { host: PaneHost; planCheck: PlanCheckState }) {
  const styles = useViewStyles();
  const { check } = planCheck;
  const [chosen, setChosen] = useState<Quarter>();
  const [building, setBuilding] = useState(false);
  const [built, setBuilt] = useState<SummaryReport>();
  const [outcome, setOutcome] = useState<Outcome>();
  const quarter: Quarter = chosen ?? check?.period?.quarter ?? check?.plan.settings.currentQuarter ?? "Q1";
  const report = built?.quarter === quarter ? built : undefined;
  const year = check?.plan.settings.year;
  const sheet = report?.sheetName ?? (year ? summarySheetName(year, quarter) : undefined);
  // The chase list needs no summary built: it is read from the latest check, for the chosen quarter, as of
  // today (so the message asks for the update by the quarter's end only while the quarter runs).
  const chase = useMemo(
    () => (check?.writable && check.period ? buildChaseList(check.plan, { year: check.period.year, quarter, asOf: localIsoDate(host.today()) }) : undefined),
    [check, quarter, host],
  );

  async function build() {
    if (building) return;
    setBuilding(true);
    setOutcome(undefined);
    try {
      const result = await buildSummary(host.workbook, { quarter, today: localIsoDate(host.today()) });
      if (result.done) {
        setBuilt(result.report);
        setOutcome({
          intent: "success",
          text: `Built the sheet "${result.report.sheetName}" in place, refreshed the RAG column and recorded ${result.report.quarter} in Status History. No other sheet changed.`,
        });
      } else {
        setOutcome({ intent: "error", text: result.reason, details: result.findings.map((f) => f.message) });
      }
      await planCheck.refresh();
    } catch (error) {
      setOutcome({ intent: "error", text: `The summary could not be built: ${messageOf(error)}` });
    } finally {
      setBuilding(false);
    }
  }

  async function goToSheet(name: string) {
    try {
      await host.selectCell(name, "A1");
    } catch (error) {
      setOutcome({ intent: "error", text: `Could not go to "${name}": ${messageOf(error)}` });
    }
  }

  return (
    <div className={styles.view}>
      <CheckStatus planCheck={planCheck} />
      <div className={styles.row}>
        <QuarterSelect label="Quarter" hint={year ? `Plan year ${formatFinancialYear(year)}, from Plan Settings.` : undefined} value={quarter} onChange={setChosen} />
        <Button appearance="primary" onClick={() => void build()} disabledFocusable={building}>
          {`Build ${quarter} summary`}
        </Button>
      </div>
      {/* After the view's main control, so Tab reaches the quarter first. */}
      {check && <CheckAgain planCheck={planCheck} />}
      {building && (
        <Field label={`Building the ${quarter} summary: rating every action, then writing the summary sheet…`}>
          <ProgressBar />
        </Field>
      )}
      <Feedback outcome={outcome} />
      {/* The committee report needs no summary built: it is read from the workbook, written nowhere. */}
      <ReportActions host={host} quarter={quarter} />
      {report && (
        <>
          <Button className={styles.primaryButton} onClick={() => void goToSheet(report.sheetName)}>
            Go to the summary sheet
          </Button>
          <FiguresTable report={report} />
          <Narrative host={host} report={report} />
          <MovementSection report={report} />
          <IndicatorsSection report={report} />
          <CarriedSection report={report} />
          <Exceptions report={report} />
        </>
      )}
      {chase && <ChaseList host={host} list={chase} quarter={quarter} />}
      {sheet && <SignOffForm host={host} sheet={sheet} />}
    </div>
  );
}

function FigureCells({ figures }: { figures: Figures }) {
  return (
    <>
      {STATUSES.map((s) => (
        <td key={s}>{figures.counts[s]}</td>
      ))}
      <td>{figures.expected}</td>
      <td>{formatPercent(figures.percentTenths.Complete)}</td>
      {RAG_RATINGS.map((r) => (
        <td key={r}>{figures.rag[r]}</td>
      ))}
    </>
  );
}

function FiguresTable({ report }: { report: SummaryReport }) {
  const styles = { ...useViewStyles(), ...useStyles() };
  const captionId = `figures-${report.quarter}`;
  return (
    <section className={styles.section} aria-labelledby={captionId}>
      {/* A wide table scrolls sideways in a narrow pane; the region takes focus so keyboards can scroll it. */}
      <div className={styles.scroll} role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className={styles.table}>
          <caption id={captionId} className={styles.caption}>
            Outcomes by priority at {formatLongDate(report.asOf)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Priority</th>
              {STATUSES.map((s) => (
                <th key={s} scope="col">
                  {s}
                </th>
              ))}
              <th scope="col">Expected outcomes</th>
              <th scope="col">% complete</th>
              {RAG_RATINGS.map((r) => (
                <th key={r} scope="col">
                  RAG {r}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.figures.priorities.map((p, i) => (
              <tr key={i}>
                <th scope="row">{p.no === null ? p.name : `${p.no}. ${p.name}`}</th>
                <FigureCells figures={p} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Overall</th>
              <FigureCells figures={report.figures.overall} />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function Narrative({ host, report }: { host: PaneHost; report: SummaryReport }) {
  const styles = useViewStyles();
  const [outcome, setOutcome] = useState<Outcome>();
  async function copy() {
    try {
      await host.copyText(narrativeText(report));
      setOutcome({ intent: "success", text: "Copied the narrative: paste it into the committee report." });
    } catch (error) {
      setOutcome({ intent: "error", text: `The narrative could not be copied: ${messageOf(error)}` });
    }
  }
  return (
    <section className={styles.section} aria-labelledby="summary-narrative">
      <Subtitle2 as="h2" id="summary-narrative" className={styles.heading}>
        Narrative
      </Subtitle2>
      {report.narrative.priorities.map((p, i) => (
        <div key={i}>
          <Text as="h3" block weight="semibold" className={styles.heading}>
            {p.no === null ? p.name : `${p.no}. ${p.name}`}
          </Text>
          <Text as="p" block>{p.sentences.join(" ")}</Text>
        </div>
      ))}
      <div>
        <Text as="h3" block weight="semibold" className={styles.heading}>
          Overall
        </Text>
        <Text as="p" block>{report.narrative.overall.join(" ")}</Text>
      </div>
      <Button className={styles.primaryButton} onClick={() => void copy()}>
        Copy narrative
      </Button>
      <Feedback outcome={outcome} />
    </section>
  );
}

function Exceptions({ report }: { report: SummaryReport }) {
  const styles = useViewStyles();
  return (
    <>
      <section className={styles.section} aria-labelledby="summary-exceptions">
        <Subtitle2 as="h2" id="summary-exceptions" className={styles.heading}>
          Red and amber exceptions ({report.exceptions.length})
        </Subtitle2>
        {report.exceptions.length === 0 ? (
          <Text as="p">No action is rated red or amber.</Text>
        ) : (
          <ul className={styles.plainList} aria-labelledby="summary-exceptions">
            {report.exceptions.map((e, i) => (
              <li key={i} className={styles.card}>
                <Text weight="semibold">
                  {e.id}: {e.action}
                </Text>
                <RagWord rag={{ rating: e.rating, reason: e.reason }} />
                <Text>Lead officer: {e.leadOfficer || "none named"}</Text>
                <Text>Latest update: {e.latestUpdate || "none"}</Text>
              </li>
            ))}
          </ul>
        )}
      </section>
      {report.removed.length > 0 && (
        <section className={styles.section} aria-labelledby="summary-removed">
          <Subtitle2 as="h2" id="summary-removed" className={styles.heading}>
            Removed actions ({report.removed.length})
          </Subtitle2>
          <ul className={styles.list}>
            {report.removed.map((r, i) => (
              <li key={i}>
                {r.id}: {sentence(r.action)} Reason: {sentence(r.reason || "none recorded")}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function SignOffForm({ host, sheet }: { host: PaneHost; sheet: string }) {
  const styles = useViewStyles();
  const [name, setName] = useState("");
  const [role, setRole] = useState("");
  const [date, setDate] = useState(() => formatLongDate(localIsoDate(host.today())));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const reading = readDate(date);
  const isoDate = reading.kind === "date" ? reading.date : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!isoDate) {
      setOutcome({ intent: "error", text: "Write the date of the sign-off like 20 January 2015." });
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    try {
      const result = await recordSignOff(host.workbook, { sheet, name, role, date: isoDate });
      setOutcome(result.done ? { intent: "success", text: `Recorded on "${sheet}": ${result.text}` } : { intent: "error", text: result.reason });
    } catch (error) {
      setOutcome({ intent: "error", text: `The sign-off could not be recorded: ${messageOf(error)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate className={styles.form} onSubmit={(e) => void submit(e)} aria-labelledby="summary-sign-off">
      <Subtitle2 as="h2" id="summary-sign-off" className={styles.heading}>
        Sign-off
      </Subtitle2>
      <Text as="p">The chair signs off the sheet &ldquo;{sheet}&rdquo;. Building the summary again clears the sign-off, as its figures may change.</Text>
      <Field label="Name" required>
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      <Field label="Role" required hint="For example: Chair, Responsible Authorities Group.">
        <Input value={role} onChange={(_, d) => setRole(d.value)} />
      </Field>
      <Field
        label="Date"
        required
        hint={isoDate ? formatLongDate(isoDate) : "For example 20 January 2015, or 20/01/2015."}
        validationMessage={isoDate || !date.trim() ? undefined : "This is not a date: write it like 20 January 2015."}
      >
        <Input value={date} onChange={(_, d) => setDate(d.value)} />
      </Field>
      <Feedback outcome={outcome} />
      <Button className={styles.primaryButton} appearance="primary" type="submit" disabledFocusable={busy}>
        Record sign-off
      </Button>
    </form>
  );
}
