/**
 * The relay end to end over real sockets: a visitor's message reaches an agent and back, on
 * PGlite + the in-process bus and on real Postgres + real Redis. Same suite, both backends.
 */
import { createTestDatabase, postgresUrl, redisUrl } from '@parley/test-services';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelay, type RelayUnderTest } from './testing/relay-harness';
import { connectAgent, connectVisitor, eventually, signIn } from './testing/test-clients';

interface Backend {
  name: string;
  available: () => boolean;
  start: () => Promise<{ relay: RelayUnderTest; cleanup: () => Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'PGlite + in-process bus',
    available: () => true,
    start: async () => {
      const relay = await startRelay();
      return { relay, cleanup: () => relay.close() };
    },
  },
  {
    name: 'Postgres + Redis',
    available: () => Boolean(postgresUrl() && redisUrl()),
    start: async () => {
      const database = await createTestDatabase(postgresUrl()!);
      const relay = await startRelay({ databaseUrl: database.url, redisUrl: redisUrl()! });
      return {
        relay,
        cleanup: async () => {
          await relay.close();
          await database.drop();
        },
      };
    },
  },
];

for (const backend of backends) {
  describe.skipIf(!backend.available())(`relay conversation path on ${backend.name}`, () => {
    let relay: RelayUnderTest;
    let cleanup: () => Promise<void>;
    const closers: Array<() => void> = [];

    beforeEach(async () => {
      ({ relay, cleanup } = await backend.start());
    });
    afterEach(async () => {
      for (const close of closers.splice(0)) close();
      await cleanup();
    });

    it('carries a visitor message to the agent inbox and the reply back, with typing both ways', async () => {
      const visitor = connectVisitor(relay, relay.a);
      closers.push(() => visitor.client.close());
      await visitor.welcome;

      const agent = connectAgent(relay, await signIn(relay, relay.a.agent));
      closers.push(() => agent.client.close());
      await agent.welcome;
      const inbox: string[] = [];
      agent.client.on('conversation.updated', (frame) => inbox.push(frame.conversation.id));

      const pending = visitor.client.sendMessage({ body: 'Hello, is the tent waterproof?' });
      await eventually(() => visitor.client.pending().length === 0, 'visitor message acked');
      await eventually(() => visitor.messages.length === 1, 'visitor sees own message');
      const conversationId = visitor.messages[0]!.conversationId;
      expect(visitor.messages[0]).toMatchObject({ seq: 1, clientId: pending.clientId, body: 'Hello, is the tent waterproof?' });
      await eventually(() => inbox.includes(conversationId), 'inbox updated live');

      agent.client.send({ type: 'conversation.watch', conversationId, afterSeq: 0 });
      agent.client.track(conversationId);
      await eventually(() => agent.messages.length === 1, 'agent reads transcript');
      expect(agent.messages[0]!.author).toMatchObject({ kind: 'visitor' });

      const visitorSawTyping: boolean[] = [];
      visitor.client.on('typing.changed', (frame) => visitorSawTyping.push(frame.isTyping));
      const agentSawTyping: string[] = [];
      agent.client.on('typing.changed', (frame) => agentSawTyping.push(`${frame.author.kind}:${frame.isTyping}`));
      agent.client.send({ type: 'typing.start', conversationId });
      visitor.client.send({ type: 'typing.start', conversationId });
      await eventually(() => visitorSawTyping.includes(true), 'visitor sees agent typing');
      await eventually(() => agentSawTyping.includes('visitor:true'), 'agent sees visitor typing');
      expect(agentSawTyping).not.toContain('agent:true');

      agent.client.sendMessage({ conversationId, body: 'Yes — 3000 mm hydrostatic head.' });
      await eventually(() => visitor.messages.length === 2, 'visitor receives the reply');
      expect(visitor.messages[1]).toMatchObject({ seq: 2, author: { kind: 'agent', name: relay.a.agent.name } });
      await eventually(() => agent.messages.length === 2, 'agent sees its own reply once');
      expect(agent.messages.map((m) => m.seq)).toEqual([1, 2]);
    });

    it('gives a second tab the history and shows each tab the other tab’s messages', async () => {
      const first = connectVisitor(relay, relay.a);
      closers.push(() => first.client.close());
      await first.welcome;
      first.client.sendMessage({ body: 'from tab one' });
      await eventually(() => first.messages.length === 1, 'first tab message');

      const second = connectVisitor(relay, relay.a, { token: first.token() });
      closers.push(() => second.client.close());
      await second.welcome;
      await eventually(() => second.messages.length === 1, 'second tab gets history');
      expect(second.messages[0]!.body).toBe('from tab one');

      const conversationId = second.messages[0]!.conversationId;
      second.client.sendMessage({ conversationId, body: 'from tab two' });
      await eventually(() => first.messages.length === 2, 'first tab sees second tab message');
      await eventually(() => second.messages.length === 2, 'second tab sees its own message once stored');
      expect(first.messages.map((m) => m.body)).toEqual(['from tab one', 'from tab two']);
      expect(second.messages.map((m) => m.seq)).toEqual([1, 2]);
    });

    it('after a reload resumes with only what was missed', async () => {
      const tab = connectVisitor(relay, relay.a);
      await tab.welcome;
      tab.client.sendMessage({ body: 'one' });
      await eventually(() => tab.messages.length === 1, 'first');
      const conversationId = tab.messages[0]!.conversationId;
      const token = tab.token();
      tab.client.close();

      const agent = connectAgent(relay, await signIn(relay, relay.a.agent));
      closers.push(() => agent.client.close());
      await agent.welcome;
      agent.client.sendMessage({ conversationId, body: 'two (while the visitor was away)' });
      await eventually(() => agent.client.pending().length === 0, 'agent reply acked');

      const reloaded = connectVisitor(relay, relay.a, { token });
      closers.push(() => reloaded.client.close());
      reloaded.client.track(conversationId, 1);
      await reloaded.welcome;
      await eventually(() => reloaded.messages.length === 1, 'missed message arrives');
      expect(reloaded.messages[0]).toMatchObject({ seq: 2, body: 'two (while the visitor was away)' });
    });

    it('lists and reads the conversation over REST for the agent of that workspace only', async () => {
      const visitor = connectVisitor(relay, relay.a);
      closers.push(() => visitor.client.close());
      await visitor.welcome;
      visitor.client.sendMessage({ body: 'REST me' });
      await eventually(() => visitor.messages.length === 1, 'stored');
      const conversationId = visitor.messages[0]!.conversationId;

      const cookieA = await signIn(relay, relay.a.agent);
      const list = await fetch(`${relay.baseUrl}/v1/conversations`, { headers: { cookie: cookieA } });
      expect(list.status).toBe(200);
      const { conversations } = (await list.json()) as { conversations: Array<{ id: string; lastSeq: number }> };
      expect(conversations.map((c) => c.id)).toEqual([conversationId]);

      const messages = await fetch(`${relay.baseUrl}/v1/conversations/${conversationId}/messages?afterSeq=0`, { headers: { cookie: cookieA } });
      expect(await messages.json()).toMatchObject({ messages: [{ seq: 1, body: 'REST me' }], complete: true });

      const cookieB = await signIn(relay, relay.b.agent);
      const listB = await fetch(`${relay.baseUrl}/v1/conversations`, { headers: { cookie: cookieB } });
      expect(((await listB.json()) as { conversations: unknown[] }).conversations).toEqual([]);
    });
  });
}
