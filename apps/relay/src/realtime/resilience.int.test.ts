/**
 * What happens when parts fail: a client that cannot keep up, Postgres gone, Redis gone, and a
 * relay stopped during a deploy. In each case nothing acknowledged is lost or shown twice.
 */
import { CLOSE_RELAY_RESTARTING, CLOSE_SLOW_CONSUMER, PROTOCOL_VERSION, WS_PATHS } from '@parley/protocol';
import { listMessages, openDb } from '@parley/db';
import { createTestDatabase, postgresUrl, redisUrl, startPostgres, startRedis } from '@parley/test-services';
import { afterEach, describe, expect, it } from 'vitest';
import { seedWorkspace, startRelay, TEST_SECRET } from '../testing/relay-harness';
import { startRelayProcess } from '../testing/relay-process';
import { connectAgent, connectVisitor, eventually, RawSocket, signIn, whileProgressing, wsFactory } from '../testing/test-clients';
import { createRealtimeClient, memoryOutbox, type WidgetSide } from '@parley/client';
import type { Message } from '@parley/protocol';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a client that cannot keep up', () => {
  it('is closed with CLOSE_SLOW_CONSUMER instead of growing server memory, and catches up after reconnecting', async () => {
    const relay = await startRelay({ env: { FRAME_LIMIT_VISITOR_SOCKET: '0', FRAME_LIMIT_IP: '0' } });
    cleanups.push(() => relay.close());
    const visitor = connectVisitor(relay, relay.a);
    cleanups.push(() => visitor.client.close());
    await visitor.welcome;
    visitor.client.sendMessage({ body: 'start' });
    await eventually(() => visitor.messages.length === 1, 'conversation');
    const conversationId = visitor.messages[0]!.conversationId;

    // An agent socket that stops reading (its TCP receive side paused).
    const cookie = await signIn(relay, relay.a.agent);
    const slow = new RawSocket(`${relay.wsUrl}${WS_PATHS.console}`, { origin: relay.baseUrl, cookie });
    cleanups.push(() => slow.close());
    await slow.opened;
    slow.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await slow.next('welcome');
    slow.send(JSON.stringify({ type: 'conversation.watch', conversationId, afterSeq: 0 }));
    await slow.next('conversation.synced');
    (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();

    const body = 'x'.repeat(7000);
    for (let i = 0; i < 1500; i++) visitor.client.sendMessage({ conversationId, body: `${i} ${body}` });
    // One socket's 1,500 sends are committed one after the other: progress, not a deadline.
    await whileProgressing(() => visitor.client.pending().length === 0, () => String(visitor.client.pending().length), 'all acked');
    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await eventually(() => slow.closeCode !== null, 'slow socket closed', 30_000);
    expect(slow.closeCode).toBe(CLOSE_SLOW_CONSUMER);

    // Reconnected, it resumes from its last seq and has everything, once.
    const agent = connectAgent(relay, cookie);
    cleanups.push(() => agent.client.close());
    await agent.welcome;
    agent.client.send({ type: 'conversation.watch', conversationId, afterSeq: 0 });
    agent.client.track(conversationId);
    await whileProgressing(() => agent.messages.length === 1501, () => String(agent.messages.length), 'agent caught up');
    expect(agent.messages.map((m) => m.seq)).toEqual(Array.from({ length: 1501 }, (_, i) => i + 1));
  }, 300_000);
});

describe('Postgres unreachable', () => {
  it('answers a send with a retryable unavailable error, never an ack, and readiness says so', async () => {
    const server = await startPostgres();
    cleanups.push(() => server.stop());
    const relay = await startRelay({ databaseUrl: server.url });
    cleanups.push(() => relay.close());
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.widget}?siteKey=${relay.a.siteKey}`, { origin: relay.a.origin });
    cleanups.push(() => socket.close());
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await socket.next('welcome');

    await server.stop();
    socket.send(JSON.stringify({ type: 'message.send', clientId: 'during-outage', body: 'anyone there?' }));
    const error = await socket.next('error');
    expect(error).toMatchObject({ code: 'unavailable', ref: 'during-outage' });
    expect(socket.frames.some((frame) => frame.type === 'message.ack')).toBe(false);
    const ready = await fetch(`${relay.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', checks: { db: 'down' } });

    // A catch-up that cannot be served leaves the view behind: the socket is closed (1011) so the
    // client reconnects and resumes, instead of waiting on a view that silently stopped.
    const conversationId = '00000000-0000-4000-8000-00000000abcd';
    socket.send(JSON.stringify({ type: 'resume', conversationId, afterSeq: 0 }));
    expect(await socket.next('error')).toMatchObject({ code: 'unavailable', ref: conversationId });
    await eventually(() => socket.closeCode !== null, 'socket closed');
    expect(socket.closeCode).toBe(1011);
  }, 60_000);
});

