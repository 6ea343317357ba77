/**
 * The message write path. Every message is written by `appendInTransaction`, under the lock of
 * its conversation row: that lock is what makes seq gapless and per-conversation ordered, and
 * what makes a resend (same clientId) find the first row instead of writing a second.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { LIMITS, type Attachment, type Author, type ConversationSummary, type Message, type MessageKind } from '@parley/protocol';
import { summaryColumns, toConversationSummary } from './conversations';
import type { Db } from './open-db';
import { acceptsVisitorMessage, afterMessage, routingColumns, routingStateOf } from './routing-state';
import { conversations, messages, visitors } from './schema';

export interface AppendMessageInput {
  conversationId: string;
  clientId: string | null;
  author: Author;
  kind?: MessageKind;
  body: string;
  /** The file the message carries (attachments); the body is then its name. */
  attachment?: Attachment;
}

export interface AppendMessageResult {
  message: Message;
  /** False when the clientId had already been stored: `message` is that first row and no seq was used. */
  created: boolean;
  /** The conversation after the change. */
  conversation: ConversationSummary;
  /** The message's seq in the visitor's view; null for a note, which the visitor never sees. */
  visitorSeq: number | null;
}

export interface StartConversationInput {
  siteId: string;
  /** The team that routes it; the workspace's default team when absent. */
  teamId?: string;
  visitorId: string;
  clientId: string;
  author: Author;
  body: string;
  attachment?: Attachment;
}

const PREVIEW_LENGTH = 140;

type MessageRow = typeof messages.$inferSelect;

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    clientId: row.clientId,
    author: { kind: row.authorKind, id: row.authorId, name: row.authorName },
    kind: row.kind,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    ...(row.attachment ? { attachment: row.attachment } : {}),
  };
}

/** The first 140 characters, counted in code points so an emoji is never cut in half. */
export function preview(body: string): string {
  if (body.length <= PREVIEW_LENGTH) return body;
  return Array.from(body).slice(0, PREVIEW_LENGTH).join('');
}

async function appendInTransaction(
  tx: Db,
  scope: { workspaceId: string; visitorId?: string },
  input: AppendMessageInput,
): Promise<AppendMessageResult | null> {
  const [locked] = await tx
    .select({ ...summaryColumns, firstResponseAt: conversations.firstResponseAt, visitorLastSeq: conversations.visitorLastSeq })
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(
      and(
        eq(conversations.workspaceId, scope.workspaceId),
        eq(conversations.id, input.conversationId),
        scope.visitorId === undefined ? undefined : eq(conversations.visitorId, scope.visitorId),
      ),
    )
    .for('update', { of: conversations });
  if (!locked) return null;
  // Closed too long ago: the relay starts a new conversation with this message instead.
  if (input.author.kind === 'visitor' && !acceptsVisitorMessage(locked, Date.now())) return null;

  const seq = locked.lastSeq + 1;
  const note = input.kind === 'note';
  const visitorSeq = note ? null : locked.visitorLastSeq + 1;
  const [inserted] = await tx
    .insert(messages)
    .values({
      workspaceId: scope.workspaceId,
      conversationId: input.conversationId,
      seq,
      clientId: input.clientId,
      authorKind: input.author.kind,
      authorId: input.author.id,
      authorName: input.author.name,
      kind: input.kind ?? 'text',
      visitorSeq,
      body: input.body,
      attachment: input.attachment ?? null,
      // The time the row lock was granted, not the transaction's start (now()): so createdAt
      // grows with seq even when a later-started transaction took the lock first.
      createdAt: sql`clock_timestamp()`,
    })
    // A null clientId never conflicts (NULLs are distinct), so only resends land here.
    .onConflictDoNothing({ target: [messages.conversationId, messages.clientId] })
    .returning();

  if (!inserted) {
    const [existing] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, input.conversationId), eq(messages.clientId, input.clientId ?? '')));
    if (!existing) throw new Error('message insert conflicted but no message with that clientId exists');
    return { message: toMessage(existing), created: false, conversation: toConversationSummary(locked), visitorSeq: existing.visitorSeq };
  }

  const at = inserted.createdAt;
  const routing = note ? null : afterMessage(routingStateOf(locked), { authorKind: input.author.kind, at });
  const [updated] = await tx
    .update(conversations)
    .set({
      lastSeq: seq,
      updatedAt: at,
      // A note is agents' own talk: it is not what the visitor last saw, nor a response to them.
      // An event ("Ada joined the conversation.") does not replace the preview: the inbox row keeps
      // showing what the visitor or an agent last wrote.
      ...(note
        ? {}
        : {
            visitorLastSeq: visitorSeq!,
            ...(input.kind === 'event' ? {} : { lastMessagePreview: preview(input.body), lastMessageAuthorKind: input.author.kind }),
            lastMessageAt: at,
          }),
      ...(input.author.kind === 'agent' && !note && locked.firstResponseAt === null ? { firstResponseAt: at } : {}),
      ...(routing ?? {}),
    })
    .where(eq(conversations.id, input.conversationId))
    .returning({
      ...routingColumns,
      status: conversations.status,
      assigneeId: conversations.assigneeId,
      lastSeq: conversations.lastSeq,
      lastMessagePreview: conversations.lastMessagePreview,
      lastMessageAuthorKind: conversations.lastMessageAuthorKind,
      lastMessageAt: conversations.lastMessageAt,
      updatedAt: conversations.updatedAt,
    });
  if (!updated) throw new Error('the locked conversation row vanished during the transaction');
  return {
    message: toMessage(inserted),
    created: true,
    conversation: toConversationSummary({ ...locked, ...updated }),
    visitorSeq,
  };
}

