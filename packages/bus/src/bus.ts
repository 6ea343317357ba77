/**
 * The bus between relay nodes. It is only a doorbell: Postgres is the truth, so a publish may be
 * lost (Redis restarting) and consumers must catch up from storage when `onRecovered` fires.
 */
export type BusHandler = (payload: string) => void;
export type Unsubscribe = () => Promise<void>;

export interface Bus {
  readonly kind: 'in-process' | 'redis';
  /**
   * Deliver `payload` to every handler subscribed to `channel`, on every node. At most once; in
   * order per channel from one publisher; never inside this call. Rejects with
   * `BusUnavailableError` while Redis is down (no queueing) and `BusClosedError` after close().
   */
  publish(channel: string, payload: string): Promise<void>;
  /**
   * Add a handler for `channel`. Several handlers on one node share one upstream subscription;
   * the promise resolves once the subscription is live, so a publish after it is seen. Rejects
   * with `BusUnavailableError` while Redis is down (nothing is registered then). The returned
   * Unsubscribe stops local delivery at once, never rejects, and may be called twice.
   */
  subscribe(channel: string, handler: BusHandler): Promise<Unsubscribe>;
  /**
   * Fires after the bus reconnects and every channel is subscribed again: publishes may have been
   * missed while it was down. Never fires in process (nothing can be missed there).
   */
  onRecovered(listener: () => void): () => void;
  /** True while publish and subscribe work (for /readyz). */
  isHealthy(): boolean;
  close(): Promise<void>;
}
