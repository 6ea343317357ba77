import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createAgent } from './agents';
import { assignQueued, claimConversation, transferConversation, type AssignmentPlanner } from './assignment';
import { closeConversation, rerouteUnanswered, reopenConversation, snoozeConversation, wakeSnoozed } from './conversation-lifecycle';
import { appendMessage, startConversation } from './messages';
import type { Db } from './open-db';
import { queueEntries, recentWaitsMs } from './queue';
import { setAgentCapacity } from './agent-routing';
import { listTeams, updateTeam } from './teams';
import { createVisitor } from './visitors';
import { createChatFixture, type ChatFixture } from './testing/chat-fixture';
import { describeEachBackend } from './testing/each-backend';

/** Fills agents in order of the list: enough to test the transaction, the policy is tested in the relay. */
const firstWithRoom: AssignmentPlanner = (candidates, queue) => {
  const room = new Map(candidates.map((agent) => [agent.agentId, agent.capacity - agent.load]));
  const plan: Array<{ conversationId: string; agentId: string }> = [];
  for (const conversation of queue) {
    const agentId = [...room].find(([, left]) => left > 0)?.[0];
    if (!agentId) break;
    room.set(agentId, room.get(agentId)! - 1);
    plan.push({ conversationId: conversation.id, agentId });
  }
  return plan;
};

async function visitorWrites(db: Db, fixture: ChatFixture): Promise<string> {
  const visitor = await createVisitor(db, fixture.workspace.id, fixture.site.id);
  const started = await startConversation(db, fixture.workspace.id, {
    siteId: fixture.site.id,
    visitorId: visitor.id,
    clientId: randomUUID(),
    author: { kind: 'visitor', id: visitor.id, name: null },
    body: 'hello',
  });
  return started!.conversation.id;
}

