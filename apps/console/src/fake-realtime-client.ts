/**
 * A test double of @parley/client's RealtimeClient for the console's model tests: it records
 * what the code under test sends and lets a test play the relay's side (frames, messages,
 * outbox changes, connection states). It implements the client's published interface only.
 */
import type { ConnectionState, ConsoleSide, InFrame, PendingMessage, RealtimeClient } from '@parley/client';
import type { ConsoleToRelay, ErrorFrame, Message, RelayToConsole } from '@parley/protocol';

type ClientError = ErrorFrame | { code: 'incompatible'; message: string };

export interface FakeRealtimeClient extends RealtimeClient<ConsoleSide> {
  /** Frames the code sent while `open` (what reached the relay). */
  readonly sent: ConsoleToRelay[];
  readonly tracked: Set<string>;
  readonly calls: { connect: number; close: number; discarded: string[] };
  /** Whether send() succeeds; the real client drops frames while not open. */
  open: boolean;
  seqs: Map<string, number>;
  receive(frame: RelayToConsole): void;
  deliver(message: Message): void;
  setPending(pending: PendingMessage[]): void;
  setState(state: ConnectionState): void;
  fail(error: ClientError): void;
  /** How many handlers are still subscribed (to prove disposal). */
  listenerCount(): number;
}

export function createFakeRealtimeClient(): FakeRealtimeClient {
  const frameHandlers = new Map<string, Set<(frame: never) => void>>();
  const messageHandlers = new Set<(message: Message) => void>();
  const pendingHandlers = new Set<(pending: readonly PendingMessage[]) => void>();
  const stateHandlers = new Set<(state: ConnectionState) => void>();
  const errorHandlers = new Set<(error: ClientError) => void>();
  let pending: PendingMessage[] = [];
  let state: ConnectionState = 'idle';
  let nextClientId = 1;

  function subscribe<T>(set: Set<T>, handler: T): () => void {
    set.add(handler);
    return () => set.delete(handler);
  }

  const fake: FakeRealtimeClient = {
    sent: [],
    tracked: new Set(),
    calls: { connect: 0, close: 0, discarded: [] },
    open: true,
    seqs: new Map(),
    get state() {
      return state;
    },
    connect() {
      fake.calls.connect++;
    },
    close() {
      fake.calls.close++;
    },
    send(frame) {
      if (!fake.open) return false;
      fake.sent.push(frame);
      return true;
    },
    sendMessage({ conversationId, body }) {
      const message: PendingMessage = {
        clientId: `fake-${nextClientId++}`,
        ...(conversationId ? { conversationId } : {}),
        body,
        createdAt: new Date().toISOString(),
        status: 'sending',
      };
      fake.setPending([...pending, message]);
      return message;
    },
    discard(clientId) {
      fake.calls.discarded.push(clientId);
      fake.setPending(pending.filter((p) => p.clientId !== clientId));
    },
    pending: () => pending,
    lastSeq: (conversationId) => fake.seqs.get(conversationId) ?? 0,
    track(conversationId) {
      fake.tracked.add(conversationId);
    },
    untrack(conversationId) {
      fake.tracked.delete(conversationId);
    },
    on<T extends RelayToConsole['type']>(type: T, handler: (frame: InFrame<ConsoleSide, T>) => void) {
      let set = frameHandlers.get(type);
      if (!set) frameHandlers.set(type, (set = new Set()));
      return subscribe(set, handler as (frame: never) => void);
    },
    onMessage: (handler) => subscribe(messageHandlers, handler),
    onPending: (handler) => subscribe(pendingHandlers, handler),
    onState: (handler) => subscribe(stateHandlers, handler),
    onError: (handler) => subscribe(errorHandlers, handler),

    receive(frame) {
      for (const handler of [...(frameHandlers.get(frame.type) ?? [])]) handler(frame as never);
    },
    deliver(message) {
      fake.seqs.set(message.conversationId, message.seq);
      for (const handler of [...messageHandlers]) handler(message);
    },
    setPending(next) {
      pending = next;
      for (const handler of [...pendingHandlers]) handler(pending);
    },
    setState(next) {
      state = next;
      for (const handler of [...stateHandlers]) handler(next);
    },
    fail(error) {
      for (const handler of [...errorHandlers]) handler(error);
    },
    listenerCount() {
      let count = messageHandlers.size + pendingHandlers.size + stateHandlers.size + errorHandlers.size;
      for (const set of frameHandlers.values()) count += set.size;
      return count;
    },
  };
  return fake;
}
