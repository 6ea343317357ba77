import type { BusinessHoursReply } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { describeAvailability, hoursEdits } from './business-hours-model';

const initial: BusinessHoursReply = {
  businessHours: { enabled: false, timeZone: 'UTC', weekly: [], holidays: [], offlineBehaviour: 'form' },
  availability: { available: false, reason: 'no_agents', offlineBehaviour: 'form', emailFollowUp: true },
};

describe('business hours edits', () => {
  it('adds a range after the last one, changes and removes it, and keeps holidays sorted and unique', () => {
    let hours = initial.businessHours;
    hours = hoursEdits.addRange()(hours);
    expect(hours.weekly).toEqual([{ day: 1, start: '09:00', end: '17:00' }]);
    hours = hoursEdits.addRange()(hoursEdits.range(0, { day: 6, end: '02:00' })(hours));
    expect(hours.weekly).toEqual([
      { day: 6, start: '09:00', end: '02:00' },
      { day: 0, start: '09:00', end: '02:00' },
    ]);
    expect(hoursEdits.removeRange(0)(hours).weekly).toEqual([{ day: 0, start: '09:00', end: '02:00' }]);
    hours = hoursEdits.addHoliday('2026-12-25')(hoursEdits.addHoliday('2026-01-01')(hoursEdits.addHoliday('2026-12-25')(hours)));
    expect(hours.holidays).toEqual(['2026-01-01', '2026-12-25']);
    expect(hoursEdits.removeHoliday('2026-01-01')(hours).holidays).toEqual(['2026-12-25']);
  });

  it('says what visitors are told now', () => {
    expect(describeAvailability(initial.availability)).toBe('Away (no agent is online): they can leave a message with their email.');
    expect(describeAvailability({ ...initial.availability, available: true, reason: null })).toBe('Open: visitors can chat now.');
    expect(describeAvailability({ ...initial.availability, reason: 'holiday', offlineBehaviour: 'notice' })).toBe('Away (a holiday): they are told so.');
  });
});
