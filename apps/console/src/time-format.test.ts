import { describe, expect, it } from 'vitest';
import { dayKey, dayLabel, relativeTime } from './time-format';

const at = (y: number, mo: number, d: number, h = 12, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();
const iso = (t: number) => new Date(t).toISOString();

describe('relativeTime', () => {
  const now = at(2026, 3, 10, 12, 0);
  it.each([
    [now - 30_000, 'now'],
    [now - 5 * 60_000, '5m'],
    [now - 3 * 3_600_000, '3h'],
    [now - 2 * 86_400_000, '2d'],
    [now + 10_000, 'now'],
  ])('%s -> %s', (time, label) => {
    expect(relativeTime(iso(time), now)).toBe(label);
  });

  it('falls back to a date after a week', () => {
    expect(relativeTime(iso(now - 8 * 86_400_000), now)).not.toMatch(/^(now|\d+[mhd])$/);
  });
});

describe('dayLabel and dayKey', () => {
  const now = at(2026, 3, 10, 0, 5);
  it('names today and yesterday by local calendar day, not by 24 h', () => {
    expect(dayLabel(iso(at(2026, 3, 10, 0, 1)), now)).toBe('Today');
    expect(dayLabel(iso(at(2026, 3, 9, 23, 59)), now)).toBe('Yesterday');
    expect(dayLabel(iso(at(2026, 3, 8, 23, 0)), now)).not.toMatch(/Today|Yesterday/);
  });

  it('keys days as local dates', () => {
    expect(dayKey(at(2026, 1, 2, 23, 59))).toBe('2026-01-02');
  });
});
