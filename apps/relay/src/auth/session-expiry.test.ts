import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchSessionExpiry } from './session-expiry';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00.000Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('watchSessionExpiry', () => {
  it('fires once, at the expiry time and not before', () => {
    const expired = vi.fn();
    watchSessionExpiry('2026-01-01T01:00:00.000Z', expired);
    vi.advanceTimersByTime(3600_000 - 1);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(3600_000);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('fires at once for a session already past its time, or a time it cannot read', () => {
    const expired = vi.fn();
    watchSessionExpiry('2025-12-31T23:59:59.000Z', expired);
    watchSessionExpiry('not a time', expired);
    expect(expired).toHaveBeenCalledTimes(2);
  });

  it('waits past the 24.8-day limit of one timer instead of firing early', () => {
    const expired = vi.fn();
    watchSessionExpiry('2026-03-01T00:00:00.000Z', expired);
    vi.advanceTimersByTime(30 * 24 * 3600_000);
    expect(expired).not.toHaveBeenCalled();
    vi.setSystemTime(new Date('2026-03-01T00:00:00.000Z'));
    vi.advanceTimersByTime(59 * 24 * 3600_000);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled', () => {
    const expired = vi.fn();
    const cancel = watchSessionExpiry('2026-01-01T00:00:01.000Z', expired);
    cancel();
    vi.advanceTimersByTime(5000);
    expect(expired).not.toHaveBeenCalled();
  });
});
