/**
 * Who holds a conversation, decided once across every relay node. Each change is one
 * transaction that locks in one global order — the team row, then agent rows by id, then
 * conversation rows by id (the message writer locks conversations by id too) — so concurrent
 * routers, claims and transfers on several nodes serialise instead of deadlocking, a
 * conversation is assigned once, and an agent's load is counted under their row lock, so no one
 * passes their capacity.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AssignReason, ConversationSummary } from '@parley/protocol';
import { summaryColumns, toConversationSummary } from './conversations';
import type { Db } from './open-db';
import { agents, assignments, conversations, teamMembers, teams, visitors } from './schema';

/** Conversations that count against an agent's capacity. */
export const LOAD_STATUSES = ['open', 'snoozed'] as const;

export interface AssignCandidate {
  agentId: string;
  capacity: number;
  load: number;
  lastAssignedAt: Date | null;
}

export interface QueuedConversation {
  id: string;
  queuedAt: Date;
  /** The agent the no-response rule took it from: give it to someone else. */
  reroutedFromAgentId: string | null;
}

/** Decides which queued conversation goes to which agent; the relay's routing policy. */
export type AssignmentPlanner = (candidates: AssignCandidate[], queue: QueuedConversation[]) => Array<{ conversationId: string; agentId: string }>;

export interface Assignment {
  conversation: ConversationSummary;
  agentId: string;
  reason: AssignReason;
  byAgentId: string | null;
  note: string | null;
  /** The agent who held it before (a transfer), if any. */
  previousAssigneeId: string | null;
}

export type RoutingFailure = 'not_found' | 'forbidden' | 'conflict' | 'over_capacity';
export type RoutingResult<T> = { ok: true; value: T } | { ok: false; error: RoutingFailure };

/** Who acts: agents act on their own conversations; supervisors and admins on any. */
export interface Actor {
  agentId: string;
  actsOnAny: boolean;
}

const MAX_ASSIGN_PER_RUN = 500;

export async function summariesByIds(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, ConversationSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select(summaryColumns)
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, ids)));
  return new Map(rows.map((row) => [row.id, toConversationSummary(row)]));
}

/** Open and snoozed conversations held by each of the agents (all teams). */
async function loadsOf(tx: Db, agentIds: string[]): Promise<Map<string, number>> {
  const loads = new Map<string, number>(agentIds.map((id) => [id, 0]));
  if (agentIds.length === 0) return loads;
  const rows = await tx
    .select({ agentId: conversations.assigneeId, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(inArray(conversations.assigneeId, agentIds), inArray(conversations.status, [...LOAD_STATUSES])))
    .groupBy(conversations.assigneeId);
  for (const row of rows) if (row.agentId) loads.set(row.agentId, row.n);
  return loads;
}

async function lockAgents(tx: Db, workspaceId: string, agentIds: string[]) {
  if (agentIds.length === 0) return [];
  return tx
    .select({ id: agents.id, capacity: agents.capacity, lastAssignedAt: agents.lastAssignedAt })
    .from(agents)
    .where(and(eq(agents.workspaceId, workspaceId), inArray(agents.id, agentIds)))
    .orderBy(asc(agents.id))
    // Not FOR UPDATE: that would also block every conversation write whose foreign key points
    // at the agent (KEY SHARE); routing only needs other routers to wait.
    .for('no key update');
}

async function lockConversation(tx: Db, workspaceId: string, conversationId: string) {
  const [row] = await tx
    .select({
      id: conversations.id,
      status: conversations.status,
      assigneeId: conversations.assigneeId,
      teamId: conversations.teamId,
      queuedAt: conversations.queuedAt,
    })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)))
    .for('update');
  return row;
}

async function logAssignment(
  tx: Db,
  workspaceId: string,
  entry: { conversationId: string; teamId: string | null; agentId: string; reason: AssignReason; byAgentId: string | null; queuedAt: Date | null; note: string | null },
): Promise<void> {
  await tx.insert(assignments).values({
    workspaceId,
    conversationId: entry.conversationId,
    teamId: entry.teamId,
    agentId: entry.agentId,
    reason: entry.reason,
    byAgentId: entry.byAgentId,
    note: entry.note,
    // The time the locks were held, not the transaction's start: assignments serialised by
    // those locks are logged in the order they happened.
    createdAt: sql`clock_timestamp()`,
    waitedMs: entry.queuedAt === null ? null : sql`greatest(0, (extract(epoch from (clock_timestamp() - ${entry.queuedAt.toISOString()}::timestamptz)) * 1000)::int)`,
  });
}

