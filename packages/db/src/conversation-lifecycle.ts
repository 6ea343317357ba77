/**
 * Close, reopen and snooze, and the two timers of routing (snooze wake-ups, the no-response
 * rule) as conditional UPDATEs: when several relay nodes sweep at once, each row changes once
 * and only the node whose UPDATE changed it announces it.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { ConversationSummary } from '@parley/protocol';
import { summariesByIds, type Actor, type RoutingResult } from './assignment';
import type { Db } from './open-db';
import { agents, conversations } from './schema';

async function lockConversation(tx: Db, workspaceId: string, conversationId: string) {
  const [row] = await tx
    .select({ status: conversations.status, assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)))
    .for('update');
  return row;
}

async function summaryOf(db: Db, workspaceId: string, conversationId: string): Promise<ConversationSummary> {
  return (await summariesByIds(db, workspaceId, [conversationId])).get(conversationId)!;
}

/**
 * Closes an open or snoozed conversation. Agents close their own or unassigned ones. The
 * assignee stays on record (who handled it) but it no longer counts against their capacity.
 */
export async function closeConversation(
  db: Db,
  scope: { workspaceId: string; conversationId: string; actor: Actor },
): Promise<RoutingResult<ConversationSummary>> {
  const { workspaceId, conversationId, actor } = scope;
  const result = await db.transaction(async (tx): Promise<RoutingResult<null>> => {
    const row = await lockConversation(tx, workspaceId, conversationId);
    if (!row) return { ok: false, error: 'not_found' };
    if (!actor.actsOnAny && row.assigneeId !== null && row.assigneeId !== actor.agentId) return { ok: false, error: 'forbidden' };
    if (row.status === 'closed') return { ok: false, error: 'conflict' };
    await tx
      .update(conversations)
      .set({ status: 'closed', closedAt: sql`now()`, queuedAt: null, snoozedUntil: null, waitingSince: null, updatedAt: sql`now()` })
      .where(eq(conversations.id, conversationId));
    return { ok: true, value: null };
  });
  return result.ok ? { ok: true, value: await summaryOf(db, workspaceId, conversationId) } : result;
}

/**
 * Reopens a closed conversation: the agent who reopens it holds it if their capacity allows
 * (their row is locked first: the global lock order), else it joins its team's queue.
 */
export async function reopenConversation(
  db: Db,
  scope: { workspaceId: string; conversationId: string; agentId: string },
): Promise<RoutingResult<{ conversation: ConversationSummary; assignedToActor: boolean }>> {
  const { workspaceId, conversationId, agentId } = scope;
  const result = await db.transaction(async (tx): Promise<RoutingResult<boolean>> => {
    const [agent] = await tx
      .select({ capacity: agents.capacity })
      .from(agents)
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, agentId)))
      .for('no key update');
    if (!agent) return { ok: false, error: 'not_found' };
    const row = await lockConversation(tx, workspaceId, conversationId);
    if (!row) return { ok: false, error: 'not_found' };
    if (row.status !== 'closed') return { ok: false, error: 'conflict' };
    const [load] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(and(eq(conversations.assigneeId, agentId), sql`${conversations.status} in ('open', 'snoozed')`));
    const takes = (load?.n ?? 0) < agent.capacity;
    await tx
      .update(conversations)
      .set({
        status: 'open',
        closedAt: null,
        assigneeId: takes ? agentId : null,
        assignedAt: takes ? sql`now()` : null,
        queuedAt: takes ? null : sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(conversations.id, conversationId));
    return { ok: true, value: takes };
  });
  if (!result.ok) return result;
  return { ok: true, value: { conversation: await summaryOf(db, workspaceId, conversationId), assignedToActor: result.value } };
}

/** Snoozes an open (or re-snoozes a snoozed) conversation until a time, or (null) the visitor's next message. */
export async function snoozeConversation(
  db: Db,
  scope: { workspaceId: string; conversationId: string; actor: Actor; until: Date | null },
): Promise<RoutingResult<ConversationSummary>> {
  const { workspaceId, conversationId, actor } = scope;
  const result = await db.transaction(async (tx): Promise<RoutingResult<null>> => {
    const row = await lockConversation(tx, workspaceId, conversationId);
    if (!row) return { ok: false, error: 'not_found' };
    if (!actor.actsOnAny && row.assigneeId !== actor.agentId) return { ok: false, error: 'forbidden' };
    if (row.status === 'closed') return { ok: false, error: 'conflict' };
    await tx
      .update(conversations)
      .set({ status: 'snoozed', snoozedUntil: scope.until, queuedAt: null, updatedAt: sql`now()` })
      .where(eq(conversations.id, conversationId));
    return { ok: true, value: null };
  });
  return result.ok ? { ok: true, value: await summaryOf(db, workspaceId, conversationId) } : result;
}