describeEachBackend('assignment', (database, kind) => {
  it('puts a new conversation in the default team’s queue', async () => {
    const db = database().db;
    const fixture = await createChatFixture(db);
    const [team] = await listTeams(db, fixture.workspace.id);
    expect(team).toMatchObject({ isDefault: true, memberIds: [fixture.agent.id] });
    const id = await visitorWrites(db, fixture);
    expect(await queueEntries(db, fixture.workspace.id, team!.id)).toEqual([expect.objectContaining({ conversationId: id, position: 1 })]);
  });

  it('never passes capacity nor assigns twice, however many routers run at once', async () => {
    const db = database().db;
    const fixture = await createChatFixture(db);
    const [team] = await listTeams(db, fixture.workspace.id);
    const second = await createAgent(db, fixture.workspace.id, { email: `${randomUUID()}@example.test`, name: 'Bo', role: 'agent', passwordHash: 'x' });
    await setAgentCapacity(db, fixture.workspace.id, fixture.agent.id, 2);
    await setAgentCapacity(db, fixture.workspace.id, second.id, 1);
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await visitorWrites(db, fixture));
    const online = [fixture.agent.id, second.id];
    const runs = await Promise.all(
      Array.from({ length: kind === 'pg' ? 6 : 3 }, () => assignQueued(db, { workspaceId: fixture.workspace.id, teamId: team!.id, onlineAgentIds: online }, firstWithRoom)),
    );
    const assigned = runs.flat();
    expect(assigned).toHaveLength(3);
    expect(new Set(assigned.map((entry) => entry.conversation.id))).toEqual(new Set(ids.slice(0, 3)));
    expect(assigned.filter((entry) => entry.agentId === second.id)).toHaveLength(1);
    expect((await queueEntries(db, fixture.workspace.id, team!.id)).map((entry) => entry.conversationId)).toEqual(ids.slice(3));
    expect(await recentWaitsMs(db, fixture.workspace.id, team!.id)).toHaveLength(3);
  });

  it('assigns nothing for a team that does not auto-assign, or to agents not online', async () => {
    const db = database().db;
    const fixture = await createChatFixture(db);
    const [team] = await listTeams(db, fixture.workspace.id);
    await visitorWrites(db, fixture);
    expect(await assignQueued(db, { workspaceId: fixture.workspace.id, teamId: team!.id, onlineAgentIds: [] }, firstWithRoom)).toEqual([]);
    await updateTeam(db, fixture.workspace.id, team!.id, { autoAssign: false });
    expect(await assignQueued(db, { workspaceId: fixture.workspace.id, teamId: team!.id, onlineAgentIds: [fixture.agent.id] }, firstWithRoom)).toEqual([]);
  });

  it('claims once, refuses over capacity, and keeps transfers and closes inside the workspace and role', async () => {
    const db = database().db;
    const fixture = await createChatFixture(db);
    const other = await createChatFixture(db, 'Other');
    const id = await visitorWrites(db, fixture);
    const scope = { workspaceId: fixture.workspace.id, agentId: fixture.agent.id, conversationId: id };
    expect((await claimConversation(db, scope)).ok).toBe(true);
    expect(await claimConversation(db, scope)).toEqual({ ok: false, error: 'conflict' });
    expect(await claimConversation(db, { ...scope, workspaceId: other.workspace.id })).toEqual({ ok: false, error: 'not_found' });
    const full = await visitorWrites(db, fixture);
    await setAgentCapacity(db, fixture.workspace.id, fixture.agent.id, 1);
    expect(await claimConversation(db, { ...scope, conversationId: full })).toEqual({ ok: false, error: 'over_capacity' });

    const stranger = { agentId: randomUUID(), actsOnAny: false };
    expect(await closeConversation(db, { workspaceId: fixture.workspace.id, conversationId: id, actor: stranger })).toEqual({ ok: false, error: 'forbidden' });
    expect(
      await transferConversation(db, { workspaceId: fixture.workspace.id, conversationId: id, actor: { agentId: fixture.agent.id, actsOnAny: false }, to: { agentId: other.agent.id }, note: null }),
    ).toEqual({ ok: false, error: 'not_found' });
  });

  it('closes, reopens to the agent with room, snoozes and wakes, and reroutes the unanswered', async () => {
    const db = database().db;
    const fixture = await createChatFixture(db);
    const [team] = await listTeams(db, fixture.workspace.id);
    const id = await visitorWrites(db, fixture);
    const actor = { agentId: fixture.agent.id, actsOnAny: false };
    const workspaceId = fixture.workspace.id;
    await claimConversation(db, { workspaceId, agentId: fixture.agent.id, conversationId: id });

    const closed = await closeConversation(db, { workspaceId, conversationId: id, actor });
    expect(closed.ok && closed.value).toMatchObject({ status: 'closed', assigneeId: fixture.agent.id, closedAt: expect.any(String) });
    const reopened = await reopenConversation(db, { workspaceId, conversationId: id, agentId: fixture.agent.id });
    expect(reopened.ok && reopened.value).toMatchObject({ assignedToActor: true, conversation: { status: 'open', closedAt: null } });

    const until = new Date(Date.now() + 60_000);
    await snoozeConversation(db, { workspaceId, conversationId: id, actor, until });
    expect(await wakeSnoozed(db, new Date(until.getTime() - 1))).toEqual([]);
    const woken = await wakeSnoozed(db, new Date(until.getTime() + 1));
    expect(woken.map((entry) => entry.conversation.status)).toEqual(['open']);

    // Closing ended the wait; the visitor's next message starts a new one.
    await appendMessage(db, { workspaceId }, { conversationId: id, clientId: null, author: fixture.visitorAuthor, body: 'still there?' });
    await updateTeam(db, workspaceId, team!.id, { reassignAfterSeconds: 60 });
    expect(await rerouteUnanswered(db, new Date(Date.now() + 30_000))).toEqual([]);
    const rerouted = await rerouteUnanswered(db, new Date(Date.now() + 120_000));
    expect(rerouted).toEqual([expect.objectContaining({ previousAssigneeId: fixture.agent.id })]);
    expect(rerouted[0]!.conversation).toMatchObject({ assigneeId: null, queuedAt: expect.any(String) });
    // Once answered, the visitor no longer waits and the rule leaves it alone.
    await claimConversation(db, { workspaceId, agentId: fixture.agent.id, conversationId: id });
    await appendMessage(db, { workspaceId }, { conversationId: id, clientId: null, author: fixture.agentAuthor, body: 'answer' });
    expect(await rerouteUnanswered(db, new Date(Date.now() + 3600_000))).toEqual([]);
  });
});
