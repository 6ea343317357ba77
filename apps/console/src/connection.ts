import { createRealtimeClient, memoryOutbox, type ConsoleSide, type RealtimeClient, type WebSocketFactory } from '@parley/client';
import { PROTOCOL_VERSION, WS_PATHS } from '@parley/protocol/light';
import type { SessionModel } from './models/session-model';

/** The agent socket on the page's own host: the session cookie rides along because it is same-origin. */
export function consoleSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATHS.console}`;
}

export interface ConsoleClientOptions {
  location?: Pick<Location, 'protocol' | 'host'>;
  createSocket?: WebSocketFactory;
}

/**
 * The console's realtime client. Its outbox lives in memory: a reload re-reads the transcript
 * from the relay and an agent's unsent reply is not worth persisting across sessions.
 */
export function createConsoleClient(
  session: Pick<SessionModel, 'expire'>,
  options: ConsoleClientOptions = {},
): RealtimeClient<ConsoleSide> {
  const client = createRealtimeClient<ConsoleSide>({
    url: consoleSocketUrl(options.location ?? window.location),
    hello: (resume) => ({ type: 'hello', protocolVersion: PROTOCOL_VERSION, resume }),
    outbox: memoryOutbox(),
    ...(options.createSocket ? { createSocket: options.createSocket } : {}),
  });
  client.onError((error) => {
    if (error.code === 'session_ended' || error.code === 'unauthorized') session.expire(error.message);
  });
  return client;
}
