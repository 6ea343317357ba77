/**
 * A latency histogram in microseconds with ~1% wide logarithmic buckets: constant memory at any
 * message rate, mergeable across generator processes, and sent over IPC as sparse pairs.
 * Percentiles come back as the bucket's geometric midpoint, so they are within 0.5%.
 */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** 1.01^2200 µs is far beyond any step: nothing realistic falls off the end. */
const BUCKETS = 2200;

export type HistogramData = Array<[bucket: number, count: number]>;

export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  maxMicros = 0;

  record(micros: number): void {
    const value = Math.max(1, micros);
    const bucket = Math.min(BUCKETS - 1, Math.floor(Math.log(value) / LOG_GROWTH));
    this.counts[bucket]! += 1;
    this.count += 1;
    if (value > this.maxMicros) this.maxMicros = value;
  }

  merge(data: { buckets: HistogramData; maxMicros: number }): void {
    for (const [bucket, count] of data.buckets) {
      this.counts[bucket]! += count;
      this.count += count;
    }
    this.maxMicros = Math.max(this.maxMicros, data.maxMicros);
  }

  /** The value below which a fraction `p` (0..1) of the samples fall, in microseconds; NaN when empty. */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(p * this.count));
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.counts[bucket]!;
      if (seen >= rank) return Math.min(this.maxMicros, GROWTH ** (bucket + 0.5));
    }
    return this.maxMicros;
  }

  toData(): { buckets: HistogramData; maxMicros: number } {
    const buckets: HistogramData = [];
    this.counts.forEach((count, bucket) => {
      if (count > 0) buckets.push([bucket, count]);
    });
    return { buckets, maxMicros: this.maxMicros };
  }
}
