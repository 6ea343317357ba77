import { ERRORS, type ErrorCode } from '@parley/protocol';

/** An error with a code from the protocol's registry; REST and sockets turn it into the typed reply. */
export class ParleyError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly ref?: string,
  ) {
    super(detail ? `${ERRORS[code].message} (${detail})` : ERRORS[code].message);
    this.statusCode = ERRORS[code].status;
  }
}
