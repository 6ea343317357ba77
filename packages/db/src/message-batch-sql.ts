/**
 * The group commit's four statements (message-writer.ts), as plain SQL of a fixed text: a batch
 * of any size passes its values as arrays, so Postgres prepares each statement once per
 * connection. Each is meant to be a few index probes per batch row; raw-transaction.ts makes the
 * planner keep to that. Column lists here must match schema.ts (the message-writer tests read every row
 * back through the query builder, which would show a mismatch).
 */
import type { Attachment, AuthorKind, ConversationStatus, MessageKind } from '@parley/protocol';
import type { SummaryRow } from './conversations';
import type { messages } from './schema';
import type { RoutingState } from './routing-state';
import type { Statement } from './raw-transaction';

/** The locked conversation as the writer needs it: its summary, scope and counters. */
export type LockedRow = SummaryRow & { workspaceId: string; visitorId: string; firstResponseAt: Date | null; visitorLastSeq: number };
type MessageRow = typeof messages.$inferSelect;

/** Locks the batch's conversations in id order, so concurrent batches on several nodes cannot deadlock. */
export const LOCK_CONVERSATIONS: Statement = {
  name: 'parley_batch_lock_v1',
  text: `SELECT c.id, c.site_id, c.status, c.assignee_id, c.last_seq, c.last_message_preview, c.last_message_author_kind,
      c.last_message_at, c.created_at, c.updated_at, v.id AS visitor_id, v.name AS visitor_name, v.email AS visitor_email,
      c.team_id, c.queued_at, c.waiting_since, c.snoozed_until, c.assigned_at, c.first_response_at, c.closed_at,
      c.workspace_id, c.visitor_last_seq
    FROM conversations c JOIN visitors v ON v.id = c.visitor_id
    WHERE c.id = ANY($1::uuid[])
    ORDER BY c.id
    FOR UPDATE OF c`,
};

const MESSAGE_COLUMNS = 'id, conversation_id, seq, client_id, author_kind, author_id, author_name, kind, visitor_seq, body, attachment, created_at, workspace_id';

/** The unique index a resend's insert runs into (schema.ts); the writer then looks resends up. */
export const CLIENT_ID_UNIQUE = 'messages_conversation_id_client_id_unique';

/**
 * Messages already stored under one of the batch's (conversation, clientId) pairs: resends. Only
 * run after a batch's insert met CLIENT_ID_UNIQUE.
 */
export const FIND_RESENDS: Statement = {
  name: 'parley_batch_resends_v2',
  text: `SELECT ${MESSAGE_COLUMNS.split(', ').map((column) => `m.${column}`).join(', ')}
    FROM messages m JOIN unnest($1::uuid[], $2::text[]) AS k(conversation_id, client_id)
      ON m.conversation_id = k.conversation_id AND m.client_id = k.client_id`,
};

/**
 * createdAt is the time of the insert (clock_timestamp, evaluated per row in array order), not
 * the transaction's start: it grows with seq even when a later-started batch took a lock first.
 */
export const INSERT_MESSAGES: Statement = {
  name: 'parley_batch_insert_v2',
  // The attachment travels as JSON text (null for a plain message) and becomes jsonb here.
  text: `INSERT INTO messages (workspace_id, conversation_id, seq, client_id, author_kind, author_id, author_name, kind, visitor_seq, body, attachment, created_at)
    SELECT t.workspace_id, t.conversation_id, t.seq, t.client_id, t.author_kind, t.author_id, t.author_name, t.kind, t.visitor_seq, t.body,
      t.attachment::jsonb, clock_timestamp()
    FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::int[], $10::text[], $11::text[])
      AS t(workspace_id, conversation_id, seq, client_id, author_kind, author_id, author_name, kind, visitor_seq, body, attachment)
    RETURNING ${MESSAGE_COLUMNS}`,
};

/** One row per conversation the batch touched; nulls keep the stored value where COALESCE says so. */
export const UPDATE_CONVERSATIONS: Statement = {
  name: 'parley_batch_update_v1',
  text: `UPDATE conversations AS c SET
      last_seq = v.last_seq,
      last_message_preview = COALESCE(v.preview, c.last_message_preview),
      last_message_author_kind = COALESCE(v.author_kind, c.last_message_author_kind),
      last_message_at = COALESCE(v.visible_at, c.last_message_at),
      updated_at = v.at,
      first_response_at = COALESCE(c.first_response_at, v.first_response_at),
      visitor_last_seq = COALESCE(v.visitor_last_seq, c.visitor_last_seq),
      status = v.status, assignee_id = v.assignee_id, queued_at = v.queued_at, waiting_since = v.waiting_since,
      snoozed_until = v.snoozed_until, assigned_at = v.assigned_at, closed_at = v.closed_at
    FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[], $8::timestamptz[],
        $9::text[], $10::uuid[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[], $15::timestamptz[])
      AS v(id, last_seq, preview, author_kind, at, first_response_at, visitor_last_seq, visible_at,
        status, assignee_id, queued_at, waiting_since, snoozed_until, assigned_at, closed_at)
    WHERE c.id = v.id`,
};

