import type { ConversationSummary } from '@parley/protocol';

/** What happened to a conversation, as far as an agent wants to be told. */
export type InboxEvent =
  | { kind: 'conversation.new'; conversation: ConversationSummary }
  | { kind: 'assigned.to-me'; conversation: ConversationSummary }
  | { kind: 'message.visitor'; conversation: ConversationSummary };

/**
 * The events one live update stands for, from the summary held before and the one that arrived.
 * A summary is the only thing every relay change is guaranteed to send, so events are derived
 * from it rather than from one frame type per change.
 */
export function eventsOf(
  held: ConversationSummary | undefined,
  incoming: ConversationSummary,
  agentId: string,
): InboxEvent[] {
  const events: InboxEvent[] = [];
  // New work is news while nobody holds it; one routed straight to a colleague is theirs to hear.
  if (!held && incoming.assigneeId === null && incoming.status === 'open') {
    events.push({ kind: 'conversation.new', conversation: incoming });
  }
  if (incoming.assigneeId === agentId && held?.assigneeId !== agentId && incoming.status !== 'closed') {
    events.push({ kind: 'assigned.to-me', conversation: incoming });
  }
  if (held && incoming.lastSeq > held.lastSeq && incoming.lastMessage?.authorKind === 'visitor') {
    events.push({ kind: 'message.visitor', conversation: incoming });
  }
  return events;
}
