import { normaliseHeader } from "./contract";

/** Edit distance between two strings (insertions, deletions, substitutions, adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

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
    const distance = editDistance(wanted, candidate);
    const allowed = Math.max(2, Math.floor(Math.max(wanted.length, candidate.length) / 4));
    const contains = wanted.length >= 4 && (candidate.includes(wanted) || wanted.includes(candidate));
    const score = contains ? Math.min(distance, allowed) : distance;
    if ((distance <= allowed || contains) && (!best || score < best.score)) best = { name, score };
  }
  return best?.name;
}
