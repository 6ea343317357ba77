import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './open-db';
import { sites, visitors } from './schema';

export interface VisitorRecord {
  id: string;
  workspaceId: string;
  siteId: string;
  name: string | null;
  email: string | null;
}

const visitorColumns = {
  id: visitors.id,
  workspaceId: visitors.workspaceId,
  siteId: visitors.siteId,
  name: visitors.name,
  email: visitors.email,
};

/**
 * A new anonymous visitor of a site. Throws when the site is not in the workspace: callers pass
 * the site they just found, so a mismatch is a bug, never a visitor's doing.
 */
export async function createVisitor(db: Db, workspaceId: string, siteId: string): Promise<VisitorRecord> {
  // One statement (a visitor is created on every first hello): the row is inserted only if the
  // site is in the workspace, so no row back means the mismatch.
  const { rows } = await db.execute<{ id: string; workspace_id: string; site_id: string; name: string | null; email: string | null }>(sql`
    INSERT INTO visitors (workspace_id, site_id)
    SELECT ${sites.workspaceId}, ${sites.id} FROM ${sites} WHERE ${sites.workspaceId} = ${workspaceId} AND ${sites.id} = ${siteId}
    RETURNING id, workspace_id, site_id, name, email`);
  const row = rows[0];
  if (!row) throw new Error(`site ${siteId} is not in workspace ${workspaceId}`);
  return { id: row.id, workspaceId: row.workspace_id, siteId: row.site_id, name: row.name, email: row.email };
}

export async function getVisitor(db: Db, workspaceId: string, visitorId: string): Promise<VisitorRecord | null> {
  const [row] = await db
    .select(visitorColumns)
    .from(visitors)
    .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
  return row ?? null;
}

/** Marks the visitor as seen now. Returns false when no such visitor exists in the workspace. */
export async function touchVisitor(db: Db, workspaceId: string, visitorId: string): Promise<boolean> {
  const updated = await db
    .update(visitors)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)))
    .returning({ id: visitors.id });
  return updated.length > 0;
}
