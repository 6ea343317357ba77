/**
 * A set of handlers for one kind of event. A throwing handler is reported and skipped: one broken
 * listener on a customer's page must not stop delivery to the others or wedge the client.
 */
export interface Emitter<T> {
  on(handler: (value: T) => void): () => void;
  emit(value: T): void;
}

export function createEmitter<T>(): Emitter<T> {
  const handlers = new Set<(value: T) => void>();
  return {
    on(handler) {
      // Wrapped so the same function subscribed twice gets two independent unsubscribes.
      const entry = (value: T) => handler(value);
      handlers.add(entry);
      return () => void handlers.delete(entry);
    },
    emit(value) {
      // A copy, so handlers that unsubscribe (or subscribe) while being called don't skip their neighbours.
      for (const handler of [...handlers]) {
        try {
          handler(value);
        } catch (error) {
          console.error(error);
        }
      }
    },
  };
}
