import type { PendingMessage } from '@parley/client';
import { fixtureUuid, makeMessage } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import { buildTranscript } from './transcript';

const conversationId = fixtureUuid(1000);
const other = fixtureUuid(1001);
const agent = { kind: 'agent' as const, id: fixtureUuid(4000), name: 'Ada' };

function pending(overrides: Partial<PendingMessage> = {}): PendingMessage {
  return { clientId: 'p1', conversationId, body: 'pending', createdAt: '2026-01-01T00:01:00.000Z', status: 'sending', ...overrides };
}

describe('buildTranscript', () => {
  it('orders delivered messages by seq and shows each seq once', () => {
    const entries = buildTranscript({
      delivered: [makeMessage({ seq: 3 }), makeMessage({ seq: 1 }), makeMessage({ seq: 2 }), makeMessage({ seq: 1 })],
      pending: [],
      conversationId,
    });
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(entries.every((entry) => entry.status === 'sent')).toBe(true);
  });

  it('puts pending messages after the delivered ones, in outbox order', () => {
    const entries = buildTranscript({
      delivered: [makeMessage({ seq: 1 })],
      pending: [pending({ clientId: 'a', body: 'first' }), pending({ clientId: 'b', body: 'second', status: 'failed', error: { code: 'rate_limited', message: 'Slow down' } })],
      conversationId,
    });
    expect(entries.map((entry) => [entry.body, entry.status, entry.seq, entry.error])).toEqual([
      ['message 1', 'sent', 1, null],
      ['first', 'sending', null, null],
      ['second', 'failed', null, 'Slow down'],
    ]);
  });

  it('shows a message once when it is delivered before its outbox entry clears', () => {
    const entries = buildTranscript({
      delivered: [makeMessage({ seq: 1, clientId: 'a', body: 'hello' })],
      pending: [pending({ clientId: 'a', body: 'hello' })],
      conversationId,
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ key: 'a', seq: 1, status: 'sent' });
  });

  it('keys a message by its clientId so sending -> sent is the same entry', () => {
    const before = buildTranscript({ delivered: [], pending: [pending({ clientId: 'a' })], conversationId });
    const after = buildTranscript({ delivered: [makeMessage({ seq: 1, clientId: 'a' })], pending: [], conversationId });
    expect(after[0]?.key).toBe(before[0]?.key);
  });

  it('shows only the conversation on screen, plus messages that start a new one', () => {
    const entries = buildTranscript({
      delivered: [makeMessage({ seq: 1, conversationId: other, body: 'old' }), makeMessage({ seq: 1, body: 'current' })],
      pending: [pending({ clientId: 'x', conversationId: other, body: 'elsewhere' }), pending({ clientId: 'n', conversationId: undefined, body: 'starter' })],
      conversationId,
    });
    expect(entries.map((entry) => entry.body)).toEqual(['current', 'starter']);
  });

  it('shows the first message of a visitor who has no conversation yet', () => {
    const entries = buildTranscript({ delivered: [], pending: [pending({ conversationId: undefined, body: 'hi' })], conversationId: null });
    expect(entries.map((entry) => entry.body)).toEqual(['hi']);
  });

  it('places authors on their side and events in the middle', () => {
    const entries = buildTranscript({
      delivered: [
        makeMessage({ seq: 1 }),
        makeMessage({ seq: 2, author: agent, clientId: null }),
        makeMessage({ seq: 3, kind: 'event', author: { kind: 'system', id: null, name: null }, clientId: null }),
      ],
      pending: [],
      conversationId,
    });
    expect(entries.map((entry) => [entry.side, entry.authorName])).toEqual([
      ['visitor', null],
      ['agent', 'Ada'],
      ['system', null],
    ]);
  });
});
