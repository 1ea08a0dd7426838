import { useCallback, useEffect, useRef, useState } from "react";
import { PlanCheck } from "../../domain/check";
import { WorkbookBusyError } from "../../port/errors";
import { checkPlan } from "../../usecases/checkPlan";
import { PaneHost } from "../host";
import { messageOf } from "../messages";

/** How long the pane waits after the last table change before checking again. */
export const RECHECK_DELAY_MS = 500;

/**
 * When a background re-check finds Excel busy (a cell being edited), the pauses before trying again: a
 * few, growing, then no more until the next change or the next time the pane is shown.
 */
export const BUSY_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 16_000];

export interface PlanCheckState {
  /** The latest check; kept while a newer one runs, so views do not flicker. */
  readonly check: PlanCheck | undefined;
  /** When the workbook was read for `check` (the host's clock), so that stale figures can be seen. */
  readonly checkedAt: Date | undefined;
  /** Why the workbook could not be read, if it could not. */
  readonly error: string | undefined;
  readonly checking: boolean;
  /** Reads and checks the plan now, as the person asked: a busy Excel is reported, not retried. */
  readonly refresh: () => Promise<void>;
}

type State = Omit<PlanCheckState, "refresh">;

/**
 * The plan as checked (use-case checkPlan), re-checked after table changes and when the pane is shown
 * again. Changes are debounced; local and remote changes alike only re-read the data: nothing opens, moves
 * focus or clears what a person typed. Re-checks nobody asked for read in the background: when Excel is
 * busy they keep the last figures and try again later, without an error.
 */
export function usePlanCheck(host: PaneHost, delayMs: number = RECHECK_DELAY_MS): PlanCheckState {
  const [state, setState] = useState<State>({ check: undefined, checkedAt: undefined, error: undefined, checking: true });
  const latest = useRef(0);
  const mounted = useRef(false);
  const retry = useRef<{ timer: ReturnType<typeof setTimeout> | undefined; attempt: number }>({ timer: undefined, attempt: 0 });

  const stopRetrying = useCallback(() => {
    if (retry.current.timer !== undefined) clearTimeout(retry.current.timer);
    retry.current = { timer: undefined, attempt: 0 };
  }, []);

  const run = useCallback(
    async (background: boolean) => {
      const mine = ++latest.current;
      if (retry.current.timer !== undefined) clearTimeout(retry.current.timer);
      retry.current.timer = undefined;
      setState((s) => ({ ...s, checking: true }));
      try {
        const check = await checkPlan(host.workbook, {}, background ? { background: true } : {});
        if (mounted.current && mine === latest.current) {
          retry.current.attempt = 0;
          setState({ check, checkedAt: host.today(), error: undefined, checking: false });
        }
      } catch (error) {
        if (!mounted.current || mine !== latest.current) return;
        if (background && error instanceof WorkbookBusyError) {
          // Someone is typing in a cell: keep what is shown and try again quietly.
          setState((s) => ({ ...s, checking: false }));
          const attempt = retry.current.attempt;
          if (attempt < BUSY_RETRY_DELAYS_MS.length) {
            retry.current = {
              attempt: attempt + 1,
              timer: setTimeout(() => {
                retry.current.timer = undefined;
                void run(true);
              }, BUSY_RETRY_DELAYS_MS[attempt]),
            };
          }
          return;
        }
        // A busy Excel the person asked about is said plainly; anything else says what failed.
        const text = error instanceof WorkbookBusyError ? messageOf(error) : `The workbook could not be read: ${messageOf(error)}`;
        setState((s) => ({ ...s, error: text, checking: false }));
      }
    },
    [host],
  );

  const refresh = useCallback(async () => {
    stopRetrying();
    await run(false);
  }, [run, stopRetrying]);

  useEffect(() => {
    mounted.current = true;
    void run(false);
    return () => {
      mounted.current = false;
      stopRetrying();
    };
  }, [run, stopRetrying]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = (delay: number) => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        // A new reason to look: the busy back-off starts again from its shortest pause.
        stopRetrying();
        void run(true);
      }, delay);
    };
    // Remote (co-authoring) and local changes are treated alike: re-read after a pause, nothing more.
    const stopChanges = host.onTablesChanged(() => soon(delayMs));
    // Shown again: some edits raise no change event, so what is shown may be stale. Look now.
    const stopVisible = host.onVisible(() => soon(0));
    return () => {
      stopChanges();
      stopVisible();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [host, run, stopRetrying, delayMs]);

  return { ...state, refresh };
}
