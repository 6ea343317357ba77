export type { Bus, BusHandler, Unsubscribe } from './bus';
export type { BusLogger } from './bus-logger';
export { BusClosedError, BusUnavailableError } from './bus-errors';
export { createInProcessBus, type InProcessBusOptions } from './in-process-bus';
export { createRedisBus, type RedisBusOptions } from './redis-bus';
export { createBus, type CreateBusOptions } from './create-bus';
