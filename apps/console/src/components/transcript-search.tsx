/** Search across every transcript of the workspace (notes included); a hit opens its conversation. */
import { useState } from 'preact/hooks';
import type { SearchModel } from '../models/search-model';
import { clockTime } from '../time-format';
import { visitorLabel } from '../visitor-label';
import './tools.css';

export function TranscriptSearch({ search, onOpen }: { search: SearchModel; onOpen: (conversationId: string) => void }) {
  const [query, setQuery] = useState('');
  const hits = search.hits.value;
  return (
    <div class="transcript-search" role="search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void search.run(query);
        }}
      >
        <input
          type="search"
          aria-label="Search transcripts"
          placeholder="Search transcripts…"
          value={query}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            if (!event.currentTarget.value) search.clear();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setQuery('');
              search.clear();
            }
          }}
        />
      </form>
      {search.error.value && <p class="form-error">{search.error.value}</p>}
      {hits && (
        <ul class="search-results" aria-label="Search results" aria-busy={search.busy.value}>
          {hits.length === 0 && <li class="muted">Nothing found</li>}
          {hits.map((hit) => (
            <li key={hit.message.id}>
              <button
                type="button"
                class={hit.message.kind === 'note' ? 'search-hit is-note' : 'search-hit'}
                onClick={() => {
                  onOpen(hit.conversation.id);
                  search.clear();
                  setQuery('');
                }}
              >
                <span class="search-who">
                  {visitorLabel(hit.conversation.visitor)} · <time dateTime={hit.message.createdAt}>{new Date(hit.message.createdAt).toLocaleDateString()} {clockTime(hit.message.createdAt)}</time>
                  {hit.message.kind === 'note' && ' · note'}
                </span>
                <span class="search-body">{hit.message.body}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
