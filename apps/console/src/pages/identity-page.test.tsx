// @vitest-environment happy-dom
import { fixtureUuid } from '@parley/protocol/testing';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeFetch } from '../fake-fetch';
import { createIdentityModel } from '../models/identity-model';
import { IdentityPage } from './identity-page';

vi.mock('../components/app-header', () => ({ AppHeader: () => null }));

const site = { siteId: fixtureUuid(1), siteName: 'Acme', secret: 'c'.repeat(64) };
let host: HTMLElement;
afterEach(() => {
  render(null, host);
  host.remove();
});

describe('IdentityPage', () => {
  it('hides the secret until asked, shows examples in four languages, and rotates after confirmation', async () => {
    const fetch = createFakeFetch();
    fetch.reply({ status: 200, body: { sites: [site] } }, { status: 200, body: { site: { ...site, secret: 'd'.repeat(64) } } });
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => {
      render(<IdentityPage model={createIdentityModel(fetch)} />, host);
    });
    await vi.waitFor(() => expect(host.querySelector('[data-secret]')?.textContent).toBe('•'.repeat(24)));

    const button = (name: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === name)!;
    await act(() => button('Show').click());
    expect(host.querySelector('[data-secret]')?.textContent).toBe(site.secret);

    const tabs = [...host.querySelectorAll('[role=tab]')].map((tab) => tab.textContent);
    expect(tabs).toEqual(['Node', 'Python', 'PHP', 'Ruby']);
    await act(() => button('Ruby').click());
    expect(host.querySelector('[role=tabpanel]')?.textContent).toContain('JWT.encode');

    // happy-dom has no dialogs: the admin first cancels, then confirms.
    window.confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    await act(() => button('Rotate secret').click());
    expect(fetch.requests).toHaveLength(1);
    await act(async () => button('Rotate secret').click());
    await vi.waitFor(() => expect(host.querySelector('[data-secret]')?.textContent).toBe('d'.repeat(64)));
  });
});
