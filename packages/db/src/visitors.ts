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
  const [site] = await db
    .select({ id: sites.id })
    .from(sites)
    .where(and(eq(sites.workspaceId, workspaceId), eq(sites.id, siteId)));
  if (!site) throw new Error(`site ${siteId} is not in workspace ${workspaceId}`);
  const [row] = await db.insert(visitors).values({ workspaceId, siteId }).returning(visitorColumns);
  if (!row) throw new Error('insert into visitors returned no row');
  return row;
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
