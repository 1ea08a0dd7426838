import { PlanSeed, SeedAction } from "../planSeed";
import { SAMPLE_PLAN } from "./samplePlan";

/**
 * The sample plan grown to any number of actions (for benchmarks and size tests): the sample's actions
 * repeated in turn, each with its own ID under its priority.
 */
export function scaledPlan(actions: number): PlanSeed {
  const counters = new Map<number, number>();
  const list: SeedAction[] = Array.from({ length: actions }, (_, i) => {
    const a = SAMPLE_PLAN.actions[i % SAMPLE_PLAN.actions.length];
    const no = SAMPLE_PLAN.priorities.find((p) => p.name === a.priority)!.no;
    const n = (counters.get(no) ?? 0) + 1;
    counters.set(no, n);
    return { ...a, id: `${no}.${n}` };
  });
  return { ...SAMPLE_PLAN, actions: list };
}
