/**
 * Builds a widget-side client over fake sockets for the realtime-client tests. Not exported.
 */
import type { Message } from '@parley/protocol';
import { PROTOCOL_VERSION } from '@parley/protocol/light';
import { fixtureUuid } from '@parley/protocol/testing';
import { fakeSockets } from './fake-socket';
import { memoryOutbox } from './memory-outbox';
import { createRealtimeClient } from './realtime-client';
import type { ConnectionState, InFrame, OutboxStorage, RealtimeClientOptions, WidgetSide } from './types';

export const HEARTBEAT = 10_000;

export function welcome(heartbeatMs = HEARTBEAT): InFrame<WidgetSide, 'welcome'> {
  return {
    type: 'welcome',
    protocolVersion: PROTOCOL_VERSION,
    visitorId: fixtureUuid(9000),
    token: 'visitor-token',
    site: { name: 'Acme', greeting: 'Hi', color: '#123456' },
    heartbeatMs,
  };
}

export function startClient(overrides: Partial<RealtimeClientOptions<WidgetSide>> & { outbox?: OutboxStorage } = {}) {
  const sockets = fakeSockets();
  let ids = 0;
  const client = createRealtimeClient<WidgetSide>({
    url: 'ws://relay.test/v1/widget/ws',
    hello: (resume) => ({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token: 'visitor-token', resume }),
    createSocket: sockets.create,
    outbox: memoryOutbox(),
    random: () => 0.5,
    createClientId: () => `c${++ids}`,
    ...overrides,
  });
  const delivered: Message[] = [];
  const states: ConnectionState[] = [];
  const errors: { code: string; message: string }[] = [];
  client.onMessage((m) => delivered.push(m));
  client.onState((s) => states.push(s));
  client.onError((e) => errors.push(e));

  /** connect() (a no-op while a socket is opening), then the relay accepts it and says welcome. */
  function open(heartbeatMs = HEARTBEAT) {
    client.connect();
    const socket = sockets.last;
    socket.accept();
    socket.push(welcome(heartbeatMs));
    return socket;
  }

  return { client, sockets, delivered, states, errors, open };
}
