import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { ConversationListQuery, ConversationSummary, VisitorConversation } from '@parley/protocol';
import type { Db } from './open-db';
import { routingColumns, toRoutingFields } from './routing-state';
import { conversations, visitors } from './schema';

const DEFAULT_LIST_LIMIT = 50;
const MAX_LIST_LIMIT = 200;

/** The columns a ConversationSummary is made of; messages.ts selects them too, while it holds the row lock. */
export const summaryColumns = {
  id: conversations.id,
  siteId: conversations.siteId,
  status: conversations.status,
  assigneeId: conversations.assigneeId,
  lastSeq: conversations.lastSeq,
  lastMessagePreview: conversations.lastMessagePreview,
  lastMessageAuthorKind: conversations.lastMessageAuthorKind,
  lastMessageAt: conversations.lastMessageAt,
  createdAt: conversations.createdAt,
  updatedAt: conversations.updatedAt,
  visitor: { id: visitors.id, name: visitors.name, email: visitors.email },
  ...routingColumns,
};

function selectSummaries(db: Db, where: SQL | undefined) {
  return db
    .select(summaryColumns)
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(where);
}

export type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

export function toConversationSummary(row: SummaryRow): ConversationSummary {
  const { lastMessagePreview, lastMessageAuthorKind, lastMessageAt } = row;
  return {
    id: row.id,
    siteId: row.siteId,
    visitor: row.visitor,
    status: row.status,
    assigneeId: row.assigneeId,
    lastSeq: row.lastSeq,
    lastMessage:
      lastMessagePreview !== null && lastMessageAuthorKind !== null && lastMessageAt !== null
        ? { authorKind: lastMessageAuthorKind, body: lastMessagePreview, createdAt: lastMessageAt.toISOString() }
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...toRoutingFields(row),
  };
}

/** The inbox: newest activity first. `before` pages backwards by `updatedAt` (an ISO time from the previous page). */
export async function listConversations(
  db: Db,
  workspaceId: string,
  opts: ConversationListQuery = {},
): Promise<ConversationSummary[]> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? DEFAULT_LIST_LIMIT), 1), MAX_LIST_LIMIT);
  const status = opts.status ?? 'all';
  const rows = await selectSummaries(
    db,
    and(
      eq(conversations.workspaceId, workspaceId),
      status === 'all' ? undefined : eq(conversations.status, status),
      opts.before === undefined ? undefined : lt(conversations.updatedAt, new Date(opts.before)),
    ),
  )
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(limit);
  return rows.map(toConversationSummary);
}

export async function getConversationSummary(
  db: Db,
  workspaceId: string,
  conversationId: string,
): Promise<ConversationSummary | null> {
  const [row] = await selectSummaries(
    db,
    and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)),
  );
  return row ? toConversationSummary(row) : null;
}

const visitorConversationColumns = {
  id: conversations.id,
  status: conversations.status,
  // The visitor's numbering: notes are not counted (visitor-messages.ts).
  lastSeq: conversations.visitorLastSeq,
  createdAt: conversations.createdAt,
};

function toVisitorConversation(row: { id: string; status: VisitorConversation['status']; lastSeq: number; createdAt: Date }): VisitorConversation {
  return { id: row.id, status: row.status === 'closed' ? 'closed' : 'open', lastSeq: row.lastSeq, createdAt: row.createdAt.toISOString() };
}

/** A visitor's own conversations, newest first. */
export async function listVisitorConversations(
  db: Db,
  workspaceId: string,
  visitorId: string,
  limit = 20,
): Promise<VisitorConversation[]> {
  const rows = await db
    .select(visitorConversationColumns)
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.visitorId, visitorId)))
    .orderBy(desc(conversations.createdAt), desc(conversations.id))
    .limit(limit);
  return rows.map(toVisitorConversation);
}

/** One conversation, only if it belongs to this visitor. */
export async function getVisitorConversation(
  db: Db,
  workspaceId: string,
  visitorId: string,
  conversationId: string,
): Promise<VisitorConversation | null> {
  const [row] = await db
    .select(visitorConversationColumns)
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.visitorId, visitorId),
        eq(conversations.id, conversationId),
      ),
    );
  return row ? toVisitorConversation(row) : null;
}
