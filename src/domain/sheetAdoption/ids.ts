/** One action's reference as found, and the priority number it falls under. */
export interface FoundReference {
  readonly ref: string;
  /** True when the reference came from a merged area spanning several rows. */
  readonly merged: boolean;
  readonly priorityNo: number;
}

export interface AssignedId {
  readonly id: string;
  /** True when the ID was generated; `ref` is then kept as the original reference (possibly ""). */
  readonly generated: boolean;
  readonly ref: string;
}

/**
 * IDs for adopted actions (issue 11 item 2): a reference is kept where present and unique; where it is
 * missing, or shared (merged over several task rows, or repeated), an ID `p.n` is generated from the
 * priority number and the action's place in that priority, skipping any ID already kept.
 */
export function assignIds(found: readonly FoundReference[]): AssignedId[] {
  const counts = new Map<string, number>();
  for (const f of found) if (f.ref) counts.set(f.ref.toLowerCase(), (counts.get(f.ref.toLowerCase()) ?? 0) + 1);
  const keeps = (f: FoundReference) => f.ref !== "" && !f.merged && counts.get(f.ref.toLowerCase()) === 1;
  const taken = new Set(found.filter(keeps).map((f) => f.ref.toLowerCase()));
  const next = new Map<number, number>();
  return found.map((f) => {
    if (keeps(f)) return { id: f.ref, generated: false, ref: f.ref };
    let n = next.get(f.priorityNo) ?? 0;
    let id: string;
    do { n++; id = `${f.priorityNo}.${n}`; } while (taken.has(id.toLowerCase()));
    next.set(f.priorityNo, n);
    taken.add(id.toLowerCase());
    return { id, generated: true, ref: f.ref };
  });
}