/**
 * Assigns the team's queue, oldest first, to its online members with free capacity, as the
 * planner decides. Nothing happens for a team with autoAssign off. Returns what was assigned.
 */
export async function assignQueued(
  db: Db,
  scope: { workspaceId: string; teamId: string; onlineAgentIds: string[] },
  planner: AssignmentPlanner,
): Promise<Assignment[]> {
  const { workspaceId, teamId } = scope;
  if (scope.onlineAgentIds.length === 0) return [];
  const assigned = await db.transaction(async (tx) => {
    const [team] = await tx
      .select({ autoAssign: teams.autoAssign })
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, teamId)))
      // NO KEY UPDATE: new conversations of the team (a foreign key, KEY SHARE) keep flowing meanwhile.
      .for('no key update');
    if (!team?.autoAssign) return [];
    const members = await tx
      .select({ agentId: teamMembers.agentId })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, teamId), inArray(teamMembers.agentId, scope.onlineAgentIds)));
    const locked = await lockAgents(tx, workspaceId, members.map((member) => member.agentId));
    const loads = await loadsOf(tx, locked.map((agent) => agent.id));
    const candidates: AssignCandidate[] = locked.map((agent) => ({
      agentId: agent.id,
      capacity: agent.capacity,
      load: loads.get(agent.id) ?? 0,
      lastAssignedAt: agent.lastAssignedAt,
    }));
    const free = candidates.reduce((sum, agent) => sum + Math.max(0, agent.capacity - agent.load), 0);
    if (free === 0) return [];
    // Read the head of the queue, then lock those rows by id (the global lock order) and keep
    // the ones still queued: a claim or transfer may have taken one meanwhile.
    const head = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(queuedIn(workspaceId, teamId))
      .orderBy(asc(conversations.queuedAt), asc(conversations.id))
      .limit(Math.min(free, MAX_ASSIGN_PER_RUN));
    if (head.length === 0) return [];
    const stillQueued = await tx
      .select({ id: conversations.id, queuedAt: conversations.queuedAt, reroutedFromAgentId: conversations.reroutedFromAgentId })
      .from(conversations)
      .where(and(inArray(conversations.id, head.map((row) => row.id)), queuedIn(workspaceId, teamId)))
      .orderBy(asc(conversations.id))
      .for('update');
    const queue: QueuedConversation[] = stillQueued
      .map((row) => ({ id: row.id, queuedAt: row.queuedAt!, reroutedFromAgentId: row.reroutedFromAgentId }))
      .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || (a.id < b.id ? -1 : 1));
    const plan = planner(candidates, queue);
    if (plan.length === 0) return [];
    checkPlan(plan, candidates, queue);
    const queuedAt = new Map(queue.map((entry) => [entry.id, entry.queuedAt]));
    const values = plan.map((step) => sql`(${step.conversationId}::uuid, ${step.agentId}::uuid)`);
    await tx.execute(sql`
      UPDATE conversations AS c SET assignee_id = v.agent_id, assigned_at = now(), queued_at = NULL,
        rerouted_from_agent_id = NULL, updated_at = now()
      FROM (VALUES ${sql.join(values, sql`, `)}) AS v(id, agent_id)
      WHERE c.id = v.id`);
    // Round-robin among equals: the planner orders its picks, so later picks get later times.
    const order = new Map<string, number>();
    plan.forEach((step, index) => order.set(step.agentId, index));
    const stamps = [...order].map(([agentId, index]) => sql`(${agentId}::uuid, ${index}::int)`);
    await tx.execute(sql`
      UPDATE agents AS a SET last_assigned_at = now() + v.n * interval '1 millisecond'
      FROM (VALUES ${sql.join(stamps, sql`, `)}) AS v(id, n) WHERE a.id = v.id`);
    for (const step of plan) {
      await logAssignment(tx, workspaceId, {
        conversationId: step.conversationId,
        teamId,
        agentId: step.agentId,
        reason: 'auto',
        byAgentId: null,
        queuedAt: queuedAt.get(step.conversationId) ?? null,
        note: null,
      });
    }
    return plan;
  });
  const summaries = await summariesByIds(db, workspaceId, assigned.map((step) => step.conversationId));
  return assigned.flatMap((step) => {
    const conversation = summaries.get(step.conversationId);
    return conversation
      ? [{ conversation, agentId: step.agentId, reason: 'auto' as const, byAgentId: null, note: null, previousAssigneeId: null }]
      : [];
  });
}

