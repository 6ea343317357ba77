/**
 * What the console's visitor sidebar is made of: the pages a visitor viewed, the browser facts
 * the widget's socket reported, their conversations with tags. The relay turns these rows into
 * the protocol's VisitorContext (sessions, parsed User-Agent).
 */
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { ConversationStatus, MessagePreview, PageView } from '@parley/protocol';
import type { Db } from './open-db';
import { conversations, conversationTags, visitorPages, visitors } from './schema';

/** Page views kept per visitor for the sidebar; older ones are not read. */
export const PAGES_READ = 50;
const CONVERSATIONS_READ = 20;

export interface PageViewInput {
  url: string;
  title: string;
  referrer: string;
  timeZone?: string;
  userAgent?: string;
}

export interface VisitorContextRecord {
  id: string;
  name: string | null;
  email: string | null;
  userAgent: string | null;
  timeZone: string | null;
  externalId: string | null;
  attributes: Record<string, string | number | boolean>;
  /** Newest first. */
  pages: PageView[];
  conversations: Array<{
    id: string;
    status: ConversationStatus;
    createdAt: string;
    updatedAt: string;
    lastMessage: MessagePreview | null;
    tags: string[];
  }>;
}

function toPageView(row: typeof visitorPages.$inferSelect): PageView {
  return { url: row.url, title: row.title, referrer: row.referrer, viewedAt: row.viewedAt.toISOString() };
}

/** Stores a page view (and the visitor's latest time zone and User-Agent); null when no such visitor. */
export async function recordPageView(db: Db, workspaceId: string, visitorId: string, input: PageViewInput): Promise<PageView | null> {
  return db.transaction(async (tx) => {
    const facts = {
      ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }),
      ...(input.userAgent === undefined ? {} : { userAgent: input.userAgent }),
    };
    const [visitor] = await tx
      .update(visitors)
      .set({ ...facts, lastSeenAt: new Date() })
      .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)))
      .returning({ id: visitors.id });
    if (!visitor) return null;
    const [row] = await tx
      .insert(visitorPages)
      .values({ workspaceId, visitorId, url: input.url, title: input.title, referrer: input.referrer })
      .returning();
    return row ? toPageView(row) : null;
  });
}

/** The visitor's conversations that are not closed: where agents watching would see a page view. */
export async function listActiveConversationIds(db: Db, workspaceId: string, visitorId: string): Promise<string[]> {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.visitorId, visitorId), ne(conversations.status, 'closed')))
    .orderBy(desc(conversations.createdAt))
    .limit(CONVERSATIONS_READ);
  return rows.map((row) => row.id);
}

export async function getVisitorContextRecord(db: Db, workspaceId: string, visitorId: string): Promise<VisitorContextRecord | null> {
  const [visitor] = await db
    .select({
      id: visitors.id,
      name: visitors.name,
      email: visitors.email,
      userAgent: visitors.userAgent,
      timeZone: visitors.timeZone,
      externalId: visitors.externalId,
      attributes: visitors.attributes,
    })
    .from(visitors)
    .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
  if (!visitor) return null;
  const pages = await db
    .select()
    .from(visitorPages)
    .where(and(eq(visitorPages.workspaceId, workspaceId), eq(visitorPages.visitorId, visitorId)))
    .orderBy(desc(visitorPages.viewedAt), desc(visitorPages.id))
    .limit(PAGES_READ);
  const rows = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      createdAt: conversations.createdAt,
      updatedAt: conversations.updatedAt,
      preview: conversations.lastMessagePreview,
      authorKind: conversations.lastMessageAuthorKind,
      at: conversations.lastMessageAt,
    })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.visitorId, visitorId)))
    .orderBy(desc(conversations.createdAt), desc(conversations.id))
    .limit(CONVERSATIONS_READ);
  const tags = await tagsOf(db, workspaceId, rows.map((row) => row.id));
  return {
    ...visitor,
    pages: pages.map(toPageView),
    conversations: rows.map((row) => ({
      id: row.id,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      lastMessage:
        row.preview !== null && row.authorKind !== null && row.at !== null
          ? { authorKind: row.authorKind, body: row.preview, createdAt: row.at.toISOString() }
          : null,
      tags: tags.get(row.id) ?? [],
    })),
  };
}

async function tagsOf(db: Db, workspaceId: string, conversationIds: string[]): Promise<Map<string, string[]>> {
  const byConversation = new Map<string, string[]>();
  if (conversationIds.length === 0) return byConversation;
  const rows = await db
    .select({ conversationId: conversationTags.conversationId, tag: conversationTags.tag })
    .from(conversationTags)
    .where(and(eq(conversationTags.workspaceId, workspaceId), inArray(conversationTags.conversationId, conversationIds)))
    .orderBy(conversationTags.tag);
  for (const row of rows) byConversation.set(row.conversationId, [...(byConversation.get(row.conversationId) ?? []), row.tag]);
  return byConversation;
}

/** The conversation's tags, sorted; null when it is not in the workspace. */
export async function listConversationTags(db: Db, workspaceId: string, conversationId: string): Promise<string[] | null> {
  const [conversation] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
  if (!conversation) return null;
  return (await tagsOf(db, workspaceId, [conversationId])).get(conversationId) ?? [];
}

/** Adds a tag (again: no change); the tags after, or null when the conversation is not in the workspace. */
export async function addConversationTag(db: Db, workspaceId: string, conversationId: string, tag: string): Promise<string[] | null> {
  const [conversation] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
  if (!conversation) return null;
  await db.insert(conversationTags).values({ workspaceId, conversationId, tag }).onConflictDoNothing();
  return listConversationTags(db, workspaceId, conversationId);
}

export async function removeConversationTag(db: Db, workspaceId: string, conversationId: string, tag: string): Promise<string[] | null> {
  await db
    .delete(conversationTags)
    .where(
      and(eq(conversationTags.workspaceId, workspaceId), eq(conversationTags.conversationId, conversationId), eq(conversationTags.tag, tag)),
    );
  return listConversationTags(db, workspaceId, conversationId);
}
