import { Button, Field, Input, Select, Subtitle2, Text } from "@fluentui/react-components";
import { useId, useMemo, useState } from "react";
import { columnLetter } from "../../domain/cells";
import { ACTION_COLUMNS, Quarter, Status, STATUSES } from "../../domain/contract";
import { formatLongDate, IsoDate, localIsoDate } from "../../domain/dates";
import { formatFinancialYear, parseFinancialYear, quarterOf } from "../../domain/quarters";
import { SheetCells } from "../../domain/sheetCells";
import { proposeSheetAdoption } from "../../domain/sheetAdoption/proposeSheetAdoption";
import { ProposedRow, SheetProposal } from "../../domain/sheetProposal";
import { setUpPlan } from "../../usecases/setUpPlan";
import { Outcome } from "../components/Feedback";
import { QuarterSelect } from "../components/QuarterSelect";
import { useViewStyles } from "../components/styles";
import { PlanCheckState } from "../hooks/usePlanCheck";
import { PaneHost } from "../host";
import { count, messageOf } from "../messages";

interface Props {
  readonly host: PaneHost;
  readonly planCheck: PlanCheckState;
  readonly onOutcome: (o: Outcome | undefined) => void;
}

/** Lists this long are cut, with a count of the rest: the pane is narrow and the sheet may be long. */
const LIST_LIMIT = 30;

/** What a row below the header was taken as, in words. */
function rowWords(row: ProposedRow): string {
  const at = `Row ${row.row + 1}`;
  switch (row.kind) {
    case "section":
      return `${at}: a section heading${row.text ? `, “${row.text}”` : ""}`;
    case "repeatedHeader":
      return `${at}: the header repeated`;
    case "blank":
      return `${at}: blank`;
    case "note":
      return `${at}: a note${row.text ? `, “${row.text}”` : ""}`;
    default:
      return `${at}: an action`;
  }
}

