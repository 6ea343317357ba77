import { useEffect, useMemo } from 'preact/hooks';
import { AppHeader } from '../components/app-header';
import { CommandPalette } from '../components/command-palette';
import { ConversationList } from '../components/conversation-list';
import { ConversationPane } from '../components/conversation-pane';
import { ShortcutHelp } from '../components/shortcut-help';
import { WorkNotice } from '../components/work-notice';
import { bindShortcuts, isApplePlatform } from '../keys/keyboard-binding';
import { useDesk } from '../model-context';
import { commandsFor } from '../models/commands';

export function InboxPage() {
  const desk = useDesk();
  const { inbox, notice, ui } = desk;
  const selectedId = inbox.selectedId.value;
  const dialog = ui.dialog.value;
  const apple = useMemo(() => isApplePlatform(), []);

  useEffect(
    () =>
      bindShortcuts(
        document,
        (id) => commandsFor(desk).find((command) => command.id === id)?.run ?? null,
        // A dialog owns the keyboard while it is open (Escape closes it).
        { apple, paused: () => ui.dialog.value !== null },
      ),
    [desk, apple],
  );

  return (
    <div class="desk">
      <AppHeader />
      {notice.value && (
        <p class="notice" role="alert">
          {notice.value}
        </p>
      )}
      <WorkNotice />
      <div class="desk-body">
        <ConversationList />
        <main class="pane">
          {selectedId ? (
            <ConversationPane key={selectedId} conversationId={selectedId} />
          ) : (
            <p class="empty pane-empty">Pick a conversation on the left (j / k to move, ? for every shortcut).</p>
          )}
        </main>
      </div>
      {dialog === 'palette' && <CommandPalette commands={commandsFor(desk)} apple={apple} onClose={ui.close} />}
      {dialog === 'help' && <ShortcutHelp apple={apple} onClose={ui.close} />}
    </div>
  );
}
