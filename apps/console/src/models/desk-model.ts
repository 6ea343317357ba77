import { signal, type ReadonlySignal } from '@preact/signals';
import type { ConnectionState, ConsoleSide, RealtimeClient } from '@parley/client';
import type { Api } from '../api';
import type { ReadStore } from '../read-store';
import { createInboxModel, type InboxModel } from './inbox-model';
import type { SessionModel } from './session-model';

/** How often relative times ("3m") are re-rendered. */
export const CLOCK_TICK_MS = 30_000;

/** Everything that lives while an agent is signed in: one socket, the inbox, a clock. */
export interface DeskModel {
  readonly client: RealtimeClient<ConsoleSide>;
  readonly inbox: InboxModel;
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
  api: Pick<Api, 'listConversations'>;
  session: Pick<SessionModel, 'verify'>;
  readStore?: ReadStore;
}

export function createDeskModel({ client, api, session, readStore }: DeskOptions): DeskModel {
  const inbox = createInboxModel(client, api, readStore ? { readStore } : {});
  const connection = signal<ConnectionState>(client.state);
  const notice = signal<string | null>(null);
  const now = signal(Date.now());
  const unsubscribes: (() => void)[] = [];
  let clock: ReturnType<typeof setInterval> | undefined;

  return {
    client,
    inbox,
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
      client.connect();
      void inbox.load();
    },
    dispose() {
      clearInterval(clock);
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
      inbox.dispose();
      client.close();
    },
  };
}
