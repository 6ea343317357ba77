import type { ErrorFrame, Message, RelayToConsole, RelayToWidget } from '@parley/protocol';
import { CLOSE_HEARTBEAT_TIMEOUT, CLOSE_INCOMPATIBLE, ERROR_CLOSE_CODES, HEARTBEAT_MS, isRetryable } from '@parley/protocol/light';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';
import { createClientId } from './client-id';
import { createConversationCursors } from './conversation-cursors';
import { createEmitter, type Emitter } from './emitter';
import { memoryOutbox } from './memory-outbox';
import { createOutboxQueue } from './outbox-queue';
import type {
  ConnectionState,
  PendingMessage,
  RealtimeClient,
  RealtimeClientOptions,
  Side,
  WebSocketLike,
} from './types';

type Incoming = RelayToWidget | RelayToConsole;
type ClientError = ErrorFrame | { code: 'incompatible'; message: string };

const OPEN = 1;
/** The relay calls a socket dead after 2.5 heartbeats of silence; the client uses the same rule. */
const SILENCE_FACTOR = 2.5;

const INCOMPATIBLE: ClientError = {
  code: 'incompatible',
  message: 'The relay speaks a different protocol version. Reload the page to get a matching client.',
};

/**
 * Close codes after which reconnecting cannot help until the caller changes something (token,
 * origin, site key, client version), with the error to report when no error frame preceded the
 * close. Derived from the registry's rules: a 4xxx close of a non-retryable error. The relay sends
 * the error frame, with the registry's message, before such a close, so the message here is only
 * for a frame that got lost; it names the code rather than bundle the registry's prose.
 */
const FATAL_CLOSES = new Map<number, ClientError>([[CLOSE_INCOMPATIBLE, INCOMPATIBLE]]);
for (const [code, close] of Object.entries(ERROR_CLOSE_CODES) as [ErrorFrame['code'], number][]) {
  if (close >= 4000 && !isRetryable(code) && !FATAL_CLOSES.has(close)) {
    FATAL_CLOSES.set(close, { type: 'error', code, message: `The relay closed the connection (${close} ${code}); see docs/protocol.md.` });
  }
}

function closeCodeOf(error: ClientError): number {
  return error.code === 'incompatible' ? CLOSE_INCOMPATIBLE : (ERROR_CLOSE_CODES[error.code] ?? 0);
}

/**
 * The realtime client of widget and console: one socket at a time, hello/welcome, reconnect
 * with jittered backoff, heartbeat, an outbox resent until acknowledged, and per-conversation
 * seq tracking so every message is delivered once and in order.
 */
