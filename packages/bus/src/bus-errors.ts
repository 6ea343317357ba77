/**
 * Redis is unreachable (or was not reached in time). Retryable: the bus reconnects by itself and
 * fires `onRecovered` when it is back, so the caller decides whether to retry, degrade or fail.
 */
export class BusUnavailableError extends Error {
  override readonly name = 'BusUnavailableError';
}

/** The bus was closed; a call after `close()` is a shutdown-ordering mistake, not an outage. */
export class BusClosedError extends Error {
  override readonly name = 'BusClosedError';

  constructor() {
    super('The bus is closed: publish and subscribe are not available after close().');
  }
}
