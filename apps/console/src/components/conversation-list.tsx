import { useDesk } from '../model-context';
import { ConversationListItem } from './conversation-list-item';

export function ConversationList() {
  const { inbox, now } = useDesk();
  const conversations = inbox.conversations.value;
  const unread = inbox.unreadIds.value;
  const selectedId = inbox.selectedId.value;
  return (
    <aside class="inbox" aria-label="Conversations">
      <h2 class="inbox-title">
        Inbox
        {inbox.unreadCount.value > 0 && <span class="count">{inbox.unreadCount.value}</span>}
      </h2>
      {inbox.error.value && (
        <p class="inline-error" role="alert">
          {inbox.error.value}{' '}
          <button type="button" class="button-link" onClick={() => void inbox.load()}>
            Retry
          </button>
        </p>
      )}
      {conversations.length === 0 ? (
        <p class="empty">{inbox.loading.value ? 'Loading conversations…' : 'No conversations yet.'}</p>
      ) : (
        <ul class="conversation-list">
          {conversations.map((conversation) => (
            <ConversationListItem
              key={conversation.id}
              conversation={conversation}
              selected={conversation.id === selectedId}
              unread={unread.has(conversation.id)}
              now={now.value}
              onSelect={inbox.select}
            />
          ))}
        </ul>
      )}
    </aside>
  );
}
