/** A team's queue as its visitors see it: their place in line, and the team's recent pick-up times. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from './open-db';
import { assignments, conversations } from './schema';

export interface QueueEntry {
  conversationId: string;
  visitorId: string;
  /** 1 = next to be assigned. */
  position: number;
}

/** Open, unassigned conversations of the team in assignment order (the order routing takes them). */
export async function queueEntries(db: Db, workspaceId: string, teamId: string): Promise<QueueEntry[]> {
  const rows = await db
    .select({ conversationId: conversations.id, visitorId: conversations.visitorId })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.teamId, teamId),
        eq(conversations.status, 'open'),
        sql`${conversations.assigneeId} is null`,
        sql`${conversations.queuedAt} is not null`,
      ),
    )
    .orderBy(asc(conversations.queuedAt), asc(conversations.id));
  return rows.map((row, index) => ({ ...row, position: index + 1 }));
}

/** How long the team's last `limit` conversations waited in the queue before an agent had them, newest first. */
export async function recentWaitsMs(db: Db, workspaceId: string, teamId: string, limit = 20): Promise<number[]> {
  const rows = await db
    .select({ waitedMs: assignments.waitedMs })
    .from(assignments)
    .where(and(eq(assignments.workspaceId, workspaceId), eq(assignments.teamId, teamId), sql`${assignments.waitedMs} is not null`))
    .orderBy(desc(assignments.createdAt))
    .limit(limit);
  return rows.map((row) => row.waitedMs!);
}

/** Teams in whose queue one of the visitor's conversations waits. */
export async function queuedTeamsOfVisitor(db: Db, workspaceId: string, visitorId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ teamId: conversations.teamId })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.visitorId, visitorId),
        eq(conversations.status, 'open'),
        sql`${conversations.assigneeId} is null`,
        sql`${conversations.queuedAt} is not null`,
      ),
    );
  return rows.flatMap((row) => (row.teamId ? [row.teamId] : []));
}
