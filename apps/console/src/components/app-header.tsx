import { useDesk, useSession } from '../model-context';
import { IDENTITY_ROUTE, SETTINGS_ROUTE } from '../use-hash-route';
import { CapacityMeter } from './capacity-meter';
import { ConnectionStatus } from './connection-status';
import { DesktopAlertsButton } from './desktop-alerts-button';
import { PresenceControl } from './presence-control';

export function AppHeader() {
  const session = useSession();
  const desk = useDesk();
  return (
    <header class="app-header">
      <span class="brand">Parley</span>
      <ConnectionStatus state={desk.connection.value} />
      <span class="spacer" />
      <DesktopAlertsButton alerts={desk.alerts} />
      <CapacityMeter me={desk.work.me.value} />
      <PresenceControl work={desk.work} />
      {session.agent.value?.role === 'admin' && (
        <>
          <a class="button-quiet" href={SETTINGS_ROUTE}>
            Site settings
          </a>
          <a class="button-quiet" href={IDENTITY_ROUTE}>
            Identity
          </a>
        </>
      )}
      <span class="agent-name">{session.agent.value?.name}</span>
      <button type="button" class="button-quiet" onClick={() => desk.ui.open('business-hours')}>
        Hours
      </button>
      {desk.agent.role === 'admin' && (
        <button type="button" class="button-quiet" onClick={() => desk.ui.open('team')}>
          Team
        </button>
      )}
      <button type="button" class="button-quiet" title="Keyboard shortcuts (?)" onClick={() => desk.ui.open('help')}>
        ?
      </button>
      <button type="button" class="button-quiet" onClick={() => void session.signOut()}>
        Sign out
      </button>
    </header>
  );
}
