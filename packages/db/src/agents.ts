import { and, eq, sql } from 'drizzle-orm';
import type { AgentProfile, AgentRole } from '@parley/protocol';
import type { Db } from './open-db';
import { agents } from './schema';

export interface AgentRecord extends AgentProfile {
  createdAt: string;
  updatedAt: string;
}

/** Only for the sign-in and password-change paths, which must compare the hash. Never send it anywhere. */
export type AgentWithPasswordHash = AgentRecord & { passwordHash: string };

type AgentRow = typeof agents.$inferSelect;

function toAgentRecord(row: AgentRow): AgentRecord {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Emails are compared case-insensitively by storing and looking them up in one spelling. */
function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createAgent(
  db: Db,
  workspaceId: string,
  input: { email: string; name: string; role: AgentRole; passwordHash: string },
): Promise<AgentRecord> {
  const [row] = await db
    .insert(agents)
    .values({
      workspaceId,
      email: normalizeEmail(input.email),
      name: input.name,
      role: input.role,
      passwordHash: input.passwordHash,
    })
    .returning();
  if (!row) throw new Error('insert into agents returned no row');
  // Every agent starts in the workspace's default team, so routing reaches them from the first day.
  await db.execute(sql`
    INSERT INTO team_members (team_id, agent_id, workspace_id)
    SELECT id, ${row.id}::uuid, workspace_id FROM teams WHERE workspace_id = ${workspaceId}::uuid AND is_default
    ON CONFLICT DO NOTHING`);
  return toAgentRecord(row);
}

/**
 * Unscoped like the site key: at sign-in the email is all we have, and emails are unique
 * across workspaces. The agent found decides the workspace.
 */
export async function findAgentByEmail(db: Db, email: string): Promise<AgentWithPasswordHash | null> {
  const [row] = await db.select().from(agents).where(eq(agents.email, normalizeEmail(email)));
  return row ? { ...toAgentRecord(row), passwordHash: row.passwordHash } : null;
}

export async function getAgent(db: Db, workspaceId: string, agentId: string): Promise<AgentRecord | null> {
  const [row] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, agentId)));
  return row ? toAgentRecord(row) : null;
}

/** Returns false when no such agent exists in the workspace. */
export async function setAgentPassword(
  db: Db,
  workspaceId: string,
  agentId: string,
  passwordHash: string,
): Promise<boolean> {
  const updated = await db
    .update(agents)
    .set({ passwordHash, updatedAt: new Date() })
    .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, agentId)))
    .returning({ id: agents.id });
  return updated.length > 0;
}

export function toAgentProfile(record: AgentRecord): AgentProfile {
  return {
    id: record.id,
    workspaceId: record.workspaceId,
    email: record.email,
    name: record.name,
    role: record.role,
  };
}
