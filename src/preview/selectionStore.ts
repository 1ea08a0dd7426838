import { CellSelection } from "../taskpane/memoryHost";

/** The grid's selected cell, shared by the pane (which selects a finding's cell) and the grid. */
export interface SelectionStore {
  get(): CellSelection | undefined;
  set(selection: CellSelection): void;
  subscribe(listener: () => void): () => void;
}

export function createSelectionStore(initial?: CellSelection): SelectionStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(selection) {
      current = selection;
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
