/**
 * Group commit for the message write path. Messages that arrive while a batch is being written
 * wait and go together in the next one: one transaction, one lock query, one insert and one
 * update for the whole batch, instead of a transaction per message. Each caller still gets its
 * own result, after the commit. Semantics are exactly `appendMessage`'s: rows of a conversation
 * are locked (in id order, so concurrent batches on several nodes cannot deadlock), seq is
 * last_seq + 1 without gaps in arrival order, and a clientId already stored — or twice in one
 * batch — returns the first row and uses no seq.
 *
 * A batch first goes without looking its clientIds up: resends are rare, and the unique
 * (conversation_id, client_id) index refuses one anyway. When it does, the transaction rolls back
 * and the batch is written again with the lookup, so a resend still returns the stored message.
 */
import type { ConversationSummary } from '@parley/protocol';
import { toConversationSummary } from './conversations';
import {
  CLIENT_ID_UNIQUE,
  FIND_RESENDS,
  INSERT_MESSAGES,
  insertValues,
  LOCK_CONVERSATIONS,
  toLockedRow,
  toMessageRow,
  UPDATE_CONVERSATIONS,
  updateValues,
  type ConversationUpdate,
  type LockedRow,
  type RawLockedRow,
  type RawMessageRow,
} from './message-batch-sql';
import { appendMessage, preview, toMessage, type AppendMessageInput, type AppendMessageResult } from './messages';
import type { Db } from './open-db';
import { rawTransactions, type RawQuery, type RawTransaction } from './raw-transaction';
import { acceptsVisitorMessage, afterMessage, routingStateOf, summaryRouting, type RoutingState } from './routing-state';
import type { messages } from './schema';

const UNIQUE_VIOLATION = '23505';

export interface AppendScope {
  workspaceId: string;
  visitorId?: string;
}

export interface MessageWriter {
  /** `appendMessage`, batched with whatever else is being written at the same moment. */
  append(scope: AppendScope, input: AppendMessageInput): Promise<AppendMessageResult | null>;
  /** Resolves when nothing is queued or being written (for a graceful stop). */
  drain(): Promise<void>;
}

export interface MessageWriterOptions {
  /** Most messages in one transaction. */
  maxBatch?: number;
  /** Batches in flight at once (PGlite has one connection: 1). */
  concurrency?: number;
}

interface Pending {
  scope: AppendScope;
  input: AppendMessageInput;
  resolve(result: AppendMessageResult | null): void;
  reject(error: unknown): void;
}

