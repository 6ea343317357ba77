import { render } from 'preact';
import { App } from './app';
import { createApi } from './api';
import { createConsoleClient } from './connection';
import { ToolsApiContext } from './components/tools-context';
import { createToolsApi } from './models/tools-api';
import { createDeskModel } from './models/desk-model';
import { createAlertsModel } from './notify/alerts-model';
import { browserAlertSurface, browserTabLeader } from './notify/browser-alerts';
import { createSessionModel } from './models/session-model';
import { createTeamAdminApi } from './team/team-admin-api';
import { TeamAdminApiContext } from './team/team-admin-context';
import { memoryReadStore, webStorageReadStore, type ReadStore } from './read-store';
import './styles.css';

function readStoreFor(agentId: string): ReadStore {
  try {
    return webStorageReadStore(window.localStorage, `parley.console.read.${agentId}`);
  } catch {
    // Storage blocked by the browser's settings: unread marks last as long as the page.
    return memoryReadStore();
  }
}

const api = createApi();
const session = createSessionModel(api);
const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element.');

render(
  <ToolsApiContext.Provider value={createToolsApi()}>
    <TeamAdminApiContext.Provider value={createTeamAdminApi()}>
      <App
        session={session}
        createDesk={(agent) =>
          createDeskModel({
            client: createConsoleClient(session),
            agent,
            api,
            session,
            readStore: readStoreFor(agent.id),
            createAlerts: (inbox) => createAlertsModel({ inbox, leader: browserTabLeader(), surface: browserAlertSurface() }),
            activitySource: window,
          })
        }
      />
    </TeamAdminApiContext.Provider>
  </ToolsApiContext.Provider>,
  root,
);
void session.restore();
