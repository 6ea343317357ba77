import type { OutboxStorage, PendingMessage } from './types';

/** An outbox that lives as long as the object: the default, and the console's (it has no reload to survive). */
export function memoryOutbox(initial: readonly PendingMessage[] = []): OutboxStorage {
  let saved = [...initial];
  return {
    load: () => [...saved],
    save: (pending) => {
      saved = [...pending];
    },
  };
}
