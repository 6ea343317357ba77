/** An honest wait estimate: the team's median recent pick-up time, times the place in line; none without history. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function estimateWaitSeconds(recentWaitsMs: readonly number[], position: number): number | null {
  const typical = median(recentWaitsMs);
  return typical === null ? null : Math.round((typical * position) / 1000);
}
