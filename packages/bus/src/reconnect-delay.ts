const FIRST_DELAY_MS = 50;
const MAX_DELAY_MS = 2_000;

/**
 * Milliseconds to wait before reconnect attempt `attempt` (1-based): doubling from 50 ms, capped
 * at 2 s, so a Redis restart is noticed quickly and a long outage costs one attempt every 2 s.
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS);
}
