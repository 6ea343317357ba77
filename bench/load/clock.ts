/**
 * Monotonic microseconds from CLOCK_MONOTONIC, which every process on one machine shares: a send
 * time stamped in one generator process can be subtracted from an arrival time in another.
 * (performance.now() counts from each process's own start, so it cannot be compared that way.)
 */
export function nowMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
