import { and, eq } from 'drizzle-orm';
import type { Db } from './open-db';
import { visitors } from './schema';
import type { VisitorRecord } from './visitors';

/**
 * Stores what the visitor typed in the widget's pre-chat form. A field not given keeps its value,
 * so an optional field skipped later never erases one given before. Null for a foreign visitor.
 */
export async function setVisitorDetails(
  db: Db,
  workspaceId: string,
  visitorId: string,
  details: { name?: string | undefined; email?: string | undefined },
): Promise<VisitorRecord | null> {
  const values = {
    ...(details.name === undefined ? {} : { name: details.name.trim() }),
    ...(details.email === undefined ? {} : { email: details.email.trim() }),
  };
  const scope = and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId));
  const [row] =
    Object.keys(values).length === 0
      ? await db.select().from(visitors).where(scope)
      : await db.update(visitors).set(values).where(scope).returning();
  return row ? { id: row.id, workspaceId: row.workspaceId, siteId: row.siteId, name: row.name, email: row.email } : null;
}