export interface ConversationUpdate {
  id: string;
  lastSeq: number;
  preview: string | null;
  authorKind: AuthorKind | null;
  at: Date;
  firstResponseAt: Date | null;
  visitorLastSeq: number | null;
  visibleAt: Date | null;
  routing: RoutingState;
}

export interface NewMessage {
  workspaceId: string;
  conversationId: string;
  seq: number;
  clientId: string | null;
  authorKind: AuthorKind;
  authorId: string | null;
  authorName: string | null;
  kind: MessageKind;
  visitorSeq: number | null;
  body: string;
  attachment: Attachment | null;
}

/** Column arrays for INSERT_MESSAGES, in its parameter order. */
export function insertValues(rows: NewMessage[]): unknown[] {
  return [
    rows.map((r) => r.workspaceId),
    rows.map((r) => r.conversationId),
    rows.map((r) => r.seq),
    rows.map((r) => r.clientId),
    rows.map((r) => r.authorKind),
    rows.map((r) => r.authorId),
    rows.map((r) => r.authorName),
    rows.map((r) => r.kind),
    rows.map((r) => r.visitorSeq),
    rows.map((r) => r.body),
    rows.map((r) => (r.attachment ? JSON.stringify(r.attachment) : null)),
  ];
}

/** Column arrays for UPDATE_CONVERSATIONS, in its parameter order. */
export function updateValues(rows: ConversationUpdate[]): unknown[] {
  const time = (date: Date | null) => date?.toISOString() ?? null;
  return [
    rows.map((r) => r.id),
    rows.map((r) => r.lastSeq),
    rows.map((r) => r.preview),
    rows.map((r) => r.authorKind),
    rows.map((r) => r.at.toISOString()),
    rows.map((r) => time(r.firstResponseAt)),
    rows.map((r) => r.visitorLastSeq),
    rows.map((r) => time(r.visibleAt)),
    rows.map((r) => r.routing.status),
    rows.map((r) => r.routing.assigneeId),
    rows.map((r) => time(r.routing.queuedAt)),
    rows.map((r) => time(r.routing.waitingSince)),
    rows.map((r) => time(r.routing.snoozedUntil)),
    rows.map((r) => time(r.routing.assignedAt)),
    rows.map((r) => time(r.routing.closedAt)),
  ];
}

interface RawLockedRow {
  id: string;
  site_id: string;
  status: ConversationStatus;
  assignee_id: string | null;
  last_seq: number;
  last_message_preview: string | null;
  last_message_author_kind: AuthorKind | null;
  last_message_at: Date | null;
  created_at: Date;
  updated_at: Date;
  visitor_id: string;
  visitor_name: string | null;
  visitor_email: string | null;
  team_id: string | null;
  queued_at: Date | null;
  waiting_since: Date | null;
  snoozed_until: Date | null;
  assigned_at: Date | null;
  first_response_at: Date | null;
  closed_at: Date | null;
  workspace_id: string;
  visitor_last_seq: number;
}

export function toLockedRow(r: RawLockedRow): LockedRow {
  return {
    id: r.id,
    siteId: r.site_id,
    status: r.status,
    assigneeId: r.assignee_id,
    lastSeq: r.last_seq,
    lastMessagePreview: r.last_message_preview,
    lastMessageAuthorKind: r.last_message_author_kind,
    lastMessageAt: r.last_message_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    visitor: { id: r.visitor_id, name: r.visitor_name, email: r.visitor_email },
    teamId: r.team_id,
    queuedAt: r.queued_at,
    waitingSince: r.waiting_since,
    snoozedUntil: r.snoozed_until,
    assignedAt: r.assigned_at,
    firstResponseAt: r.first_response_at,
    closedAt: r.closed_at,
    workspaceId: r.workspace_id,
    visitorId: r.visitor_id,
    visitorLastSeq: r.visitor_last_seq,
  };
}

interface RawMessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  client_id: string | null;
  author_kind: AuthorKind;
  author_id: string | null;
  author_name: string | null;
  kind: MessageKind;
  visitor_seq: number | null;
  body: string;
  attachment: Attachment | null;
  created_at: Date;
  workspace_id: string;
}

export function toMessageRow(r: RawMessageRow): MessageRow {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    conversationId: r.conversation_id,
    seq: r.seq,
    clientId: r.client_id,
    authorKind: r.author_kind,
    authorId: r.author_id,
    authorName: r.author_name,
    kind: r.kind,
    visitorSeq: r.visitor_seq,
    body: r.body,
    attachment: r.attachment,
    createdAt: r.created_at,
  };
}

export type { RawLockedRow, RawMessageRow };
