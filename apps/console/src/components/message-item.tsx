import type { ConversationSummary, Message } from '@parley/protocol';
import { DELIVERY_WORDS, type Delivery } from '../read-marks';
import { clockTime } from '../time-format';
import { visitorLabel } from '../visitor-label';
import { AttachmentView } from './attachment-view';

export interface MessageItemProps {
  message: Message;
  conversation: ConversationSummary | null;
  agentId: string;
  /** Shows Sent / Delivered / Seen under it (read receipts); omitted: nothing. */
  delivery?: Delivery | null;
}

type Side = 'visitor' | 'agent' | 'me';

function sideOf(message: Message, agentId: string): Side {
  if (message.author.kind === 'visitor') return 'visitor';
  return message.author.id === agentId ? 'me' : 'agent';
}

function authorName(message: Message, side: Side, conversation: ConversationSummary | null): string {
  if (side === 'me') return 'You';
  if (side === 'agent') return message.author.name ?? 'Agent';
  return message.author.name ?? (conversation ? visitorLabel(conversation.visitor) : 'Visitor');
}

/** Bodies are untrusted text: rendered as text nodes, never as HTML. */
export function MessageItem({ message, conversation, agentId, delivery = null }: MessageItemProps) {
  if (message.kind === 'event' || message.author.kind === 'system') {
    return (
      <li class="event" data-seq={message.seq}>
        <span>{message.body}</span> <time dateTime={message.createdAt}>{clockTime(message.createdAt)}</time>
      </li>
    );
  }
  const side = sideOf(message, agentId);
  return (
    // A note is agents-only: marked so nobody mistakes it for something the visitor read.
    <li class={`message from-${side}${message.kind === 'note' ? ' is-note' : ''}`} data-seq={message.seq}>
      <div class="message-meta">
        {message.kind === 'note' && <span class="note-label">Internal note</span>}
        <span class="message-author">{authorName(message, side, conversation)}</span>
        <time dateTime={message.createdAt}>{clockTime(message.createdAt)}</time>
      </div>
      <p class="message-body">{message.attachment ? <AttachmentView attachment={message.attachment} /> : message.body}</p>
      {delivery && side === 'me' && (
        <p class="delivery" data-delivery={delivery}>
          {DELIVERY_WORDS[delivery]}
        </p>
      )}
    </li>
  );
}
