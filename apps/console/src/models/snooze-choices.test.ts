import { describe, expect, it } from 'vitest';
import { parseLocalDateTime, snoozeChoices } from './snooze-choices';

describe('snooze choices', () => {
  it('offers until-reply, an hour, four hours and tomorrow at nine (local time)', () => {
    const now = new Date(2026, 2, 10, 15, 30);
    const choices = snoozeChoices(now);
    expect(choices[0]).toEqual({ label: 'Until the visitor replies', until: null });
    expect(choices[1]!.until!.getTime() - now.getTime()).toBe(3_600_000);
    expect(choices[2]!.until!.getTime() - now.getTime()).toBe(4 * 3_600_000);
    expect(choices[3]!.until).toEqual(new Date(2026, 2, 11, 9, 0));
  });

  it('accepts a custom time only when it is well-formed and in the future', () => {
    const now = new Date(2026, 2, 10, 15, 30);
    expect(parseLocalDateTime('2026-03-10T16:00', now)).toEqual(new Date(2026, 2, 10, 16, 0));
    expect(parseLocalDateTime('2026-03-10T15:00', now)).toBeNull();
    expect(parseLocalDateTime('', now)).toBeNull();
    expect(parseLocalDateTime('tomorrow', now)).toBeNull();
  });
});
