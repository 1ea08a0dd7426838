/** @jest-environment jsdom */
import { act, renderHook, waitFor } from "@testing-library/react";
import { memoryPlan, seedWith } from "../../../test/support/planFixture";
import { createMemoryHost } from "../memoryHost";
import { RECHECK_DELAY_MS, usePlanCheck } from "./usePlanCheck";

async function setUp() {
  const workbook = await memoryPlan(seedWith([{ id: "1.1" }]));
  const host = createMemoryHost(workbook);
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
});
