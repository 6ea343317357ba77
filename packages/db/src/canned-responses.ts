/**
 * Canned responses. A team-shared one (ownerAgentId null) is visible to every agent of the
 * workspace; a personal one only to its owner. Another workspace's or another agent's personal
 * response answers exactly like a missing one (null / false).
 */
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { CannedResponse, CannedResponseCreateBody, CannedResponseUpdateBody } from '@parley/protocol';
import type { Db } from './open-db';
import { cannedResponses } from './schema';

/** Whose view: the workspace and the agent asking. */
export interface CannedScopeOf {
  workspaceId: string;
  agentId: string;
}

type Row = typeof cannedResponses.$inferSelect;

function toCannedResponse(row: Row): CannedResponse {
  return {
    id: row.id,
    scope: row.ownerAgentId === null ? 'team' : 'personal',
    shortcut: row.shortcut,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What this agent may see: the team's and their own. */
function visibleTo(scope: CannedScopeOf): SQL {
  return and(
    eq(cannedResponses.workspaceId, scope.workspaceId),
    or(isNull(cannedResponses.ownerAgentId), eq(cannedResponses.ownerAgentId, scope.agentId)),
  )!;
}

/** Team and personal responses, by shortcut (personal first when both use one). */
export async function listCannedResponses(db: Db, scope: CannedScopeOf): Promise<CannedResponse[]> {
  const rows = await db
    .select()
    .from(cannedResponses)
    .where(visibleTo(scope))
    .orderBy(asc(cannedResponses.shortcut), sql`${cannedResponses.ownerAgentId} is null`, asc(cannedResponses.id));
  return rows.map(toCannedResponse);
}

export async function createCannedResponse(db: Db, scope: CannedScopeOf, input: CannedResponseCreateBody): Promise<CannedResponse> {
  const [row] = await db
    .insert(cannedResponses)
    .values({
      workspaceId: scope.workspaceId,
      ownerAgentId: input.scope === 'personal' ? scope.agentId : null,
      shortcut: input.shortcut,
      title: input.title,
      body: input.body,
    })
    .returning();
  if (!row) throw new Error('insert into canned_responses returned no row');
  return toCannedResponse(row);
}

export async function updateCannedResponse(
  db: Db,
  scope: CannedScopeOf,
  id: string,
  input: CannedResponseUpdateBody,
): Promise<CannedResponse | null> {
  const [row] = await db
    .update(cannedResponses)
    .set({ ...input, updatedAt: sql`now()` })
    .where(and(visibleTo(scope), eq(cannedResponses.id, id)))
    .returning();
  return row ? toCannedResponse(row) : null;
}

export async function deleteCannedResponse(db: Db, scope: CannedScopeOf, id: string): Promise<boolean> {
  const deleted = await db
    .delete(cannedResponses)
    .where(and(visibleTo(scope), eq(cannedResponses.id, id)))
    .returning({ id: cannedResponses.id });
  return deleted.length > 0;
}
