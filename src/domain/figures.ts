import { Status, STATUSES } from "./contract";
import { Period } from "./period";
import { findPriority, Plan, PlanAction } from "./plan";
import { Rag, RAG_RATINGS, RagRating, rateAction } from "./rag";

/** Percentage to one decimal place, rounded half up, in exact integer arithmetic: tenths of a per cent. */
export function percentTenths(count: number, total: number): number {
  if (total === 0) return 0;
  return Math.floor((2000 * count + total) / (2 * total));
}

/** `6.7%`. */
export function formatPercent(tenths: number): string {
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

export interface Figures {
  /** Every action, removed included (brief §4). */
  readonly expected: number;
  readonly counts: Readonly<Record<Status, number>>;
  /** Tenths of a per cent of `expected`, per status. */
  readonly percentTenths: Readonly<Record<Status, number>>;
  readonly rag: Readonly<Record<RagRating, number>>;
  /** IDs of removed actions, in plan order. */
  readonly removedIds: readonly string[];
}

export interface PriorityFigures extends Figures {
  /** Null for actions whose priority is not in the Priorities table. */
  readonly no: number | null;
  readonly name: string;
}

export interface PlanFigures {
  readonly priorities: readonly PriorityFigures[];
  readonly overall: Figures;
}

export interface RatedAction {
  readonly action: PlanAction;
  readonly rag: Rag;
}

export function rateAll(plan: Plan, period: Period): RatedAction[] {
  return plan.actions.map((action) => ({ action, rag: rateAction(action, period) }));
}

function zero<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function figuresOf(rated: readonly RatedAction[]): Figures {
  const counts = zero(STATUSES);
  const rag = zero(RAG_RATINGS);
  const removedIds: string[] = [];
  for (const { action, rag: r } of rated) {
    if (action.status) counts[action.status] += 1;
    if (action.status === "Removed") removedIds.push(action.id);
    rag[r.rating] += 1;
  }
  const expected = rated.length;
  const percent = zero(STATUSES);
  for (const s of STATUSES) percent[s] = percentTenths(counts[s], expected);
  return { expected, counts, percentTenths: percent, rag, removedIds };
}

/** Counts per priority (in the Priorities table's order) and overall, all from the same rated actions. */
export function computeFigures(plan: Plan, rated: readonly RatedAction[]): PlanFigures {
  const groups = new Map<string, { no: number | null; name: string; rated: RatedAction[] }>();
  const ordered = [...plan.priorities].sort((a, b) => (a.no ?? Infinity) - (b.no ?? Infinity));
  for (const p of ordered) groups.set(`p:${p.row}`, { no: p.no ?? null, name: p.name, rated: [] });
  for (const r of rated) {
    const priority = findPriority(plan.priorities, r.action.priority);
    const key = priority ? `p:${priority.row}` : `x:${r.action.priority.toLowerCase()}`;
    const group = groups.get(key) ?? { no: null, name: r.action.priority || "(no priority)", rated: [] };
    group.rated.push(r);
    groups.set(key, group);
  }
  return {
    priorities: [...groups.values()].map((g) => ({ no: g.no, name: g.name, ...figuresOf(g.rated) })),
    overall: figuresOf(rated),
  };
}
