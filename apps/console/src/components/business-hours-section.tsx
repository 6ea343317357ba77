/**
 * Business hours, holidays and the offline behaviour of one site: a section of the site settings
 * page (admins). Times are wall-clock in the site's time zone; a range ending at or before its
 * start runs past midnight.
 */
import type { OfflineBehaviour } from '@parley/protocol';
import { useEffect, useState } from 'preact/hooks';
import { describeAvailability, hoursEdits, WEEKDAY_NAMES, type BusinessHoursModel } from '../models/business-hours-model';

/** The zones the browser knows, for the time zone field's suggestions. */
function knownTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
}

export function BusinessHoursSection({ model, canEdit }: { model: BusinessHoursModel; canEdit: boolean }) {
  const [holiday, setHoliday] = useState('');
  useEffect(() => void model.load(), [model]);
  const hours = model.draft.value;
  const availability = model.availability.value;
  if (!hours) return <section class="business-hours">{model.error.value ? <p role="alert">{model.error.value}</p> : <p>Loading…</p>}</section>;
  const disabled = !canEdit || model.saving.value;
  return (
    <section class="business-hours" aria-labelledby="business-hours-title">
      <h2 id="business-hours-title">Business hours</h2>
      {availability && <p role="status">{describeAvailability(availability)}</p>}
      <form
        class="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          void model.save();
        }}
      >
        <label>
          <input
            type="checkbox"
            checked={hours.enabled}
            disabled={disabled}
            onChange={(event) => model.edit(hoursEdits.enabled(event.currentTarget.checked))}
          />{' '}
          Only chat during business hours
        </label>
        <label>
          Time zone{' '}
          <input
            aria-label="Time zone"
            list="business-hours-zones"
            value={hours.timeZone}
            disabled={disabled}
            onInput={(event) => model.edit(hoursEdits.timeZone(event.currentTarget.value))}
          />
        </label>
        <datalist id="business-hours-zones">
          {knownTimeZones().map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <fieldset>
          <legend>Weekly hours</legend>
          {hours.weekly.length === 0 && <p>No hours yet: with business hours on, the site is always away.</p>}
          {hours.weekly.map((range, index) => (
            <div class="business-hours-range" key={index}>
              <select
                aria-label={`Day of range ${index + 1}`}
                value={String(range.day)}
                disabled={disabled}
                onChange={(event) => model.edit(hoursEdits.range(index, { day: Number(event.currentTarget.value) }))}
              >
                {WEEKDAY_NAMES.map((name, day) => (
                  <option key={name} value={String(day)}>
                    {name}
                  </option>
                ))}
              </select>
              <input
                type="time"
                aria-label={`Opens, range ${index + 1}`}
                value={range.start}
                disabled={disabled}
                onInput={(event) => model.edit(hoursEdits.range(index, { start: event.currentTarget.value }))}
              />
              <span aria-hidden="true">–</span>
              <input
                type="time"
                aria-label={`Closes, range ${index + 1}`}
                value={range.end === '24:00' ? '00:00' : range.end}
                disabled={disabled}
                onInput={(event) => model.edit(hoursEdits.range(index, { end: event.currentTarget.value }))}
              />
              {range.end <= range.start && <span class="hint"> (until the next day)</span>}
              <button type="button" class="button-quiet" disabled={disabled} onClick={() => model.edit(hoursEdits.removeRange(index))}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" disabled={disabled} onClick={() => model.edit(hoursEdits.addRange())}>
            Add hours
          </button>
        </fieldset>
        <fieldset>
          <legend>Holidays (closed all day)</legend>
          <ul>
            {hours.holidays.map((date) => (
              <li key={date}>
                {date}{' '}
                <button type="button" class="button-quiet" disabled={disabled} aria-label={`Remove holiday ${date}`} onClick={() => model.edit(hoursEdits.removeHoliday(date))}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <input type="date" aria-label="Holiday date" value={holiday} disabled={disabled} onInput={(event) => setHoliday(event.currentTarget.value)} />
          <button
            type="button"
            disabled={disabled || !holiday}
            onClick={() => {
              model.edit(hoursEdits.addHoliday(holiday));
              setHoliday('');
            }}
          >
            Add holiday
          </button>
        </fieldset>
        <label>
          When nobody can answer{' '}
          <select
            aria-label="When nobody can answer"
            value={hours.offlineBehaviour}
            disabled={disabled}
            onChange={(event) => model.edit(hoursEdits.offlineBehaviour(event.currentTarget.value as OfflineBehaviour))}
          >
            <option value="form">Say so and offer a leave-a-message form (email required)</option>
            <option value="notice">Say so only</option>
          </select>
        </label>
        {model.error.value && <p role="alert">{model.error.value}</p>}
        {canEdit ? (
          <div class="dialog-actions">
            <button type="submit" class="button-primary" disabled={disabled || !model.dirty.value}>
              {model.saving.value ? 'Saving…' : 'Save business hours'}
            </button>
          </div>
        ) : (
          <p>Only admins change business hours.</p>
        )}
      </form>
    </section>
  );
}
