import type { PendingMessage } from '@parley/client';
import type { TypingAuthor } from '@parley/protocol';
import { fixtureUuid, makeAgentProfile, makeMessage } from '@parley/protocol/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeRealtimeClient } from '../fake-realtime-client';
import {
  createConversationModel,
  TYPING_IDLE_MS,
  TYPING_REFRESH_MS,
  VISITOR_TYPING_TIMEOUT_MS,
} from './conversation-model';

const ID = fixtureUuid(201);
const OTHER = fixtureUuid(202);
const visitor: TypingAuthor = { kind: 'visitor', name: null };
const typingFrame = (isTyping: boolean, author = visitor, conversationId = ID) =>
  ({ type: 'typing.changed', conversationId, author, isTyping }) as const;

function pending(clientId: string, conversationId: string): PendingMessage {
  return { clientId, conversationId, body: clientId, createdAt: new Date(0).toISOString(), status: 'sending' };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('conversation model', () => {
  it('tracks the conversation and watches it from the seq the client holds', () => {
    const client = createFakeRealtimeClient();
    client.seqs.set(ID, 7);
    createConversationModel(client, ID);
    expect(client.tracked).toEqual(new Set([ID]));
    expect(client.sent).toEqual([{ type: 'conversation.watch', conversationId: ID, afterSeq: 7 }]);
  });

  it('waits for the next welcome to watch when the socket is not open yet', () => {
    const client = createFakeRealtimeClient();
    client.open = false;
    createConversationModel(client, ID);
    expect(client.sent).toEqual([]);

    client.open = true;
    client.receive({ type: 'welcome', protocolVersion: 1, agent: makeAgentProfile(), heartbeatMs: 25_000 });
    client.receive({ type: 'welcome', protocolVersion: 1, agent: makeAgentProfile(), heartbeatMs: 25_000 });
    expect(client.sent).toEqual([{ type: 'conversation.watch', conversationId: ID, afterSeq: 0 }]);
  });

  it('shows only its own conversation’s messages, in delivery order', () => {
    const client = createFakeRealtimeClient();
    const model = createConversationModel(client, ID);
    client.deliver(makeMessage({ conversationId: ID, seq: 1 }));
    client.deliver(makeMessage({ conversationId: OTHER, seq: 1 }));
    client.deliver(makeMessage({ conversationId: ID, seq: 2 }));
    expect(model.messages.value.map((m) => [m.conversationId, m.seq])).toEqual([
      [ID, 1],
      [ID, 2],
    ]);
  });

  it('shows only its own pending replies, from the start and on every outbox change', () => {
    const client = createFakeRealtimeClient();
    client.setPending([pending('a', ID), pending('b', OTHER)]);
    const model = createConversationModel(client, ID);
    expect(model.pending.value.map((p) => p.clientId)).toEqual(['a']);

    client.setPending([pending('b', OTHER), pending('c', ID)]);
    expect(model.pending.value.map((p) => p.clientId)).toEqual(['c']);
  });

  it('shows the visitor typing until 6 s pass without a refresh', () => {
    const client = createFakeRealtimeClient();
    const model = createConversationModel(client, ID);
    client.receive(typingFrame(true));
    expect(model.visitorTyping.value).toBe(true);

    vi.advanceTimersByTime(VISITOR_TYPING_TIMEOUT_MS - 1000);
    client.receive(typingFrame(true));
    vi.advanceTimersByTime(VISITOR_TYPING_TIMEOUT_MS - 1);
    expect(model.visitorTyping.value).toBe(true);
    vi.advanceTimersByTime(1);
    expect(model.visitorTyping.value).toBe(false);
  });

  it('clears the visitor typing on typing stop and on a visitor message, not on an agent message', () => {
    const client = createFakeRealtimeClient();
    const model = createConversationModel(client, ID);
    client.receive(typingFrame(true));
    client.receive(typingFrame(false));
    expect(model.visitorTyping.value).toBe(false);

    client.receive(typingFrame(true));
    client.deliver(makeMessage({ conversationId: ID, seq: 1, author: { kind: 'agent', id: fixtureUuid(9), name: 'Ada' } }));
    expect(model.visitorTyping.value).toBe(true);
    client.deliver(makeMessage({ conversationId: ID, seq: 2 }));
    expect(model.visitorTyping.value).toBe(false);
  });

  it('ignores typing of agents and of other conversations', () => {
    const client = createFakeRealtimeClient();
    const model = createConversationModel(client, ID);
    client.receive(typingFrame(true, { kind: 'agent', name: 'Other agent' }));
    client.receive(typingFrame(true, visitor, OTHER));
    expect(model.visitorTyping.value).toBe(false);
  });

  it('sends typing.start at most once per 2 s and typing.stop after 3 s idle', () => {
    const client = createFakeRealtimeClient();
    const model = createConversationModel(client, ID);
    client.sent.length = 0;
    const kinds = () => client.sent.map((f) => f.type);

    model.typing();
    vi.advanceTimersByTime(500);
    model.typing();
    vi.advanceTimersByTime(1000);
    model.typing();
    expect(kinds()).toEqual(['typing.start']);

    vi.advanceTimersByTime(TYPING_REFRESH_MS - 1500);
    model.typing();
    expect(kinds()).toEqual(['typing.start', 'typing.start']);

    vi.advanceTimersByTime(TYPING_IDLE_MS - 1);
    expect(kinds()).toEqual(['typing.start', 'typing.start']);
    vi.advanceTimersByTime(1);
    expect(kinds()).toEqual(['typing.start', 'typing.start', 'typing.stop']);
    expect(client.sent.every((f) => 'conversationId' in f && f.conversationId === ID)).toBe(true);

    model.typing();
    expect(kinds().at(-1)).toBe('typing.start');
  });

  it('sends a trimmed reply through the outbox and stops typing first', () => {
    const client = createFakeRealtimeClient();
    const model = createConversationModel(client, ID);
    model.typing();
    client.sent.length = 0;

    const sent = model.send('  hello there \n');
    expect(sent).toMatchObject({ conversationId: ID, body: 'hello there', status: 'sending' });
    expect(client.sent).toEqual([{ type: 'typing.stop', conversationId: ID }]);
    expect(model.pending.value.map((p) => p.body)).toEqual(['hello there']);

    vi.advanceTimersByTime(TYPING_IDLE_MS * 2);
    expect(client.sent).toHaveLength(1);
  });

  it('refuses blank and over-long replies without sending anything', () => {
    const client = createFakeRealtimeClient();
    const model = createConversationModel(client, ID);
    expect(model.send(' \n\t ')).toBeNull();
    expect(model.send('x'.repeat(8001))).toBeNull();
    expect(client.pending()).toEqual([]);
  });

  it('discards a failed reply through the client', () => {
    const client = createFakeRealtimeClient();
    const model = createConversationModel(client, ID);
    const sent = model.send('hi');
    model.discard(sent!.clientId);
    expect(client.calls.discarded).toEqual([sent!.clientId]);
    expect(model.pending.value).toEqual([]);
  });

  it('on dispose stops typing, unwatches, untracks and stops listening', () => {
    const client = createFakeRealtimeClient();
    const model = createConversationModel(client, ID);
    model.typing();
    client.receive(typingFrame(true));
    client.sent.length = 0;

    model.dispose();
    expect(client.sent).toEqual([
      { type: 'typing.stop', conversationId: ID },
      { type: 'conversation.unwatch', conversationId: ID },
    ]);
    expect(client.tracked.has(ID)).toBe(false);
    expect(client.listenerCount()).toBe(0);
    expect(model.visitorTyping.value).toBe(false);

    client.deliver(makeMessage({ conversationId: ID, seq: 1 }));
    expect(model.messages.value).toEqual([]);
    model.dispose();
    expect(client.sent).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('marks messages read while the agent reads, and only then; and keeps the visitor’s marks', () => {
    const client = createFakeRealtimeClient();
    let reading = false;
    const model = createConversationModel(client, ID, { canMarkRead: () => reading });
    client.deliver(makeMessage({ conversationId: ID, seq: 1 }));
    expect(client.sent.filter((frame) => frame.type === 'read')).toEqual([]);
    reading = true;
    model.markRead();
    client.deliver(makeMessage({ conversationId: ID, seq: 2 }));
    model.markRead();
    expect(client.sent.filter((frame) => frame.type === 'read')).toEqual([
      { type: 'read', conversationId: ID, seq: 1 },
      { type: 'read', conversationId: ID, seq: 2 },
    ]);

    client.receive({ type: 'conversation.read', conversationId: OTHER, side: 'visitor', state: 'seen', seq: 9 });
    client.receive({ type: 'conversation.read', conversationId: ID, side: 'visitor', state: 'delivered', seq: 2 });
    expect(model.visitorMarks.value).toEqual({ deliveredSeq: 2, seenSeq: 0 });
    client.receive({ type: 'conversation.read', conversationId: ID, side: 'visitor', state: 'seen', seq: 1 });
    expect(model.visitorMarks.value).toEqual({ deliveredSeq: 2, seenSeq: 1 });
    model.dispose();
  });
});
