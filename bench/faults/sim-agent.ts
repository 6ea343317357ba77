/**
 * A simulated agent: the real realtime client, as the console uses it, with its session cookie and
 * the console's Origin. It watches the conversations `conversation.updated` announces, but only
 * its own share (a hash of the id), so every conversation has one agent and no agent more than
 * one hello's resume map can carry.
 */
import { createRealtimeClient, memoryOutbox, type ConsoleSide, type RealtimeClient } from '@parley/client';
import { PROTOCOL_VERSION, WS_PATHS, type ResumeMap } from '@parley/protocol';
import { ClientRecord } from './client-record';
import { clientAddress, CONSOLE_ORIGIN, type Cluster } from './cluster';
import { observeErrors } from './error-subjects';
import { nodeSockets, type NodeSockets } from './node-socket';
import type { Prng } from './prng';
import type { ClientTuning } from './sim-visitor';

export interface SimAgent {
  readonly index: number;
  readonly record: ClientRecord;
  readonly client: RealtimeClient<ConsoleSide>;
  readonly sockets: NodeSockets;
  readonly headers: Record<string, string>;
  /** conversationId -> the seq the watch started after. */
  readonly watched: ReadonlyMap<string, number>;
  /** Conversations of this agent's share left unwatched because it already watched `maxWatched`. */
  readonly overflow: ReadonlySet<string>;
  say(conversationId: string, body: string): string;
}

/** FNV-1a over the id: a stable owner for each conversation, independent of timing. */
export function ownerOf(conversationId: string, agentCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < conversationId.length; i++) {
    hash ^= conversationId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % agentCount;
}

export function startAgent(opts: {
  index: number;
  agentCount: number;
  cluster: Cluster;
  cookie: string;
  maxWatched: number;
  rng: Prng;
  tuning: ClientTuning;
}): SimAgent {
  const record = new ClientRecord(`agent ${opts.index}`);
  const headers = { origin: CONSOLE_ORIGIN, cookie: opts.cookie, 'x-forwarded-for': clientAddress('agent', opts.index) };
  const sockets = nodeSockets(opts.cluster, opts.rng.fork(), headers);
  const watched = new Map<string, number>();
  const overflow = new Set<string>();
  // What the latest hello asked to watch again; a watch begun after it was built must be sent itself.
  let helloResume: ResumeMap = {};
  const jitter = opts.rng.fork();
  const client = createRealtimeClient<ConsoleSide>({
    url: `ws://relay${WS_PATHS.console}`,
    hello: (resume) => {
      helloResume = resume;
      return { type: 'hello', protocolVersion: PROTOCOL_VERSION, resume };
    },
    createSocket: sockets.createSocket,
    outbox: memoryOutbox(),
    backoff: opts.tuning.backoff,
    random: jitter.next,
  });

  const watch = (conversationId: string, afterSeq: number) =>
    client.send({ type: 'conversation.watch', conversationId, afterSeq });

  client.on('conversation.updated', ({ conversation }) => {
    const id = conversation.id;
    if (watched.has(id) || ownerOf(id, opts.agentCount) !== opts.index) return;
    if (watched.size >= opts.maxWatched) {
      overflow.add(id);
      return;
    }
    watched.set(id, 0);
    // Tracked first: if the socket drops before the watch is handled, the next hello resumes it.
    client.track(id, 0);
    watch(id, 0);
  });
  client.on('welcome', () => {
    for (const id of watched.keys()) if (!(id in helloResume)) watch(id, client.lastSeq(id));
  });
  client.on('message.ack', (frame) => record.acked(frame));
  const errors = observeErrors('agent', record, opts.tuning.onErrorFrame);
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
    watched,
    overflow,
    say(conversationId, body) {
      const pending = client.sendMessage({ conversationId, body });
      record.wrote(pending.clientId, body);
      return pending.clientId;
    },
  };
}
