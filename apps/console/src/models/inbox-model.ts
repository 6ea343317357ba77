import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ConsoleSide, RealtimeClient } from '@parley/client';
import type { ConversationSummary } from '@parley/protocol';
import { ERRORS } from '@parley/protocol/light';
import { ApiError, type Api } from '../api';
import { memoryReadStore, type ReadMarks, type ReadStore } from '../read-store';

export interface InboxModel {
  /** Newest activity first. */
  readonly conversations: ReadonlySignal<readonly ConversationSummary[]>;
  readonly selectedId: ReadonlySignal<string | null>;
  readonly selected: ReadonlySignal<ConversationSummary | null>;
  /** Conversations whose last message is a visitor's that the agent has not seen. */
  readonly unreadIds: ReadonlySignal<ReadonlySet<string>>;
  readonly unreadCount: ReadonlySignal<number>;
  readonly loading: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<string | null>;
  /** Fetches the list over REST and merges it with what arrived live meanwhile. */
  load(): Promise<void>;
  /** Opens a conversation (null for none) and marks it read. */
  select(conversationId: string | null): void;
  dispose(): void;
}

export interface InboxOptions {
  readStore?: ReadStore;
  /** How many conversations the first page holds. */
  limit?: number;
}

function newestFirst(a: ConversationSummary, b: ConversationSummary): number {
  const byTime = Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
  if (byTime !== 0) return byTime;
  // Same instant: keep a stable order so the list does not shuffle between renders.
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A summary is stale when the one we hold is strictly newer (a REST page racing live frames). */
function isStale(incoming: ConversationSummary, held: ConversationSummary | undefined): boolean {
  if (!held) return false;
  if (incoming.lastSeq !== held.lastSeq) return incoming.lastSeq < held.lastSeq;
  return Date.parse(incoming.updatedAt) < Date.parse(held.updatedAt);
}

/**
 * The agent's live inbox: the first page over REST, then every `conversation.updated` frame
 * inserted or replaced in place. Reloaded after a reconnect, since frames sent while the socket
 * was down are not replayed (only messages are).
 */
export function createInboxModel(
  client: RealtimeClient<ConsoleSide>,
  api: Pick<Api, 'listConversations'>,
  options: InboxOptions = {},
): InboxModel {
  const readStore = options.readStore ?? memoryReadStore();
  const limit = options.limit ?? 100;

  const byId = signal<ReadonlyMap<string, ConversationSummary>>(new Map());
  const selectedId = signal<string | null>(null);
  const readMarks = signal<ReadMarks>(readStore.load());
  const loading = signal(false);
  const error = signal<string | null>(null);

  const conversations = computed(() => [...byId.value.values()].sort(newestFirst));
  const selected = computed(() => (selectedId.value ? (byId.value.get(selectedId.value) ?? null) : null));
  const unreadIds = computed(() => {
    const marks = readMarks.value;
    const ids = new Set<string>();
    for (const c of byId.value.values()) {
      if (c.lastMessage?.authorKind === 'visitor' && c.lastSeq > (marks[c.id] ?? 0)) ids.add(c.id);
    }
    return ids;
  });
  const unreadCount = computed(() => unreadIds.value.size);

  function markRead(conversation: ConversationSummary): void {
    if ((readMarks.value[conversation.id] ?? 0) >= conversation.lastSeq) return;
    readMarks.value = { ...readMarks.value, [conversation.id]: conversation.lastSeq };
    readStore.save(readMarks.value);
  }

  function upsert(summaries: readonly ConversationSummary[]): void {
    const next = new Map(byId.value);
    let changed = false;
    for (const summary of summaries) {
      if (isStale(summary, next.get(summary.id))) continue;
      next.set(summary.id, summary);
      changed = true;
    }
    if (!changed) return;
    batch(() => {
      byId.value = next;
      // What arrives in the open conversation is on the agent's screen already.
      const open = selectedId.value ? next.get(selectedId.value) : undefined;
      if (open) markRead(open);
    });
  }

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const reply = await api.listConversations({ status: 'all', limit });
      batch(() => {
        upsert(reply.conversations);
        error.value = null;
      });
    } catch (caught) {
      error.value = caught instanceof ApiError ? caught.message : ERRORS.internal.message;
    } finally {
      loading.value = false;
    }
  }

  let welcomed = false;
  const unsubscribes = [
    client.on('conversation.updated', (frame) => upsert([frame.conversation])),
    client.on('conversation.synced', (frame) => upsert([frame.conversation])),
    client.on('welcome', () => {
      if (welcomed) void load();
      welcomed = true;
    }),
  ];

  return {
    conversations,
    selectedId,
    selected,
    unreadIds,
    unreadCount,
    loading,
    error,
    load,
    select(conversationId) {
      batch(() => {
        selectedId.value = conversationId;
        const conversation = conversationId ? byId.value.get(conversationId) : undefined;
        if (conversation) markRead(conversation);
      });
    },
    dispose() {
      for (const unsubscribe of unsubscribes) unsubscribe();
    },
  };
}
