import { useDesk, useSession } from '../model-context';
import { ConnectionStatus } from './connection-status';

export function AppHeader() {
  const session = useSession();
  const desk = useDesk();
  return (
    <header class="app-header">
      <span class="brand">Parley</span>
      <ConnectionStatus state={desk.connection.value} />
      <span class="spacer" />
      <span class="agent-name">{session.agent.value?.name}</span>
      <button type="button" class="button-quiet" onClick={() => void session.signOut()}>
        Sign out
      </button>
    </header>
  );
}
