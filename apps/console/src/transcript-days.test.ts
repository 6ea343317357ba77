import { makeMessage } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import { groupByDay } from './transcript-days';
import { visitorLabel } from './visitor-label';

const on = (day: number, hour: number, seq: number) =>
  makeMessage({ seq, createdAt: new Date(2026, 0, day, hour).toISOString() });

describe('groupByDay', () => {
  it('starts a new group where the local day changes', () => {
    const days = groupByDay([on(1, 9, 1), on(1, 23, 2), on(2, 0, 3), on(4, 8, 4)]);
    expect(days.map((d) => [d.day, d.messages.map((m) => m.seq)])).toEqual([
      ['2026-01-01', [1, 2]],
      ['2026-01-02', [3]],
      ['2026-01-04', [4]],
    ]);
  });

  it('returns nothing for no messages', () => {
    expect(groupByDay([])).toEqual([]);
  });
});

describe('visitorLabel', () => {
  it('uses the name, else "Visitor" and the first 4 characters of the id', () => {
    expect(visitorLabel({ id: 'abcd1234-0000', name: 'Lin' })).toBe('Lin');
    expect(visitorLabel({ id: 'abcd1234-0000', name: null })).toBe('Visitor abcd');
    expect(visitorLabel({ id: 'abcd1234-0000', name: '   ' })).toBe('Visitor abcd');
  });
});
