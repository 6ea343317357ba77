// @vitest-environment happy-dom
import type { ConversationSummary } from '@parley/protocol';
import { fixtureTime, fixtureUuid, makeAgentProfile, makeConversationSummary } from '@parley/protocol/testing';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app';
import { createApi } from '../api';
import { createFakeFetch } from '../fake-fetch';
import { createFakeRealtimeClient } from '../fake-realtime-client';
import { createDeskModel } from '../models/desk-model';
import { createSessionModel } from '../models/session-model';

const agent = makeAgentProfile({ id: fixtureUuid(501), name: 'Ada Agent' });
const BOB = fixtureUuid(502);

function conv(n: number, overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return makeConversationSummary({
    id: fixtureUuid(10_000 + n),
    visitor: { id: fixtureUuid(20_000 + n), name: `Visitor ${n}`, email: null },
    waitingSince: fixtureTime(n),
    updatedAt: fixtureTime(n),
    ...overrides,
  });
}

let host: HTMLElement;
afterEach(() => {
  render(null, host);
  host.remove();
});

async function mount(conversations: ConversationSummary[]) {
  const fetch = createFakeFetch();
  const api = createApi(fetch);
  const session = createSessionModel(api);
  const client = createFakeRealtimeClient();
  fetch.reply({ status: 200, body: { agent } }, { status: 200, body: { conversations } }, { status: 200, body: { teams: [] } });
  await session.restore();
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => {
    render(<App session={session} createDesk={() => createDeskModel({ client, agent, api, session })} />, host);
  });
  await vi.waitFor(() => expect(host.querySelector('[data-conversation-id]')).not.toBeNull());
  const press = (key: string, init: KeyboardEventInit = {}) =>
    act(() => {
      (document.activeElement ?? document.body).dispatchEvent(
        new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
      );
    });
  const button = (name: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === name);
  return { client, press, button };
}

describe('inbox page', () => {
  it('renders a window of a long list, not every row, and counts every view', async () => {
    await mount(Array.from({ length: 300 }, (_, i) => conv(i + 1)));
    const rows = host.querySelectorAll('[data-conversation-id]');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    // Longest-waiting first.
    expect(rows[0]?.querySelector('.conversation-name')?.textContent).toBe('Visitor 1');
    expect(host.querySelector('[data-view="queue"] .view-count')?.textContent).toBe('300');
    expect(host.querySelector('[data-view="mine"] .view-count')?.textContent).toBe('0');
  });

  it('moves through conversations with j and k, and runs palette commands', async () => {
    const { client, press } = await mount([conv(1, { assigneeId: agent.id }), conv(2, { assigneeId: agent.id })]);
    press('j');
    expect(host.querySelector('[aria-current="true"] .conversation-name')?.textContent).toBe('Visitor 1');
    press('j');
    expect(host.querySelector('[aria-current="true"] .conversation-name')?.textContent).toBe('Visitor 2');
    press('k');
    expect(host.querySelector('[aria-current="true"] .conversation-name')?.textContent).toBe('Visitor 1');

    press('k', { ctrlKey: true });
    const input = host.querySelector<HTMLInputElement>('[aria-label="Command"]')!;
    expect(input).not.toBeNull();
    act(() => {
      input.value = 'close conv';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect([...host.querySelectorAll('.palette-item')].map((i) => i.firstChild?.textContent)).toEqual(['Close conversation']);
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    expect(client.sent).toContainEqual({ type: 'conversation.close', conversationId: conv(1).id });
    expect(host.querySelector('[role="dialog"]')).toBeNull();

    press('?', { shiftKey: true });
    expect(host.querySelector('[role="dialog"]')?.getAttribute('aria-label')).toBe('Keyboard shortcuts');
  });

  it('transfers with a note from the header, to an agent picked in the dialog', async () => {
    const { client, button } = await mount([conv(1, { assigneeId: agent.id })]);
    act(() => {
      client.receive({
        type: 'presence.synced',
        agents: [
          { agentId: agent.id, name: 'Ada Agent', status: 'online', capacity: 3, load: 1, teamIds: [] },
          { agentId: BOB, name: 'Bob', status: 'online', capacity: 3, load: 0, teamIds: [] },
        ],
      });
    });
    expect(host.querySelector('.capacity-text')?.textContent).toBe('1 / 3 chats');
    act(() => host.querySelector<HTMLButtonElement>('[data-conversation-id]')!.click());
    act(() => button('Transfer')!.click());
    const select = host.querySelector<HTMLSelectElement>('[aria-label="Transfer to"]')!;
    act(() => {
      select.value = `agent:${BOB}`;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const note = host.querySelector<HTMLTextAreaElement>('[aria-label="Transfer note"]')!;
    act(() => {
      note.value = 'Wants a refund';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => host.querySelector<HTMLFormElement>('.dialog-form')!.requestSubmit());
    expect(client.sent).toContainEqual({
      type: 'conversation.transfer',
      conversationId: conv(1).id,
      agentId: BOB,
      note: 'Wants a refund',
    });
  });

  it("watches a colleague's conversation without a composer", async () => {
    await mount([conv(1, { assigneeId: BOB })]);
    act(() => host.querySelector<HTMLButtonElement>('[data-conversation-id]')!.click());
    expect(host.querySelector('.holder')?.textContent).toMatch(/Assigned to another agent\. You are watching/);
    expect(host.querySelector('textarea[aria-label="Reply"]')).toBeNull();
    expect(host.querySelector('[aria-label="Conversation actions"]')?.textContent).toBe('');
  });
});