function Capped({ items, label, className }: { items: readonly string[]; label: string; className: string }) {
  const shown = items.slice(0, LIST_LIMIT);
  return (
    <ul className={className} aria-label={label}>
      {shown.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
      {items.length > shown.length && <li>…and {items.length - shown.length} more.</li>}
    </ul>
  );
}

/**
 * Adopt this sheet: reads the sheet the user is on, whatever its layout (titles, merged cells, sections,
 * status kept as colour), and shows how it would become a plan: the header row, what each column maps to
 * and why, each status value with a choice of contract status, the dates converted, the rows skipped and
 * anything Excel could not read. Only "Create the plan" writes, adding the plan's sheets beside the
 * original, which is never changed.
 */
export function AdoptSheet({ host, planCheck, onOutcome }: Props) {
  const styles = useViewStyles();
  const ids = useId();
  const now = quarterOf(localIsoDate(host.today()));
  const [year, setYear] = useState(formatFinancialYear(now.year));
  const [quarter, setQuarter] = useState<Quarter>(now.quarter);
  const [statusMap, setStatusMap] = useState<Record<string, Status>>({});
  const [cells, setCells] = useState<SheetCells>();
  const [busy, setBusy] = useState(false);
  const parsedYear = parseFinancialYear(year);
  const yearError = !parsedYear ? "Write the plan year as a financial year, like 2015/16." : undefined;
  const yearText = parsedYear ? formatFinancialYear(parsedYear) : undefined;
  // Proposed again from the same cells on each change of year, quarter or status (no second read of the
  // workbook), and only then: a long sheet is not re-proposed on every render.
  const proposal: SheetProposal | undefined = useMemo(
    () => (cells && yearText ? proposeSheetAdoption(cells, { year: yearText, currentQuarter: quarter, statusMap }) : undefined),
    [cells, yearText, quarter, statusMap],
  );

  async function read() {
    if (!host.sheets || busy) return;
    setBusy(true);
    onOutcome(undefined);
    try {
      setStatusMap({});
      setCells(await host.sheets.readSheet());
    } catch (error) {
      onOutcome({ intent: "error", text: `The sheet could not be read: ${messageOf(error)}` });
    } finally {
      setBusy(false);
    }
  }

  async function create(reviewed: SheetProposal) {
    if (!reviewed.seed || busy) return;
    setBusy(true);
    onOutcome(undefined);
    try {
      const outcome = await setUpPlan(host.workbook, reviewed.seed);
      if (outcome.done) {
        onOutcome({
          intent: "success",
          text: `Created the plan from the sheet ${reviewed.sheet}: added the sheets ${outcome.sheets.join(", ")}, with ${count(reviewed.seed.actions.length, "action", "actions")}. The sheet ${reviewed.sheet} is as it was.`,
        });
        setCells(undefined);
        await planCheck.refresh();
      } else {
        onOutcome({ intent: "error", text: outcome.reason });
      }
    } catch (error) {
      onOutcome({ intent: "error", text: `The plan could not be created: ${messageOf(error)}` });
    } finally {
      setBusy(false);
    }
  }

  const choose = (value: string, status: string) =>
    setStatusMap((map) => {
      const next = { ...map };
      if (STATUSES.includes(status as Status)) next[value] = status as Status;
      else delete next[value];
      return next;
    });

  const reasonId = `${ids}-reason`;
  const refusal = proposal && !proposal.seed
    ? proposal.unmapped.length > 0
      ? `Choose a status for ${proposal.unmapped.map((u) => `“${u}”`).join(", ")} first: the plan cannot be created while a status value is not mapped.`
      : "The plan cannot be created from this sheet: see the notes above."
    : undefined;
  const actions = proposal?.rows.filter((r) => r.kind === "action").length ?? 0;
  const skipped = proposal?.rows.filter((r) => r.kind !== "action") ?? [];

  return (
    <section className={styles.section} aria-labelledby={`${ids}-heading`}>
      <Subtitle2 as="h2" id={`${ids}-heading`} className={styles.heading}>
        Adopt this sheet
      </Subtitle2>
      <Text as="p">
        If the plan is kept on a sheet in a layout of its own (a title, merged cells, sections, status as a colour), go to that sheet and
        adopt it: you see how every column, status and date would be taken before anything is written, and the sheet itself is not changed.
      </Text>
      <div className={styles.form}>
        <Field label="Year of this sheet’s plan" hint="A financial year, 1 April to 31 March, written like 2015/16." required validationMessage={yearError}>
          <Input value={year} onChange={(_, d) => setYear(d.value)} />
        </Field>
        <QuarterSelect label="Current quarter of this sheet" value={quarter} onChange={setQuarter} />
      </div>
      {!proposal && (
        <Button className={styles.primaryButton} onClick={() => void read()} disabledFocusable={busy || !parsedYear}>
          {busy ? "Reading…" : "Adopt this sheet"}
        </Button>
      )}
      {proposal && (
        <div className={styles.section} role="region" aria-label="How the sheet would be adopted">
          <Text as="p">
            Sheet <strong>{proposal.sheet}</strong>:{" "}
            {proposal.headerRow >= 0 ? `the header is on row ${proposal.headerRow + 1}; ${count(actions, "row becomes an action", "rows become actions")}.` : "no header row was found."}
          </Text>

          {proposal.columns.length > 0 && (
            <table aria-label="Columns and what each becomes">
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Header</th>
                  <th scope="col">Becomes</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {proposal.columns.map((c) => (
                  <tr key={c.column}>
                    <td>{columnLetter(c.column)}</td>
                    <td>{c.header || "(blank)"}</td>
                    <td>{c.mapsTo ? ACTION_COLUMNS[c.mapsTo] : "not a plan column"}</td>
                    <td>{c.why}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          {proposal.statuses.length > 0 && (
            <fieldset className={styles.form}>
              <legend>Statuses found, and what each becomes</legend>
              {proposal.statuses.map((s) => (
                <Field key={s.value} label={`“${s.value}” (${count(s.count, "action", "actions")})`} validationMessage={s.status ? undefined : "Not mapped yet"}>
                  <Select value={s.status ?? ""} onChange={(_, d) => choose(s.value, d.value)}>
                    <option value="">Choose a status…</option>
                    {STATUSES.map((status) => (
                      <option key={status} value={status}>
                        {status}
                      </option>
                    ))}
                  </Select>
                </Field>
              ))}
            </fieldset>
          )}

          {proposal.dates.length > 0 && (
            <>
              <Text as="h3" weight="semibold" className={styles.heading}>
                Dates
              </Text>
              <Capped
                className={styles.list}
                label="Dates"
                items={proposal.dates.map((d) => `${d.cell}: “${d.from}” ${d.to ? `becomes ${formatLongDate(d.to as IsoDate)}` : "is kept as text"} (${d.how})`)}
              />
            </>
          )}

          {skipped.length > 0 && (
            <>
              <Text as="h3" weight="semibold" className={styles.heading}>
                Rows that are not actions
              </Text>
              <Capped className={styles.list} label="Rows that are not actions" items={skipped.map(rowWords)} />
            </>
          )}

          {proposal.findings.length > 0 && (
            <>
              <Text as="h3" weight="semibold" className={styles.heading}>
                Notes
              </Text>
              <Capped className={styles.list} label="Notes" items={proposal.findings.map((f) => `${f.cell ? `${f.cell}: ` : ""}${f.message}`)} />
            </>
          )}

          {proposal.unread.length > 0 && (
            <>
              <Text as="h3" weight="semibold" className={styles.heading}>
                What could not be read
              </Text>
              <Capped className={styles.list} label="What could not be read" items={proposal.unread.map((u) => `${u[0].toUpperCase()}${u.slice(1)}.`)} />
            </>
          )}

          {refusal && (
            <Text as="p" id={reasonId}>
              {refusal}
            </Text>
          )}
          <div className={styles.row}>
            <Button
              appearance="primary"
              onClick={() => void create(proposal)}
              disabledFocusable={busy || !proposal.seed}
              aria-describedby={refusal ? reasonId : undefined}
            >
              {busy ? "Creating…" : "Create the plan"}
            </Button>
            <Button onClick={() => setCells(undefined)} disabledFocusable={busy}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
