import type { Bus } from './bus';
import type { BusLogger } from './bus-logger';
import { createInProcessBus } from './in-process-bus';
import { createRedisBus } from './redis-bus';

export interface CreateBusOptions {
  /** Several relay nodes share Redis; without a URL the bus serves this process only. */
  redisUrl?: string | undefined;
  logger?: BusLogger;
  /** Names the Redis connections (CLIENT LIST) and log lines; ignored in process. */
  name?: string;
}

export function createBus(opts: CreateBusOptions = {}): Bus {
  if (opts.redisUrl) return createRedisBus(opts.redisUrl, { logger: opts.logger, name: opts.name });
  return createInProcessBus({ logger: opts.logger });
}
