import { fixtureTime, makeMessage } from '@parley/protocol/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startClient } from './client-harness';
import type { FakeSocket } from './fake-socket';
import { localStorageOutbox } from './local-storage-outbox';
import { memoryOutbox } from './memory-outbox';
import type { PendingMessage } from './types';

const CONV = '00000000-0000-4000-8000-00000000000a';
const NEW_CONV = '00000000-0000-4000-8000-00000000000c';

const stops: (() => void)[] = [];
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.useRealTimers();
});

function start(...args: Parameters<typeof startClient>) {
  const harness = startClient(...args);
  stops.push(() => harness.client.close());
  return harness;
}

let ackSeq = 0;
const ack = (socket: FakeSocket, clientId: string, conversationId = CONV) =>
  socket.push({
    type: 'message.ack',
    clientId,
    conversationId,
    id: `00000000-0000-4000-8000-${String(++ackSeq).padStart(12, '0')}`,
    seq: ackSeq,
    createdAt: fixtureTime(ackSeq),
  });
const sends = (socket: FakeSocket) =>
  socket.sentOfType('message.send').map(({ clientId, conversationId, body }) => ({ clientId, conversationId, body }));

describe('outbox', () => {
  it('queues while offline and flushes in order on welcome', () => {
    const { client, open } = start();
    const first = client.sendMessage({ conversationId: CONV, body: 'one' });
    client.sendMessage({ conversationId: CONV, body: 'two' });
    expect(first).toMatchObject({ clientId: 'c1', conversationId: CONV, body: 'one', status: 'sending' });
    expect(client.pending()).toHaveLength(2);

    const socket = open();
    expect(socket.sent.map((f) => f.type)).toEqual(['hello', 'message.send', 'message.send']);
    expect(sends(socket)).toEqual([
      { clientId: 'c1', conversationId: CONV, body: 'one' },
      { clientId: 'c2', conversationId: CONV, body: 'two' },
    ]);
  });

  it('sends at once when open, and removes on ack; the message itself comes through message.created', () => {
    const { client, open, delivered } = start();
    const changes: number[] = [];
    client.onPending((pending) => changes.push(pending.length));
    const socket = open();
    client.sendMessage({ conversationId: CONV, body: 'hello' });
    expect(sends(socket)).toEqual([{ clientId: 'c1', conversationId: CONV, body: 'hello' }]);

    ack(socket, 'c1');
    expect(client.pending()).toEqual([]);
    expect(changes).toEqual([1, 0]);
    expect(delivered).toEqual([]);

    socket.push({ type: 'message.created', message: makeMessage({ conversationId: CONV, seq: 1, clientId: 'c1' }) });
    expect(delivered.map((m) => m.clientId)).toEqual(['c1']);
  });

  it('resends unacknowledged messages with the same clientId after a reconnect, once per socket', () => {
    const { client, sockets, open } = start();
    const first = open();
    client.sendMessage({ conversationId: CONV, body: 'lost ack' });
    client.sendMessage({ conversationId: CONV, body: 'acked' });
    ack(first, 'c2');
    first.drop(1006);
    vi.runOnlyPendingTimers();

    const second = open();
    second.push({ type: 'pong' });
    expect(sends(second)).toEqual([{ clientId: 'c1', conversationId: CONV, body: 'lost ack' }]);
    expect(sockets.all).toHaveLength(2);
  });

  it('sends the first message of a new conversation alone and the rest after its ack, into that conversation', () => {
    const { client, open } = start();
    const socket = open();
    client.sendMessage({ body: 'first' });
    client.sendMessage({ body: 'second' });
    client.sendMessage({ body: 'third' });
    expect(sends(socket)).toEqual([{ clientId: 'c1', conversationId: undefined, body: 'first' }]);
    expect(client.pending().map((m) => m.conversationId)).toEqual([undefined, undefined, undefined]);

    ack(socket, 'c1', NEW_CONV);
    expect(sends(socket)).toEqual([
      { clientId: 'c1', conversationId: undefined, body: 'first' },
      { clientId: 'c2', conversationId: NEW_CONV, body: 'second' },
      { clientId: 'c3', conversationId: NEW_CONV, body: 'third' },
    ]);
    expect(client.pending().map((m) => m.conversationId)).toEqual([NEW_CONV, NEW_CONV]);
    expect(client.lastSeq(NEW_CONV)).toBe(0);
  });

  it('persists the conversationId handed to queued messages', () => {
    const storage = memoryOutbox();
    const { client, open } = start({ outbox: storage });
    const socket = open();
    client.sendMessage({ body: 'first' });
    client.sendMessage({ body: 'second' });
    ack(socket, 'c1', NEW_CONV);
    expect(storage.load()).toEqual([expect.objectContaining({ clientId: 'c2', conversationId: NEW_CONV })]);
  });

  it('keeps a message with a retryable error and resends it after a backoff delay', () => {
    const { client, open, errors } = start({ backoff: { baseMs: 1000, maxMs: 30_000 }, random: () => 0.5 });
    const socket = open();
    client.sendMessage({ conversationId: CONV, body: 'busy' });
    socket.push({ type: 'error', code: 'rate_limited', message: 'slow down', ref: 'c1' });
    expect(client.pending()[0]?.status).toBe('sending');

    vi.advanceTimersByTime(499);
    expect(sends(socket)).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sends(socket)).toHaveLength(2);

    socket.push({ type: 'error', code: 'unavailable', message: 'db down', ref: 'c1' });
    vi.advanceTimersByTime(999);
    expect(sends(socket)).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sends(socket)).toHaveLength(3);
    expect(errors).toEqual([]);
  });

  it('resends a message waiting out a retry delay at the next welcome', () => {
    const { client, open } = start({ backoff: { baseMs: 20_000, maxMs: 30_000 } });
    const first = open();
    client.sendMessage({ conversationId: CONV, body: 'busy' });
    first.push({ type: 'error', code: 'internal', message: 'oops', ref: 'c1' });
    first.drop(1006);
    vi.advanceTimersByTime(10_000);
    const second = open();
    expect(sends(second)).toEqual([{ clientId: 'c1', conversationId: CONV, body: 'busy' }]);
  });

  it('marks a message failed on a non-retryable error, keeps it until discard, and never resends it', () => {
    const { client, sockets, open, errors } = start();
    const first = open();
    client.sendMessage({ conversationId: CONV, body: 'bad' });
    first.push({ type: 'error', code: 'invalid_frame', message: 'body too long', ref: 'c1' });
    expect(client.pending()).toEqual([
      expect.objectContaining({ clientId: 'c1', status: 'failed', error: { code: 'invalid_frame', message: 'body too long' } }),
    ]);
    expect(errors).toEqual([]);

    first.drop(1006);
    vi.runOnlyPendingTimers();
    const second = open();
    expect(sends(second)).toEqual([]);

    client.discard('c1');
    expect(client.pending()).toEqual([]);
    expect(sockets.all).toHaveLength(2);
  });

  it('does not discard a message that is still sending', () => {
    const { client } = start();
    client.sendMessage({ conversationId: CONV, body: 'on its way' });
    client.discard('c1');
    expect(client.pending()).toHaveLength(1);
  });

  it('hands the start of a conversation to the next message when the first one fails', () => {
    const { client, open } = start();
    const socket = open();
    client.sendMessage({ body: 'rejected' });
    client.sendMessage({ body: 'fine' });
    socket.push({ type: 'error', code: 'invalid_frame', message: 'no', ref: 'c1' });
    expect(sends(socket).map((s) => s.clientId)).toEqual(['c1', 'c2']);
  });
});

