import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '@parley/protocol/light';
import { createClientId } from './client-id';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createClientId', () => {
  it('formats 16 random bytes as a version 4, variant 1 UUID', () => {
    vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => {
      (array as Uint8Array).fill(0xff);
      return array;
    });
    expect(createClientId()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('gives distinct ids that fit the protocol clientId', () => {
    const ids = new Set(Array.from({ length: 200 }, createClientId));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(UUID_V4);
      expect(id.length).toBeLessThanOrEqual(LIMITS.maxClientIdLength);
    }
  });
});
