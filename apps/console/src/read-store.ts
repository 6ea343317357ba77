/** conversationId -> the highest seq the agent has seen in it. */
export type ReadMarks = Record<string, number>;

/** Where the inbox keeps what the agent has read, so unread dots survive a reload. */
export interface ReadStore {
  load(): ReadMarks;
  save(marks: ReadMarks): void;
}

export function memoryReadStore(initial: ReadMarks = {}): ReadStore {
  let saved = { ...initial };
  return {
    load: () => ({ ...saved }),
    save: (marks) => {
      saved = { ...marks };
    },
  };
}

/** Read marks in Web Storage under one key (the console namespaces it by agent). */
export function webStorageReadStore(storage: Pick<Storage, 'getItem' | 'setItem'>, key: string): ReadStore {
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(storage.getItem(key) ?? '{}');
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
        return Object.fromEntries(
          Object.entries(parsed).filter((entry): entry is [string, number] => Number.isInteger(entry[1])),
        );
      } catch {
        return {};
      }
    },
    save(marks) {
      try {
        storage.setItem(key, JSON.stringify(marks));
      } catch {
        // Full or disabled storage: unread dots then last as long as the page does.
      }
    },
  };
}
