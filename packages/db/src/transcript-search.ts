/**
 * Full-text search over a workspace's transcripts, on the GIN expression index
 * `messages_body_search_idx` (`to_tsvector('simple', body)`). 'simple' (no stemming, no stop
 * words) because visitors write in any language; the query uses the same configuration, or the
 * index would not apply.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { SearchHit } from '@parley/protocol';
import { summaryColumns, toConversationSummary } from './conversations';
import { toMessage } from './messages';
import type { Db } from './open-db';
import { conversations, messages, visitors } from './schema';

/**
 * Messages of the workspace matching every word of `query` (websearch syntax: "quoted phrases",
 * `or`, `-excluded`), best match first, then newest. Notes are included: only agents search.
 */
export async function searchTranscripts(db: Db, workspaceId: string, query: string, limit = 20): Promise<SearchHit[]> {
  const tsquery = sql`websearch_to_tsquery('simple', ${query})`;
  const vector = sql`to_tsvector('simple', ${messages.body})`;
  const rows = await db
    .select({ ...summaryColumns, message: messages })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(and(eq(messages.workspaceId, workspaceId), eq(conversations.workspaceId, workspaceId), sql`${vector} @@ ${tsquery}`))
    .orderBy(desc(sql`ts_rank(${vector}, ${tsquery})`), desc(messages.createdAt))
    .limit(Math.min(Math.max(Math.trunc(limit), 1), 50));
  return rows.map(({ message, ...conversation }) => ({ message: toMessage(message), conversation: toConversationSummary(conversation) }));
}
