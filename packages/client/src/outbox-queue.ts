import type { OutboxStorage, PendingMessage } from './types';

/**
 * The messages the relay has not acknowledged, oldest first, saved to storage on every change.
 * The list is replaced, never mutated, so subscribers can compare by reference.
 */
export interface OutboxQueue {
  list(): readonly PendingMessage[];
  find(clientId: string): PendingMessage | undefined;
  add(message: PendingMessage): void;
  /**
   * Removes an acknowledged message. When it was a conversation's first message, the messages
   * queued behind it without a conversation get its conversationId. False if it was not pending.
   */
  acknowledge(clientId: string, conversationId: string): boolean;
  fail(clientId: string, error: { code: string; message: string }): void;
  remove(clientId: string): void;
  /**
   * The messages that may go out now, in order: not failed, and of those without a conversation
   * only the first, since each of them would otherwise start a conversation of its own.
   */
  sendable(): PendingMessage[];
}

export function createOutboxQueue(
  storage: OutboxStorage,
  changed: (pending: readonly PendingMessage[]) => void,
): OutboxQueue {
  let list: PendingMessage[] = [];
  try {
    list = storage.load();
  } catch {
    // A storage that cannot load starts empty rather than breaking the page it runs on.
  }

  function commit(next: PendingMessage[]): void {
    list = next;
    try {
      storage.save(list);
    } catch {
      // Same as above: the outbox keeps working in memory.
    }
    changed(list);
  }

  return {
    list: () => list,
    find: (clientId) => list.find((m) => m.clientId === clientId),
    add: (message) => commit([...list, message]),
    acknowledge(clientId, conversationId) {
      const acked = list.find((m) => m.clientId === clientId);
      if (!acked) return false;
      const rest = list.filter((m) => m !== acked);
      commit(acked.conversationId ? rest : rest.map((m) => (m.conversationId ? m : { ...m, conversationId })));
      return true;
    },
    fail(clientId, error) {
      commit(list.map((m) => (m.clientId === clientId ? { ...m, status: 'failed', error } : m)));
    },
    remove(clientId) {
      commit(list.filter((m) => m.clientId !== clientId));
    },
    sendable() {
      let starterSeen = false;
      return list.filter((m) => {
        if (m.status === 'failed') return false;
        if (m.conversationId) return true;
        if (starterSeen) return false;
        starterSeen = true;
        return true;
      });
    },
  };
}
