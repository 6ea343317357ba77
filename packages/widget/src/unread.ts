import type { Message } from '@parley/protocol';

/**
 * Agent messages the visitor has not seen: those after the last seq they saw with the chat open.
 * Counting from a stored seq (not from "arrived while closed") keeps the badge right when the
 * reply came while the visitor was on another page of the site.
 */
export function countUnread(messages: Iterable<Message>, conversationId: string | null, seenSeq: number): number {
  let count = 0;
  for (const message of messages) {
    if (message.conversationId === conversationId && message.seq > seenSeq && message.author.kind === 'agent') count++;
  }
  return count;
}