export function createMessageWriter(db: Db, options: MessageWriterOptions = {}): MessageWriter {
  const maxBatch = options.maxBatch ?? 256;
  const concurrency = options.concurrency ?? 2;
  const transaction = rawTransactions(db);
  let queue: Pending[] = [];
  let inFlight = 0;
  let idle: Array<() => void> = [];
  // Conversations with a batch in flight. Their later messages wait for it: two batches of one
  // conversation in flight at once could commit in either order (one may wait for a fresh pool
  // connection), and seq must follow arrival order.
  const busy = new Set<string>();

  /** Takes up to maxBatch queued messages whose conversation has no batch in flight, in order. */
  function takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    for (const pending of queue) {
      if (batch.length < maxBatch && !busy.has(pending.input.conversationId)) batch.push(pending);
      else rest.push(pending);
    }
    queue = rest;
    return batch;
  }

  function pump(): void {
    while (inFlight < concurrency && queue.length > 0) {
      const batch = takeBatch();
      if (batch.length === 0) return;
      const conversations = [...new Set(batch.map((pending) => pending.input.conversationId))];
      for (const id of conversations) busy.add(id);
      inFlight++;
      writeOrIsolate(db, transaction, batch).finally(() => {
        for (const id of conversations) busy.delete(id);
        inFlight--;
        pump();
        if (inFlight === 0 && queue.length === 0) {
          for (const resolve of idle.splice(0)) resolve();
        }
      });
    }
  }

  return {
    append(scope, input) {
      return new Promise((resolve, reject) => {
        queue.push({ scope, input, resolve, reject });
        pump();
      });
    },
    drain() {
      if (inFlight === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}

/**
 * Writes the batch; if that fails with more than one message in it, writes each on its own so
 * one bad message cannot fail the others (and an outage still fails each with its own error).
 */
async function writeOrIsolate(db: Db, transaction: RawTransaction, batch: Pending[]): Promise<void> {
  try {
    const results = await transaction((query) => writeBatch(query, batch, false)).catch((error: unknown) => {
      if (!isStoredClientId(error)) throw error;
      return transaction((query) => writeBatch(query, batch, true));
    });
    batch.forEach((pending, index) => pending.resolve(results[index] ?? null));
  } catch (error) {
    if (batch.length === 1) {
      batch[0]!.reject(error);
      return;
    }
    // Conversations in parallel, each one's messages in arrival order (their seq order).
    const byConversation = new Map<string, Pending[]>();
    for (const pending of batch) {
      const id = pending.input.conversationId;
      byConversation.set(id, [...(byConversation.get(id) ?? []), pending]);
    }
    await Promise.all(
      [...byConversation.values()].map(async (messages) => {
        for (const pending of messages) {
          await appendMessage(db, pending.scope, pending.input).then(pending.resolve, pending.reject);
        }
      }),
    );
  }
}

/** The insert met a clientId already stored in its conversation: a resend the batch did not look up. */
function isStoredClientId(error: unknown): boolean {
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === UNIQUE_VIOLATION && constraint === CLIENT_ID_UNIQUE;
}

/** With lookUpResends false, a resend in the batch fails the insert (isStoredClientId) instead of being found. */
async function writeBatch(query: RawQuery, batch: Pending[], lookUpResends: boolean): Promise<Array<AppendMessageResult | null>> {
  const conversationIds = [...new Set(batch.map((pending) => pending.input.conversationId))];
  const lockedRows = (await query<RawLockedRow>(LOCK_CONVERSATIONS, [conversationIds])).map(toLockedRow);
  const locked = new Map<string, LockedRow>(lockedRows.map((row) => [row.id, row]));
  const batchStartedAt = Date.now();

  // A pending message is refused (null) when its conversation is not in its scope.
  const inScope = (pending: Pending): LockedRow | undefined => {
    const row = locked.get(pending.input.conversationId);
    if (!row || row.workspaceId !== pending.scope.workspaceId) return undefined;
    if (pending.scope.visitorId !== undefined && row.visitorId !== pending.scope.visitorId) return undefined;
    // Closed too long ago: the relay starts a new conversation with this message instead.
    if (pending.input.author.kind === 'visitor' && !acceptsVisitorMessage(row, batchStartedAt)) return undefined;
    return row;
  };

  const keyOf = (conversationId: string, clientId: string) => `${conversationId}\u0000${clientId}`;
  const withClientId = lookUpResends ? batch.filter((pending) => pending.input.clientId !== null && inScope(pending)) : [];
  const existing = new Map<string, typeof messages.$inferSelect>();
  if (withClientId.length > 0) {
    const rows = await query<RawMessageRow>(FIND_RESENDS, [
      withClientId.map((pending) => pending.input.conversationId),
      withClientId.map((pending) => pending.input.clientId!),
    ]);
    for (const row of rows.map(toMessageRow)) existing.set(keyOf(row.conversationId, row.clientId!), row);
  }

  // Plan: seq per new message in arrival order; resends (stored, or twice in this batch) point at the first.
  const nextSeq = new Map<string, number>();
  // Notes take a seq but no visitorSeq: the visitor's numbering stays gapless over what it may see.
  const nextVisitorSeq = new Map<string, number>();
  const firstInBatch = new Map<string, number>();
  const plan: Array<{ kind: 'refused' } | { kind: 'existing'; key: string } | { kind: 'same-as'; index: number } | { kind: 'new'; seq: number; visitorSeq: number | null; row: LockedRow }> = [];
  batch.forEach((pending, index) => {
    const row = inScope(pending);
    if (!row) return plan.push({ kind: 'refused' });
    const { conversationId, clientId } = pending.input;
    if (clientId !== null) {
      const key = keyOf(conversationId, clientId);
      if (existing.has(key)) return plan.push({ kind: 'existing', key });
      const first = firstInBatch.get(key);
      if (first !== undefined) return plan.push({ kind: 'same-as', index: first });
      firstInBatch.set(key, index);
    }
    const seq = (nextSeq.get(conversationId) ?? row.lastSeq) + 1;
    nextSeq.set(conversationId, seq);
    let visitorSeq: number | null = null;
    if (pending.input.kind !== 'note') {
      visitorSeq = (nextVisitorSeq.get(conversationId) ?? row.visitorLastSeq) + 1;
      nextVisitorSeq.set(conversationId, visitorSeq);
    }
    return plan.push({ kind: 'new', seq, visitorSeq, row });
  });

  const toInsert = plan.flatMap((step, index) => (step.kind === 'new' ? [{ step, pending: batch[index]! }] : []));
  const inserted =
    toInsert.length === 0
      ? []
      : (
          await query<RawMessageRow>(
            INSERT_MESSAGES,
            insertValues(
              toInsert.map(({ step, pending }) => ({
                workspaceId: pending.scope.workspaceId,
                conversationId: pending.input.conversationId,
                seq: step.seq,
                clientId: pending.input.clientId,
                authorKind: pending.input.author.kind,
                authorId: pending.input.author.id,
                authorName: pending.input.author.name,
                kind: pending.input.kind ?? 'text',
                visitorSeq: step.visitorSeq,
                body: pending.input.body,
                attachment: pending.input.attachment ?? null,
              })),
            ),
          )
        ).map(toMessageRow);
  const insertedBySeq = new Map(inserted.map((row) => [keyOf(row.conversationId, String(row.seq)), row]));

  // One UPDATE for every conversation touched: its last message is the batch's last for it, and
  // the preview comes from the last one the visitor may see (notes leave it alone), and from a
  // text rather than an event: the inbox row keeps showing what the visitor or agent wrote, not
  // "Ada joined the conversation."
  const lastByConversation = new Map<string, (typeof toInsert)[number]>();
  const lastVisibleByConversation = new Map<string, (typeof toInsert)[number]>();
  const lastWrittenByConversation = new Map<string, (typeof toInsert)[number]>();
  for (const item of toInsert) {
    lastByConversation.set(item.pending.input.conversationId, item);
    if (item.step.visitorSeq === null) continue;
    lastVisibleByConversation.set(item.pending.input.conversationId, item);
    if ((item.pending.input.kind ?? 'text') !== 'event') lastWrittenByConversation.set(item.pending.input.conversationId, item);
  }
  const firstAgentAt = new Map<string, Date>();
  for (const { step, pending } of toInsert) {
    const row = insertedBySeq.get(keyOf(pending.input.conversationId, String(step.seq)))!;
    if (pending.input.author.kind === 'agent' && step.visitorSeq !== null && step.row.firstResponseAt === null && !firstAgentAt.has(step.row.id)) {
      firstAgentAt.set(step.row.id, row.createdAt);
    }
  }
  // Routing columns after each visible message, in order (routing-state.ts): waits, wake-ups, reopenings.
  const routing = new Map<string, RoutingState>();
  const routingAfter = new Map<string, RoutingState>();
  for (const { step, pending } of toInsert) {
    if (step.visitorSeq === null) continue;
    const row = insertedBySeq.get(keyOf(pending.input.conversationId, String(step.seq)))!;
    const next = afterMessage(routing.get(step.row.id) ?? routingStateOf(step.row), { authorKind: pending.input.author.kind, at: row.createdAt });
    routing.set(step.row.id, next);
    routingAfter.set(keyOf(step.row.id, String(step.seq)), next);
  }
  if (lastByConversation.size > 0) {
    const updates = [...lastByConversation.values()].map(({ step, pending }): ConversationUpdate => {
      const row = insertedBySeq.get(keyOf(pending.input.conversationId, String(step.seq)))!;
      const visible = lastVisibleByConversation.get(pending.input.conversationId);
      const written = lastWrittenByConversation.get(pending.input.conversationId);
      return {
        id: step.row.id,
        lastSeq: step.seq,
        preview: written ? preview(written.pending.input.body) : null,
        authorKind: written?.pending.input.author.kind ?? null,
        at: row.createdAt,
        firstResponseAt: firstAgentAt.get(step.row.id) ?? null,
        visitorLastSeq: visible?.step.visitorSeq ?? null,
        visibleAt: visible ? insertedBySeq.get(keyOf(visible.pending.input.conversationId, String(visible.step.seq)))!.createdAt : null,
        routing: routing.get(step.row.id) ?? routingStateOf(step.row),
      };
    });
    await query(UPDATE_CONVERSATIONS, updateValues(updates));
  }

  const results: Array<AppendMessageResult | null> = [];
  // Per conversation, the last visitor-visible message so far in this batch: a note's summary keeps it.
  const lastMessageSoFar = new Map<string, ConversationSummary['lastMessage']>();
  plan.forEach((step, index) => {
    if (step.kind === 'refused') {
      results.push(null);
    } else if (step.kind === 'existing') {
      const row = existing.get(step.key)!;
      results.push({
        message: toMessage(row),
        created: false,
        conversation: summaryOf(locked.get(row.conversationId)!, nextSeq),
        visitorSeq: row.visitorSeq,
      });
    } else if (step.kind === 'same-as') {
      const first = results[step.index]!;
      results.push({ ...first, created: false });
    } else {
      const pending = batch[index]!;
      const row = insertedBySeq.get(keyOf(pending.input.conversationId, String(step.seq)))!;
      // The summary as of this message: the inbox shows each message's effect in order.
      const conversationId = pending.input.conversationId;
      const before = toConversationSummary(step.row);
      const lastMessage =
        step.visitorSeq === null || pending.input.kind === 'event'
          ? (lastMessageSoFar.get(conversationId) ?? before.lastMessage)
          : { authorKind: pending.input.author.kind, body: preview(pending.input.body), createdAt: row.createdAt.toISOString() };
      lastMessageSoFar.set(conversationId, lastMessage);
      const summary: ConversationSummary = { ...before, lastSeq: step.seq, lastMessage, updatedAt: row.createdAt.toISOString() };
      const state = routingAfter.get(keyOf(conversationId, String(step.seq))) ?? routing.get(conversationId);
      if (state) Object.assign(summary, summaryRouting(state));
      const firstResponse = firstAgentAt.get(conversationId);
      if (summary.firstResponseAt === null && firstResponse && firstResponse <= row.createdAt) summary.firstResponseAt = firstResponse.toISOString();
      results.push({ message: toMessage(row), created: true, conversation: summary, visitorSeq: step.visitorSeq });
    }
  });
  return results;
}

function summaryOf(row: LockedRow, nextSeq: Map<string, number>): ConversationSummary {
  return { ...toConversationSummary(row), lastSeq: nextSeq.get(row.id) ?? row.lastSeq };
}
