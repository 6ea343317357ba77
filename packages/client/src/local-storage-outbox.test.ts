import { describe, expect, it } from 'vitest';
import { localStorageOutbox } from './local-storage-outbox';
import type { PendingMessage } from './types';

function fakeStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

const pending: PendingMessage = { clientId: 'c1', body: 'hi', createdAt: '2026-01-01T00:00:00.000Z', status: 'sending' };

describe('localStorageOutbox', () => {
  it('round-trips the pending list under its key', () => {
    const storage = fakeStorage();
    const outbox = localStorageOutbox(storage, 'k');
    expect(outbox.load()).toEqual([]);
    outbox.save([pending]);
    expect(JSON.parse(storage.data.get('k') ?? '')).toEqual([pending]);
    expect(localStorageOutbox(storage, 'k').load()).toEqual([pending]);
    expect(localStorageOutbox(storage, 'other').load()).toEqual([]);
  });

  it('removes the key when the outbox is empty', () => {
    const storage = fakeStorage({ k: JSON.stringify([pending]) });
    localStorageOutbox(storage, 'k').save([]);
    expect(storage.data.has('k')).toBe(false);
  });

  it.each([['{not json'], ['null'], ['42'], ['{"clientId":"c1"}'], ['']])('loads %j as an empty outbox', (stored) => {
    expect(localStorageOutbox(fakeStorage({ k: stored }), 'k').load()).toEqual([]);
  });

  it('drops entries that are not pending messages and keeps the rest', () => {
    const stored = JSON.stringify([pending, null, { clientId: 'c2' }, { ...pending, clientId: 'c3', status: 'lost' }, 'x']);
    expect(localStorageOutbox(fakeStorage({ k: stored }), 'k').load()).toEqual([pending]);
  });

  it('does not throw when the storage does', () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const outbox = localStorageOutbox(broken, 'k');
    expect(outbox.load()).toEqual([]);
    expect(() => outbox.save([pending])).not.toThrow();
    expect(() => outbox.save([])).not.toThrow();
  });
});
