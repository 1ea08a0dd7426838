import { normaliseHeader } from "./contract";

/**
 * Edit distance between two strings (insertions, deletions, substitutions, adjacent swaps). Keeps three rows
 * of the table, not all of it, so memory grows with `b`'s length only.
 */
export function editDistance(a: string, b: string): number {
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], twoBack[j - 2] + 1);
    }
    twoBack = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * Character pairs compared at most for one suggestion: two names of 1,000 characters. Past it (a cell of
 * 32,767 characters against another) only containment is tried, as the full comparison would take seconds.
 */
const MAX_COMPARED = 1_000_000;

/**
 * The registered name nearest to what was typed, if it is near enough to be a slip:
 * a few letters off, or one name containing the other.
 */
export function nearestName(typed: string, names: readonly string[]): string | undefined {
  const wanted = normaliseHeader(typed);
  let best: { name: string; score: number } | undefined;
  for (const name of names) {
    const candidate = normaliseHeader(name);
    if (!candidate) continue;
    const gap = Math.abs(wanted.length - candidate.length);
    const allowed = Math.max(2, Math.floor(Math.max(wanted.length, candidate.length) / 4));
    const contains = wanted.length >= 4 && (candidate.includes(wanted) || wanted.includes(candidate));
    // One inside the other is exactly `gap` insertions; otherwise the distance is at least the gap.
    if (!contains && (gap > allowed || wanted.length * candidate.length > MAX_COMPARED)) continue;
    const distance = contains ? gap : editDistance(wanted, candidate);
    const score = contains ? Math.min(distance, allowed) : distance;
    if ((distance <= allowed || contains) && (!best || score < best.score)) best = { name, score };
  }
  return best?.name;
}
