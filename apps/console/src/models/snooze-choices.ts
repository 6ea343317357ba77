export interface SnoozeChoice {
  label: string;
  /** null: until the visitor replies. */
  until: Date | null;
}

/** The quick picks of the snooze dialog, in the agent's local time. */
export function snoozeChoices(now: Date): SnoozeChoice[] {
  const inHour = new Date(now.getTime() + 60 * 60_000);
  const inFourHours = new Date(now.getTime() + 4 * 60 * 60_000);
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return [
    { label: 'Until the visitor replies', until: null },
    { label: 'For 1 hour', until: inHour },
    { label: 'For 4 hours', until: inFourHours },
    { label: 'Until tomorrow 9:00', until: tomorrow },
  ];
}

/** A `datetime-local` input's value as a time, or null when empty, malformed or not in the future. */
export function parseLocalDateTime(value: string, now: Date): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.getTime() <= now.getTime()) return null;
  return date;
}
