import { describe, expect, it } from 'vitest';
import { estimateWaitSeconds, median } from './wait-estimate';

describe('wait estimate', () => {
  it('takes the median, odd and even', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('scales the median pick-up time by the position, in seconds', () => {
    expect(estimateWaitSeconds([30_000, 60_000, 90_000], 1)).toBe(60);
    expect(estimateWaitSeconds([30_000, 60_000, 90_000], 3)).toBe(180);
  });

  it('is not skewed by one very long wait', () => {
    expect(estimateWaitSeconds([10_000, 12_000, 3_600_000], 1)).toBe(12);
  });

  it('gives no estimate without history', () => {
    expect(estimateWaitSeconds([], 4)).toBeNull();
  });
});
