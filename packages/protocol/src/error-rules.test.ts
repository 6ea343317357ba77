import { describe, expect, it } from 'vitest';
import { ERROR_CLOSE_CODES, ERROR_RETRYABLE, isRetryable } from './error-rules';
import { ERROR_CODES, ERRORS } from './light';

describe('the error rules clients bundle instead of the registry', () => {
  it('give every code of ERRORS, in order, with its retryability', () => {
    expect(Object.entries(ERROR_RETRYABLE)).toEqual(ERROR_CODES.map((code) => [code, ERRORS[code].retryable]));
  });

  it('give exactly the close codes of ERRORS, in registry order', () => {
    const closing = ERROR_CODES.flatMap((code) => {
      const spec = ERRORS[code] as { closeCode?: number };
      return spec.closeCode === undefined ? [] : [[code, spec.closeCode] as const];
    });
    expect(Object.entries(ERROR_CLOSE_CODES)).toEqual(closing);
  });

  it('make isRetryable answer from them, and treat a code this client does not know as retryable', () => {
    expect(isRetryable('rate_limited')).toBe(true);
    expect(isRetryable('forbidden_origin')).toBe(false);
    expect(isRetryable('invented_by_a_newer_relay')).toBe(true);
    expect(isRetryable('constructor')).toBe(true);
  });
});
