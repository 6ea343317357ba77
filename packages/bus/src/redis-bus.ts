/**
 * The bus across relay nodes: Redis pub/sub through ioredis. One connection publishes and another
 * subscribes, because a connection in subscriber mode can do nothing else. However many local
 * handlers a channel has, Redis sees one SUBSCRIBE for it, and an UNSUBSCRIBE when the last goes.
 *
 * While Redis is down, publish and subscribe reject at once (BusUnavailableError) instead of
 * queueing, so the caller decides; the connections keep retrying, and once both are back and
 * every channel is subscribed again, `onRecovered` listeners run so consumers catch up.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Bus } from './bus';
import { BusClosedError, BusUnavailableError } from './bus-errors';
import { consoleBusLogger, type BusLogger } from './bus-logger';
import { ChannelRegistry } from './channel-registry';
import { reconnectDelay } from './reconnect-delay';

/** A Redis that holds the socket open but stops answering must not hang callers either. */
const COMMAND_TIMEOUT_MS = 2_000;
/**
 * Right after start-up the connections are still being made: calls wait this long for them
 * (a relay may accept its first socket a moment after creating the bus) before giving up.
 */
const FIRST_CONNECTION_WAIT_MS = 3_000;

export interface RedisBusOptions {
  logger?: BusLogger;
  /** Names the connections in Redis's CLIENT LIST (`<name>:pub`, `<name>:sub`) and in logs. */
  name?: string;
}

type ConnectionRole = 'publisher' | 'subscriber';

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