export interface SweptConversation {
  workspaceId: string;
  conversation: ConversationSummary;
}

async function summariesOf(db: Db, rows: Array<{ id: string; workspaceId: string }>): Promise<SweptConversation[]> {
  const byWorkspace = new Map<string, string[]>();
  for (const row of rows) byWorkspace.set(row.workspaceId, [...(byWorkspace.get(row.workspaceId) ?? []), row.id]);
  const out: SweptConversation[] = [];
  for (const [workspaceId, ids] of byWorkspace) {
    const summaries = await summariesByIds(db, workspaceId, ids);
    for (const id of ids) {
      const conversation = summaries.get(id);
      if (conversation) out.push({ workspaceId, conversation });
    }
  }
  return out;
}

const SWEEP_BATCH = 500;

/** Snoozed conversations whose time has come are open again; unassigned ones join their queue. */
export async function wakeSnoozed(db: Db, now: Date): Promise<SweptConversation[]> {
  const result = await db.execute<{ id: string; workspace_id: string }>(sql`
    UPDATE conversations AS c SET status = 'open', snoozed_until = NULL, updated_at = ${now.toISOString()}::timestamptz,
      queued_at = CASE WHEN c.assignee_id IS NULL THEN ${now.toISOString()}::timestamptz ELSE NULL END
    FROM (
      SELECT id FROM conversations
      WHERE status = 'snoozed' AND snoozed_until <= ${now.toISOString()}::timestamptz
      ORDER BY id LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED
    ) AS due
    WHERE c.id = due.id AND c.status = 'snoozed'
    RETURNING c.id, c.workspace_id`);
  return summariesOf(db, result.rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id })));
}

export interface Rerouted extends SweptConversation {
  previousAssigneeId: string;
}

/**
 * The no-response rule: an open conversation whose visitor has waited, since the later of their
 * oldest unanswered message and the assignment, longer than the team's reassignAfterSeconds goes
 * back to the queue — in the place its wait earns it — and routing avoids the agent it left.
 */
export async function rerouteUnanswered(db: Db, now: Date): Promise<Rerouted[]> {
  const at = now.toISOString();
  const result = await db.execute<{ id: string; workspace_id: string; previous: string }>(sql`
    UPDATE conversations AS c SET assignee_id = NULL, assigned_at = NULL, queued_at = c.waiting_since,
      rerouted_from_agent_id = due.assignee_id, updated_at = ${at}::timestamptz
    FROM (
      SELECT c2.id, c2.assignee_id FROM conversations c2 JOIN teams t ON t.id = c2.team_id
      WHERE c2.status = 'open' AND c2.assignee_id IS NOT NULL AND c2.waiting_since IS NOT NULL
        AND t.reassign_after_seconds IS NOT NULL
        AND greatest(c2.waiting_since, c2.assigned_at) <= ${at}::timestamptz - t.reassign_after_seconds * interval '1 second'
      ORDER BY c2.id LIMIT ${SWEEP_BATCH} FOR UPDATE OF c2 SKIP LOCKED
    ) AS due
    WHERE c.id = due.id AND c.assignee_id = due.assignee_id
    RETURNING c.id, c.workspace_id, due.assignee_id AS previous`);
  const previous = new Map(result.rows.map((row) => [row.id, row.previous]));
  const swept = await summariesOf(db, result.rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id })));
  return swept.map((entry) => ({ ...entry, previousAssigneeId: previous.get(entry.conversation.id)! }));
}

/** Teams (with their workspace) that have someone waiting in the queue: what a routing sweep visits. */
export async function teamsWithQueue(db: Db): Promise<Array<{ workspaceId: string; teamId: string }>> {
  const result = await db.execute<{ workspace_id: string; team_id: string }>(sql`
    SELECT DISTINCT workspace_id, team_id FROM conversations
    WHERE queued_at IS NOT NULL AND status = 'open' AND assignee_id IS NULL AND team_id IS NOT NULL`);
  return result.rows.map((row) => ({ workspaceId: row.workspace_id, teamId: row.team_id }));
}
