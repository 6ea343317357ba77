// @vitest-environment happy-dom
import type { CannedResponse } from '@parley/protocol';
import { fixtureTime, fixtureUuid, makeAgentProfile, makeConversationSummary } from '@parley/protocol/testing';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeFetch } from '../fake-fetch';
import { createFakeRealtimeClient } from '../fake-realtime-client';
import { createToolsApi } from '../models/tools-api';
import { createToolsModel } from '../models/tools-model';
import { ToolsComposer } from './tools-composer';

const ID = fixtureUuid(601);
const responses: CannedResponse[] = [
  { id: fixtureUuid(602), scope: 'team', shortcut: 'hello', title: 'Greeting', body: 'Hi {{visitor.name}}, {{agent.name}} here.', createdAt: fixtureTime(0), updatedAt: fixtureTime(0) },
  { id: fixtureUuid(603), scope: 'personal', shortcut: 'help', title: 'Help', body: 'How can I help?', createdAt: fixtureTime(0), updatedAt: fixtureTime(0) },
];

let host: HTMLElement;
afterEach(() => {
  render(null, host);
  host.remove();
});

async function mount() {
  const fetch = createFakeFetch();
  fetch.reply({ status: 200, body: { cannedResponses: responses } });
  const client = createFakeRealtimeClient();
  client.open = true;
  const tools = createToolsModel({ client, agent: makeAgentProfile({ name: 'Ada' }), api: createToolsApi(fetch), open: () => {} });
  await new Promise((resolve) => setTimeout(resolve, 0));
  const replies: string[] = [];
  host = document.createElement('div');
  document.body.append(host);
  const conversation = makeConversationSummary({ id: ID, visitor: { id: fixtureUuid(604), name: 'Grace', email: null } });
  act(() => {
    render(
      <ToolsComposer conversationId={ID} conversation={conversation} tools={tools} onSend={(body) => (replies.push(body), true)} onTyping={() => {}} />,
      host,
    );
  });
  const textarea = () => host.querySelector('textarea')!;
  const type = (value: string) =>
    act(() => {
      textarea().value = value;
      textarea().setSelectionRange(value.length, value.length);
      textarea().dispatchEvent(new Event('input', { bubbles: true }));
    });
  const press = (key: string, init: KeyboardEventInit = {}) =>
    act(() => {
      textarea().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
    });
  return { client, replies, textarea, type, press };
}

describe('ToolsComposer', () => {
  it('opens the canned list on /, filters as you type, and Enter inserts the filled response without sending', async () => {
    const { textarea, type, press, replies } = await mount();
    type('/');
    expect([...host.querySelectorAll('[role="option"]')].map((li) => li.querySelector('.canned-shortcut')!.textContent)).toEqual(['/hello', '/help']);
    type('/hel');
    type('/hell');
    expect(host.querySelectorAll('[role="option"]')).toHaveLength(1);
    press('Enter');
    expect(textarea().value).toBe('Hi Grace, Ada here.');
    expect(host.querySelector('.canned-popover')).toBeNull();
    expect(replies).toEqual([]);
    press('Enter');
    expect(replies).toEqual(['Hi Grace, Ada here.']);
  });

  it('moves through the list with the arrows and closes it with Escape', async () => {
    const { textarea, type, press } = await mount();
    type('Sure. /he');
    press('ArrowDown');
    expect(host.querySelector('[aria-selected="true"] .canned-shortcut')!.textContent).toBe('/help');
    press('Escape');
    expect(host.querySelector('.canned-popover')).toBeNull();
    expect(textarea().value).toBe('Sure. /he');
  });

  it('sends an internal note as note.send in note mode, never as a reply', async () => {
    const { client, type, press, replies } = await mount();
    act(() => host.querySelector<HTMLButtonElement>('button[role="radio"][aria-checked="false"]')!.click());
    expect(host.querySelector('form')!.classList.contains('is-note')).toBe(true);
    type('Refunded already');
    press('Enter');
    expect(replies).toEqual([]);
    expect(client.sent.at(-1)).toMatchObject({ type: 'note.send', conversationId: ID, body: 'Refunded already' });
  });
});
