import type { BusinessHours } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { closedReason, isTimeZone, localTime, rangeCovers } from './schedule';

function hours(overrides: Partial<BusinessHours>): BusinessHours {
  return { enabled: true, timeZone: 'UTC', weekly: [], holidays: [], offlineBehaviour: 'form', ...overrides };
}

const weekdaysNineToFive = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));

describe('localTime', () => {
  it('reads the wall clock of the zone, date and weekday included', () => {
    // 2026-01-05 is a Monday; 23:30 UTC is already Tuesday 08:30 in Tokyo.
    expect(localTime(new Date('2026-01-05T23:30:00Z'), 'Asia/Tokyo')).toEqual({ day: 2, minute: 8 * 60 + 30, date: '2026-01-06' });
    expect(localTime(new Date('2026-01-05T00:15:00Z'), 'America/New_York')).toEqual({ day: 0, minute: 19 * 60 + 15, date: '2026-01-04' });
  });

  it('says midnight is 0, not 24', () => {
    expect(localTime(new Date('2026-01-05T00:00:00Z'), 'UTC').minute).toBe(0);
  });
});

describe('closedReason', () => {
  it('is open inside a weekday range and closed at its end and on the weekend', () => {
    const h = hours({ weekly: weekdaysNineToFive });
    expect(closedReason(h, new Date('2026-01-05T09:00:00Z'))).toBeNull();
    expect(closedReason(h, new Date('2026-01-05T16:59:00Z'))).toBeNull();
    expect(closedReason(h, new Date('2026-01-05T17:00:00Z'))).toBe('closed');
    expect(closedReason(h, new Date('2026-01-05T08:59:00Z'))).toBe('closed');
    expect(closedReason(h, new Date('2026-01-10T12:00:00Z'))).toBe('closed');
  });

  it('is always open by its hours when they are switched off', () => {
    expect(closedReason(hours({ enabled: false }), new Date('2026-01-10T03:00:00Z'))).toBeNull();
  });

  it('follows the local clock across the spring DST change (Berlin, 2026-03-29)', () => {
    const h = hours({ timeZone: 'Europe/Berlin', weekly: [0, 1].map((day) => ({ day, start: '09:00', end: '17:00' })) });
    // Monday before: CET, 09:00 local is 08:00 UTC.
    expect(closedReason(h, new Date('2026-03-23T07:59:00Z'))).toBe('closed');
    expect(closedReason(h, new Date('2026-03-23T08:00:00Z'))).toBeNull();
    // The Sunday of the change: CEST from 01:00 UTC, so 09:00 local is 07:00 UTC.
    expect(closedReason(h, new Date('2026-03-29T06:59:00Z'))).toBe('closed');
    expect(closedReason(h, new Date('2026-03-29T07:00:00Z'))).toBeNull();
    expect(closedReason(h, new Date('2026-03-29T15:00:00Z'))).toBe('closed');
  });

  it('counts both passes through the repeated autumn hour (New York, 2026-11-01)', () => {
    const h = hours({ timeZone: 'America/New_York', weekly: [{ day: 0, start: '01:00', end: '02:00' }] });
    // 01:30 EDT (05:30 UTC) and, an hour later, 01:30 EST (06:30 UTC): the same wall-clock time.
    expect(closedReason(h, new Date('2026-11-01T05:30:00Z'))).toBeNull();
    expect(closedReason(h, new Date('2026-11-01T06:30:00Z'))).toBeNull();
    expect(closedReason(h, new Date('2026-11-01T07:00:00Z'))).toBe('closed');
  });

  it('opens a range over the skipped spring hour only at its real times (New York, 2026-03-08)', () => {
    const h = hours({ timeZone: 'America/New_York', weekly: [{ day: 0, start: '02:00', end: '04:00' }] });
    // 06:59 UTC is 01:59 EST; a minute later the clock reads 03:00 EDT, inside the range.
    expect(closedReason(h, new Date('2026-03-08T06:59:00Z'))).toBe('closed');
    expect(closedReason(h, new Date('2026-03-08T07:00:00Z'))).toBeNull();
    expect(closedReason(h, new Date('2026-03-08T08:00:00Z'))).toBe('closed');
  });

  it('runs an overnight range into the next morning, Saturday night into Sunday included', () => {
    const h = hours({ weekly: [{ day: 5, start: '22:00', end: '06:00' }, { day: 6, start: '20:00', end: '02:00' }] });
    expect(closedReason(h, new Date('2026-01-09T21:59:00Z'))).toBe('closed'); // Friday
    expect(closedReason(h, new Date('2026-01-09T22:00:00Z'))).toBeNull();
    expect(closedReason(h, new Date('2026-01-10T05:59:00Z'))).toBeNull(); // Saturday morning
    expect(closedReason(h, new Date('2026-01-10T06:00:00Z'))).toBe('closed');
    expect(closedReason(h, new Date('2026-01-11T01:59:00Z'))).toBeNull(); // Sunday, from Saturday's range
    expect(closedReason(h, new Date('2026-01-11T02:00:00Z'))).toBe('closed');
  });

  it('treats an end of 24:00 as the end of the day and start == end as a full day', () => {
    expect(rangeCovers({ day: 1, start: '18:00', end: '24:00' }, { day: 1, minute: 1439 })).toBe(true);
    expect(rangeCovers({ day: 1, start: '18:00', end: '24:00' }, { day: 2, minute: 0 })).toBe(false);
    expect(rangeCovers({ day: 1, start: '00:00', end: '00:00' }, { day: 1, minute: 0 })).toBe(true);
    expect(rangeCovers({ day: 1, start: '00:00', end: '00:00' }, { day: 1, minute: 1439 })).toBe(true);
    expect(rangeCovers({ day: 1, start: '00:00', end: '00:00' }, { day: 2, minute: 0 })).toBe(false);
  });

  it('closes the whole local date of a holiday, in the site zone, including the tail of an overnight range', () => {
    const h = hours({
      timeZone: 'Pacific/Auckland',
      weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '20:00', end: '08:00' })),
      holidays: ['2026-12-25'],
    });
    // 2026-12-24T12:00Z is 01:00 on the 25th in Auckland (NZDT, +13): a holiday there.
    expect(closedReason(h, new Date('2026-12-24T12:00:00Z'))).toBe('holiday');
    // 10:59 UTC is 23:59 on the 24th: still the evening before, open.
    expect(closedReason(h, new Date('2026-12-24T10:59:00Z'))).toBeNull();
    // The 26th at 01:00 local, the tail of the 25th's range: open again.
    expect(closedReason(h, new Date('2026-12-25T12:00:00Z'))).toBeNull();
  });
});

describe('isTimeZone', () => {
  it('knows IANA names and refuses made-up ones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