function queuedIn(workspaceId: string, teamId: string) {
  return and(
    eq(conversations.workspaceId, workspaceId),
    eq(conversations.teamId, teamId),
    eq(conversations.status, 'open'),
    sql`${conversations.assigneeId} is null`,
    sql`${conversations.queuedAt} is not null`,
  );
}

/** A planner bug must never over-assign: refuse the whole plan instead of writing it. */
function checkPlan(plan: Array<{ conversationId: string; agentId: string }>, candidates: AssignCandidate[], queue: QueuedConversation[]): void {
  const room = new Map(candidates.map((agent) => [agent.agentId, agent.capacity - agent.load]));
  const queued = new Set(queue.map((entry) => entry.id));
  const seen = new Set<string>();
  for (const step of plan) {
    const left = room.get(step.agentId);
    if (left === undefined || left <= 0 || !queued.has(step.conversationId) || seen.has(step.conversationId)) {
      throw new Error(`assignment plan is not within capacity or queue: ${JSON.stringify(step)}`);
    }
    room.set(step.agentId, left - 1);
    seen.add(step.conversationId);
  }
}

/** An agent takes an open conversation nobody holds. */
export async function claimConversation(
  db: Db,
  scope: { workspaceId: string; agentId: string; conversationId: string },
): Promise<RoutingResult<Assignment>> {
  const { workspaceId, agentId, conversationId } = scope;
  const result = await db.transaction(async (tx): Promise<RoutingResult<{ teamId: string | null }>> => {
    const [agent] = await lockAgents(tx, workspaceId, [agentId]);
    if (!agent) return { ok: false, error: 'not_found' };
    const conversation = await lockConversation(tx, workspaceId, conversationId);
    if (!conversation) return { ok: false, error: 'not_found' };
    if (conversation.status !== 'open' || conversation.assigneeId !== null) return { ok: false, error: 'conflict' };
    if (((await loadsOf(tx, [agentId])).get(agentId) ?? 0) >= agent.capacity) return { ok: false, error: 'over_capacity' };
    await tx
      .update(conversations)
      .set({ assigneeId: agentId, assignedAt: sql`now()`, queuedAt: null, reroutedFromAgentId: null, updatedAt: sql`now()` })
      .where(eq(conversations.id, conversationId));
    await tx.update(agents).set({ lastAssignedAt: sql`now()` }).where(eq(agents.id, agentId));
    await logAssignment(tx, workspaceId, { conversationId, teamId: conversation.teamId, agentId, reason: 'claim', byAgentId: null, queuedAt: conversation.queuedAt, note: null });
    return { ok: true, value: { teamId: conversation.teamId } };
  });
  if (!result.ok) return result;
  const summary = (await summariesByIds(db, workspaceId, [conversationId])).get(conversationId)!;
  return { ok: true, value: { conversation: summary, agentId, reason: 'claim', byAgentId: null, note: null, previousAssigneeId: null } };
}

export type TransferTarget = { agentId: string } | { teamId: string };

export interface TransferOutcome {
  conversation: ConversationSummary;
  previousAssigneeId: string | null;
  /** Set when it went to an agent; for a team, the conversation is queued in it. */
  assignment: Assignment | null;
}

