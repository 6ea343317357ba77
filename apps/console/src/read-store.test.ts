import { describe, expect, it } from 'vitest';
import { webStorageReadStore } from './read-store';

function mapStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe('webStorageReadStore', () => {
  it('round-trips read marks under its key', () => {
    const storage = mapStorage();
    webStorageReadStore(storage, 'k').save({ a: 3 });
    expect(storage.data.get('k')).toBe('{"a":3}');
    expect(webStorageReadStore(storage, 'k').load()).toEqual({ a: 3 });
  });

  it('survives garbage and drops non-integer marks', () => {
    expect(webStorageReadStore(mapStorage({ k: '{nope' }), 'k').load()).toEqual({});
    expect(webStorageReadStore(mapStorage({ k: '[1]' }), 'k').load()).toEqual({});
    expect(webStorageReadStore(mapStorage({ k: '{"a":"x","b":2}' }), 'k').load()).toEqual({ b: 2 });
  });

  it('keeps working when storage refuses writes', () => {
    const store = webStorageReadStore(
      {
        getItem: () => null,
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
      },
      'k',
    );
    expect(() => store.save({ a: 1 })).not.toThrow();
  });
});
