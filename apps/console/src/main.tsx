import { render } from 'preact';
import { App } from './app';
import { createApi } from './api';
import { createConsoleClient } from './connection';
import { createDeskModel } from './models/desk-model';
import { createSessionModel } from './models/session-model';
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
  <App
    session={session}
    createDesk={(agent) =>
      createDeskModel({ client: createConsoleClient(session), api, session, readStore: readStoreFor(agent.id) })
    }
  />,
  root,
);
void session.restore();
