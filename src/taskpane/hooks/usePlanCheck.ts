import { useCallback, useEffect, useRef, useState } from "react";
import { PlanCheck } from "../../domain/check";
import { checkPlan } from "../../usecases/checkPlan";
import { PaneHost } from "../host";
import { messageOf } from "../messages";

/** How long the pane waits after the last table change before checking again. */
export const RECHECK_DELAY_MS = 500;

export interface PlanCheckState {
  /** The latest check; kept while a newer one runs, so views do not flicker. */
  readonly check: PlanCheck | undefined;
  /** Why the workbook could not be read, if it could not. */
  readonly error: string | undefined;
  readonly checking: boolean;
  /** Reads and checks the plan now. */
  readonly refresh: () => Promise<void>;
}

/**
 * The plan as checked (use-case checkPlan), re-checked after table changes. Changes are debounced; local
 * and remote changes alike only re-read the data: nothing opens, moves focus or clears what a person typed.
 */
export function usePlanCheck(host: PaneHost, delayMs: number = RECHECK_DELAY_MS): PlanCheckState {
  const [state, setState] = useState<Omit<PlanCheckState, "refresh">>({ check: undefined, error: undefined, checking: true });
  const latest = useRef(0);
  const mounted = useRef(false);

  const refresh = useCallback(async () => {
    const run = ++latest.current;
    setState((s) => ({ ...s, checking: true }));
    try {
      const check = await checkPlan(host.workbook);
      if (mounted.current && run === latest.current) setState({ check, error: undefined, checking: false });
    } catch (error) {
      if (mounted.current && run === latest.current) {
        setState((s) => ({ ...s, error: `The workbook could not be read: ${messageOf(error)}`, checking: false }));
      }
    }
  }, [host]);

  useEffect(() => {
    mounted.current = true;
    void refresh();
    return () => {
      mounted.current = false;
    };
  }, [refresh]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Remote (co-authoring) and local changes are treated alike: re-read after a pause, nothing more.
    const stop = host.onTablesChanged(() => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void refresh();
      }, delayMs);
    });
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [host, refresh, delayMs]);

  return { ...state, refresh };
}
