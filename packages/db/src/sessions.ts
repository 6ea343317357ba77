import { and, eq, gt, ne } from 'drizzle-orm';
import type { AgentProfile } from '@parley/protocol';
import type { Db } from './open-db';
import { agents, sessions } from './schema';

export interface SessionLookup {
  sessionId: string;
  workspaceId: string;
  agentId: string;
  expiresAt: string;
  agent: AgentProfile;
}

/** Stores a session under the hash of its cookie value; the raw token is never written. */
export async function createSession(
  db: Db,
  input: { workspaceId: string; agentId: string; tokenHash: string; expiresAt: Date },
): Promise<{ sessionId: string; expiresAt: string }> {
  const [row] = await db
    .insert(sessions)
    .values({
      workspaceId: input.workspaceId,
      agentId: input.agentId,
      tokenHash: input.tokenHash,
      expiresAt: input.expiresAt,
    })
    .returning({ id: sessions.id, expiresAt: sessions.expiresAt });
  if (!row) throw new Error('insert into sessions returned no row');
  return { sessionId: row.id, expiresAt: row.expiresAt.toISOString() };
}

/**
 * The session a cookie's hash names, with its agent; null when unknown or expired at `now`.
 * Unscoped: the cookie is the entry point, and the session decides the workspace.
 */
export async function findSessionByTokenHash(
  db: Db,
  tokenHash: string,
  now: Date = new Date(),
): Promise<SessionLookup | null> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      workspaceId: sessions.workspaceId,
      agentId: sessions.agentId,
      expiresAt: sessions.expiresAt,
      agent: {
        id: agents.id,
        workspaceId: agents.workspaceId,
        email: agents.email,
        name: agents.name,
        role: agents.role,
      },
    })
    .from(sessions)
    // Joining on the workspace too keeps a session from ever naming an agent of another workspace.
    .innerJoin(agents, and(eq(agents.id, sessions.agentId), eq(agents.workspaceId, sessions.workspaceId)))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  if (!row) return null;
  return { ...row, expiresAt: row.expiresAt.toISOString() };
}

/** Logout. Returns whether a session was deleted. */
export async function deleteSessionByTokenHash(db: Db, tokenHash: string): Promise<boolean> {
  const deleted = await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning({ id: sessions.id });
  return deleted.length > 0;
}

/** Ends an agent's sessions (after a password change: all but the current one). Returns how many. */
export async function deleteAgentSessions(
  db: Db,
  workspaceId: string,
  agentId: string,
  opts: { exceptTokenHash?: string } = {},
): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.workspaceId, workspaceId),
        eq(sessions.agentId, agentId),
        opts.exceptTokenHash === undefined ? undefined : ne(sessions.tokenHash, opts.exceptTokenHash),
      ),
    )
    .returning({ id: sessions.id });
  return deleted.length;
}
