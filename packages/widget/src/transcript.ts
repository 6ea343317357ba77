/**
 * The chat's display list: messages the relay delivered (ordered by seq) followed by the
 * visitor's messages still in the outbox. Pure, so the merge rules are tested without a DOM.
 */
import type { PendingMessage } from '@parley/client';
import type { Attachment, Message } from '@parley/protocol';

export type TranscriptSide = 'visitor' | 'agent' | 'system';
export type TranscriptStatus = 'sending' | 'sent' | 'failed';

export interface TranscriptEntry {
  /** Stable across sending -> sent (the clientId when there is one), for keyed rendering. */
  key: string;
  /** Null until the relay has stored the message. */
  seq: number | null;
  clientId: string | null;
  side: TranscriptSide;
  authorName: string | null;
  body: string;
  createdAt: string;
  status: TranscriptStatus;
  /** Why a failed message was refused, in words for the visitor. */
  error: string | null;
  /** The file the message carries; its body is then the file's name. */
  attachment?: Attachment | undefined;
}

export interface TranscriptInput {
  delivered: Iterable<Message>;
  pending: readonly PendingMessage[];
  /** The conversation on screen; null before the visitor has one. */
  conversationId: string | null;
}

export function buildTranscript({ delivered, pending, conversationId }: TranscriptInput): TranscriptEntry[] {
  const bySeq = new Map<number, Message>();
  for (const message of delivered) {
    if (message.conversationId === conversationId) bySeq.set(message.seq, message);
  }
  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const deliveredClientIds = new Set(messages.map((message) => message.clientId).filter((id) => id !== null));

  const entries = messages.map(fromMessage);
  for (const item of pending) {
    // A message can be delivered a moment before its outbox entry is cleared; show it once.
    if (deliveredClientIds.has(item.clientId)) continue;
    if (item.conversationId !== undefined && item.conversationId !== conversationId) continue;
    entries.push(fromPending(item));
  }
  return entries;
}

function fromMessage(message: Message): TranscriptEntry {
  return {
    key: message.clientId ?? message.id,
    seq: message.seq,
    clientId: message.clientId,
    side: message.kind === 'event' ? 'system' : message.author.kind,
    authorName: message.author.name,
    body: message.body,
    createdAt: message.createdAt,
    status: 'sent',
    error: null,
    attachment: message.attachment,
  };
}

function fromPending(item: PendingMessage): TranscriptEntry {
  return {
    key: item.clientId,
    seq: null,
    clientId: item.clientId,
    side: 'visitor',
    authorName: null,
    body: item.body,
    createdAt: item.createdAt,
    status: item.status,
    error: item.error?.message ?? null,
  };
}