describe.skipIf(!postgresUrl())('Redis unreachable', () => {
  it('keeps each node serving its own sockets, and the other nodes catch up when Redis is back', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const created = await createTestDatabase(postgresUrl()!);
    cleanups.push(() => created.drop());
    const node1 = await startRelay({ databaseUrl: created.url, redisUrl: redis.url });
    cleanups.push(() => node1.close());
    const node2 = await startRelay({ database: node1.database, redisUrl: redis.url, seed: false });
    cleanups.push(() => node2.close());

    const visitor = connectVisitor(node1, node1.a);
    cleanups.push(() => visitor.client.close());
    await visitor.welcome;
    visitor.client.sendMessage({ body: 'before the outage' });
    await eventually(() => visitor.messages.length === 1, 'first message');
    const conversationId = visitor.messages[0]!.conversationId;
    const cookie = await signIn(node1, node1.a.agent);
    const local = connectAgent(node1, cookie);
    const remote = connectAgent(node2, await signIn(node2, node1.a.agent));
    cleanups.push(() => local.client.close(), () => remote.client.close());
    for (const agent of [local, remote]) {
      await agent.welcome;
      agent.client.send({ type: 'conversation.watch', conversationId, afterSeq: 0 });
      agent.client.track(conversationId);
    }
    await eventually(() => local.messages.length === 1 && remote.messages.length === 1, 'both agents watching');

    await redis.restart({
      whileDown: async () => {
        // Redis is gone: node 1 still carries its visitor's messages to its own agent.
        visitor.client.sendMessage({ conversationId, body: 'during the outage' });
        await eventually(() => local.messages.length === 2, 'local agent served during the outage');
        const ready = (await (await fetch(`${node1.baseUrl}/readyz`)).json()) as { status: string };
        expect(ready.status).toBe('degraded');
      },
    });
    // Redis is back: node 2 replays what its socket missed, from Postgres.
    await eventually(() => remote.messages.length === 2, 'remote agent caught up after recovery', 20_000);
    for (const view of [visitor.messages, local.messages, remote.messages]) {
      expect(view.map((m) => m.body)).toEqual(['before the outage', 'during the outage']);
    }
  }, 60_000);
});

describe.skipIf(!postgresUrl() || !redisUrl())('a relay stopped during a deploy', () => {
  it('finishes what it accepted, tells clients to reconnect, and they finish on another node with nothing lost or doubled', async () => {
    const created = await createTestDatabase(postgresUrl()!);
    cleanups.push(() => created.drop());
    const database = await openDb({ url: created.url });
    cleanups.push(() => database.close());
    const workspace = await seedWorkspace(database, 'a');
    const env = { DATABASE_URL: created.url, REDIS_URL: redisUrl()!, PARLEY_SECRET: TEST_SECRET, FRAME_LIMIT_VISITOR_SOCKET: '0', FRAME_LIMIT_IP: '0' };
    const node1 = await startRelayProcess(env);
    cleanups.push(() => node1.stop());
    const node2 = await startRelayProcess(env);
    cleanups.push(() => node2.stop());

    // The load balancer: the first connection goes to node 1, every later one to node 2.
    let connections = 0;
    let visitorToken: string | undefined;
    const closeCodes: number[] = [];
    const messages: Message[] = [];
    const toNode = wsFactory(workspace.origin);
    const client = createRealtimeClient<WidgetSide>({
      url: `${node1.wsUrl}${WS_PATHS.widget}?siteKey=${workspace.siteKey}`,
      // Like the widget: the visitor's token from the first welcome identifies it on every later
      // socket. Without it node 2 would see a new visitor, and refuse the resends (not_found).
      hello: (resume) => ({ type: 'hello', protocolVersion: PROTOCOL_VERSION, resume, ...(visitorToken ? { token: visitorToken } : {}) }),
      createSocket: (url) => {
        const socket = toNode(connections++ === 0 ? url : url.replace(node1.wsUrl, node2.wsUrl));
        const onclose = () => socket.onclose;
        queueMicrotask(() => {
          const original = onclose();
          socket.onclose = (event) => {
            closeCodes.push(event.code);
            original?.(event);
          };
        });
        return socket;
      },
      outbox: memoryOutbox(),
      backoff: { baseMs: 20, maxMs: 100 },
    });
    cleanups.push(() => client.close());
    client.onMessage((message) => messages.push(message));
    client.on('welcome', (welcome) => (visitorToken ??= welcome.token));
    client.connect();
    client.sendMessage({ body: 'm0' });
    await eventually(() => messages.length === 1, 'conversation started');
    const conversationId = messages[0]!.conversationId;

    for (let i = 1; i <= 200; i++) client.sendMessage({ conversationId, body: `m${i}` });
    node1.child.kill('SIGTERM');
    const exitCode = await new Promise<number | null>((resolve) => node1.child.once('exit', (code) => resolve(code)));
    expect(exitCode).toBe(0);
    // Progress, not a deadline: on a loaded machine the resends take as long as they take.
    await whileProgressing(
      () => client.pending().length === 0 && messages.length === 201,
      () => `${client.pending().length} pending, ${messages.length} delivered, ${connections} connections`,
      'everything acked and delivered',
    ).catch((error: Error) => {
      // Say where it stood: a stuck outbox and a delivery gap are different bugs.
      const stuck = client.pending().map((m) => `${m.body}:${m.status}${m.error ? `:${m.error.code}` : ''}`);
      throw new Error(
        `${error.message} (state ${client.state}, delivered ${messages.length}, connections ${connections}, ` +
          `closes ${closeCodes.join(',')}, pending ${stuck.length}: ${stuck.slice(0, 5).join(' ')})`,
      );
    });

    expect(closeCodes[0]).toBe(CLOSE_RELAY_RESTARTING);
    expect(connections).toBeGreaterThan(1);
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 201 }, (_, i) => i + 1));
    const stored = await listMessages(database.db, workspace.workspaceId, conversationId);
    expect(stored.messages.map((m) => m.body)).toEqual(Array.from({ length: 201 }, (_, i) => `m${i}`));
  }, 300_000);
});
