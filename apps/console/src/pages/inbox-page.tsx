import { AppHeader } from '../components/app-header';
import { ConversationList } from '../components/conversation-list';
import { ConversationPane } from '../components/conversation-pane';
import { useDesk } from '../model-context';

export function InboxPage() {
  const { inbox, notice } = useDesk();
  const selectedId = inbox.selectedId.value;
  return (
    <div class="desk">
      <AppHeader />
      {notice.value && (
        <p class="notice" role="alert">
          {notice.value}
        </p>
      )}
      <div class="desk-body">
        <ConversationList />
        <main class="pane">
          {selectedId ? (
            <ConversationPane key={selectedId} conversationId={selectedId} />
          ) : (
            <p class="empty pane-empty">Pick a conversation on the left.</p>
          )}
        </main>
      </div>
    </div>
  );
}
