import type { AgentProfile } from '@parley/protocol';
import { useEffect, useMemo } from 'preact/hooks';
import { DeskContext, SessionContext, useSession } from './model-context';
import type { DeskModel } from './models/desk-model';
import type { SessionModel } from './models/session-model';
import { IdentityPage } from './pages/identity-page';
import { InboxPage } from './pages/inbox-page';
import { LoginPage } from './pages/login-page';
import { SiteSettingsPage } from './pages/site-settings-page';
import { IDENTITY_ROUTE, SETTINGS_ROUTE, useHashRoute } from './use-hash-route';

export interface AppProps {
  session: SessionModel;
  /** Builds the signed-in desk (socket, inbox) for an agent; called once per sign-in. */
  createDesk: (agent: AgentProfile) => DeskModel;
}

export function App({ session, createDesk }: AppProps) {
  return (
    <SessionContext.Provider value={session}>
      <Screens createDesk={createDesk} />
    </SessionContext.Provider>
  );
}

function Screens({ createDesk }: Pick<AppProps, 'createDesk'>) {
  const session = useSession();
  const route = useHashRoute();
  const agent = session.agent.value;
  if (session.status.value === 'loading') return <p class="boot">Loading…</p>;
  if (!agent) return <LoginPage />;
  // Site settings are an admin's page, outside the desk (no socket needed to edit them).
  if (route === SETTINGS_ROUTE && agent.role === 'admin') return <SiteSettingsPage onBack={() => (location.hash = '')} />;
  // Keyed by agent: a different sign-in gets a fresh socket and inbox, never the last one's.
  return <SignedIn key={agent.id} agent={agent} createDesk={createDesk} />;
}

function SignedIn({ agent, createDesk }: { agent: AgentProfile } & Pick<AppProps, 'createDesk'>) {
  const desk = useMemo(() => createDesk(agent), [agent.id]);
  const route = useHashRoute();
  useEffect(() => {
    desk.start();
    return () => desk.dispose();
  }, [desk]);
  return (
    <DeskContext.Provider value={desk}>
      {route === IDENTITY_ROUTE && agent.role === 'admin' ? <IdentityPage /> : <InboxPage />}
    </DeskContext.Provider>
  );
}
