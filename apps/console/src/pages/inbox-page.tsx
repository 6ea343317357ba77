import { useContext, useEffect, useMemo } from 'preact/hooks';
import { AppHeader } from '../components/app-header';
import { CommandPalette } from '../components/command-palette';
import { ConversationList } from '../components/conversation-list';
import { ConversationPane } from '../components/conversation-pane';
import { ShortcutHelp } from '../components/shortcut-help';
import { BusinessHoursDialog } from '../components/business-hours-dialog';
import { WorkNotice } from '../components/work-notice';
import { ToolsApiContext, ToolsContext } from '../components/tools-context';
import { ToolsBar } from '../components/tools-bar';
import { bindShortcuts, isApplePlatform } from '../keys/keyboard-binding';
import { useDesk } from '../model-context';
import { commandsFor } from '../models/commands';
import { createToolsModel } from '../models/tools-model';
import { Modal } from '../components/modal';
import { TeamAdmin } from '../team/team-admin';
import { TeamAdminApiContext } from '../team/team-admin-context';
import { createTeamAdminModel } from '../team/team-admin-model';

export function InboxPage() {
  const desk = useDesk();
  const { inbox, notice, ui } = desk;
  const selectedId = inbox.selectedId.value;
  const dialog = ui.dialog.value;
  const apple = useMemo(() => isApplePlatform(), []);
  // Notes, canned responses, search and the visitor sidebar (components/tools-*.tsx).
  const toolsApi = useContext(ToolsApiContext);
  const tools = useMemo(
    () => (toolsApi ? createToolsModel({ client: desk.client, agent: desk.agent, api: toolsApi, open: (id) => desk.inbox.select(id) }) : null),
    [desk, toolsApi],
  );

  // The Team screen, for admins only (the relay refuses everyone else anyway).
  const teamAdminApi = useContext(TeamAdminApiContext);
  const teamAdmin = useMemo(
    () => (teamAdminApi && desk.agent.role === 'admin' ? createTeamAdminModel(teamAdminApi, desk.work) : null),
    [desk, teamAdminApi],
  );

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
    <ToolsContext.Provider value={tools}>
      <div class="desk">
        <AppHeader />
        {tools && <ToolsBar tools={tools} />}
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
        {dialog === 'business-hours' && <BusinessHoursDialog canEdit={desk.agent.role === 'admin'} onClose={ui.close} />}
        {dialog === 'team' && teamAdmin && (
          <Modal label="Team" onClose={ui.close}>
            <TeamAdmin model={teamAdmin} />
          </Modal>
        )}
      </div>
    </ToolsContext.Provider>
  );
}
