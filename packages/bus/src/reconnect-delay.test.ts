import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './reconnect-delay';

describe('reconnectDelay', () => {
  it('doubles from 50 ms', () => {
    expect([1, 2, 3, 4, 5, 6].map(reconnectDelay)).toEqual([50, 100, 200, 400, 800, 1600]);
  });

  it('stays at 2 s however long the outage lasts', () => {
    expect(reconnectDelay(7)).toBe(2_000);
    expect(reconnectDelay(1_000)).toBe(2_000);
  });
});
