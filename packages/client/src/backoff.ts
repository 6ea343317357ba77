export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, maxMs: 30_000 };

/**
 * "Full jitter" (AWS architecture blog, "Exponential Backoff And Jitter"): a uniform delay in
 * [0, min(max, base * 2^attempt)), so a relay restart does not get every client back in one burst.
 */
export function backoffDelay(attempt: number, { baseMs, maxMs }: Backoff, random: () => number): number {
  return random() * Math.min(maxMs, baseMs * 2 ** attempt);
}
