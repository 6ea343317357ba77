/**
 * The transcript as a visitor sees it. Notes are left out, and every message carries its
 * `visitorSeq` as `seq`: a numbering that is gapless over what the visitor may see, so the
 * visitor's gap detection never fires for a note it was never meant to get.
 */
import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import { LIMITS, type Message } from '@parley/protocol';
import { toMessage } from './messages';
import type { Db } from './open-db';
import { messages } from './schema';

/** A stored message as the visitor's socket carries it; null for a note (never visitor-visible). */
export function asSeenByVisitor(message: Message, visitorSeq: number | null): Message | null {
  if (visitorSeq === null || message.kind === 'note') return null;
  return { ...message, seq: visitorSeq };
}

/**
 * Visitor-visible messages after the visitor's `afterSeq`, in order, at most `limit` (capped at
 * LIMITS.maxSyncMessages); `complete` is true when nothing follows the last one returned.
 */
export async function listVisitorMessages(
  db: Db,
  workspaceId: string,
  conversationId: string,
  opts: { afterSeq?: number; limit?: number } = {},
): Promise<{ messages: Message[]; complete: boolean }> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? LIMITS.maxSyncMessages), 1), LIMITS.maxSyncMessages);
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
        isNotNull(messages.visitorSeq),
        gt(messages.visitorSeq, opts.afterSeq ?? 0),
      ),
    )
    .orderBy(asc(messages.visitorSeq))
    .limit(limit + 1);
  const visible = rows.slice(0, limit).map((row) => asSeenByVisitor(toMessage(row), row.visitorSeq)!);
  return { messages: visible, complete: rows.length <= limit };
}
