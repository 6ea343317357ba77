/**
 * Read receipts at the protocol level, across two relay nodes on one Postgres and one Redis: the
 * visitor on node 1 reports delivered and seen in their own numbering, the agent on node 2 gets
 * them in the conversation's; an agent's read reaches the visitor in the visitor's numbering and
 * the other agents (not its own socket); marks never move back, come again after a watch or a
 * sync, and a seq past the end is a typed error, as is another workspace's conversation.
 */
import { postgresUrl, redisUrl } from '@parley/test-services';
import { afterEach, describe, expect, it } from 'vitest';
import { addAgent, openAgentSocket, openVisitor, send, visitorSays, type TestAgent } from '../routing/routing-test-kit';
import { startTwoNodes } from '../testing/relay-harness';
import { eventually, signIn, type RawSocket } from '../testing/test-clients';

describe.skipIf(!postgresUrl() || !redisUrl())('read receipts across two nodes', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('carries each side’s marks to the other, in each side’s numbering, and refuses seqs past the end', async () => {
    const env = { FRAME_LIMIT_VISITOR_SOCKET: '0', FRAME_LIMIT_AGENT_SOCKET: '0', FRAME_LIMIT_IP: '0', ROUTING_SWEEP_MS: '60000' };
    const [node1, node2] = await startTwoNodes(cleanups, { env });
    const track = <T extends RawSocket | TestAgent>(item: T): T => {
      cleanups.push(() => ('cookie' in item ? item.socket : (item as RawSocket)).close());
      return item;
    };
    // Capacity 0: nobody is assigned, so no routing events join the transcript and the seqs stay as written here.
    const ada = track(await addAgent(node1.database, node2, node1.a, { name: 'Ada', capacity: 0 }));
    const bob = track(await addAgent(node1.database, node1, node1.a, { name: 'Bob', capacity: 0 }));
    const guest = track(await openVisitor(node1, node1.a));

    const conversationId = await visitorSays(guest, 'Do you ship to Oslo?'); // seq 1, visitor seq 1
    for (const agent of [ada, bob]) {
      send(agent.socket, { type: 'conversation.watch', conversationId, afterSeq: 0 });
      await agent.socket.next('conversation.synced');
    }
    // A note (seq 2, never the visitor's) and a reply (seq 3, visitor seq 2).
    send(ada.socket, { type: 'note.send', conversationId, clientId: 'note-1', body: 'Check the carrier list' });
    await ada.socket.next('message.ack');
    send(ada.socket, { type: 'message.send', conversationId, clientId: 'reply-1', body: 'Yes, we do.' });
    await ada.socket.next('message.ack');
    await eventually(() => guest.frames.some((f) => f.type === 'message.created' && (f.message as { seq: number }).seq === 2), 'the visitor has the reply');

    const reads = (socket: RawSocket) => socket.frames.filter((f) => f.type === 'conversation.read');

    // The widget has it (panel closed), then shows it: the agent on the other node gets seq 3.
    send(guest, { type: 'read', conversationId, seq: 2, state: 'delivered' });
    await eventually(() => reads(ada.socket).length === 1, 'Ada told delivered');
    expect(reads(ada.socket)[0]).toEqual({ type: 'conversation.read', conversationId, side: 'visitor', state: 'delivered', seq: 3 });
    send(guest, { type: 'read', conversationId, seq: 2 });
    await eventually(() => reads(ada.socket).length === 2, 'Ada told seen');
    expect(reads(ada.socket)[1]).toEqual({ type: 'conversation.read', conversationId, side: 'visitor', state: 'seen', seq: 3 });

    // Past the end, in the visitor's numbering (3 does not exist for them): a typed error, nothing stored.
    send(guest, { type: 'read', conversationId, seq: 3 });
    expect(await guest.next('error')).toMatchObject({ code: 'invalid_frame', ref: conversationId });
    // An older mark changes nothing and announces nothing.
    send(guest, { type: 'read', conversationId, seq: 1 });
    send(guest, { type: 'ping' });
    await guest.next('pong');
    // Malformed: seq 0 is not a seq.
    send(guest, { type: 'read', conversationId, seq: 0 });
    expect(await guest.next('error')).toMatchObject({ code: 'invalid_frame' });

    // The visitor writes again (seq 4, visitor seq 3); Ada reads up to it.
    await visitorSays(guest, 'Great, thanks', conversationId);
    send(ada.socket, { type: 'read', conversationId, seq: 5 });
    expect(await ada.socket.next('error')).toMatchObject({ code: 'invalid_frame', ref: conversationId });
    send(ada.socket, { type: 'read', conversationId, seq: 4 });
    await eventually(() => reads(guest).length === 1, 'the visitor told the agents read it');
    expect(reads(guest)[0]).toEqual({ type: 'conversation.read', conversationId, side: 'agent', state: 'seen', seq: 3 });
    await eventually(() => reads(bob.socket).some((f) => f.side === 'agent'), 'Bob, watching on node 1, told too');
    expect(reads(bob.socket).filter((f) => f.side === 'agent')).toEqual([{ type: 'conversation.read', conversationId, side: 'agent', state: 'seen', seq: 4 }]);
    send(ada.socket, { type: 'ping' });
    await ada.socket.next('pong');
    expect(reads(ada.socket).filter((f) => f.side === 'agent')).toEqual([]);
    // Never a note: nothing about seq 2 reached the visitor, and only two marks (of the visitor's) reached Ada.
    expect(reads(ada.socket)).toHaveLength(2);
    expect(JSON.stringify(guest.frames)).not.toContain('carrier');

    // Another workspace cannot read into it.
    const outsider = track(await openAgentSocket(node2, await signIn(node2, node1.b.agent)));
    send(outsider, { type: 'read', conversationId, seq: 1 });
    expect(await outsider.next('error')).toMatchObject({ code: 'not_found', ref: conversationId });

    // Marks come again: after a watch (a fresh console), and after the visitor's sync (a reload).
    const fresh = track(await openAgentSocket(node1, ada.cookie));
    send(fresh, { type: 'conversation.watch', conversationId, afterSeq: 4 });
    await fresh.next('conversation.synced');
    await eventually(() => reads(fresh).length === 3, 'the marks after the watch');
    expect(reads(fresh).map((f) => [f.side, f.state, f.seq])).toEqual([
      ['visitor', 'delivered', 3],
      ['visitor', 'seen', 3],
      ['agent', 'seen', 4],
    ]);
    const token = guest.frames.find((f) => f.type === 'welcome')!.token as string;
    const reloaded = track(await openVisitor(node2, node1.a, token));
    await eventually(() => reads(reloaded).length === 1, 'the mark after the reloaded page’s sync');
    expect(reads(reloaded)[0]).toEqual({ type: 'conversation.read', conversationId, side: 'agent', state: 'seen', seq: 3 });
  }, 60_000);
});