export function createRealtimeClient<S extends Side>(opts: RealtimeClientOptions<S>): RealtimeClient<S> {
  // The DOM types its handlers with `this` and event classes; the shapes match what we use.
  const createSocket = opts.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
  const random = opts.random ?? Math.random;
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const newClientId = opts.createClientId ?? createClientId;

  const cursors = createConversationCursors();
  const stateChanged = createEmitter<ConnectionState>();
  const messages = createEmitter<Message>();
  const errors = createEmitter<ClientError>();
  const pendingChanged = createEmitter<readonly PendingMessage[]>();
  const frameHandlers = new Map<string, Emitter<unknown>>();
  const outbox = createOutboxQueue(opts.outbox ?? memoryOutbox(), pendingChanged.emit);

  let state: ConnectionState = 'idle';
  let socket: WebSocketLike | null = null;
  let attempt = 0;
  let heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  let silenceTimer: ReturnType<typeof setTimeout> | undefined;
  // Per socket: the close code whose error was already reported by a frame, so the close does
  // not report it twice; and whether the relay said the versions don't match.
  let reportedClose = 0;
  let incompatible = false;
  // Per socket: messages written and not yet answered, and messages waiting out a retry delay.
  const inFlight = new Set<string>();
  const retryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const retryAttempts = new Map<string, number>();

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    stateChanged.emit(next);
  }

  function write(frame: unknown): boolean {
    if (socket?.readyState !== OPEN) return false;
    try {
      socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  function open(): void {
    reportedClose = 0;
    incompatible = false;
    let ws: WebSocketLike;
    try {
      ws = createSocket(opts.url);
    } catch {
      // A constructor that throws (bad URL, blocked by CSP) is retried like a failed connection.
      dropped(1006);
      return;
    }
    socket = ws;
    ws.onopen = () => write(opts.hello(cursors.resumeMap()));
    ws.onmessage = (event) => receive(event.data);
    ws.onclose = (event) => dropped(event.code);
    // Every error is followed by a close, which is where it is handled.
    ws.onerror = null;
    armSilence();
  }

  /** Detaches the current socket and everything that lives only as long as it does. */
  function release(): WebSocketLike | null {
    const ws = socket;
    socket = null;
    if (ws) ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    clearInterval(heartbeatTimer);
    clearTimeout(silenceTimer);
    for (const timer of retryTimers.values()) clearTimeout(timer);
    retryTimers.clear();
    inFlight.clear();
    cursors.forgetResumes();
    return ws;
  }

  function dropped(code: number): void {
    release();
    const fatal = FATAL_CLOSES.get(code);
    if (incompatible || fatal) {
      if (fatal && reportedClose !== code) report(fatal);
      setState('closed');
      return;
    }
    setState('reconnecting');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      open();
    }, backoffDelay(attempt++, backoff, random));
  }

  /** Anything at all from the relay proves the socket alive; silence means a dead one. */
  function armSilence(): void {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => {
      const ws = socket;
      dropped(CLOSE_HEARTBEAT_TIMEOUT);
      try {
        ws?.close(CLOSE_HEARTBEAT_TIMEOUT, 'heartbeat timeout');
      } catch {
        // Already closing: nothing more to do with it.
      }
    }, heartbeatMs * SILENCE_FACTOR);
  }

  function report(error: ClientError): void {
    reportedClose = closeCodeOf(error) || reportedClose;
    errors.emit(error);
  }

  function receive(data: unknown): void {
    armSilence();
    if (typeof data !== 'string') return;
    let frame: Incoming;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.type !== 'string') return;
    handle(frame);
    frameHandlers.get(frame.type)?.emit(frame);
  }

  // Frame types this client does not know fall through untouched: a newer relay may ship first.
  function handle(frame: Incoming): void {
    switch (frame.type) {
      case 'welcome':
        attempt = 0;
        heartbeatMs = opts.heartbeatMs ?? (frame.heartbeatMs || HEARTBEAT_MS);
        clearInterval(heartbeatTimer);
        heartbeatTimer = setInterval(() => write({ type: 'ping', ts: Date.now() }), heartbeatMs);
        armSilence();
        setState('open');
        flush();
        break;
      case 'incompatible':
        incompatible = true;
        report({ code: 'incompatible', message: frame.message });
        break;
      case 'message.created':
        arrive(frame.message);
        break;
      case 'conversation.synced':
        synced(frame.conversation.id, frame.messages, frame.complete);
        break;
      case 'message.ack':
        acknowledged(frame.clientId, frame.conversationId);
        break;
      case 'error':
        refused(frame);
        break;
    }
  }

  function arrive(message: Message): void {
    const arrival = cursors.accept(message);
    if (arrival === 'deliver') messages.emit(message);
    else if (arrival === 'gap') requestResume(message.conversationId);
  }

  function requestResume(conversationId: string): void {
    if (cursors.beginResume(conversationId)) {
      write({ type: 'resume', conversationId, afterSeq: cursors.lastSeq(conversationId) });
    }
  }

  function synced(conversationId: string, batch: readonly Message[], complete: boolean): void {
    if (!cursors.observe(conversationId)) return;
    let gap = false;
    for (const message of [...batch].sort((a, b) => a.seq - b.seq)) {
      const arrival = cursors.accept(message);
      if (arrival === 'deliver') messages.emit(message);
      else if (arrival === 'gap') {
        gap = true;
        break;
      }
    }
    // This frame answers the outstanding resume; ask again if it left a hole or said "more".
    cursors.endResume(conversationId);
    if (gap || !complete) requestResume(conversationId);
  }

  function acknowledged(clientId: string, conversationId: string): void {
    cursors.observe(conversationId);
    settle(clientId);
    // The message itself arrives as message.created (the relay echoes it to its sender).
    if (outbox.acknowledge(clientId, conversationId)) flush();
  }

  function refused(frame: ErrorFrame): void {
    const ref = frame.ref;
    if (ref === undefined || !outbox.find(ref)) {
      report(frame);
      return;
    }
    inFlight.delete(ref);
    if (isRetryable(frame.code)) {
      const tries = retryAttempts.get(ref) ?? 0;
      retryAttempts.set(ref, tries + 1);
      clearTimeout(retryTimers.get(ref));
      retryTimers.set(
        ref,
        setTimeout(() => {
          retryTimers.delete(ref);
          flush();
        }, backoffDelay(tries, backoff, random)),
      );
      return;
    }
    settle(ref);
    outbox.fail(ref, { code: frame.code, message: frame.message });
    // A failed first message of a conversation hands the start over to the next one.
    flush();
  }

  function settle(clientId: string): void {
    inFlight.delete(clientId);
    clearTimeout(retryTimers.get(clientId));
    retryTimers.delete(clientId);
    retryAttempts.delete(clientId);
  }

  /** Writes every sendable message not already on this socket; safe to call at any time. */
  function flush(): void {
    if (state !== 'open') return;
    for (const m of outbox.sendable()) {
      if (inFlight.has(m.clientId) || retryTimers.has(m.clientId)) continue;
      const frame = { type: 'message.send', conversationId: m.conversationId, clientId: m.clientId, body: m.body };
      if (write(frame)) inFlight.add(m.clientId);
    }
  }

  return {
    get state() {
      return state;
    },
    connect() {
      if (socket) return;
      clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      // Called while waiting to reconnect (e.g. the page came back online): try now.
      if (state !== 'reconnecting') {
        attempt = 0;
        setState('connecting');
      }
      open();
    },
    close() {
      clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      const ws = release();
      try {
        ws?.close(1000, 'closed by client');
      } catch {
        // Already closing.
      }
      setState('closed');
    },
    send: (frame) => state === 'open' && write(frame),
    sendMessage({ conversationId, body }) {
      const message: PendingMessage = {
        clientId: newClientId(),
        ...(conversationId ? { conversationId } : {}),
        body,
        createdAt: new Date().toISOString(),
        status: 'sending',
      };
      outbox.add(message);
      flush();
      return message;
    },
    discard(clientId) {
      if (outbox.find(clientId)?.status !== 'failed') return;
      settle(clientId);
      outbox.remove(clientId);
    },
    pending: () => outbox.list(),
    lastSeq: (conversationId) => cursors.lastSeq(conversationId),
    track: (conversationId, afterSeq) => cursors.track(conversationId, afterSeq),
    untrack: (conversationId) => cursors.untrack(conversationId),
    on(type, handler) {
      let emitter = frameHandlers.get(type);
      if (!emitter) frameHandlers.set(type, (emitter = createEmitter()));
      return emitter.on(handler as (frame: unknown) => void);
    },
    onMessage: messages.on,
    onPending: pendingChanged.on,
    onState: stateChanged.on,
    onError: errors.on,
  };
}
