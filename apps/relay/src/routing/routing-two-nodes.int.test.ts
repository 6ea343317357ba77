/**
 * Two relay nodes on one Postgres and one Redis route at once: 200 conversations arrive together
 * for 5 agents of capacity 3. Nobody passes their capacity, no conversation is assigned twice,
 * and the queue drains in its order as the agents close chats.
 */
import { postgresUrl, redisUrl } from '@parley/test-services';
import { afterEach, describe, expect, it } from 'vitest';
import { type RelayUnderTest, startTwoNodes } from '../testing/relay-harness';
import { eventually, type RawSocket } from '../testing/test-clients';
import { addAgent, openVisitor, send, type TestAgent } from './routing-test-kit';

const VISITORS = 200;
const AGENTS = 5;
const CAPACITY = 3;

describe.skipIf(!postgresUrl() || !redisUrl())('routing across two relay nodes', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it(`assigns ${VISITORS} conversations to ${AGENTS} agents of capacity ${CAPACITY} exactly once, within capacity, in queue order`, async () => {
    const env = { FRAME_LIMIT_VISITOR_SOCKET: '0', FRAME_LIMIT_AGENT_SOCKET: '0', FRAME_LIMIT_IP: '0', ROUTING_SWEEP_MS: '250' };
    const [node1, node2] = await startTwoNodes(cleanups, { env });
    const nodes: RelayUnderTest[] = [node1, node2];
    const db = node1.database.db;
    const workspaceId = node1.a.workspaceId;
    const rows = async <T extends Record<string, unknown>>(statement: string) => (await db.execute<T>(statement)).rows;

    const agents: TestAgent[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const agent = await addAgent(node1.database, nodes[i % 2]!, node1.a, { name: `Agent ${i}`, capacity: CAPACITY });
      agents.push(agent);
      cleanups.push(() => agent.socket.close());
    }

    // Capacity is checked all along, not only at the end: a sampler reads every agent's load.
    let maxLoad = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const [row] = await rows<{ n: number | null }>(
          `SELECT max(n)::int AS n FROM (SELECT count(*) AS n FROM conversations WHERE workspace_id = '${workspaceId}' AND assignee_id IS NOT NULL AND status IN ('open', 'snoozed') GROUP BY assignee_id) loads`,
        );
        maxLoad = Math.max(maxLoad, row?.n ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    cleanups.push(async () => {
      sampling = false;
      await sampler;
    });

    const visitors: RawSocket[] = await Promise.all(Array.from({ length: VISITORS }, (_, i) => openVisitor(nodes[i % 2]!, node1.a)));
    cleanups.push(() => visitors.forEach((socket) => socket.close()));
    visitors.forEach((socket, i) => send(socket, { type: 'message.send', clientId: `first-${i}`, body: `Question ${i}` }));
    await eventually(() => visitors.every((socket) => socket.frames.some((frame) => frame.type === 'message.ack')), 'every visitor acked', 60_000);

    const assigned = () => agents.reduce((sum, agent) => sum + agent.frames('conversation.assigned').length, 0);
    await eventually(() => assigned() === AGENTS * CAPACITY, 'the first 15 assigned', 30_000);

    // Everything is committed now: this is the line the rest must be served in.
    const line = (await rows<{ id: string }>(
      `SELECT id FROM conversations WHERE workspace_id = '${workspaceId}' AND status = 'open' AND assignee_id IS NULL AND queued_at IS NOT NULL ORDER BY queued_at, id`,
    )).map((row) => row.id);
    expect(line).toHaveLength(VISITORS - AGENTS * CAPACITY);
    // Every waiting visitor was told their place.
    await eventually(
      () => visitors.filter((socket) => socket.frames.some((frame) => frame.type === 'queue.updated' && typeof frame.position === 'number')).length === line.length,
      'queue positions sent',
      30_000,
    );

    // The agents close each chat they get; the room that frees goes to the next in line.
    for (const agent of agents) {
      agent.socket.socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; conversation?: { id: string } };
        if (frame.type === 'conversation.assigned') send(agent.socket, { type: 'conversation.close', conversationId: frame.conversation!.id });
      });
      for (const frame of agent.frames('conversation.assigned')) send(agent.socket, { type: 'conversation.close', conversationId: (frame.conversation as { id: string }).id });
    }
    const closedCount = async () =>
      (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM conversations WHERE workspace_id = '${workspaceId}' AND status = 'closed'`))[0]!.n;
    const deadline = Date.now() + 150_000;
    while ((await closedCount()) < VISITORS) {
      if (Date.now() > deadline) throw new Error(`timed out: ${await closedCount()} of ${VISITORS} closed`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    sampling = false;
    await sampler;

    expect(maxLoad).toBeLessThanOrEqual(CAPACITY);
    expect(maxLoad).toBe(CAPACITY);
    const log = await rows<{ conversation_id: string; agent_id: string; at: number }>(
      `SELECT conversation_id, agent_id, (extract(epoch from created_at) * 1000)::float8 AS at FROM assignments WHERE workspace_id = '${workspaceId}'`,
    );
    expect(log).toHaveLength(VISITORS);
    expect(new Set(log.map((row) => row.conversation_id)).size).toBe(VISITORS);
    expect(assigned()).toBe(VISITORS);
    // In line order: along the line, assignment times never go back (times are stored to the millisecond).
    const assignedAt = new Map(log.map((row) => [row.conversation_id, Number(row.at)]));
    const times = line.map((id) => assignedAt.get(id)!);
    expect(times.every((time, i) => i === 0 || time >= times[i - 1]!)).toBe(true);
    // Work was spread: every agent took a share.
    for (const agent of agents) expect(log.filter((row) => row.agent_id === agent.id).length).toBeGreaterThan(10);
    // Each visitor who waited was last told they no longer wait.
    const lineSet = new Set(line);
    for (const socket of visitors) {
      const conversationId = socket.frames.find((frame) => frame.type === 'message.ack')!.conversationId as string;
      const last = () => socket.frames.filter((frame) => frame.type === 'queue.updated').at(-1);
      if (lineSet.has(conversationId)) await eventually(() => last()?.position === null, 'left the queue');
      else await eventually(() => last() === undefined || last()!.position === null, 'not left waiting');
    }
  }, 240_000);
});
