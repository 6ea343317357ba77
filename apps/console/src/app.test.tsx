// @vitest-environment happy-dom
import type { ConversationSummary } from '@parley/protocol';
import { fixtureTime, fixtureUuid, makeAgentProfile, makeConversationSummary } from '@parley/protocol/testing';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from './api';
import { App } from './app';
import { createFakeFetch } from './fake-fetch';
import { createFakeRealtimeClient } from './fake-realtime-client';
import { createDeskModel } from './models/desk-model';
import { createSessionModel } from './models/session-model';

const agent = makeAgentProfile({ name: 'Ada Agent' });
const NAMED = fixtureUuid(501);
const ANON = 'c0ffee00-0000-4000-8000-000000000502';

function summary(id: string, name: string | null, at: number): ConversationSummary {
  return makeConversationSummary({
    id,
    visitor: { id, name, email: null },
    lastSeq: 1,
    updatedAt: fixtureTime(at),
    lastMessage: { authorKind: 'visitor', body: `hi from ${name ?? 'anon'}`, createdAt: fixtureTime(at) },
  });
}

let host: HTMLElement;
afterEach(() => {
  render(null, host);
  host.remove();
});

async function signedIn() {
  const fetch = createFakeFetch();
  const api = createApi(fetch);
  const session = createSessionModel(api);
  const client = createFakeRealtimeClient();
  const createDesk = vi.fn(() => createDeskModel({ client, agent, api, session }));
  fetch.reply(
    { status: 200, body: { agent } },
    { status: 200, body: { conversations: [summary(NAMED, 'Lin', 10), summary(ANON, null, 20)] } },
    { status: 200, body: { teams: [] } },
  );
  await session.restore();
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => {
    render(<App session={session} createDesk={createDesk} />, host);
  });
  // The list arrives over (fake) REST after the first render; preact re-renders on its own schedule.
  await vi.waitFor(() => expect(host.querySelectorAll('[data-conversation-id]')).toHaveLength(2));
  return { fetch, session, client, createDesk };
}

describe('App', () => {
  it('shows the login page when signed out', async () => {
    const fetch = createFakeFetch();
    const session = createSessionModel(createApi(fetch));
    fetch.reply({ status: 401, body: { code: 'unauthorized', message: 'no' } });
    await session.restore();
    host = document.createElement('div');
    document.body.append(host);
    act(() => render(<App session={session} createDesk={() => expect.unreachable()} />, host));
    expect(host.querySelector('button[type="submit"]')?.textContent).toBe('Sign in');
  });

  it('lists conversations newest first with names, previews and unread dots', async () => {
    const { client } = await signedIn();
    expect(client.calls.connect).toBe(1);
    const items = [...host.querySelectorAll<HTMLElement>('[data-conversation-id]')];
    expect(items.map((i) => i.dataset.conversationId)).toEqual([ANON, NAMED]);
    expect(items.map((i) => i.querySelector('.conversation-name')?.textContent)).toEqual(['Visitor c0ff', 'Lin']);
    expect(items[1]?.querySelector('.conversation-preview')?.textContent).toBe('hi from Lin');
    expect(items.every((i) => i.querySelector('[aria-label="Unread"]'))).toBe(true);
    expect(host.querySelector('.agent-name')?.textContent).toBe('Ada Agent');
  });

  it('opens a conversation on click: watches it and clears its unread dot', async () => {
    const { client } = await signedIn();
    const item = host.querySelector<HTMLButtonElement>(`[data-conversation-id="${NAMED}"]`)!;
    act(() => item.click());
    expect(client.sent).toContainEqual({ type: 'conversation.watch', conversationId: NAMED, afterSeq: 0 });
    expect(item.getAttribute('aria-current')).toBe('true');
    expect(item.querySelector('[aria-label="Unread"]')).toBeNull();
    expect(host.querySelector('.conversation-header h2')?.textContent).toBe('Lin');

    act(() => host.querySelector<HTMLButtonElement>(`[data-conversation-id="${ANON}"]`)!.click());
    expect(client.sent).toContainEqual({ type: 'conversation.unwatch', conversationId: NAMED });
  });

  it('goes back to the login page and closes the socket when the session expires', async () => {
    const { session, client } = await signedIn();
    act(() => session.expire('This session was ended (logout or password change). Sign in again.'));
    expect(client.calls.close).toBe(1);
    expect(host.querySelector('[role="alert"]')?.textContent).toMatch(/session was ended/);
    expect(host.querySelector('[data-conversation-id]')).toBeNull();
  });

  it('signs out from the header', async () => {
    const { fetch, client } = await signedIn();
    fetch.reply({ status: 204 });
    act(() => [...host.querySelectorAll('button')].find((b) => b.textContent === 'Sign out')!.click());
    await vi.waitFor(() => expect(client.calls.close).toBe(1));
    expect(fetch.requests.at(-1)).toMatchObject({ method: 'POST', url: '/v1/auth/logout' });
    expect(host.querySelector('#login-email')).not.toBeNull();
  });
});
