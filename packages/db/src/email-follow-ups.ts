/**
 * Agent replies owed to visitors by email, and the visitor facts the email relay needs (address,
 * last seen). The relay decides what to send; these functions make each decision once across
 * nodes: a due row is claimed by clearing `dueAt` in one UPDATE, so two nodes never send it twice.
 */
import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from './open-db';
import { conversations, emailFollowUps, sites, visitors } from './schema';

export interface DueFollowUp {
  workspaceId: string;
  conversationId: string;
  fromOfflineForm: boolean;
  emailedThroughSeq: number;
}

export interface FollowUpContext {
  conversationId: string;
  siteId: string;
  siteName: string;
  visitorId: string;
  visitorName: string | null;
  visitorEmail: string | null;
  visitorLastSeenAt: Date;
  lastSeq: number;
}

/** The conversation came from the offline form: its replies go by email. */
export async function markFromOfflineForm(db: Db, workspaceId: string, conversationId: string): Promise<void> {
  await db
    .insert(emailFollowUps)
    .values({ conversationId, workspaceId, fromOfflineForm: true })
    .onConflictDoUpdate({ target: emailFollowUps.conversationId, set: { fromOfflineForm: true } });
}

/**
 * An agent replied: an email is due at `dueAt`, unless one is already due sooner — so a burst of
 * replies waits for the first one's deadline and goes out as one email.
 */
export async function scheduleFollowUp(db: Db, workspaceId: string, conversationId: string, dueAt: Date): Promise<void> {
  await db
    .insert(emailFollowUps)
    .values({ conversationId, workspaceId, dueAt })
    .onConflictDoUpdate({
      target: emailFollowUps.conversationId,
      set: { dueAt: sql`coalesce(${emailFollowUps.dueAt}, excluded.due_at)` },
      where: eq(emailFollowUps.workspaceId, workspaceId),
    });
}

/** Takes the follow-ups due by `now`, clearing their `dueAt`: whoever gets a row sends its email. */
export async function claimDueFollowUps(db: Db, now: Date, limit = 50): Promise<DueFollowUp[]> {
  const due = db
    .select({ id: emailFollowUps.conversationId })
    .from(emailFollowUps)
    .where(and(isNotNull(emailFollowUps.dueAt), lte(emailFollowUps.dueAt, now)))
    .limit(limit);
  return db
    .update(emailFollowUps)
    .set({ dueAt: null })
    .where(and(inArray(emailFollowUps.conversationId, due), lte(emailFollowUps.dueAt, now)))
    .returning({
      workspaceId: emailFollowUps.workspaceId,
      conversationId: emailFollowUps.conversationId,
      fromOfflineForm: emailFollowUps.fromOfflineForm,
      emailedThroughSeq: emailFollowUps.emailedThroughSeq,
    });
}

/** Replies up to `throughSeq` are dealt with (emailed, or seen live); `emailed` records when mail went out. */
export async function markFollowedUp(db: Db, workspaceId: string, conversationId: string, throughSeq: number, emailed: boolean): Promise<void> {
  await db
    .update(emailFollowUps)
    .set({
      emailedThroughSeq: sql`greatest(${emailFollowUps.emailedThroughSeq}, ${throughSeq})`,
      ...(emailed ? { lastEmailedAt: new Date() } : {}),
    })
    .where(and(eq(emailFollowUps.workspaceId, workspaceId), eq(emailFollowUps.conversationId, conversationId)));
}

/** Sending failed: try again at `dueAt` (unless a newer reply already set an earlier time). */
export async function retryFollowUp(db: Db, workspaceId: string, conversationId: string, dueAt: Date): Promise<void> {
  await scheduleFollowUp(db, workspaceId, conversationId, dueAt);
}

export async function followUpContext(db: Db, workspaceId: string, conversationId: string): Promise<FollowUpContext | null> {
  const [row] = await db
    .select({
      conversationId: conversations.id,
      siteId: conversations.siteId,
      siteName: sites.name,
      visitorId: visitors.id,
      visitorName: visitors.name,
      visitorEmail: visitors.email,
      visitorLastSeenAt: visitors.lastSeenAt,
      lastSeq: conversations.lastSeq,
    })
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .innerJoin(sites, eq(sites.id, conversations.siteId))
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
  return row ?? null;
}

/** Keeps the address the visitor gave (offline form) for replies. */
export async function setVisitorEmail(db: Db, workspaceId: string, visitorId: string, email: string): Promise<void> {
  await db
    .update(visitors)
    .set({ email })
    .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
}

/** These visitors have a socket open now (each node reports its own, periodically). */
export async function markVisitorsSeen(db: Db, workspaceId: string, visitorIds: string[], at: Date): Promise<void> {
  if (visitorIds.length === 0) return;
  await db
    .update(visitors)
    .set({ lastSeenAt: at })
    .where(and(eq(visitors.workspaceId, workspaceId), inArray(visitors.id, visitorIds)));
}
