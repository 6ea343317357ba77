import { signal, type ReadonlySignal } from '@preact/signals';
import type { ConsoleSide, PendingMessage, RealtimeClient } from '@parley/client';
import type { Message } from '@parley/protocol';
import { LIMITS } from '@parley/protocol/light';
import { applyRead, NO_MARKS, type VisitorMarks } from '../read-marks';

/** The visitor's typing indicator goes out if no refresh comes this long (the widget refreshes every 2 s). */
export const VISITOR_TYPING_TIMEOUT_MS = 6_000;
/** Our typing.start is repeated at most this often while the agent keeps typing. */
export const TYPING_REFRESH_MS = 2_000;
/** typing.stop after this long without a keystroke. */
export const TYPING_IDLE_MS = 3_000;

export interface ConversationModel {
  readonly conversationId: string;
  /** Delivered messages in seq order. */
  readonly messages: ReadonlySignal<readonly Message[]>;
  /** The agent's messages not acknowledged yet (sending or failed), oldest first. */
  readonly pending: ReadonlySignal<readonly PendingMessage[]>;
  readonly visitorTyping: ReadonlySignal<boolean>;
  /** How far the visitor's widget has the conversation and has shown it (read receipts). */
  readonly visitorMarks: ReadonlySignal<VisitorMarks>;
  /** Sends `read` up to the newest message when `canMarkRead` allows (call when that may have changed). */
  markRead(): void;
  /** Queues a reply; null when the body is blank or too long (nothing is sent). */
  send(body: string): PendingMessage | null;
  /** Call on every keystroke in the composer. */
  typing(): void;
  /** Drops a failed reply. */
  discard(clientId: string): void;
  /** Stops watching: unwatch, untrack, and every subscription and timer released. */
  dispose(): void;
}

/**
 * One open conversation in the console. Watching starts at the seq the client already holds;
 * the client delivers each message once and in order, so this model only filters and appends.
 */
export interface ConversationModelOptions {
  /**
   * Whether the agent is reading it now: messages arriving while it says yes are marked read.
   * Default: never (the pane passes "tab visible and the conversation is mine").
   */
  canMarkRead?: () => boolean;
}

export function createConversationModel(
  client: RealtimeClient<ConsoleSide>,
  conversationId: string,
  options: ConversationModelOptions = {},
): ConversationModel {
  const mine = (pending: readonly PendingMessage[]) => pending.filter((p) => p.conversationId === conversationId);

  const messages = signal<readonly Message[]>([]);
  const pending = signal<readonly PendingMessage[]>(mine(client.pending()));
  const visitorTyping = signal(false);
  const visitorMarks = signal<VisitorMarks>(NO_MARKS);
  let readSent = 0;

  function markRead(): void {
    const last = messages.value.at(-1)?.seq ?? 0;
    if (last <= readSent || !options.canMarkRead?.()) return;
    if (client.send({ type: 'read', conversationId, seq: last })) readSent = last;
  }

  let visitorTypingTimer: ReturnType<typeof setTimeout> | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  // When our last typing.start went out; null while the relay believes we are not typing.
  let typingSince: number | null = null;
  let disposed = false;

  function visitorStopped(): void {
    clearTimeout(visitorTypingTimer);
    visitorTypingTimer = undefined;
    visitorTyping.value = false;
  }

  function stopTyping(): void {
    clearTimeout(idleTimer);
    idleTimer = undefined;
    if (typingSince === null) return;
    typingSince = null;
    client.send({ type: 'typing.stop', conversationId });
  }

  const watch = () => client.send({ type: 'conversation.watch', conversationId, afterSeq: client.lastSeq(conversationId) });

  const unsubscribes = [
    client.onMessage((message) => {
      if (message.conversationId !== conversationId) return;
      messages.value = [...messages.value, message];
      if (message.author.kind === 'visitor') visitorStopped();
      markRead();
    }),
    client.on('conversation.read', (frame) => {
      if (frame.conversationId === conversationId) visitorMarks.value = applyRead(visitorMarks.value, frame);
    }),
    client.onPending((all) => {
      pending.value = mine(all);
    }),
    client.on('typing.changed', (frame) => {
      if (frame.conversationId !== conversationId || frame.author.kind !== 'visitor') return;
      if (!frame.isTyping) {
        visitorStopped();
        return;
      }
      visitorTyping.value = true;
      clearTimeout(visitorTypingTimer);
      visitorTypingTimer = setTimeout(visitorStopped, VISITOR_TYPING_TIMEOUT_MS);
    }),
  ];

  // Tracked before watching: the client ignores a sync for a conversation it does not track, and
  // a tracked one is watched again by the hello of every reconnect.
  client.track(conversationId);
  if (!watch()) {
    // Not open yet. If the socket's hello already went out it did not carry this conversation,
    // so ask once the next welcome arrives (a duplicate sync is harmless: the client dedupes).
    const off = client.on('welcome', () => {
      off();
      if (!disposed) watch();
    });
    unsubscribes.push(off);
  }

  return {
    conversationId,
    messages,
    pending,
    visitorTyping,
    visitorMarks,
    markRead,
    send(body) {
      const text = body.trim();
      if (!text || text.length > LIMITS.maxBodyLength) return null;
      stopTyping();
      return client.sendMessage({ conversationId, body: text });
    },
    typing() {
      const now = Date.now();
      if (typingSince === null || now - typingSince >= TYPING_REFRESH_MS) {
        if (client.send({ type: 'typing.start', conversationId })) typingSince = now;
      }
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
    },
    discard(clientId) {
      client.discard(clientId);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      stopTyping();
      visitorStopped();
      for (const unsubscribe of unsubscribes) unsubscribe();
      client.send({ type: 'conversation.unwatch', conversationId });
      client.untrack(conversationId);
    },
  };
}
