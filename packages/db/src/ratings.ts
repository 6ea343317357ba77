/**
 * Conversation ratings: the visitor's verdict on a closed conversation, and the report over them.
 * The rule "only a closed conversation of this visitor, only within the change window" is one
 * conditional statement, so two tabs rating at once leave one row (the later one).
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { ConversationRating, RatingBucket, RatingCounts, RatingScore } from '@parley/protocol';
import type { Db } from './open-db';
import { conversationRatings, conversations } from './schema';

export type RateResult = { ok: true; rating: ConversationRating } | { ok: false; error: 'not_found' | 'conflict' };

export interface RateInput {
  workspaceId: string;
  visitorId: string;
  conversationId: string;
  score: RatingScore;
  /** Trimmed by the caller; null for none. */
  comment: string | null;
  /** How long after the close a rating may still be given or changed. */
  changeWindowMs: number;
}

function toRating(row: { score: RatingScore; comment: string | null; ratedAt: Date }): ConversationRating {
  return { score: row.score, comment: row.comment, ratedAt: row.ratedAt.toISOString() };
}

/** Stores (or replaces) the rating of a closed conversation of this visitor. */
export async function rateConversation(db: Db, input: RateInput): Promise<RateResult> {
  const { workspaceId, visitorId, conversationId } = input;
  return db.transaction(async (tx): Promise<RateResult> => {
    // Shared lock: a reopen cannot slip in between the check and the insert.
    const [row] = await tx
      .select({ status: conversations.status, closedAt: conversations.closedAt })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.visitorId, visitorId), eq(conversations.id, conversationId)))
      .for('share');
    if (!row) return { ok: false, error: 'not_found' };
    if (row.status !== 'closed' || !row.closedAt || row.closedAt.getTime() < Date.now() - input.changeWindowMs) {
      return { ok: false, error: 'conflict' };
    }
    const values = { score: input.score, comment: input.comment, ratedAt: sql`now()` };
    const [saved] = await tx
      .insert(conversationRatings)
      .values({ conversationId, workspaceId, ...values })
      .onConflictDoUpdate({ target: conversationRatings.conversationId, set: values })
      .returning();
    return { ok: true, rating: toRating(saved!) };
  });
}

/** A conversation's rating, for agents of its workspace; null when it has none (or is not theirs). */
export async function getConversationRating(db: Db, workspaceId: string, conversationId: string): Promise<ConversationRating | null> {
  const [row] = await db
    .select()
    .from(conversationRatings)
    .where(and(eq(conversationRatings.workspaceId, workspaceId), eq(conversationRatings.conversationId, conversationId)));
  return row ? toRating(row) : null;
}

export type RatingPeriod = 'day' | 'week' | 'month';

export interface RatingReport {
  buckets: RatingBucket[];
  totals: RatingCounts;
}

/** Ratings given in [from, to), counted per UTC day, week (from Monday) or month. */
export async function ratingReport(
  db: Db,
  workspaceId: string,
  range: { from: Date; to: Date; period: RatingPeriod },
): Promise<RatingReport> {
  // The period is one of three literals, checked by the caller's schema; raw, because
  // date_trunc's unit cannot be a bind parameter that Postgres groups by.
  const unit = sql.raw(`'${range.period}'`);
  const start = sql<string>`date_trunc(${unit}, ${conversationRatings.ratedAt} at time zone 'UTC')`;
  const rows = await db
    .select({
      start: sql<string>`to_char(${start}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      good: sql<number>`count(*) filter (where ${conversationRatings.score} = 'good')::int`,
      bad: sql<number>`count(*) filter (where ${conversationRatings.score} = 'bad')::int`,
      commented: sql<number>`count(${conversationRatings.comment})::int`,
    })
    .from(conversationRatings)
    .where(
      and(
        eq(conversationRatings.workspaceId, workspaceId),
        gte(conversationRatings.ratedAt, range.from),
        lt(conversationRatings.ratedAt, range.to),
      ),
    )
    .groupBy(start)
    .orderBy(start);
  const totals = { good: 0, bad: 0, commented: 0 };
  for (const row of rows) {
    totals.good += row.good;
    totals.bad += row.bad;
    totals.commented += row.commented;
  }
  return { buckets: rows, totals };
}
