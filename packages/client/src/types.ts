/**
 * The public surface of the realtime client. Widget and console code against this; the
 * implementation is in realtime-client.ts.
 */
import type {
  ConsoleToRelay,
  ErrorFrame,
  Message,
  RelayToConsole,
  RelayToWidget,
  ResumeMap,
  WidgetToRelay,
} from '@parley/protocol';

/** Which socket a client speaks on; fixes the frame unions in both directions. */
export interface WidgetSide {
  out: WidgetToRelay;
  in: RelayToWidget;
}
export interface ConsoleSide {
  out: ConsoleToRelay;
  in: RelayToConsole;
}
export type Side = WidgetSide | ConsoleSide;

export type HelloFrame<S extends Side> = Extract<S['out'], { type: 'hello' }>;
export type InFrame<S extends Side, T extends S['in']['type']> = Extract<S['in'], { type: T }>;

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** A message the user sent that the relay has not acknowledged yet. */
export interface PendingMessage {
  clientId: string;
  /** Undefined for the message that starts a new conversation (and those queued behind it). */
  conversationId?: string;
  body: string;
  /** ISO time the user pressed send. */
  createdAt: string;
  status: 'sending' | 'failed';
  /** Set when status is 'failed': the relay refused it for good (not retryable). */
  error?: { code: string; message: string };
}

/** Where the outbox lives between page loads (the widget uses localStorage; tests use memory). */
export interface OutboxStorage {
  load(): PendingMessage[];
  save(pending: PendingMessage[]): void;
}

/** The subset of the browser WebSocket the client uses, so tests and Node can pass their own. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface RealtimeClientOptions<S extends Side> {
  url: string;
  /** Builds the hello frame for each (re)connect; `resume` holds the last seq of every known conversation. */
  hello: (resume: ResumeMap) => HelloFrame<S>;
  /** Defaults to the global WebSocket. */
  createSocket?: WebSocketFactory;
  /** Defaults to an in-memory outbox. */
  outbox?: OutboxStorage;
  /** Reconnect backoff: full jitter between 0 and min(maxMs, baseMs * 2^attempt). */
  backoff?: { baseMs: number; maxMs: number };
  /** Defaults to Math.random (tests pass a fixed one). */
  random?: () => number;
  /** Overrides the welcome's heartbeatMs (tests). */
  heartbeatMs?: number;
  /** Defaults to crypto.getRandomValues-based UUIDs (randomUUID is missing on plain-http pages). */
  createClientId?: () => string;
}

export interface RealtimeClient<S extends Side> {
  readonly state: ConnectionState;
  connect(): void;
  /** Closes for good: no reconnect. The outbox is kept in storage. */
  close(): void;
  /** Sends a frame now if open; frames sent while not open are dropped (use sendMessage for messages). */
  send(frame: S['out']): boolean;
  /**
   * Queues a message in the outbox and sends it when connected; resent with the same clientId
   * after every reconnect until acknowledged. Without conversationId it starts a conversation;
   * messages sent before that first ack wait and join the same conversation.
   */
  sendMessage(input: { conversationId?: string; body: string }): PendingMessage;
  /** Drops a failed message from the outbox. A no-op for one still sending: it may already be stored. */
  discard(clientId: string): void;
  /** Messages waiting for an ack, oldest first. */
  pending(): readonly PendingMessage[];
  /** The highest seq delivered for a conversation, 0 if none. */
  lastSeq(conversationId: string): number;
  /**
   * Tracks a conversation for resume after reconnects (the console: after conversation.watch).
   * `afterSeq` says which messages the caller already has; lastSeq never moves backwards.
   */
  track(conversationId: string, afterSeq?: number): void;
  /** Forgets a conversation: out of the next hello, and its late frames are ignored until track() again. */
  untrack(conversationId: string): void;
  /** Raw frames from the relay, by type. Unknown types are ignored, never an error. */
  on<T extends S['in']['type']>(type: T, handler: (frame: InFrame<S, T>) => void): () => void;
  /** Every message exactly once, in seq order per conversation (from live frames and syncs alike). */
  onMessage(handler: (message: Message) => void): () => void;
  /** The outbox changed (added, acknowledged, failed). */
  onPending(handler: (pending: readonly PendingMessage[]) => void): () => void;
  onState(handler: (state: ConnectionState) => void): () => void;
  /**
   * Error frames not tied to a pending message, and incompatible. A close with 4401/4403/4404/4426
   * that no error frame explained is reported here as its registry error; the client then stops
   * until connect() is called again.
   */
  onError(handler: (error: ErrorFrame | { code: 'incompatible'; message: string }) => void): () => void;
}