/** To another agent (within their capacity) or into a team's queue. Closed conversations are not transferred. */
export async function transferConversation(
  db: Db,
  scope: { workspaceId: string; conversationId: string; actor: Actor; to: TransferTarget; note: string | null },
): Promise<RoutingResult<TransferOutcome>> {
  const { workspaceId, conversationId, actor, to } = scope;
  const result = await db.transaction(async (tx): Promise<RoutingResult<{ previous: string | null }>> => {
    let target: { id: string; capacity: number } | undefined;
    if ('agentId' in to) {
      [target] = await lockAgents(tx, workspaceId, [to.agentId]);
      if (!target) return { ok: false, error: 'not_found' };
    } else {
      const [team] = await tx.select({ id: teams.id }).from(teams).where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, to.teamId)));
      if (!team) return { ok: false, error: 'not_found' };
    }
    const conversation = await lockConversation(tx, workspaceId, conversationId);
    if (!conversation) return { ok: false, error: 'not_found' };
    if (!actor.actsOnAny && conversation.assigneeId !== actor.agentId) return { ok: false, error: 'forbidden' };
    if (conversation.status === 'closed') return { ok: false, error: 'conflict' };
    if (target) {
      if (conversation.assigneeId === target.id) return { ok: false, error: 'conflict' };
      if (((await loadsOf(tx, [target.id])).get(target.id) ?? 0) >= target.capacity) return { ok: false, error: 'over_capacity' };
      await tx
        .update(conversations)
        .set({ assigneeId: target.id, assignedAt: sql`now()`, queuedAt: null, reroutedFromAgentId: null, updatedAt: sql`now()` })
        .where(eq(conversations.id, conversationId));
      await tx.update(agents).set({ lastAssignedAt: sql`now()` }).where(eq(agents.id, target.id));
      await logAssignment(tx, workspaceId, {
        conversationId,
        teamId: conversation.teamId,
        agentId: target.id,
        reason: 'transfer',
        byAgentId: actor.agentId,
        queuedAt: null,
        note: scope.note,
      });
    } else {
      const teamId = (to as { teamId: string }).teamId;
      await tx
        .update(conversations)
        .set({
          teamId,
          assigneeId: null,
          assignedAt: null,
          // A snoozed conversation keeps sleeping; it joins the queue when it wakes.
          queuedAt: conversation.status === 'open' ? sql`now()` : null,
          reroutedFromAgentId: null,
          updatedAt: sql`now()`,
        })
        .where(eq(conversations.id, conversationId));
    }
    return { ok: true, value: { previous: conversation.assigneeId } };
  });
  if (!result.ok) return result;
  const summary = (await summariesByIds(db, workspaceId, [conversationId])).get(conversationId)!;
  const assignment: Assignment | null =
    'agentId' in to
      ? { conversation: summary, agentId: to.agentId, reason: 'transfer', byAgentId: actor.agentId, note: scope.note, previousAssigneeId: result.value.previous }
      : null;
  return { ok: true, value: { conversation: summary, previousAssigneeId: result.value.previous, assignment } };
}

/** Back to the team's queue. */
export async function unassignConversation(
  db: Db,
  scope: { workspaceId: string; conversationId: string; actor: Actor },
): Promise<RoutingResult<{ conversation: ConversationSummary; previousAssigneeId: string }>> {
  const { workspaceId, conversationId, actor } = scope;
  const result = await db.transaction(async (tx): Promise<RoutingResult<string>> => {
    const conversation = await lockConversation(tx, workspaceId, conversationId);
    if (!conversation) return { ok: false, error: 'not_found' };
    if (!actor.actsOnAny && conversation.assigneeId !== actor.agentId) return { ok: false, error: 'forbidden' };
    if (conversation.assigneeId === null || conversation.status === 'closed') return { ok: false, error: 'conflict' };
    await tx
      .update(conversations)
      .set({ assigneeId: null, assignedAt: null, queuedAt: conversation.status === 'open' ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(conversations.id, conversationId));
    return { ok: true, value: conversation.assigneeId };
  });
  if (!result.ok) return result;
  const summary = (await summariesByIds(db, workspaceId, [conversationId])).get(conversationId)!;
  return { ok: true, value: { conversation: summary, previousAssigneeId: result.value } };
}

/** Open and snoozed conversations per agent of the workspace: the capacity meter. */
export async function agentLoads(db: Db, workspaceId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ agentId: conversations.assigneeId, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        sql`${conversations.assigneeId} is not null`,
        inArray(conversations.status, [...LOAD_STATUSES]),
      ),
    )
    .groupBy(conversations.assigneeId);
  return new Map(rows.map((row) => [row.agentId!, row.n]));
}
