/**
 * Tenant isolation: an agent of workspace A aiming any frame or REST route at workspace B's ids
 * gets exactly what a non-existent id gets (`not_found`); a visitor reaches only their own conversations.
 */
import { PROTOCOL_VERSION, WS_PATHS } from '@parley/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayUnderTest } from '../testing/relay-harness';
import { connectVisitor, eventually, RawSocket, signIn } from '../testing/test-clients';

describe('workspace isolation', () => {
  let relay: RelayUnderTest;
  let conversationOfB: string;
  let conversationOfOtherVisitorA: string;
  const cleanups: Array<() => void> = [];

  // The cases only read, or are refused: one relay and one set of foreign conversations for all.
  beforeAll(async () => {
    relay = await startRelay();
    const visitorB = connectVisitor(relay, relay.b);
    await visitorB.welcome;
    visitorB.client.sendMessage({ body: 'secret of workspace B' });
    await eventually(() => visitorB.messages.length === 1, 'B stored');
    conversationOfB = visitorB.messages[0]!.conversationId;
    const otherA = connectVisitor(relay, relay.a);
    await otherA.welcome;
    otherA.client.sendMessage({ body: 'another visitor of A' });
    await eventually(() => otherA.messages.length === 1, 'A stored');
    conversationOfOtherVisitorA = otherA.messages[0]!.conversationId;
    visitorB.client.close();
    otherA.client.close();
  });
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  afterAll(async () => {
    await relay.close();
  });

  it('answers not_found on every REST route for the other workspace’s ids, like a missing id', async () => {
    const cookie = await signIn(relay, relay.a.agent);
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const id of [conversationOfB, missing]) {
      for (const path of [`/v1/conversations/${id}`, `/v1/conversations/${id}/messages`]) {
        const response = await fetch(`${relay.baseUrl}${path}`, { headers: { cookie } });
        expect(response.status, path).toBe(404);
        expect(await response.json()).toEqual({ code: 'not_found', message: 'Not found.' });
      }
    }
    const list = await fetch(`${relay.baseUrl}/v1/conversations?status=all`, { headers: { cookie } });
    const { conversations } = (await list.json()) as { conversations: Array<{ id: string }> };
    expect(conversations.map((c) => c.id)).not.toContain(conversationOfB);
  });

  it('answers not_found on every agent frame aimed at the other workspace', async () => {
    const cookie = await signIn(relay, relay.a.agent);
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.console}`, { origin: relay.baseUrl, cookie });
    cleanups.push(() => socket.close());
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, resume: { [conversationOfB]: 0 } }));
    await socket.next('welcome');
    expect(await socket.next('error')).toMatchObject({ code: 'not_found', ref: conversationOfB });
    const frames = [
      { type: 'conversation.watch', conversationId: conversationOfB, afterSeq: 0 },
      { type: 'resume', conversationId: conversationOfB, afterSeq: 0 },
      { type: 'typing.start', conversationId: conversationOfB },
      { type: 'message.send', conversationId: conversationOfB, clientId: 'cross-tenant', body: 'hi B' },
    ];
    for (const frame of frames) {
      socket.send(JSON.stringify(frame));
      expect(await socket.next('error'), frame.type).toMatchObject({ code: 'not_found' });
    }
    expect(socket.frames.filter((frame) => frame.type === 'conversation.synced')).toEqual([]);
    const messagesB = await fetch(`${relay.baseUrl}/v1/conversations/${conversationOfB}/messages`, {
      headers: { cookie: await signIn(relay, relay.b.agent) },
    });
    expect(((await messagesB.json()) as { messages: unknown[] }).messages).toHaveLength(1);
  });

  it('lets a visitor act only on their own conversations', async () => {
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.widget}?siteKey=${relay.a.siteKey}`, { origin: relay.a.origin });
    cleanups.push(() => socket.close());
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await socket.next('welcome');
    for (const conversationId of [conversationOfOtherVisitorA, conversationOfB]) {
      socket.send(JSON.stringify({ type: 'message.send', conversationId, clientId: `x-${conversationId.slice(0, 8)}`, body: 'intrude' }));
      expect(await socket.next('error')).toMatchObject({ code: 'not_found' });
      socket.send(JSON.stringify({ type: 'resume', conversationId, afterSeq: 0 }));
      expect(await socket.next('error')).toMatchObject({ code: 'not_found' });
    }
  });
});
