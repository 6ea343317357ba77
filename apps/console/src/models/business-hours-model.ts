/**
 * One site's business hours as the settings form edits them: a draft the admin changes, saved
 * in one PUT; the relay's answer (with the availability it implies now) replaces the draft.
 * Edits are plain functions of the draft, so they are tested without a DOM.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Availability, BusinessHours, OfflineBehaviour, WeeklyRange } from '@parley/protocol';
import type { BusinessHoursApi } from './business-hours-api';

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export interface BusinessHoursModel {
  readonly draft: ReadonlySignal<BusinessHours | null>;
  readonly availability: ReadonlySignal<Availability | null>;
  readonly error: ReadonlySignal<string | null>;
  readonly saving: ReadonlySignal<boolean>;
  /** The draft differs from what the relay has. */
  readonly dirty: ReadonlySignal<boolean>;
  load(): Promise<void>;
  save(): Promise<boolean>;
  edit(change: (hours: BusinessHours) => BusinessHours): void;
}

export const hoursEdits = {
  enabled: (enabled: boolean) => (hours: BusinessHours): BusinessHours => ({ ...hours, enabled }),
  timeZone: (timeZone: string) => (hours: BusinessHours): BusinessHours => ({ ...hours, timeZone }),
  offlineBehaviour: (offlineBehaviour: OfflineBehaviour) => (hours: BusinessHours): BusinessHours => ({ ...hours, offlineBehaviour }),
  /** A new range: the same hours as the last one, on the next day. */
  addRange: () => (hours: BusinessHours): BusinessHours => {
    const last = hours.weekly.at(-1);
    const range: WeeklyRange = last ? { ...last, day: (last.day + 1) % 7 } : { day: 1, start: '09:00', end: '17:00' };
    return { ...hours, weekly: [...hours.weekly, range] };
  },
  range: (index: number, change: Partial<WeeklyRange>) => (hours: BusinessHours): BusinessHours => ({
    ...hours,
    weekly: hours.weekly.map((range, i) => (i === index ? { ...range, ...change } : range)),
  }),
  removeRange: (index: number) => (hours: BusinessHours): BusinessHours => ({ ...hours, weekly: hours.weekly.filter((_, i) => i !== index) }),
  addHoliday: (date: string) => (hours: BusinessHours): BusinessHours =>
    hours.holidays.includes(date) ? hours : { ...hours, holidays: [...hours.holidays, date].sort() },
  removeHoliday: (date: string) => (hours: BusinessHours): BusinessHours => ({ ...hours, holidays: hours.holidays.filter((day) => day !== date) }),
};

/** Words for an availability, for the admin: what visitors are told now and why. */
export function describeAvailability(availability: Availability): string {
  if (availability.available) return 'Open: visitors can chat now.';
  const why = { closed: 'outside business hours', holiday: 'a holiday', no_agents: 'no agent is online' }[availability.reason ?? 'closed'];
  const offer = availability.offlineBehaviour === 'form' ? 'they can leave a message with their email' : 'they are told so';
  return `Away (${why}): ${offer}.`;
}

export function createBusinessHoursModel(api: BusinessHoursApi, siteId: string): BusinessHoursModel {
  const saved = signal<BusinessHours | null>(null);
  const draft = signal<BusinessHours | null>(null);
  const availability = signal<Availability | null>(null);
  const error = signal<string | null>(null);
  const saving = signal(false);
  const accept = (reply: { businessHours: BusinessHours; availability: Availability }) => {
    saved.value = reply.businessHours;
    draft.value = reply.businessHours;
    availability.value = reply.availability;
    error.value = null;
  };
  return {
    draft,
    availability,
    error,
    saving,
    dirty: computed(() => JSON.stringify(draft.value) !== JSON.stringify(saved.value)),
    async load() {
      try {
        accept(await api.get(siteId));
      } catch (thrown) {
        error.value = (thrown as Error).message;
      }
    },
    async save() {
      if (!draft.value) return false;
      saving.value = true;
      try {
        accept(await api.save(siteId, draft.value));
        return true;
      } catch (thrown) {
        error.value = (thrown as Error).message;
        return false;
      } finally {
        saving.value = false;
      }
    },
    edit(change) {
      if (draft.value) draft.value = change(draft.value);
    },
  };
}
