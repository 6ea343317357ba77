/**
 * Read receipts: how far each side has a conversation, kept on the conversation row in seq (the
 * agents' numbering). A mark only moves forward, in one conditional UPDATE, so two tabs or two
 * nodes reporting at once cannot move it back. The visitor speaks visitorSeq (notes excluded);
 * it is converted here, at the edge.
 */
import { and, desc, eq, gt, isNotNull, lte, sql } from 'drizzle-orm';
import type { ReadState } from '@parley/protocol';
import type { Db } from './open-db';
import { conversations, messages } from './schema';

export type ReadResult =
  | { ok: true; advanced: boolean; seq: number; visitorSeq: number; visitorId: string }
  | { ok: false; error: 'not_found' | 'past_end' };

export interface ReadMarks {
  visitorId: string;
  /** In seq. */
  visitorDeliveredSeq: number;
  visitorReadSeq: number;
  agentReadSeq: number;
  /** agentReadSeq in the visitor's numbering. */
  agentReadVisitorSeq: number;
}

const markColumns = {
  visitorId: conversations.visitorId,
  lastSeq: conversations.lastSeq,
  visitorLastSeq: conversations.visitorLastSeq,
  visitorDeliveredSeq: conversations.visitorDeliveredSeq,
  visitorReadSeq: conversations.visitorReadSeq,
  agentReadSeq: conversations.agentReadSeq,
};

async function marksRow(db: Db, workspaceId: string, conversationId: string, visitorId?: string) {
  const [row] = await db
    .select(markColumns)
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.id, conversationId),
        visitorId === undefined ? undefined : eq(conversations.visitorId, visitorId),
      ),
    );
  return row ?? null;
}

/** The newest visitor-visible message at or before `seq`, in the visitor's numbering (0: none). */
async function visitorSeqAt(db: Db, conversationId: string, seq: number): Promise<number> {
  const [row] = await db
    .select({ visitorSeq: messages.visitorSeq })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), lte(messages.seq, seq), isNotNull(messages.visitorSeq)))
    .orderBy(desc(messages.seq))
    .limit(1);
  return row?.visitorSeq ?? 0;
}

/** The visitor's widget has (delivered) or has shown (seen) their conversation up to `visitorSeq`. */
export async function markVisitorRead(
  db: Db,
  workspaceId: string,
  visitorId: string,
  conversationId: string,
  visitorSeq: number,
  state: ReadState,
): Promise<ReadResult> {
  const row = await marksRow(db, workspaceId, conversationId, visitorId);
  if (!row) return { ok: false, error: 'not_found' };
  if (visitorSeq > row.visitorLastSeq) return { ok: false, error: 'past_end' };
  const [message] = await db
    .select({ seq: messages.seq })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.visitorSeq, visitorSeq)));
  if (!message) return { ok: false, error: 'past_end' };
  const seq = message.seq;
  const column = state === 'seen' ? conversations.visitorReadSeq : conversations.visitorDeliveredSeq;
  const updated = await db
    .update(conversations)
    .set(
      state === 'seen'
        ? { visitorReadSeq: seq, visitorDeliveredSeq: sql`greatest(${conversations.visitorDeliveredSeq}, ${seq})` }
        : { visitorDeliveredSeq: seq },
    )
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId), gt(sql`${seq}`, column)))
    .returning({ id: conversations.id });
  return { ok: true, advanced: updated.length > 0, seq, visitorSeq, visitorId: row.visitorId };
}

/** An agent has read the conversation up to `seq`. */
export async function markAgentRead(db: Db, workspaceId: string, conversationId: string, seq: number): Promise<ReadResult> {
  const row = await marksRow(db, workspaceId, conversationId);
  if (!row) return { ok: false, error: 'not_found' };
  if (seq > row.lastSeq) return { ok: false, error: 'past_end' };
  const updated = await db
    .update(conversations)
    .set({ agentReadSeq: seq })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId), gt(sql`${seq}`, conversations.agentReadSeq)))
    .returning({ id: conversations.id });
  return { ok: true, advanced: updated.length > 0, seq, visitorSeq: await visitorSeqAt(db, conversationId, seq), visitorId: row.visitorId };
}

/** The marks stored so far; null when the conversation is not in the workspace. */
export async function readMarks(db: Db, workspaceId: string, conversationId: string): Promise<ReadMarks | null> {
  const row = await marksRow(db, workspaceId, conversationId);
  if (!row) return null;
  const { visitorId, visitorDeliveredSeq, visitorReadSeq, agentReadSeq } = row;
  const agentReadVisitorSeq = agentReadSeq > 0 ? await visitorSeqAt(db, conversationId, agentReadSeq) : 0;
  return { visitorId, visitorDeliveredSeq, visitorReadSeq, agentReadSeq, agentReadVisitorSeq };
}
