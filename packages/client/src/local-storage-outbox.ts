import type { OutboxStorage, PendingMessage } from './types';

/**
 * An outbox kept under one key of a Storage (the widget: localStorage, namespaced by site), so
 * unacknowledged messages survive a reload. Whatever is stored there may be stale, edited or
 * written by another version: anything unreadable loads as an empty outbox, never a throw.
 */
export function localStorageOutbox(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
  key: string,
): OutboxStorage {
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
        return Array.isArray(parsed) ? parsed.filter(isPendingMessage) : [];
      } catch {
        return [];
      }
    },
    save(pending) {
      try {
        if (pending.length > 0) storage.setItem(key, JSON.stringify(pending));
        else storage.removeItem(key);
      } catch {
        // Quota exceeded or storage disabled (Safari private mode): the outbox still lives in
        // memory for this page load, which is the best the page allows.
      }
    },
  };
}

function isPendingMessage(value: unknown): value is PendingMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m.clientId === 'string' &&
    typeof m.body === 'string' &&
    typeof m.createdAt === 'string' &&
    (m.status === 'sending' || m.status === 'failed') &&
    (m.conversationId === undefined || typeof m.conversationId === 'string')
  );
}
