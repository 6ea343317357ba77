/**
 * Internal notes across two relay nodes on one Postgres and one Redis: the agent writes on one
 * node, the visitor's sockets sit on the other (and on both); no visitor socket ever gets the note,
 * live through Redis or from Postgres, and the visitor's numbering stays gapless.
 */
import { createTestDatabase, postgresUrl, redisUrl } from '@parley/test-services';
import { PROTOCOL_VERSION, WS_PATHS } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayUnderTest } from '../testing/relay-harness';
import { eventually, RawSocket, signIn } from '../testing/test-clients';

describe.skipIf(!postgresUrl() || !redisUrl())('internal notes across two nodes (Postgres + Redis)', () => {
  let node1: RelayUnderTest;
  let node2: RelayUnderTest;
  let drop: () => Promise<void>;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    const created = await createTestDatabase(postgresUrl()!);
    drop = created.drop;
    node1 = await startRelay({ databaseUrl: created.url, redisUrl: redisUrl()! });
    node2 = await startRelay({ database: node1.database, redisUrl: redisUrl()!, seed: false });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await node2?.close();
    await node1?.close();
    await drop?.();
  });

  async function open(url: string, headers: Record<string, string>, hello: Record<string, unknown>) {
    const socket = new RawSocket(url, headers);
    sockets.push(socket);
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, ...hello }));
    return { socket, welcome: await socket.next('welcome') };
  }

  it('never sends a note to a visitor socket on either node', async () => {
    const site = node1.a;
    const widget = (node: RelayUnderTest) => `${node.wsUrl}${WS_PATHS.widget}?siteKey=${site.siteKey}`;
    const first = await open(widget(node1), { origin: site.origin }, {});
    first.socket.send(JSON.stringify({ type: 'message.send', clientId: 'v1', body: 'Where is my parcel?' }));
    const conversationId = (await first.socket.next('message.ack')).conversationId as string;
    const second = await open(widget(node2), { origin: site.origin }, { token: first.welcome.token, resume: { [conversationId]: 1 } });
    await second.socket.next('conversation.synced');

    const cookie = await signIn(node2, site.agent);
    const { socket: agent } = await open(`${node2.wsUrl}${WS_PATHS.console}`, { origin: node2.baseUrl, cookie }, {});
    agent.send(JSON.stringify({ type: 'note.send', conversationId, clientId: 'n1', body: 'Internal: courier lost it' }));
    await agent.next('message.ack');
    agent.send(JSON.stringify({ type: 'message.send', conversationId, clientId: 'r1', body: 'A new one ships today' }));
    await agent.next('message.ack');

    const replyOn = (socket: RawSocket) =>
      socket.frames.find((f) => f.type === 'message.created' && (f.message as { body: string }).body === 'A new one ships today');
    await eventually(() => replyOn(first.socket) !== undefined && replyOn(second.socket) !== undefined, 'the reply on both nodes');
    for (const socket of [first.socket, second.socket]) expect((replyOn(socket)!.message as { seq: number }).seq).toBe(2);

    const third = await open(widget(node1), { origin: site.origin }, { token: first.welcome.token });
    const synced = await third.socket.next('conversation.synced');
    expect((synced.messages as Array<{ seq: number }>).map((m) => m.seq)).toEqual([1, 2]);

    for (const socket of [first.socket, second.socket, third.socket]) {
      expect(JSON.stringify(socket.frames)).not.toContain('Internal:');
    }
  });
});
