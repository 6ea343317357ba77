/**
 * Two relay processes on one real Postgres and one real Redis: a visitor on node 1 and an agent on
 * node 2 talk both ways; each side sees every message exactly once and in seq order.
 */
import { openDb, type Database } from '@parley/db';
import { createTestDatabase, postgresUrl, redisUrl } from '@parley/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorkspace, TEST_SECRET, type SeededWorkspace } from './testing/relay-harness';
import { startRelayProcess, type RelayProcess } from './testing/relay-process';
import { connectAgent, connectVisitor, eventually, signIn } from './testing/test-clients';

describe.skipIf(!postgresUrl() || !redisUrl())('two relay processes over Postgres + Redis', () => {
  let node1: RelayProcess;
  let node2: RelayProcess;
  let database: Database;
  let workspace: SeededWorkspace;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await createTestDatabase(postgresUrl()!);
    drop = created.drop;
    database = await openDb({ url: created.url });
    workspace = await seedWorkspace(database, 'a');
    const env = { DATABASE_URL: created.url, REDIS_URL: redisUrl()!, PARLEY_SECRET: TEST_SECRET };
    // One after the other: the first applies migrations, the second finds them applied.
    node1 = await startRelayProcess(env);
    node2 = await startRelayProcess(env);
  });
  afterAll(async () => {
    await node1?.stop();
    await node2?.stop();
    await database?.close();
    await drop?.();
  });

  it('delivers both ways across nodes exactly once, in order', async () => {
    const visitor = connectVisitor(node1, workspace);
    await visitor.welcome;
    const agent = connectAgent(node2, await signIn(node2, workspace.agent));
    await agent.welcome;
    const inbox = new Set<string>();
    agent.client.on('conversation.updated', (frame) => inbox.add(frame.conversation.id));

    visitor.client.sendMessage({ body: 'visitor 0' });
    await eventually(() => visitor.messages.length === 1, 'conversation started');
    const conversationId = visitor.messages[0]!.conversationId;
    await eventually(() => inbox.has(conversationId), 'node 2 inbox learns of the conversation through Redis');
    agent.client.send({ type: 'conversation.watch', conversationId, afterSeq: 0 });
    agent.client.track(conversationId);
    await eventually(() => agent.messages.length === 1, 'agent caught up');

    const rounds = 20;
    for (let i = 1; i <= rounds; i++) {
      visitor.client.sendMessage({ conversationId, body: `visitor ${i}` });
      agent.client.sendMessage({ conversationId, body: `agent ${i}` });
    }
    const total = 1 + rounds * 2;
    await eventually(() => visitor.messages.length === total && agent.messages.length === total, 'all messages on both sides');

    for (const view of [visitor.messages, agent.messages]) {
      expect(view.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(new Set(view.map((m) => m.id)).size).toBe(total);
    }
    expect(visitor.messages.map((m) => m.id)).toEqual(agent.messages.map((m) => m.id));
    const sentByVisitor = visitor.messages.filter((m) => m.author.kind === 'visitor').map((m) => m.body);
    expect(sentByVisitor).toEqual(['visitor 0', ...Array.from({ length: rounds }, (_, i) => `visitor ${i + 1}`)]);
    const sentByAgent = agent.messages.filter((m) => m.author.kind === 'agent').map((m) => m.body);
    expect(sentByAgent).toEqual(Array.from({ length: rounds }, (_, i) => `agent ${i + 1}`));

    visitor.client.close();
    agent.client.close();
  });
});
