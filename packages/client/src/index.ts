export { createRealtimeClient } from './realtime-client';
export { localStorageOutbox } from './local-storage-outbox';
export { memoryOutbox } from './memory-outbox';
export { createClientId } from './client-id';
export type * from './types';
