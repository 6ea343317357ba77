// @vitest-environment happy-dom
import { fixtureUuid, makeConversationSummary, makeMessage } from '@parley/protocol/testing';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeRealtimeClient } from '../fake-realtime-client';
import { createConversationModel } from '../models/conversation-model';
import { ConversationView } from './conversation-view';

const ID = fixtureUuid(401);
const AGENT = fixtureUuid(402);
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

let host: HTMLElement;
afterEach(() => {
  render(null, host);
  host.remove();
});

function mount() {
  const client = createFakeRealtimeClient();
  const model = createConversationModel(client, ID);
  const conversation = makeConversationSummary({ id: ID, visitor: { id: 'beef0000-x', name: null, email: null } });
  host = document.createElement('div');
  document.body.append(host);
  act(() => {
    render(<ConversationView model={model} conversation={conversation} agentId={AGENT} now={Date.now()} />, host);
  });
  const textarea = host.querySelector<HTMLTextAreaElement>('textarea[aria-label="Reply"]')!;
  const type = (value: string) =>
    act(() => {
      textarea.value = value;
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
  const press = (init: KeyboardEventInit) =>
    act(() => {
      textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init }));
    });
  return { client, model, textarea, type, press };
}

describe('ConversationView', () => {
  it('says Sent, then Delivered, then Seen under the agent’s latest reply as the visitor’s marks arrive', () => {
    const { client } = mount();
    const me = { kind: 'agent' as const, id: AGENT, name: 'Ada' };
    act(() => {
      client.deliver(makeMessage({ conversationId: ID, seq: 1 }));
      client.deliver(makeMessage({ conversationId: ID, seq: 2, author: me, clientId: 'r1', body: 'Hello' }));
    });
    const mark = () => host.querySelector('[data-seq="2"] .delivery')?.textContent;
    expect(mark()).toBe('Sent');
    act(() => client.receive({ type: 'conversation.read', conversationId: ID, side: 'visitor', state: 'delivered', seq: 2 }));
    expect(mark()).toBe('Delivered');
    act(() => client.receive({ type: 'conversation.read', conversationId: ID, side: 'visitor', state: 'seen', seq: 2 }));
    expect(mark()).toBe('Seen');
    expect(host.querySelector('[data-seq="1"] .delivery')).toBeNull();
  });

  it('renders a message body that looks like HTML as literal text', () => {
    const { client } = mount();
    act(() => client.deliver(makeMessage({ conversationId: ID, seq: 1, body: HOSTILE })));

    const item = host.querySelector('[data-seq="1"]')!;
    expect(item.querySelector('.message-body')?.textContent).toBe(HOSTILE);
    expect(host.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('names authors by side and separates days', () => {
    const { client } = mount();
    act(() => {
      client.deliver(makeMessage({ conversationId: ID, seq: 1, createdAt: new Date(2026, 0, 1, 9).toISOString() }));
      client.deliver(
        makeMessage({
          conversationId: ID,
          seq: 2,
          author: { kind: 'agent', id: AGENT, name: 'Ada' },
          createdAt: new Date(2026, 0, 2, 9).toISOString(),
        }),
      );
    });
    const authors = [...host.querySelectorAll('[data-seq] .message-author')].map((el) => el.textContent);
    expect(authors).toEqual(['Visitor beef', 'You']);
    expect(host.querySelector('[data-seq="2"]')?.classList.contains('from-me')).toBe(true);
    expect(host.querySelectorAll('.day-separator')).toHaveLength(2);
  });

  it('sends on Enter, clears the draft, and shows the reply as sending', () => {
    const { client, type, press, textarea } = mount();
    type('Hello <b>there</b>');
    press({});
    expect(client.pending().map((p) => [p.conversationId, p.body])).toEqual([[ID, 'Hello <b>there</b>']]);
    expect(textarea.value).toBe('');
    const pending = host.querySelector('[data-status="sending"]')!;
    expect(pending.textContent).toContain('Sending…');
    expect(pending.querySelector('.message-body')?.textContent).toBe('Hello <b>there</b>');
  });

  it('does not send on Shift+Enter or while an IME composition is open', () => {
    const { client, type, press, textarea } = mount();
    type('line one');
    press({ shiftKey: true });
    press({ isComposing: true });
    expect(client.pending()).toEqual([]);
    expect(textarea.value).toBe('line one');
  });

  it('sends with the Send button too', () => {
    const { client, type } = mount();
    type('via button');
    act(() => [...host.querySelectorAll('button')].find((b) => b.textContent === 'Send')!.click());
    expect(client.pending().map((p) => p.body)).toEqual(['via button']);
  });

  it('shows that the visitor is typing', () => {
    const { client } = mount();
    const indicator = () => host.querySelector('.typing-indicator')?.textContent;
    expect(indicator()).toBe('');
    act(() =>
      client.receive({ type: 'typing.changed', conversationId: ID, author: { kind: 'visitor', name: null }, isTyping: true }),
    );
    expect(indicator()).toBe('Visitor is typing…');
  });
});