/**
 * Appends a message to a conversation of the workspace (and, when `visitorId` is given, of that
 * visitor); null when there is no such conversation. Idempotent on `clientId`.
 */
export async function appendMessage(
  db: Db,
  scope: { workspaceId: string; visitorId?: string },
  input: AppendMessageInput,
): Promise<AppendMessageResult | null> {
  return db.transaction((tx) => appendInTransaction(tx, scope, input));
}

/**
 * Opens a conversation with the visitor's first message, atomically. Idempotent on
 * `(visitorId, clientId)`: a resend of the first message returns the first conversation and
 * message, also when two sends race. Null when the visitor is not a visitor of that site in
 * this workspace.
 */
export async function startConversation(
  db: Db,
  workspaceId: string,
  input: StartConversationInput,
): Promise<AppendMessageResult | null> {
  return db.transaction(async (tx) => {
    const [visitor] = await tx
      .select({ id: visitors.id })
      .from(visitors)
      .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, input.visitorId), eq(visitors.siteId, input.siteId)));
    if (!visitor) return null;

    // A racing twin blocks on this insert until the winner commits, then inserts nothing
    // (instead of failing with a unique violation that would abort its transaction) and reads
    // the winner's row below: each statement sees what was committed before it started.
    const [created] = await tx
      .insert(conversations)
      .values({
        workspaceId,
        siteId: input.siteId,
        visitorId: input.visitorId,
        startedByClientId: input.clientId,
        teamId: input.teamId ?? sql`(SELECT id FROM teams WHERE workspace_id = ${workspaceId}::uuid AND is_default)`,
        // It waits in its team's queue until routing (or a claim) gives it to an agent.
        queuedAt: sql`now()`,
      })
      .onConflictDoNothing({ target: [conversations.visitorId, conversations.startedByClientId] })
      .returning({ id: conversations.id });
    const conversationId = created?.id ?? (await findStartedConversation(tx, workspaceId, input));
    if (!conversationId) throw new Error('conversation insert conflicted but the conversation was not found');

    return appendInTransaction(
      tx,
      { workspaceId, visitorId: input.visitorId },
      {
        conversationId,
        clientId: input.clientId,
        author: input.author,
        body: input.body,
        ...(input.attachment ? { attachment: input.attachment } : {}),
      },
    );
  });
}

async function findStartedConversation(
  tx: Db,
  workspaceId: string,
  input: StartConversationInput,
): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.visitorId, input.visitorId),
        eq(conversations.startedByClientId, input.clientId),
      ),
    );
  return row?.id;
}

/**
 * Messages after `afterSeq`, in seq order, at most `limit` (capped at LIMITS.maxSyncMessages).
 * `complete` is true when nothing follows the last one returned.
 */
export async function listMessages(
  db: Db,
  workspaceId: string,
  conversationId: string,
  opts: { afterSeq?: number; limit?: number } = {},
): Promise<{ messages: Message[]; complete: boolean }> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? LIMITS.maxSyncMessages), 1), LIMITS.maxSyncMessages);
  // One row more than asked tells whether anything follows, without a count.
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
        gt(messages.seq, opts.afterSeq ?? 0),
      ),
    )
    .orderBy(asc(messages.seq))
    .limit(limit + 1);
  return { messages: rows.slice(0, limit).map(toMessage), complete: rows.length <= limit };
}
