/** Routing on one relay: presence, automatic assignment, the queue, transfer, claim, close/reopen, snooze, the no-response rule. */
import { createTeam, listTeams, setSiteVisitorTeams, summariesByIds, updateTeam } from '@parley/db';
import { JOINED_EVENT_PREFIX } from '@parley/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelay, type RelayUnderTest } from '../testing/relay-harness';
import { eventually, type RawSocket } from '../testing/test-clients';
import { addAgent, openVisitor, send, visitorSays, type TestAgent } from './routing-test-kit';

describe('routing on one relay', () => {
  let relay: RelayUnderTest;
  const sockets: RawSocket[] = [];
  const track = <T extends RawSocket | TestAgent>(item: T): T => {
    sockets.push('cookie' in item ? item.socket : item);
    return item;
  };

  beforeEach(async () => {
    relay = await startRelay({ env: { FRAME_LIMIT_VISITOR_SOCKET: '0', FRAME_LIMIT_IP: '0', PRESENCE_GRACE_MS: '50', ROUTING_SWEEP_MS: '60000' } });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
  });

  const agent = async (opts: Parameters<typeof addAgent>[3] = {}) => track(await addAgent(relay.database, relay, relay.a, opts));
  const visitor = async () => track(await openVisitor(relay, relay.a));
  const conversation = async (id: string) => (await summariesByIds(relay.database.db, relay.a.workspaceId, [id])).get(id)!;
  const joinedEvents = (socket: RawSocket) =>
    socket.frames
      .filter((f) => f.type === 'message.created')
      .map((f) => f.message as { kind: string; clientId: string | null; body: string; author: unknown })
      .filter((message) => message.kind === 'event' && message.clientId?.startsWith(JOINED_EVENT_PREFIX));
  const assignedTo = (someone: TestAgent, conversationId: string) =>
    eventually(
      () => someone.frames('conversation.assigned').some((frame) => (frame.conversation as { id: string }).id === conversationId),
      `${someone.name} told of ${conversationId}`,
    );

  it('assigns a new conversation to an online agent, who is told, and tells the team who is online', async () => {
    const ada = await agent({ name: 'Ada' });
    const synced = ada.frames('presence.synced')[0]!.agents as Array<{ agentId: string; status: string; capacity: number }>;
    expect(synced.find((entry) => entry.agentId === ada.id)).toMatchObject({ status: 'online', capacity: 3 });
    // The seeded admin never opened a console: offline, and nothing is routed to them.
    expect(synced.find((entry) => entry.agentId === relay.a.agent.id)).toMatchObject({ status: 'offline' });

    const bob = await agent({ name: 'Bob' });
    await eventually(() => ada.frames('presence.changed').some((f) => (f.agent as { agentId: string }).agentId === bob.id), 'Ada sees Bob arrive');

    const guest = await visitor();
    const id = await visitorSays(guest, 'Hello?');
    await eventually(() => ada.frames('conversation.assigned').length + bob.frames('conversation.assigned').length === 1, 'one assignment');
    const row = await conversation(id);
    expect([ada.id, bob.id]).toContain(row.assigneeId);
    expect(row.queuedAt).toBeNull();
    expect(row.assignedAt).not.toBeNull();
    expect(row.waitingSince).not.toBeNull();
    const holder = row.assigneeId === ada.id ? ada : bob;
    expect(holder.frames('conversation.assigned')[0]).toMatchObject({ reason: 'auto', byAgentId: null, note: null });
    await eventually(
      () => holder.frames('presence.changed').some((f) => (f.agent as { agentId: string; load: number }).agentId === holder.id && (f.agent as { load: number }).load === 1),
      'the capacity meter shows one chat',
    );
    // An agent's reply ends the visitor's wait and is the first response.
    send(holder.socket, { type: 'message.send', conversationId: id, clientId: 'reply-1', body: 'Hi!' });
    await holder.socket.next('message.ack');
    const answered = await conversation(id);
    expect(answered.waitingSince).toBeNull();
    expect(answered.firstResponseAt).not.toBeNull();
  });

  it('queues visitors when everyone is full, tells them their place, and assigns in order as chats close', async () => {
    const ada = await agent({ name: 'Ada', capacity: 1 });
    const guests = [await visitor(), await visitor(), await visitor()];
    const ids: string[] = [];
    for (const [index, guest] of guests.entries()) ids.push(await visitorSays(guest, `question ${index}`));
    await assignedTo(ada, ids[0]!);
    const position = (guest: RawSocket, id: string) =>
      guest.frames.filter((frame) => frame.type === 'queue.updated' && frame.conversationId === id).at(-1)?.position;
    await eventually(() => position(guests[1]!, ids[1]!) === 1 && position(guests[2]!, ids[2]!) === 2, 'places 1 and 2');
    // The first visitor's pick-up time is the team's history: the estimate is built from it.
    expect(guests[2]!.frames.find((frame) => frame.type === 'queue.updated' && frame.position === 2)!.estimatedWaitSeconds).toEqual(expect.any(Number));

    send(ada.socket, { type: 'conversation.close', conversationId: ids[0] });
    await assignedTo(ada, ids[1]!);
    await eventually(() => position(guests[1]!, ids[1]!) === null && position(guests[2]!, ids[2]!) === 1, 'the line moves up');
    expect((await conversation(ids[0]!)).closedAt).not.toBeNull();
    // The close is in the transcript, in words the visitor sees too.
    await eventually(() => guests[0]!.frames.some((f) => f.type === 'message.created' && (f.message as { body: string }).body === 'Ada closed the conversation.'), 'close event');

    // Raising capacity assigns at once.
    send(ada.socket, { type: 'capacity.set', capacity: 2 });
    await assignedTo(ada, ids[2]!);
  });

  it('transfers to another agent with a note only agents see, and tells the visitor in plain words', async () => {
    const ada = await agent({ name: 'Ada' });
    const guest = await visitor();
    const id = await visitorSays(guest, 'I need a refund');
    await assignedTo(ada, id);
    const bob = await agent({ name: 'Bob' });

    send(ada.socket, { type: 'conversation.transfer', conversationId: id, agentId: bob.id, note: 'Order 1042, card payment' });
    await assignedTo(bob, id);
    expect(bob.frames('conversation.assigned').at(-1)).toMatchObject({ reason: 'transfer', byAgentId: ada.id, note: 'Order 1042, card payment' });
    await eventually(() => ada.frames('conversation.unassigned').some((f) => f.conversationId === id && f.reason === 'transfer'), 'Ada is told');
    expect((await conversation(id)).assigneeId).toBe(bob.id);

    await eventually(
      () => guest.frames.some((f) => f.type === 'message.created' && (f.message as { body: string }).body === 'Ada transferred the conversation to Bob.'),
      'the visitor reads who took over',
    );
    // Give the note's publish time to arrive anywhere it (wrongly) could, then check the visitor's wire.
    bob.socket.send(JSON.stringify({ type: 'conversation.watch', conversationId: id, afterSeq: 0 }));
    await eventually(() => bob.frames('conversation.synced').some((f) => (f.messages as Array<{ body: string }>).some((m) => m.body.includes('Order 1042'))), 'note stored for agents');
    expect(JSON.stringify(guest.frames)).not.toContain('Order 1042');

    // An agent may not transfer what is not theirs; the one who holds it is at capacity for nobody.
    send(ada.socket, { type: 'conversation.transfer', conversationId: id, agentId: ada.id });
    expect(await ada.socket.next('error')).toMatchObject({ code: 'forbidden', ref: 'conversation.transfer' });
  });

  it('lets agents claim from the queue when a team does not auto-assign; a second claim conflicts', async () => {
    const team = await createTeam(relay.database.db, relay.a.workspaceId, { name: 'Billing', autoAssign: false });
    await setSiteVisitorTeams(relay.database.db, relay.a.workspaceId, relay.a.siteId, [team.id]);
    const ada = await agent({ name: 'Ada' });
    const bob = await agent({ name: 'Bob' });
    await updateTeam(relay.database.db, relay.a.workspaceId, team.id, { memberIds: [ada.id, bob.id] });
    const guest = await visitor();
    const offered = guest.frames.find((frame) => frame.type === 'welcome')!.site as { teams?: Array<{ id: string; name: string }> };
    expect(offered.teams).toEqual([{ id: team.id, name: 'Billing' }]);

    const id = await visitorSays(guest, 'About my invoice', undefined, { teamId: team.id });
    expect((await conversation(id)).teamId).toBe(team.id);
    await eventually(() => guest.frames.some((f) => f.type === 'queue.updated' && f.position === 1), 'waits in the Billing queue');
    expect(ada.frames('conversation.assigned')).toEqual([]);

    send(bob.socket, { type: 'conversation.claim', conversationId: id });
    await assignedTo(bob, id);
    send(ada.socket, { type: 'conversation.claim', conversationId: id });
    expect(await ada.socket.next('error')).toMatchObject({ code: 'conflict', ref: 'conversation.claim' });
    // The visitor reads who took it: a joined event naming Bob (said in their language by the widget).
    await eventually(() => joinedEvents(guest).length === 1, 'the visitor is told Bob joined');
    expect(joinedEvents(guest)[0]).toMatchObject({ body: 'Bob joined the conversation.', author: { kind: 'system', id: bob.id, name: 'Bob' } });
  });

  it('writes "<Agent> joined the conversation" when routing assigns it, once, and not for a transfer', async () => {
    const ada = await agent({ name: 'Ada' });
    const guest = await visitor();
    const id = await visitorSays(guest, 'hello?');
    await assignedTo(ada, id);
    await eventually(() => joinedEvents(guest).length === 1, 'the visitor is told Ada joined');
    expect(joinedEvents(guest)[0]).toMatchObject({ kind: 'event', body: 'Ada joined the conversation.', author: { kind: 'system', id: ada.id, name: 'Ada' } });
    const bob = await agent({ name: 'Bob' });
    send(ada.socket, { type: 'conversation.transfer', conversationId: id, agentId: bob.id });
    await eventually(
      () => guest.frames.some((f) => f.type === 'message.created' && (f.message as { body: string }).body === 'Ada transferred the conversation to Bob.'),
      'the transfer event',
    );
    expect(joinedEvents(guest)).toHaveLength(1);
  });

  it('reopens a recently closed conversation when the visitor writes, and starts a new one after 24 hours', async () => {
    const ada = await agent({ name: 'Ada' });
    const guest = await visitor();
    const id = await visitorSays(guest, 'first');
    await assignedTo(ada, id);
    send(ada.socket, { type: 'conversation.close', conversationId: id });
    await eventually(() => ada.frames('conversation.updated').some((f) => (f.conversation as { id: string; status: string }).id === id && (f.conversation as { status: string }).status === 'closed'), 'closed');

    expect(await visitorSays(guest, 'one more thing', id)).toBe(id);
    await eventually(() => ada.frames('conversation.assigned').filter((f) => (f.conversation as { id: string }).id === id).length === 2, 'routed again');
    expect((await conversation(id)).status).toBe('open');

    send(ada.socket, { type: 'conversation.close', conversationId: id });
    await eventually(() => ada.frames('conversation.updated').filter((f) => (f.conversation as { id: string; status: string }).id === id && (f.conversation as { status: string }).status === 'closed').length === 2, 'closed again');
    // Ids are the server's own uuids, so inlining one in the statement is safe.
    await relay.database.db.execute(`UPDATE conversations SET status = 'closed', closed_at = now() - interval '25 hours' WHERE id = '${id}'`);
    const fresh = await visitorSays(guest, 'back after a while', id);
    expect(fresh).not.toBe(id);
    expect((await conversation(id)).status).toBe('closed');
    expect((await conversation(fresh)).status).toBe('open');
  });

  it('snoozes until the visitor replies or until a time, then the conversation is open again with its agent', async () => {
    const ada = await agent({ name: 'Ada' });
    const guest = await visitor();
    const id = await visitorSays(guest, 'hello');
    await assignedTo(ada, id);

    send(ada.socket, { type: 'conversation.snooze', conversationId: id, until: null });
    await eventually(() => ada.frames('conversation.updated').some((f) => (f.conversation as { id: string; status: string }).id === id && (f.conversation as { status: string }).status === 'snoozed'), 'snoozed');
    await visitorSays(guest, 'still there?', id);
    const woken = await conversation(id);
    expect(woken.status).toBe('open');
    expect(woken.assigneeId).toBe(ada.id);

    const until = new Date(Date.now() + 3600_000);
    send(ada.socket, { type: 'conversation.snooze', conversationId: id, until: until.toISOString() });
    await eventually(() => ada.frames('conversation.updated').some((f) => (f.conversation as { id: string; snoozedUntil: string | null }).id === id && (f.conversation as { snoozedUntil: string | null }).snoozedUntil === until.toISOString()), 'snoozed until');
    await relay.app.parley.routing.sweep(new Date(until.getTime() - 1000));
    expect((await conversation(id)).status).toBe('snoozed');
    await relay.app.parley.routing.sweep(new Date(until.getTime() + 1000));
    expect((await conversation(id)).status).toBe('open');
  });

  it('takes an unanswered chat back after the team’s limit, tells the agent, and gives it to someone else', async () => {
    const [defaultTeam] = await listTeams(relay.database.db, relay.a.workspaceId);
    await updateTeam(relay.database.db, relay.a.workspaceId, defaultTeam!.id, { reassignAfterSeconds: 120 });
    const ada = await agent({ name: 'Ada' });
    const guest = await visitor();
    const id = await visitorSays(guest, 'anyone?');
    await assignedTo(ada, id);
    const bob = await agent({ name: 'Bob' });

    await relay.app.parley.routing.sweep(new Date(Date.now() + 60_000));
    expect((await conversation(id)).assigneeId).toBe(ada.id);
    await relay.app.parley.routing.sweep(new Date(Date.now() + 180_000));
    await eventually(() => ada.frames('conversation.unassigned').some((f) => f.conversationId === id && f.reason === 'no_response'), 'Ada is told');
    await assignedTo(bob, id);
    expect((await conversation(id)).assigneeId).toBe(bob.id);
  });

  it('shows an agent offline to the team once their last console closed and the grace period passed', async () => {
    const ada = await agent({ name: 'Ada' });
    const bob = await agent({ name: 'Bob' });
    send(bob.socket, { type: 'presence.set', status: 'away' });
    const statusOf = (agentId: string) =>
      ada.frames('presence.changed').filter((f) => (f.agent as { agentId: string }).agentId === agentId).at(-1)?.agent as { status: string } | undefined;
    await eventually(() => statusOf(bob.id)?.status === 'away', 'Bob away');
    bob.socket.close();
    await eventually(() => {
      void relay.app.parley.routing.sweep();
      return statusOf(bob.id)?.status === 'offline';
    }, 'Bob offline after the grace period');
  });

  it('does not let an agent close someone else’s conversation; a supervisor may', async () => {
    const ada = await agent({ name: 'Ada' });
    const guest = await visitor();
    const id = await visitorSays(guest, 'hi');
    await assignedTo(ada, id);
    const bob = await agent({ name: 'Bob' });
    const sue = await agent({ name: 'Sue', role: 'supervisor', capacity: 0 });
    send(bob.socket, { type: 'conversation.close', conversationId: id });
    expect(await bob.socket.next('error')).toMatchObject({ code: 'forbidden', ref: 'conversation.close' });
    send(sue.socket, { type: 'conversation.unassign', conversationId: id });
    await eventually(() => ada.frames('conversation.unassigned').some((f) => f.conversationId === id && f.reason === 'unassign' && f.byAgentId === sue.id), 'Ada told by the supervisor');
  });
});
