import { useMemo } from 'preact/hooks';
import { useDesk } from '../model-context';
import { isOverTarget } from '../models/inbox-views';
import { VirtualList } from '../views/virtual-list';
import { ConversationListItem } from './conversation-list-item';
import { InboxTabs } from './inbox-tabs';

/** Every row is this tall (styles.css .conversation-item agrees), so the list can be windowed. */
export const ROW_HEIGHT_PX = 72;

const EMPTY: Record<string, string> = {
  mine: 'Nothing assigned to you.',
  queue: 'Nobody is waiting in the queue.',
  all: 'No open conversations.',
  snoozed: 'Nothing snoozed.',
  closed: 'No closed conversations.',
};

export function ConversationList() {
  const { inbox, work, now } = useDesk();
  const teams = work.teams.value;
  const targets = useMemo(() => new Map(teams.map((t) => [t.id, t.firstResponseTargetSeconds])), [teams]);
  const conversations = inbox.visible.value;
  const unread = inbox.unreadIds.value;
  const selectedId = inbox.selectedId.value;
  const selectedIndex = conversations.findIndex((c) => c.id === selectedId);
  return (
    <aside class="inbox" aria-label="Conversations">
      <h2 class="inbox-title">
        Inbox
        {inbox.unreadCount.value > 0 && <span class="count">{inbox.unreadCount.value}</span>}
      </h2>
      <InboxTabs />
      {inbox.error.value && (
        <p class="inline-error" role="alert">
          {inbox.error.value}{' '}
          <button type="button" class="button-link" onClick={() => void inbox.load()}>
            Retry
          </button>
        </p>
      )}
      {conversations.length === 0 ? (
        <p class="empty">{inbox.loading.value ? 'Loading conversations…' : EMPTY[inbox.view.value]}</p>
      ) : (
        <VirtualList
          class="conversation-list"
          label="Conversation list"
          items={conversations}
          rowHeight={ROW_HEIGHT_PX}
          keyOf={(c) => c.id}
          revealIndex={selectedIndex}
          renderRow={(conversation) => (
            <ConversationListItem
              conversation={conversation}
              selected={conversation.id === selectedId}
              unread={unread.has(conversation.id)}
              late={isOverTarget(conversation, targets, now.value)}
              now={now.value}
              onSelect={inbox.select}
            />
          )}
        />
      )}
    </aside>
  );
}
