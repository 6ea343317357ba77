/** Order statistics for a handful of runs: medians and tails, never means (one GC pause skews a mean). */

export interface Spread {
  median: number;
  p90: number;
  /** Interquartile range: the run-to-run noise a difference of medians is judged against. */
  iqr: number;
  min: number;
  max: number;
}

/** Linear interpolation between closest ranks (the definition spreadsheets and numpy use by default). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export function spread(values: readonly number[]): Spread {
  return {
    median: quantile(values, 0.5),
    p90: quantile(values, 0.9),
    iqr: quantile(values, 0.75) - quantile(values, 0.25),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}
