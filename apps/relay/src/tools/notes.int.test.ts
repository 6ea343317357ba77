/**
 * Internal notes at the protocol level, on raw sockets: a note reaches the agents watching and
 * never any visitor socket — not live, not in a hello's sync, not in a resume, not after a
 * reconnect — and the visitor's seqs stay gapless, so its gap logic never fires.
 */
import { PROTOCOL_VERSION, WS_PATHS } from '@parley/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayUnderTest } from '../testing/relay-harness';
import { connectVisitor, eventually, RawSocket, signIn } from '../testing/test-clients';

const NOTE = 'Internal: this customer was refunded twice already';

describe('internal notes never reach a visitor socket', () => {
  let relay: RelayUnderTest;
  const sockets: RawSocket[] = [];
  const cleanups: Array<() => void> = [];

  // Every case opens its own conversations: one relay serves them all.
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  afterAll(async () => {
    await relay.close();
  });

  const tokens = new Map<RawSocket, string>();

  async function visitorSocket(hello: Record<string, unknown> = {}): Promise<RawSocket> {
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.widget}?siteKey=${relay.a.siteKey}`, { origin: relay.a.origin });
    sockets.push(socket);
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, ...hello }));
    tokens.set(socket, (await socket.next('welcome')).token as string);
    return socket;
  }

  async function agentSocket(): Promise<RawSocket> {
    const cookie = await signIn(relay, relay.a.agent);
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.console}`, { origin: relay.baseUrl, cookie });
    sockets.push(socket);
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await socket.next('welcome');
    return socket;
  }

  const visitorSeqs = (frames: Array<Record<string, unknown>>) =>
    frames.flatMap((frame) => {
      if (frame.type === 'message.created') return [(frame.message as { seq: number }).seq];
      if (frame.type === 'conversation.synced') return (frame.messages as Array<{ seq: number }>).map((m) => m.seq);
      return [];
    });

  it('live, in sync, in resume and after a reconnect', async () => {
    const visitor = await visitorSocket();
    visitor.send(JSON.stringify({ type: 'message.send', clientId: 'v1', body: 'My order is late' }));
    const ack = await visitor.next('message.ack');
    const conversationId = ack.conversationId as string;
    expect(ack.seq).toBe(1);

    const agent = await agentSocket();
    agent.send(JSON.stringify({ type: 'conversation.watch', conversationId, afterSeq: 0 }));
    await agent.next('conversation.synced');
    agent.send(JSON.stringify({ type: 'note.send', conversationId, clientId: 'n1', body: NOTE }));
    expect(await agent.next('message.ack')).toMatchObject({ clientId: 'n1', seq: 2 });
    agent.send(JSON.stringify({ type: 'message.send', conversationId, clientId: 'r1', body: 'On its way today' }));
    expect(await agent.next('message.ack')).toMatchObject({ clientId: 'r1', seq: 3 });
    // The agent's own watching socket gets the note, marked as one.
    await eventually(() => agent.frames.some((f) => f.type === 'message.created' && (f.message as { kind: string }).kind === 'note'), 'the note, live, to the agent');

    // Live: the reply arrives in the visitor's numbering (2), the note — published before it on
    // the same node, so it would have come first — never.
    await eventually(() => visitor.frames.some((f) => f.type === 'message.created' && (f.message as { body: string }).body === 'On its way today'), 'the reply, live');
    const reply = visitor.frames.find((f) => f.type === 'message.created' && (f.message as { body: string }).body === 'On its way today')!;
    expect((reply.message as { seq: number }).seq).toBe(2);

    // Sync at hello, as a second tab of the same visitor (a fresh hello without resume syncs all).
    const visitorToken = tokens.get(visitor)!;
    const secondTab = await visitorSocket({ token: visitorToken });
    const synced = await secondTab.next('conversation.synced');
    expect((synced.messages as Array<{ seq: number; body: string }>).map((m) => [m.seq, m.body])).toEqual([
      [1, 'My order is late'],
      [2, 'On its way today'],
    ]);
    expect(synced.conversation).toMatchObject({ id: conversationId, lastSeq: 2 });

    // Resume from before the note.
    visitor.send(JSON.stringify({ type: 'resume', conversationId, afterSeq: 1 }));
    const resumed = await visitor.next('conversation.synced');
    expect((resumed.messages as Array<{ seq: number }>).map((m) => m.seq)).toEqual([2]);

    // Reconnect with a resume map holding what the visitor has: nothing new, lastSeq still 2.
    visitor.close();
    agent.send(JSON.stringify({ type: 'note.send', conversationId, clientId: 'n2', body: `${NOTE} (while away)` }));
    await agent.next('message.ack');
    const reconnected = await visitorSocket({ token: visitorToken, resume: { [conversationId]: 2 } });
    const caughtUp = await reconnected.next('conversation.synced');
    expect(caughtUp).toMatchObject({ messages: [], conversation: { lastSeq: 2 }, complete: true });

    // The visitor writes again: seq 3 for the visitor, 5 for agents.
    reconnected.send(JSON.stringify({ type: 'message.send', conversationId, clientId: 'v2', body: 'Thanks!' }));
    expect(await reconnected.next('message.ack')).toMatchObject({ seq: 3 });
    await eventually(() => agent.frames.some((f) => f.type === 'message.created' && (f.message as { seq: number }).seq === 5), 'the visitor message as seq 5 for the agent');

    for (const socket of [visitor, secondTab, reconnected]) {
      expect(JSON.stringify(socket.frames)).not.toContain('Internal:');
      expect(socket.frames.some((f) => JSON.stringify(f).includes('"note"'))).toBe(false);
      expect(socket.frames.filter((f) => f.type === 'error')).toEqual([]);
    }
    const seqs = visitorSeqs(reconnected.frames);
    expect(seqs).toEqual([3]);
  });

  it('keeps the reference client gapless: it delivers every visible message once and never a note', async () => {
    const visitor = connectVisitor(relay, relay.a);
    cleanups.push(() => visitor.client.close());
    await visitor.welcome;
    visitor.client.send({ type: 'message.send', clientId: 'c1', body: 'Hello?' });
    await eventually(() => visitor.messages.length === 1, 'the first message');
    const conversationId = visitor.messages[0]!.conversationId;
    const agent = await agentSocket();
    for (let i = 0; i < 3; i++) {
      agent.send(JSON.stringify({ type: 'note.send', conversationId, clientId: `n${i}`, body: `${NOTE} ${i}` }));
      agent.send(JSON.stringify({ type: 'message.send', conversationId, clientId: `r${i}`, body: `reply ${i}` }));
    }
    await eventually(() => visitor.messages.length === 4, 'three replies');
    expect(visitor.messages.map((m) => [m.seq, m.kind, m.body])).toEqual([
      [1, 'text', 'Hello?'],
      [2, 'text', 'reply 0'],
      [3, 'text', 'reply 1'],
      [4, 'text', 'reply 2'],
    ]);
  });

  it('refuses a note to another workspace\'s conversation as not_found', async () => {
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.widget}?siteKey=${relay.b.siteKey}`, { origin: relay.b.origin });
    sockets.push(socket);
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await socket.next('welcome');
    socket.send(JSON.stringify({ type: 'message.send', clientId: 'b1', body: 'in B' }));
    const conversationOfB = (await socket.next('message.ack')).conversationId as string;
    const agent = await agentSocket();
    agent.send(JSON.stringify({ type: 'note.send', conversationId: conversationOfB, clientId: 'x', body: 'cross' }));
    expect(await agent.next('error')).toMatchObject({ code: 'not_found', ref: 'x' });
  });
});