describe('outbox across reloads', () => {
  it('a new client over the same storage resends what the old one left', () => {
    const storage = memoryOutbox();
    const before = start({ outbox: storage });
    before.client.sendMessage({ body: 'first' });
    before.client.sendMessage({ body: 'second' });
    before.client.close();

    const after = start({ outbox: storage, createClientId: () => 'fresh' });
    expect(after.client.pending().map((m) => m.clientId)).toEqual(['c1', 'c2']);
    const socket = after.open();
    expect(sends(socket)).toEqual([{ clientId: 'c1', conversationId: undefined, body: 'first' }]);
    ack(socket, 'c1', NEW_CONV);
    expect(sends(socket).map((s) => [s.clientId, s.conversationId])).toEqual([
      ['c1', undefined],
      ['c2', NEW_CONV],
    ]);
  });

  it('works through localStorageOutbox, failed status included', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => void data.set(key, value),
      removeItem: (key: string) => void data.delete(key),
    };
    const before = start({ outbox: localStorageOutbox(storage, 'parley:site:outbox') });
    const socket = before.open();
    before.client.sendMessage({ conversationId: CONV, body: 'kept' });
    before.client.sendMessage({ conversationId: CONV, body: 'refused' });
    socket.push({ type: 'error', code: 'invalid_frame', message: 'no', ref: 'c2' });
    before.client.close();

    const after = start({ outbox: localStorageOutbox(storage, 'parley:site:outbox') });
    expect(after.client.pending()).toEqual<PendingMessage[]>([
      { clientId: 'c1', conversationId: CONV, body: 'kept', createdAt: expect.any(String), status: 'sending' },
      {
        clientId: 'c2',
        conversationId: CONV,
        body: 'refused',
        createdAt: expect.any(String),
        status: 'failed',
        error: { code: 'invalid_frame', message: 'no' },
      },
    ]);
    const socket2 = after.open();
    ack(socket2, 'c1');
    after.client.discard('c2');
    expect(data.has('parley:site:outbox')).toBe(false);
  });
});
