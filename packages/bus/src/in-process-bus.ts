/**
 * The bus for a single relay node (no REDIS_URL). Delivery is asynchronous, as it is through
 * Redis, so no caller comes to rely on a handler running inside its own publish() call.
 */
import type { Bus } from './bus';
import { BusClosedError } from './bus-errors';
import { consoleBusLogger, type BusLogger } from './bus-logger';
import { ChannelRegistry } from './channel-registry';

export interface InProcessBusOptions {
  logger?: BusLogger;
}

export function createInProcessBus(opts: InProcessBusOptions = {}): Bus {
  const registry = new ChannelRegistry(opts.logger ?? consoleBusLogger);
  let closed = false;

  return {
    kind: 'in-process',

    async publish(channel, payload) {
      if (closed) throw new BusClosedError();
      // Checked again at delivery: close() stops a publish that is still queued.
      queueMicrotask(() => {
        if (!closed) registry.deliver(channel, payload);
      });
    },

    async subscribe(channel, handler) {
      if (closed) throw new BusClosedError();
      const { subscription } = registry.add(channel, handler);
      return async () => {
        registry.remove(subscription);
      };
    },

    // Nothing sits between publisher and subscriber here, so no publish is ever missed.
    onRecovered() {
      return () => {};
    },

    isHealthy() {
      return !closed;
    },

    async close() {
      closed = true;
      registry.clear();
    },
  };
}
