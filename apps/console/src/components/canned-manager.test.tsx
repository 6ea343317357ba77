// @vitest-environment happy-dom
import { fixtureTime, fixtureUuid } from '@parley/protocol/testing';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeFetch } from '../fake-fetch';
import { createCannedModel } from '../models/canned-model';
import { createToolsApi } from '../models/tools-api';
import { CannedManager } from './canned-manager';

let host: HTMLElement;
afterEach(() => {
  render(null, host);
  host.remove();
});

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

describe('CannedManager', () => {
  it('adds a personal response through the API and lists it', async () => {
    const fetch = createFakeFetch();
    const canned = createCannedModel(createToolsApi(fetch));
    host = document.createElement('div');
    document.body.append(host);
    act(() => render(<CannedManager canned={canned} />, host));
    const fill = (label: string, value: string) =>
      act(() => {
        const field = host.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[aria-label="${label}"]`)!;
        field.value = value;
        field.dispatchEvent(new Event(field.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
      });
    fill('Shortcut', 'Thanks');
    fill('Title', 'Thank you');
    fill('Text', 'Thanks, {{visitor.name}}!');
    fill('Shared with', 'personal');
    const created = { id: fixtureUuid(701), scope: 'personal', shortcut: 'thanks', title: 'Thank you', body: 'Thanks, {{visitor.name}}!', createdAt: fixtureTime(0), updatedAt: fixtureTime(0) };
    fetch.reply({ status: 201, body: { cannedResponse: created } });
    act(() => {
      host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(fetch.requests[0]).toMatchObject({
      method: 'POST',
      url: '/v1/canned-responses',
      body: { scope: 'personal', shortcut: 'thanks', title: 'Thank you', body: 'Thanks, {{visitor.name}}!' },
    });
    expect(host.querySelector('.canned-manager-list')!.textContent).toContain('/thanks');
    expect(host.querySelector<HTMLInputElement>('[aria-label="Shortcut"]')!.value).toBe('');
  });
});
