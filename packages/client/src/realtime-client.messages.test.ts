import { makeMessage, makeVisitorConversation } from '@parley/protocol/testing';
import type { Message } from '@parley/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startClient } from './client-harness';
import type { FakeSocket } from './fake-socket';

const CONV = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';

let stop: (() => void) | undefined;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  stop?.();
  stop = undefined;
  vi.useRealTimers();
});

function start() {
  const harness = startClient();
  stop = () => harness.client.close();
  return harness;
}

const msg = (seq: number, conversationId = CONV): Message => makeMessage({ conversationId, seq });
const created = (socket: FakeSocket, seq: number, conversationId = CONV) =>
  socket.push({ type: 'message.created', message: msg(seq, conversationId) });
const synced = (socket: FakeSocket, seqs: number[], complete: boolean, conversationId = CONV) =>
  socket.push({
    type: 'conversation.synced',
    conversation: makeVisitorConversation({ id: conversationId, lastSeq: Math.max(0, ...seqs) }),
    messages: seqs.map((seq) => msg(seq, conversationId)),
    complete,
  });

describe('live messages', () => {
  it('delivers in seq order, drops duplicates, and resumes once on a gap', () => {
    const { client, open, delivered } = start();
    const socket = open();
    created(socket, 1);
    created(socket, 1);
    created(socket, 2);
    created(socket, 4);
    created(socket, 5);
    created(socket, 2);

    expect(delivered.map((m) => m.seq)).toEqual([1, 2]);
    expect(socket.sentOfType('resume')).toEqual([{ type: 'resume', conversationId: CONV, afterSeq: 2 }]);

    synced(socket, [3, 4, 5], true);
    created(socket, 4);
    created(socket, 6);
    expect(delivered.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(client.lastSeq(CONV)).toBe(6);
    expect(socket.sentOfType('resume')).toHaveLength(1);
  });

  it('keeps conversations apart', () => {
    const { client, open, delivered } = start();
    const socket = open();
    created(socket, 1, CONV);
    created(socket, 1, OTHER);
    created(socket, 2, OTHER);
    created(socket, 2, CONV);
    expect(delivered.map((m) => `${m.conversationId.at(-1)}${m.seq}`)).toEqual(['a1', 'b1', 'b2', 'a2']);
    expect(client.lastSeq(OTHER)).toBe(2);
    expect(client.lastSeq('00000000-0000-4000-8000-0000000000ff')).toBe(0);
  });

  it('resumes from 0 for an unknown conversation that starts mid-way', () => {
    const { open, delivered } = start();
    const socket = open();
    created(socket, 3);
    expect(delivered).toEqual([]);
    expect(socket.sentOfType('resume')).toEqual([{ type: 'resume', conversationId: CONV, afterSeq: 0 }]);
  });

  it('asks again on a new socket when the resume was lost with the old one', () => {
    const { sockets, open } = start();
    const first = open();
    created(first, 1);
    created(first, 3);
    first.drop(1006);
    vi.runOnlyPendingTimers();
    const second = open();
    expect(second.sent[0]).toMatchObject({ type: 'hello', resume: { [CONV]: 1 } });
    created(second, 4);
    expect(second.sentOfType('resume')).toEqual([{ type: 'resume', conversationId: CONV, afterSeq: 1 }]);
    expect(sockets.all).toHaveLength(2);
  });

  it('passes raw frames to on() handlers, duplicates included', () => {
    const { client, open, delivered } = start();
    const raw: number[] = [];
    client.on('message.created', (frame) => raw.push(frame.message.seq));
    const socket = open();
    created(socket, 1);
    created(socket, 1);
    expect(raw).toEqual([1, 1]);
    expect(delivered).toHaveLength(1);
  });
});

describe('conversation.synced', () => {
  it('pages with complete:false by resuming from the new lastSeq', () => {
    const { open, delivered } = start();
    const socket = open();
    synced(socket, [1, 2, 3], false);
    expect(delivered.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(socket.sentOfType('resume')).toEqual([{ type: 'resume', conversationId: CONV, afterSeq: 3 }]);

    synced(socket, [4, 5], false);
    expect(socket.sentOfType('resume').at(-1)).toEqual({ type: 'resume', conversationId: CONV, afterSeq: 5 });

    synced(socket, [6], true);
    expect(delivered.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(socket.sentOfType('resume')).toHaveLength(2);
  });

  it('skips what was already delivered and sorts the batch by seq', () => {
    const { open, delivered } = start();
    const socket = open();
    created(socket, 1);
    created(socket, 2);
    synced(socket, [3, 1, 2, 4], true);
    expect(delivered.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(socket.sentOfType('resume')).toEqual([]);
  });

  it('resumes again when the batch itself has a gap', () => {
    const { open, delivered } = start();
    const socket = open();
    synced(socket, [1, 2, 4, 5], true);
    expect(delivered.map((m) => m.seq)).toEqual([1, 2]);
    expect(socket.sentOfType('resume')).toEqual([{ type: 'resume', conversationId: CONV, afterSeq: 2 }]);
  });

  it('makes an empty conversation known for the next hello', () => {
    const { sockets, open } = start();
    const first = open();
    synced(first, [], true, OTHER);
    first.drop(1006);
    vi.runOnlyPendingTimers();
    sockets.last.accept();
    expect(sockets.last.sent[0]).toMatchObject({ type: 'hello', resume: { [OTHER]: 0 } });
  });
});

describe('track / untrack', () => {
  it('track(afterSeq) sets where delivery continues and never moves it back', () => {
    const { client, open, delivered } = start();
    client.track(CONV, 5);
    const socket = open();
    expect(socket.sent[0]).toMatchObject({ resume: { [CONV]: 5 } });
    created(socket, 5);
    created(socket, 6);
    client.track(CONV, 2);
    created(socket, 6);
    expect(delivered.map((m) => m.seq)).toEqual([6]);
    expect(client.lastSeq(CONV)).toBe(6);
  });

  it('untrack leaves the conversation out of hello and ignores its late frames', () => {
    const { client, sockets, open, delivered } = start();
    const first = open();
    created(first, 1, CONV);
    created(first, 1, OTHER);
    client.untrack(OTHER);
    created(first, 2, OTHER);
    created(first, 5, OTHER);
    expect(delivered.map((m) => m.conversationId)).toEqual([CONV, OTHER]);
    expect(first.sentOfType('resume')).toEqual([]);

    first.drop(1006);
    vi.runOnlyPendingTimers();
    sockets.last.accept();
    expect(sockets.last.sent[0]).toMatchObject({ resume: { [CONV]: 1 } });
    expect(Object.keys(sockets.last.sent[0]?.resume as object)).toEqual([CONV]);

    client.track(OTHER, 2);
    expect(client.lastSeq(OTHER)).toBe(2);
  });

  it('caps the resume map at the protocol limit, keeping the most recently active', () => {
    const { client, sockets, open } = start();
    const ids = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const id of ids) client.track(id);
    const socket = open();
    created(socket, 1, ids[0]);
    socket.drop(1006);
    vi.runOnlyPendingTimers();
    sockets.last.accept();
    const resume = sockets.last.sent[0]?.resume as Record<string, number>;
    expect(Object.keys(resume)).toHaveLength(100);
    expect(resume[ids[0]!]).toBe(1);
    expect(resume[ids[1]!]).toBeUndefined();
  });
});
