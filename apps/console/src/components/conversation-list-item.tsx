import type { ConversationSummary, MessagePreview } from '@parley/protocol';
import { waitingSince } from '../models/inbox-views';
import { relativeTime, waitedFor } from '../time-format';
import { visitorLabel } from '../visitor-label';

export interface ConversationListItemProps {
  conversation: ConversationSummary;
  selected: boolean;
  unread: boolean;
  /** Waited past the team's first-response target. */
  late?: boolean;
  now: number;
  onSelect: (conversationId: string) => void;
}

function previewText(preview: MessagePreview | null): string {
  if (!preview) return 'No messages yet';
  return preview.authorKind === 'agent' ? `Agent: ${preview.body}` : preview.body;
}

export function ConversationListItem(props: ConversationListItemProps) {
  const { conversation, selected, unread, late = false, now, onSelect } = props;
  const last = conversation.lastMessage;
  const waiting = waitingSince(conversation);
  return (
    <button
      type="button"
      class={`conversation-item${unread ? ' is-unread' : ''}`}
      data-conversation-id={conversation.id}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(conversation.id)}
    >
      <span class="conversation-item-top">
        <span class="conversation-name">{visitorLabel(conversation.visitor)}</span>
        {conversation.status === 'closed' && <span class="tag">Closed</span>}
        {conversation.status === 'snoozed' && <span class="tag">Snoozed</span>}
        {conversation.status === 'open' && conversation.assigneeId === null && <span class="tag tag-queue">Queue</span>}
        <time class="conversation-time" dateTime={conversation.updatedAt}>
          {relativeTime(last?.createdAt ?? conversation.updatedAt, now)}
        </time>
      </span>
      <span class="conversation-item-bottom">
        <span class="conversation-preview">{previewText(last)}</span>
        {waiting !== null && (
          <span
            class={`waiting${late ? ' is-late' : ''}`}
            title={late ? "Past the team's first-response target" : "Waiting for an agent's reply"}
          >
            {waitedFor(waiting, now)}
          </span>
        )}
        {unread && <span class="unread-dot" role="img" aria-label="Unread" />}
      </span>
    </button>
  );
}
