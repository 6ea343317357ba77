/**
 * A simulated visitor: the real realtime client, as the widget uses it, over `ws` with the site's
 * Origin. It keeps its visitor token across reconnects, so it stays one visitor on every node.
 */
import { createRealtimeClient, memoryOutbox, type RealtimeClient, type WidgetSide } from '@parley/client';
import { PROTOCOL_VERSION, WS_PATHS } from '@parley/protocol';
import { ClientRecord } from './client-record';
import { clientAddress, type Cluster } from './cluster';
import { observeErrors, type ErrorSink } from './error-subjects';
import { nodeSockets, type NodeSockets } from './node-socket';
import type { Prng } from './prng';

export interface ClientTuning {
  backoff: { baseMs: number; maxMs: number };
  /** Every error frame a client got, for the report. */
  onErrorFrame: ErrorSink;
}

export interface SimVisitor {
  readonly index: number;
  readonly record: ClientRecord;
  readonly client: RealtimeClient<WidgetSide>;
  readonly sockets: NodeSockets;
  /** What its sockets send at the upgrade (Origin, X-Forwarded-For), for raw sockets in its name. */
  readonly headers: Record<string, string>;
  token(): string | undefined;
  /** Known once the first message is acknowledged. */
  conversationId(): string | undefined;
  /** Queues a message; the first one starts the visitor's conversation. Returns its clientId. */
  say(body: string): string;
}

export function startVisitor(opts: {
  index: number;
  cluster: Cluster;
  site: { siteKey: string; origin: string };
  rng: Prng;
  tuning: ClientTuning;
}): SimVisitor {
  const record = new ClientRecord(`visitor ${opts.index}`);
  const headers = { origin: opts.site.origin, 'x-forwarded-for': clientAddress('visitor', opts.index) };
  const sockets = nodeSockets(opts.cluster, opts.rng.fork(), headers);
  let token: string | undefined;
  let conversationId: string | undefined;
  const jitter = opts.rng.fork();
  const client = createRealtimeClient<WidgetSide>({
    // Only the path and query matter: the socket factory picks the node.
    url: `ws://relay${WS_PATHS.widget}?siteKey=${encodeURIComponent(opts.site.siteKey)}`,
    hello: (resume) => ({ type: 'hello', protocolVersion: PROTOCOL_VERSION, ...(token ? { token } : {}), resume }),
    createSocket: sockets.createSocket,
    outbox: memoryOutbox(),
    backoff: opts.tuning.backoff,
    random: jitter.next,
  });
  client.on('welcome', (frame) => {
    token = frame.token;
  });
  client.on('message.ack', (frame) => {
    conversationId ??= frame.conversationId;
    record.acked(frame);
  });
  const errors = observeErrors('visitor', record, opts.tuning.onErrorFrame);
  client.onState(errors.state);
  client.on('welcome', errors.welcome);
  client.on('error', errors.error);
  client.onMessage((message) => record.delivered(message));
  client.connect();
  return {
    index: opts.index,
    record,
    client,
    sockets,
    headers,
    token: () => token,
    conversationId: () => conversationId,
    say(body) {
      const pending = client.sendMessage({ ...(conversationId ? { conversationId } : {}), body });
      record.wrote(pending.clientId, body);
      return pending.clientId;
    },
  };
}
