import { signal, type ReadonlySignal } from '@preact/signals';
import type { ConnectionState, ConsoleSide, RealtimeClient } from '@parley/client';
import type { AgentProfile } from '@parley/protocol';
import type { Api } from '../api';
import type { AlertsModel } from '../notify/alerts-model';
import type { ReadStore } from '../read-store';
import { createInboxModel, type InboxModel } from './inbox-model';
import type { SessionModel } from './session-model';
import { createUiModel, type UiModel } from './ui-model';
import { createWorkModel, type WorkModel } from './work-model';

/** How often relative times ("3m") are re-rendered. */
export const CLOCK_TICK_MS = 30_000;

/** Everything that lives while an agent is signed in: one socket, the inbox, a clock. */
export interface DeskModel {
  readonly client: RealtimeClient<ConsoleSide>;
  readonly agent: AgentProfile;
  readonly inbox: InboxModel;
  readonly work: WorkModel;
  readonly ui: UiModel;
  /** Sound, title, favicon and desktop alerts; null where the desk runs without a browser (tests). */
  readonly alerts: AlertsModel | null;
  readonly connection: ReadonlySignal<ConnectionState>;
  /** A problem the agent must act on (the relay speaks another protocol version); null for none. */
  readonly notice: ReadonlySignal<string | null>;
  /** Epoch ms, advanced every CLOCK_TICK_MS. */
  readonly now: ReadonlySignal<number>;
  start(): void;
  /** Closes the socket for good and releases every subscription and timer. */
  dispose(): void;
}

export interface DeskOptions {
  client: RealtimeClient<ConsoleSide>;
  agent: AgentProfile;
  api: Pick<Api, 'listConversations' | 'listTeams'>;
  session: Pick<SessionModel, 'verify'>;
  readStore?: ReadStore;
  /** Builds the alerts once the inbox exists (main.tsx: the browser's; tests: none or a fake surface). */
  createAlerts?: (inbox: InboxModel) => AlertsModel;
  /** Where the agent's input is heard for auto-away (main.tsx: window). */
  activitySource?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
}

export function createDeskModel(options: DeskOptions): DeskModel {
  const { client, agent, api, session, readStore, activitySource } = options;
  const inbox = createInboxModel(client, api, { agentId: agent.id, ...(readStore ? { readStore } : {}) });
  const work = createWorkModel(client, agent.id);
  const ui = createUiModel();
  let alerts: AlertsModel | null = options.createAlerts?.(inbox) ?? null;
  const connection = signal<ConnectionState>(client.state);
  const notice = signal<string | null>(null);
  const now = signal(Date.now());
  const unsubscribes: (() => void)[] = [];
  let clock: ReturnType<typeof setInterval> | undefined;

  async function loadTeams(): Promise<void> {
    try {
      work.setTeams((await api.listTeams()).teams);
    } catch {
      // Without the team list the console still works: transfers to agents, no team filter.
    }
  }

  return {
    client,
    agent,
    inbox,
    work,
    ui,
    get alerts() {
      return alerts;
    },
    connection,
    notice,
    now,
    start() {
      if (clock !== undefined) return;
      unsubscribes.push(
        client.onState((state) => {
          connection.value = state;
          // A refused upgrade looks like any dropped socket; ask REST whether the cookie is still good.
          if (state === 'reconnecting') void session.verify();
        }),
        client.onError((error) => {
          if (error.code === 'incompatible') notice.value = error.message;
        }),
      );
      clock = setInterval(() => {
        now.value = Date.now();
      }, CLOCK_TICK_MS);
      if (activitySource) {
        const onInput = () => work.activity();
        for (const type of ['pointerdown', 'keydown'] as const) activitySource.addEventListener(type, onInput);
        unsubscribes.push(() => {
          for (const type of ['pointerdown', 'keydown'] as const) activitySource.removeEventListener(type, onInput);
        });
      }
      client.connect();
      void inbox.load();
      void loadTeams();
    },
    dispose() {
      clearInterval(clock);
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
      alerts?.dispose();
      alerts = null;
      work.dispose();
      inbox.dispose();
      client.close();
    },
  };
}
