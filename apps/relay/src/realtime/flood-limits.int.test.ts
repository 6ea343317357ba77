/** Floods are refused with typed, retryable errors; per-IP budgets hold across nodes through Redis. */
import { PROTOCOL_VERSION, WS_PATHS } from '@parley/protocol';
import { postgresUrl, redisUrl } from '@parley/test-services';
import { afterEach, describe, expect, it } from 'vitest';
import { startRelay, type RelayUnderTest, startTwoNodes } from '../testing/relay-harness';
import { eventually, RawSocket } from '../testing/test-clients';

async function visitorSocket(relay: RelayUnderTest): Promise<RawSocket> {
  const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.widget}?siteKey=${relay.a.siteKey}`, { origin: relay.a.origin });
  await socket.opened;
  socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
  await socket.next('welcome');
  return socket;
}

describe('flood limits', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('refuses frames past the per-socket budget with rate_limited naming the message, and serves the rest', async () => {
    const relay = await startRelay({ env: { FRAME_LIMIT_VISITOR_SOCKET: '5', FRAME_LIMIT_IP: '0' } });
    cleanups.push(() => relay.close());
    const flooder = await visitorSocket(relay);
    cleanups.push(() => flooder.close());
    // hello used one frame of the budget; 4 more pass, the rest are refused.
    for (let i = 0; i < 10; i++) flooder.send(JSON.stringify({ type: 'message.send', clientId: `flood-${i}`, body: `spam ${i}` }));
    await eventually(() => flooder.frames.filter((f) => f.type === 'message.ack' || f.type === 'error').length === 10, 'all answered');
    const acked = flooder.frames.filter((f) => f.type === 'message.ack').map((f) => f.clientId);
    const refused = flooder.frames.filter((f) => f.type === 'error');
    expect(acked).toEqual(['flood-0', 'flood-1', 'flood-2', 'flood-3']);
    expect(refused.map((f) => [f.code, f.ref])).toEqual(
      Array.from({ length: 6 }, (_, i) => ['rate_limited', `flood-${i + 4}`]),
    );
    // Another visitor is not affected.
    const calm = await visitorSocket(relay);
    cleanups.push(() => calm.close());
    calm.send(JSON.stringify({ type: 'message.send', clientId: 'calm', body: 'hello' }));
    expect(await calm.next('message.ack')).toMatchObject({ clientId: 'calm' });
  });

  describe.skipIf(!postgresUrl() || !redisUrl())('across nodes', () => {
    it('shares one per-IP budget between two nodes through Redis', async () => {
      const [node1, node2] = await startTwoNodes(cleanups, { env: { FRAME_LIMIT_VISITOR_SOCKET: '0', FRAME_LIMIT_IP: '12' } });
      // A fresh key space per run: the budget key is the IP, shared by every test on this Redis.
      await node1.app.parley.redis!.del('parley:frames:ip:127.0.0.1');
      const sockets = [await visitorSocket(node1), await visitorSocket({ ...node2, a: node1.a })];
      cleanups.push(() => sockets.forEach((socket) => socket.close()));
      for (let i = 0; i < 20; i++) sockets[i % 2]!.send(JSON.stringify({ type: 'ping', ts: i }));
      const answered = () => sockets.flatMap((socket) => socket.frames.filter((f) => f.type === 'pong' || f.type === 'error'));
      await eventually(() => answered().length === 20, 'all pings answered');
      // Two hellos and ten pings fill the budget of 12, spread over both nodes; the other ten
      // pings are refused. Per-node budgets would have let all twenty through.
      expect(answered().filter((f) => f.type === 'pong')).toHaveLength(10);
      expect(answered().filter((f) => f.type === 'error' && f.code === 'rate_limited')).toHaveLength(10);
      expect(sockets.every((socket) => socket.frames.some((f) => f.type === 'pong'))).toBe(true);
    });
  });
});
