/** @jest-environment jsdom */
import { act, renderHook, waitFor } from "@testing-library/react";
import { memoryPlan, seedWith } from "../../../test/support/planFixture";
import { createMemoryHost } from "../memoryHost";
import { BUSY_RETRY_DELAYS_MS, RECHECK_DELAY_MS, usePlanCheck } from "./usePlanCheck";

async function setUp() {
  const workbook = await memoryPlan(seedWith([{ id: "1.1" }]));
  const host = createMemoryHost(workbook, { today: new Date(2015, 0, 20, 14, 5) });
  const reads = jest.spyOn(host.workbook, "read");
  return { workbook, host, reads };
}

afterEach(() => jest.useRealTimers());

describe("usePlanCheck", () => {
  it("checks the plan once on mount", async () => {
    const { host, reads } = await setUp();
    const { result } = renderHook(() => usePlanCheck(host));
    expect(result.current.checking).toBe(true);
    await waitFor(() => expect(result.current.checking).toBe(false));
    expect(result.current.check?.plan.actions.map((a) => a.id)).toEqual(["1.1"]);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it("re-checks once, 500 ms after a burst of table changes ends, remote or not", async () => {
    const { host, reads } = await setUp();
    const { result } = renderHook(() => usePlanCheck(host));
    await waitFor(() => expect(result.current.checking).toBe(false));
    jest.useFakeTimers();
    act(() => host.fireTablesChanged());
    act(() => jest.advanceTimersByTime(300));
    act(() => host.fireTablesChanged({ remote: true }));
    act(() => jest.advanceTimersByTime(RECHECK_DELAY_MS - 1));
    expect(reads).toHaveBeenCalledTimes(1);
    await act(async () => {
      jest.advanceTimersByTime(1);
    });
    expect(reads).toHaveBeenCalledTimes(2);
    jest.useRealTimers();
    await waitFor(() => expect(result.current.checking).toBe(false));
  });

  it("says when the workbook cannot be read, and keeps the last check", async () => {
    const { host, reads } = await setUp();
    const { result } = renderHook(() => usePlanCheck(host));
    await waitFor(() => expect(result.current.check).toBeDefined());
    reads.mockRejectedValueOnce(new Error("The workbook is busy."));
    await act(() => result.current.refresh());
    expect(result.current.error).toBe("The workbook could not be read: The workbook is busy.");
    expect(result.current.check).toBeDefined();
  });

  it("stops listening, and forgets a pending re-check, when the pane closes", async () => {
    const { host, reads } = await setUp();
    const { result, unmount } = renderHook(() => usePlanCheck(host));
    await waitFor(() => expect(result.current.checking).toBe(false));
    expect(host.listenerCount()).toBe(1);
    jest.useFakeTimers();
    act(() => host.fireTablesChanged());
    unmount();
    jest.advanceTimersByTime(RECHECK_DELAY_MS * 2);
    expect(host.listenerCount()).toBe(0);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it("reads in the background after a change, and records when it read", async () => {
    const { host } = await setUp();
    const { result } = renderHook(() => usePlanCheck(host));
    await waitFor(() => expect(result.current.checking).toBe(false));
    expect(host.reads).toEqual([{}]);
    expect(result.current.checkedAt).toEqual(new Date(2015, 0, 20, 14, 5));
    jest.useFakeTimers();
    act(() => host.fireTablesChanged());
    await act(async () => {
      jest.advanceTimersByTime(RECHECK_DELAY_MS);
    });
    expect(host.reads).toEqual([{}, { background: true }]);
  });

  it("re-checks in the background when the pane is shown again", async () => {
    const { host } = await setUp();
    const { result } = renderHook(() => usePlanCheck(host));
    await waitFor(() => expect(result.current.checking).toBe(false));
    expect(host.visibleListenerCount()).toBe(1);
    act(() => host.fireVisible());
    await waitFor(() => expect(host.reads).toEqual([{}, { background: true }]));
    await waitFor(() => expect(result.current.checking).toBe(false));
  });

  it("while a cell is being edited, keeps the last figures without an error and tries again quietly", async () => {
    const { host } = await setUp();
    const { result } = renderHook(() => usePlanCheck(host));
    await waitFor(() => expect(result.current.check).toBeDefined());
    const shown = result.current.check;
    host.setBusy(true);
    jest.useFakeTimers();
    act(() => host.fireTablesChanged());
    await act(async () => {
      jest.advanceTimersByTime(RECHECK_DELAY_MS);
    });
    expect(host.reads).toHaveLength(2);
    expect(result.current).toMatchObject({ check: shown, error: undefined, checking: false });
    // The first pause passes: still busy, so another quiet try, and a longer pause.
    await act(async () => {
      jest.advanceTimersByTime(BUSY_RETRY_DELAYS_MS[0]);
    });
    expect(host.reads).toHaveLength(3);
    expect(result.current.error).toBeUndefined();
    // The cell is left: the next try reads the workbook.
    host.setBusy(false);
    await act(async () => {
      jest.advanceTimersByTime(BUSY_RETRY_DELAYS_MS[1]);
    });
    expect(host.reads).toHaveLength(4);
    expect(host.reads.slice(1)).toEqual([{ background: true }, { background: true }, { background: true }]);
    expect(result.current).toMatchObject({ error: undefined, checking: false });
    expect(result.current.check).not.toBe(shown);
  });

  it("gives up retrying after a few growing pauses, until the next change", async () => {
    const { host } = await setUp();
    const { result } = renderHook(() => usePlanCheck(host));
    await waitFor(() => expect(result.current.check).toBeDefined());
    host.setBusy(true);
    jest.useFakeTimers();
    act(() => host.fireTablesChanged());
    await act(async () => {
      jest.advanceTimersByTime(RECHECK_DELAY_MS);
    });
    for (const delay of BUSY_RETRY_DELAYS_MS) {
      await act(async () => {
        jest.advanceTimersByTime(delay);
      });
    }
    const tries = 1 + 1 + BUSY_RETRY_DELAYS_MS.length;
    expect(host.reads).toHaveLength(tries);
    await act(async () => {
      jest.advanceTimersByTime(BUSY_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0) * 2);
    });
    expect(host.reads).toHaveLength(tries);
    expect(result.current.error).toBeUndefined();
    // A new change is a new reason to look.
    host.setBusy(false);
    act(() => host.fireTablesChanged());
    await act(async () => {
      jest.advanceTimersByTime(RECHECK_DELAY_MS);
    });
    expect(host.reads).toHaveLength(tries + 1);
  });

  it("says plainly that Excel is busy when the person asked for the check", async () => {
    const { host } = await setUp();
    const { result } = renderHook(() => usePlanCheck(host));
    await waitFor(() => expect(result.current.check).toBeDefined());
    host.setBusy(true);
    await act(() => result.current.refresh());
    expect(host.reads[host.reads.length - 1]).toEqual({});
    expect(result.current.error).toBe("Excel is busy: a cell is being edited. Press Enter or Esc in the cell, then try again.");
    expect(result.current.check).toBeDefined();
    host.setBusy(false);
    await act(() => result.current.refresh());
    expect(result.current.error).toBeUndefined();
  });

  it("forgets a pending busy retry, and stops listening for the pane being shown, when the pane closes", async () => {
    const { host } = await setUp();
    const { result, unmount } = renderHook(() => usePlanCheck(host));
    await waitFor(() => expect(result.current.check).toBeDefined());
    host.setBusy(true);
    jest.useFakeTimers();
    act(() => host.fireVisible());
    await act(async () => {
      jest.advanceTimersByTime(0);
    });
    expect(host.reads).toHaveLength(2);
    unmount();
    jest.advanceTimersByTime(BUSY_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0));
    expect(host.reads).toHaveLength(2);
    expect(host.visibleListenerCount()).toBe(0);
  });
});
