import type { ErrorCode } from './light';

/**
 * What a client needs of the error registry to decide what to do next, without the registry's
 * prose: the widget bundles these few bytes instead of ERRORS and its messages (about 0.8 KB gzip
 * on every visitor's page). ERRORS in light.ts stays the one table people read and the relay
 * sends from; the Record type makes a new code fail to compile until it is added here, and
 * error-rules.test.ts fails when these stop saying what ERRORS says.
 */

/** Every code and its `retryable` in ERRORS: whether sending the same thing again later can succeed. */
export const ERROR_RETRYABLE: Readonly<Record<ErrorCode, boolean>> = {
  bad_json: false,
  unknown_frame: false,
  invalid_frame: false,
  frame_too_large: false,
  hello_required: false,
  validation_failed: false,
  unauthorized: false,
  session_ended: false,
  invalid_credentials: false,
  forbidden_origin: false,
  unknown_site: false,
  identity_rejected: false,
  not_found: false,
  forbidden: false,
  conflict: false,
  over_capacity: true,
  too_many_attempts: true,
  rate_limited: true,
  email_unavailable: false,
  unavailable: true,
  attachment_too_large: false,
  attachment_type_refused: false,
  internal: true,
};

/** The codes with a `closeCode` in ERRORS, in registry order, with that close code. */
export const ERROR_CLOSE_CODES: Readonly<Partial<Record<ErrorCode, number>>> = {
  frame_too_large: 1009,
  unauthorized: 4401,
  session_ended: 4401,
  forbidden_origin: 4403,
  unknown_site: 4404,
};

/** A code this client does not know (a newer relay's) counts as retryable: giving up could be wrong for good. */
export function isRetryable(code: string): boolean {
  return (ERROR_RETRYABLE as Record<string, unknown>)[code] !== false;
}
