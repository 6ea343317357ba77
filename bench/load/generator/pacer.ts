/**
 * Open-loop pacing: messages go out on a schedule (rate x elapsed time), whether or not earlier
 * ones were answered, so a slow server shows up as latency and backlog, not as a politely lower
 * offered rate. Bounded by time: it stops when `durationMs` is over.
 */
import { nowMicros } from '../clock';

export interface PaceResult {
  sent: number;
  startMicros: number;
  endMicros: number;
}

/** Calls `send(n)` for n = 0, 1, ... on schedule; `send` returns false when it skipped. */
export function pace(rate: number, durationMs: number, send: (n: number) => void): Promise<PaceResult> {
  const startMicros = nowMicros();
  const endMicros = startMicros + durationMs * 1000;
  const total = Math.floor((rate * durationMs) / 1000);
  let sent = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const now = nowMicros();
      const due = Math.min(total, Math.floor((rate * (now - startMicros)) / 1e6));
      while (sent < due) send(sent++);
      if (now >= endMicros || sent >= total) {
        resolve({ sent, startMicros, endMicros });
        return;
      }
      // 1 ms timers: the schedule is kept to about a millisecond, bursts stay small.
      setTimeout(tick, 1);
    };
    tick();
  });
}
