import { describe, expect, it } from 'vitest';
import { isStorageUnavailable } from './storage-errors';

describe('isStorageUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['an admin shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a connection exception class', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['an exhausted pool', new Error('timeout exceeded when trying to connect')],
    ['a query over its timeout', new Error('Query read timeout')],
    ['a wrapped cause', Object.assign(new Error('Failed query'), { cause: new Error('Connection terminated unexpectedly') })],
  ])('says yes for %s', (_case, error) => {
    expect(isStorageUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a programming error', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('says no for %s', (_case, error) => {
    expect(isStorageUnavailable(error)).toBe(false);
  });
});
