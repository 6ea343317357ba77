/**
 * Presence after a Redis crash, on two relay nodes: Redis comes back empty and every
 * presence.changed published meanwhile is lost. When the bus recovers, each node writes its own
 * agents' presence again (sockets, last activity, chosen status) and announces them, so the
 * consoles on the other node show the truth again: an active agent online (not away), one who
 * chose to appear offline offline, and one who connected during the outage online.
 */
import type { AgentPresence, AgentStatus } from '@parley/protocol';
import { postgresUrl, startRedis } from '@parley/test-services';
import { afterEach, describe, expect, it } from 'vitest';
import { startTwoNodes } from '../testing/relay-harness';
import { eventually } from '../testing/test-clients';
import { addAgent, send, type TestAgent } from './routing-test-kit';

describe.skipIf(!postgresUrl())('presence after a Redis outage', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('is written again and announced by every node, so consoles on the other node show the truth', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const env = { FRAME_LIMIT_AGENT_SOCKET: '0', ROUTING_SWEEP_MS: '200', PRESENCE_GRACE_MS: '50' };
    const [node1, node2] = await startTwoNodes(cleanups, { env, redisUrl: redis.url });
    const join = async (node: typeof node1, name: string): Promise<TestAgent> => {
      const agent = await addAgent(node1.database, node, node1.a, { name });
      cleanups.push(() => agent.socket.close());
      return agent;
    };

    const ada = await join(node1, 'Ada');
    const bob = await join(node2, 'Bob');
    send(bob.socket, { type: 'presence.set', status: 'offline' });
    /** The newest status `watcher` was told for `agent`, from presence.synced and presence.changed in arrival order. */
    const seenBy = (watcher: TestAgent, agent: TestAgent): AgentStatus | undefined => {
      let status: AgentStatus | undefined;
      for (const frame of watcher.socket.frames) {
        if (frame.type === 'presence.synced') status = (frame.agents as AgentPresence[]).find((entry) => entry.agentId === agent.id)?.status ?? status;
        if (frame.type === 'presence.changed' && (frame.agent as AgentPresence).agentId === agent.id) status = (frame.agent as AgentPresence).status;
      }
      return status;
    };
    await eventually(() => seenBy(ada, bob) === 'offline' && seenBy(bob, ada) === 'online', 'each sees the other before the outage');
    const framesBefore = bob.socket.frames.length;

    let cy: TestAgent | undefined;
    await redis.restart({
      // Cy opens a console while presence is unreachable: the hello works, nobody is told yet.
      whileDown: async () => {
        cy = await join(node1, 'Cy');
      },
    });

    await eventually(
      () => seenBy(bob, ada) === 'online' && seenBy(bob, cy!) === 'online' && seenBy(ada, bob) === 'offline' && seenBy(cy!, bob) === 'offline',
      'consoles on both nodes show the truth again',
      30_000,
    );
    // Announced again after the outage, not only remembered from before it.
    const announcedAfter = bob.socket.frames
      .slice(framesBefore)
      .filter((frame) => frame.type === 'presence.changed')
      .map((frame) => (frame.agent as AgentPresence).agentId);
    expect(announcedAfter).toContain(ada.id);
    // Redis holds it again, as every node reads it: what the REST roster on the other node says.
    const roster = async () =>
      ((await (await fetch(`${node2.baseUrl}/v1/presence`, { headers: { cookie: ada.cookie } })).json()) as { agents: AgentPresence[] }).agents;
    const statuses = (agents: AgentPresence[]) => [ada, bob, cy!].map((agent) => agents.find((entry) => entry.agentId === agent.id)?.status);
    expect(statuses(await roster())).toEqual(['online', 'offline', 'online']);
  }, 90_000);
});
