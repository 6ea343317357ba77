// @vitest-environment happy-dom
import type { BusinessHoursReply } from '@parley/protocol';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeFetch } from '../fake-fetch';
import { createBusinessHoursApi } from '../models/business-hours-api';
import { createBusinessHoursModel } from '../models/business-hours-model';
import { BusinessHoursSection } from './business-hours-section';

const siteId = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
const initial: BusinessHoursReply = {
  businessHours: { enabled: false, timeZone: 'UTC', weekly: [], holidays: [], offlineBehaviour: 'form' },
  availability: { available: false, reason: 'no_agents', offlineBehaviour: 'form', emailFollowUp: true },
};

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

describe('BusinessHoursSection', () => {
  let host: HTMLElement;
  afterEach(() => {
    render(null, host);
    host.remove();
  });

  it('loads the hours, edits them and saves them with one PUT, showing the relay\'s refusal', async () => {
    const fetch = createFakeFetch();
    const model = createBusinessHoursModel(createBusinessHoursApi(fetch), siteId);
    fetch.reply({ status: 200, body: initial });
    host = document.createElement('div');
    document.body.append(host);
    act(() => render(<BusinessHoursSection model={model} canEdit />, host));
    await settle();
    expect(fetch.requests[0]).toMatchObject({ method: 'GET', url: `/v1/sites/${siteId}/business-hours` });
    expect(host.querySelector('[role=status]')!.textContent).toContain('no agent is online');
    const save = () => host.querySelector<HTMLButtonElement>('button[type=submit]')!;
    expect(save().disabled).toBe(true);

    act(() => {
      const box = host.querySelector<HTMLInputElement>('input[type=checkbox]')!;
      box.checked = true;
      box.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => [...host.querySelectorAll('button')].find((button) => button.textContent === 'Add hours')!.click());
    act(() => {
      const zone = host.querySelector<HTMLInputElement>('[aria-label="Time zone"]')!;
      zone.value = 'Mars/Base';
      zone.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(save().disabled).toBe(false);

    fetch.reply({ status: 400, body: { code: 'validation_failed', message: 'unknown time zone "Mars/Base"' } });
    await act(async () => save().click());
    await settle();
    expect(fetch.requests[1]).toMatchObject({
      method: 'PUT',
      url: `/v1/sites/${siteId}/business-hours`,
      body: { enabled: true, timeZone: 'Mars/Base', weekly: [{ day: 1, start: '09:00', end: '17:00' }], holidays: [], offlineBehaviour: 'form' },
    });
    expect(host.querySelector('[role=alert]')!.textContent).toContain('unknown time zone');

    act(() => {
      const zone = host.querySelector<HTMLInputElement>('[aria-label="Time zone"]')!;
      zone.value = 'Europe/Berlin';
      zone.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const savedHours = { ...initial.businessHours, enabled: true, timeZone: 'Europe/Berlin', weekly: [{ day: 1, start: '09:00', end: '17:00' }] };
    fetch.reply({ status: 200, body: { businessHours: savedHours, availability: { ...initial.availability, reason: 'closed' } } });
    await act(async () => save().click());
    await settle();
    expect(host.querySelector('[role=alert]')).toBeNull();
    expect(host.querySelector('[role=status]')!.textContent).toContain('outside business hours');
    expect(save().disabled).toBe(true);
  });

  it('shows the hours read-only to non-admins', async () => {
    const fetch = createFakeFetch();
    fetch.reply({ status: 200, body: initial });
    host = document.createElement('div');
    document.body.append(host);
    act(() => render(<BusinessHoursSection model={createBusinessHoursModel(createBusinessHoursApi(fetch), siteId)} canEdit={false} />, host));
    await settle();
    expect(host.querySelector('button[type=submit]')).toBeNull();
    expect(host.querySelector<HTMLInputElement>('input[type=checkbox]')!.disabled).toBe(true);
    expect(host.textContent).toContain('Only admins change business hours.');
  });
});
