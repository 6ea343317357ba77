/** Transcript search: the query, its hits, and whether a search is running or failed. */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { SearchHit } from '@parley/protocol';
import type { ToolsApi } from './tools-api';

export interface SearchModel {
  readonly hits: ReadonlySignal<readonly SearchHit[] | null>;
  readonly busy: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<string | null>;
  run(query: string): Promise<void>;
  clear(): void;
}

export function createSearchModel(api: Pick<ToolsApi, 'search'>): SearchModel {
  const hits = signal<readonly SearchHit[] | null>(null);
  const busy = signal(false);
  const error = signal<string | null>(null);
  // Only the newest search may write its answer: an older, slower one must not replace it.
  let generation = 0;
  return {
    hits,
    busy,
    error,
    async run(query) {
      const q = query.trim();
      const mine = ++generation;
      if (!q) {
        hits.value = null;
        return;
      }
      busy.value = true;
      try {
        const reply = await api.search(q);
        if (mine === generation) [hits.value, error.value] = [reply.hits, null];
      } catch (thrown) {
        if (mine === generation) error.value = thrown instanceof Error ? thrown.message : String(thrown);
      } finally {
        if (mine === generation) busy.value = false;
      }
    },
    clear() {
      generation++;
      hits.value = null;
      error.value = null;
      busy.value = false;
    },
  };
}