const CONNECTION_OPTIONS: RedisOptions = {
  retryStrategy: reconnectDelay,
  // Reject while disconnected rather than queue for a reconnect that may be far away.
  enableOfflineQueue: false,
  // Commands in flight when the socket drops are rejected at once (0 retries) rather than resent
  // after the reconnect: the caller has long moved on by then.
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
  commandTimeout: COMMAND_TIMEOUT_MS,
  // ioredis can resubscribe by itself, but it emits 'ready' before that SUBSCRIBE is confirmed,
  // so we could not tell when delivery works again. We resubscribe and await the confirmation.
  autoResubscribe: false,
};

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** host:port only: a Redis URL may carry a password. */
function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 6379}`;
  } catch {
    return 'the configured Redis';
  }
}

/** Quits politely when connected; otherwise stops the reconnect loop. Resolves once no socket is left. */
async function shutDown(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  const ended = new Promise<void>((resolve) => connection.once('end', () => resolve()));
  if (connection.status === 'ready') {
    try {
      await connection.quit();
    } catch {
      connection.disconnect();
    }
  } else if (connection.status === 'reconnecting') {
    // Between two attempts no socket is open: cancelling the timer is all there is to do.
    connection.disconnect();
    return;
  } else {
    connection.disconnect();
  }
  await ended;
}

export function createRedisBus(url: string, opts: RedisBusOptions = {}): Bus {
  const logger = opts.logger ?? consoleBusLogger;
  const name = opts.name ?? 'parley-bus';
  const publisher = new Redis(url, { ...CONNECTION_OPTIONS, connectionName: `${name}:pub` });
  const subscriber = new Redis(url, { ...CONNECTION_OPTIONS, connectionName: `${name}:sub` });

  const registry = new ChannelRegistry(logger);
  /** Per channel, the SUBSCRIBE that makes it live on the current subscriber connection. */
  const upstream = new Map<string, Promise<void>>();
  const recoveredListeners = new Set<() => void>();
  const firstConnectionWaiters = new Set<Waiter>();

  /** The subscriber connection is ready and every channel's SUBSCRIBE has been sent. */
  let subscriberUp = false;
  /** ... and Redis confirmed them all. */
  let subscriberLive = false;
  /** Bumped on every subscriber disconnect, so a late confirmation from an old socket is ignored. */
  let subscriberGeneration = 0;
  let everHealthy = false;
  let outage = false;
  let closed = false;
  let closing: Promise<void> | null = null;
  const everReady: Record<ConnectionRole, boolean> = { publisher: false, subscriber: false };
  const errorLogged: Record<ConnectionRole, boolean> = { publisher: false, subscriber: false };

  function isHealthy(): boolean {
    return !closed && publisher.status === 'ready' && subscriber.status === 'ready' && subscriberLive;
  }

  /** Called whenever a connection may have become whole again. */
  function settle(): void {
    if (!isHealthy()) return;
    errorLogged.publisher = errorLogged.subscriber = false;
    if (!everHealthy) {
      everHealthy = true;
      for (const waiter of firstConnectionWaiters) {
        clearTimeout(waiter.timer);
        waiter.resolve();
      }
      firstConnectionWaiters.clear();
      logger.info({ bus: name }, 'bus connected to Redis');
    }
    if (!outage) return;
    outage = false;
    logger.info({ bus: name, channels: registry.channels().length }, 'bus back on Redis and resubscribed; catching up');
    for (const listener of [...recoveredListeners]) {
      try {
        listener();
      } catch (error) {
        logger.warn({ err: error, bus: name }, 'an onRecovered listener threw');
      }
    }
  }

  function lost(role: ConnectionRole): void {
    // ioredis reports 'close' for every failed attempt; only losing a working connection counts.
    if (closed || !everReady[role] || outage) return;
    outage = true;
    logger.warn({ bus: name, connection: role }, 'bus lost Redis; publishes fail and deliveries may be missed until it is back');
  }

  function logError(role: ConnectionRole, error: Error): void {
    // Every reconnect attempt fails with the same error: one line per outage is enough.
    if (closed || errorLogged[role]) return;
    errorLogged[role] = true;
    logger.warn({ err: error, bus: name, connection: role }, 'bus connection to Redis failed; retrying');
  }

  /** A fresh subscriber connection knows no channels: subscribe all of ours, then report. */
  async function resubscribe(): Promise<void> {
    if (closed) return;
    const generation = subscriberGeneration;
    const channels = registry.channels();
    const confirmed = channels.length > 0 ? subscriber.subscribe(...channels).then(() => {}) : Promise.resolve();
    for (const channel of channels) upstream.set(channel, confirmed);
    subscriberUp = true;
    try {
      await confirmed;
    } catch (error) {
      if (closed || generation !== subscriberGeneration) return;
      logger.warn({ err: error, bus: name, channels: channels.length }, 'bus could not resubscribe; reconnecting to try again');
      // The socket is up but Redis did not answer: start over on a new one rather than stay half-subscribed.
      subscriber.disconnect(true);
      return;
    }
    if (closed || generation !== subscriberGeneration) return;
    subscriberLive = true;
    settle();
  }

  function firstConnection(): Promise<void> {
    if (everHealthy) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          firstConnectionWaiters.delete(waiter);
          reject(new BusUnavailableError(`Redis at ${describeServer(url)} was not reachable within ${FIRST_CONNECTION_WAIT_MS / 1000} s of start-up; check REDIS_URL and that Redis runs.`));
        }, FIRST_CONNECTION_WAIT_MS),
      };
      firstConnectionWaiters.add(waiter);
    });
  }

  publisher.on('ready', () => {
    everReady.publisher = true;
    settle();
  });
  publisher.on('close', () => lost('publisher'));
  publisher.on('error', (error: Error) => logError('publisher', error));

  subscriber.on('ready', () => {
    everReady.subscriber = true;
    void resubscribe();
  });
  subscriber.on('close', () => {
    subscriberUp = false;
    subscriberLive = false;
    subscriberGeneration++;
    lost('subscriber');
  });
  subscriber.on('error', (error: Error) => logError('subscriber', error));
  subscriber.on('message', (channel: string, payload: string) => {
    if (!closed) registry.deliver(channel, payload);
  });

  return {
    kind: 'redis',

    async publish(channel, payload) {
      if (closed) throw new BusClosedError();
      await firstConnection();
      try {
        await publisher.publish(channel, payload);
      } catch (error) {
        if (closed) throw new BusClosedError();
        throw new BusUnavailableError(`Could not publish to ${channel}: ${describeError(error)}`, { cause: error });
      }
    },

    async subscribe(channel, handler) {
      if (closed) throw new BusClosedError();
      await firstConnection();
      if (!subscriberUp || subscriber.status !== 'ready') {
        throw new BusUnavailableError(`Redis is unreachable, so ${channel} cannot be subscribed now; retry after the bus recovers.`);
      }
      const { subscription, first } = registry.add(channel, handler);
      let confirmed = upstream.get(channel);
      if (first || !confirmed) {
        confirmed = subscriber.subscribe(channel).then(() => {});
        upstream.set(channel, confirmed);
      }
      try {
        await confirmed;
      } catch (error) {
        if (registry.remove(subscription) && upstream.get(channel) === confirmed) {
          upstream.delete(channel);
          // A timed-out SUBSCRIBE may still be carried out: do not leave it behind on a live socket.
          if (subscriber.status === 'ready') subscriber.unsubscribe(channel).catch(() => {});
        }
        if (closed) throw new BusClosedError();
        throw new BusUnavailableError(`Redis did not confirm the subscription to ${channel}: ${describeError(error)}`, { cause: error });
      }
      if (closed) throw new BusClosedError();

      let unsubscribed = false;
      return async () => {
        if (unsubscribed) return;
        unsubscribed = true;
        if (!registry.remove(subscription) || closed) return;
        upstream.delete(channel);
        // A dropped connection took its subscriptions with it, and the resubscribe skips this channel.
        if (subscriber.status !== 'ready') return;
        // Delivery has already stopped locally; failing to tell Redis only costs ignored messages.
        await subscriber.unsubscribe(channel).catch(() => {});
      };
    },

    onRecovered(listener) {
      if (closed) return () => {};
      recoveredListeners.add(listener);
      return () => {
        recoveredListeners.delete(listener);
      };
    },

    isHealthy,

    close() {
      closing ??= (async () => {
        closed = true;
        registry.clear();
        upstream.clear();
        recoveredListeners.clear();
        for (const waiter of firstConnectionWaiters) {
          clearTimeout(waiter.timer);
          waiter.reject(new BusClosedError());
        }
        firstConnectionWaiters.clear();
        await Promise.all([shutDown(publisher), shutDown(subscriber)]);
        publisher.removeAllListeners();
        subscriber.removeAllListeners();
      })();
      return closing;
    },
  };
}
