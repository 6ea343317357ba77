/**
 * Business-hours evaluation, in the site's wall-clock time. Ranges are written as people read a
 * shop's door sign, so they follow the local clock across DST changes: 09:00-17:00 is 08:00 UTC
 * in a Berlin winter and 07:00 UTC in its summer. The local time comes from Intl (the platform's
 * tz database), so no tz library is needed.
 */
import type { AvailabilityReason, BusinessHours, WeeklyRange } from '@parley/protocol';

export interface LocalTime {
  /** 0 = Sunday. */
  day: number;
  /** Minutes since local midnight. */
  minute: number;
  /** `YYYY-MM-DD`, local. */
  date: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when the platform knows the IANA zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    day: WEEKDAYS.indexOf(parts.weekday!),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    date: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/** Whether one weekly range covers this local moment, overnight ranges included. */
export function rangeCovers(range: WeeklyRange, local: Pick<LocalTime, 'day' | 'minute'>): boolean {
  const start = minutesOf(range.start);
  const end = minutesOf(range.end);
  if (end > start) return range.day === local.day && local.minute >= start && local.minute < end;
  // Past midnight: the evening of `day`, then the morning of the day after.
  return (range.day === local.day && local.minute >= start) || ((range.day + 1) % 7 === local.day && local.minute < end);
}

/** Why the site is closed at `at` by its hours alone, or null when the hours let it open. */
export function closedReason(hours: BusinessHours, at: Date): Extract<AvailabilityReason, 'closed' | 'holiday'> | null {
  if (!hours.enabled) return null;
  const local = localTime(at, hours.timeZone);
  if (hours.holidays.includes(local.date)) return 'holiday';
  return hours.weekly.some((range) => rangeCovers(range, local)) ? null : 'closed';
}
