import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ConsoleSide, RealtimeClient } from '@parley/client';
import type { ConversationSummary } from '@parley/protocol';
import { ERRORS } from '@parley/protocol/light';
import { ApiError, type Api } from '../api';
import { eventsOf, type InboxEvent } from '../notify/inbox-events';
import { memoryReadStore, type ReadMarks, type ReadStore } from '../read-store';
import { compareForView, countViews, inView, type InboxView, type ViewCount } from './inbox-views';

export interface InboxModel {
  /** Newest activity first. */
  readonly conversations: ReadonlySignal<readonly ConversationSummary[]>;
  readonly selectedId: ReadonlySignal<string | null>;
  readonly selected: ReadonlySignal<ConversationSummary | null>;
  /** Conversations whose last message is a visitor's that the agent has not seen. */
  readonly unreadIds: ReadonlySignal<ReadonlySet<string>>;
  readonly unreadCount: ReadonlySignal<number>;
  /** The view the list shows, and its conversations in view order (longest-waiting first for open work). */
  readonly view: ReadonlySignal<InboxView>;
  readonly visible: ReadonlySignal<readonly ConversationSummary[]>;
  /** The team the views are narrowed to (Mine excepted); null for every team. */
  readonly teamId: ReadonlySignal<string | null>;
  /** Size and unread count of every view, live. */
  readonly counts: ReadonlySignal<Record<InboxView, ViewCount>>;
  readonly loading: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<string | null>;
  /** Fetches the list over REST and merges it with what arrived live meanwhile. */
  load(): Promise<void>;
  /** Opens a conversation (null for none) and marks it read. */
  select(conversationId: string | null): void;
  setView(view: InboxView): void;
  setTeam(teamId: string | null): void;
  /** Opens the next (+1) or previous (-1) conversation of the current view; the first when none is open. */
  step(delta: 1 | -1): void;
  /** Live changes worth telling the agent about (never for what a REST load brings). */
  onEvent(handler: (event: InboxEvent) => void): () => void;
  dispose(): void;
}

export interface InboxOptions {
  readStore?: ReadStore;
  /** The signed-in agent: decides what "Mine" holds and which assignments are news. */
  agentId?: string;
  /** The view shown first. */
  view?: InboxView;
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
  const agentId = options.agentId ?? '';
  const eventHandlers = new Set<(event: InboxEvent) => void>();

  const byId = signal<ReadonlyMap<string, ConversationSummary>>(new Map());
  const selectedId = signal<string | null>(null);
  const readMarks = signal<ReadMarks>(readStore.load());
  const loading = signal(false);
  const error = signal<string | null>(null);
  const view = signal<InboxView>(options.view ?? 'all');
  const teamId = signal<string | null>(null);

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
  const visible = computed(() =>
    [...byId.value.values()].filter((c) => inView(view.value, c, agentId, teamId.value)).sort(compareForView(view.value)),
  );
  const counts = computed(() => countViews(byId.value.values(), agentId, unreadIds.value, teamId.value));

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

  function live(summary: ConversationSummary): void {
    const held = byId.value.get(summary.id);
    if (isStale(summary, held)) return;
    upsert([summary]);
    for (const event of eventsOf(held, summary, agentId)) {
      for (const handler of [...eventHandlers]) handler(event);
    }
  }

  function select(conversationId: string | null): void {
    batch(() => {
      selectedId.value = conversationId;
      const conversation = conversationId ? byId.value.get(conversationId) : undefined;
      if (conversation) markRead(conversation);
    });
  }

  let welcomed = false;
  const unsubscribes = [
    client.on('conversation.updated', (frame) => live(frame.conversation)),
    client.on('conversation.synced', (frame) => upsert([frame.conversation])),
    client.on('conversation.assigned', (frame) => live(frame.conversation)),
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
    view,
    visible,
    teamId,
    counts,
    loading,
    error,
    load,
    select,
    setView(next) {
      view.value = next;
    },
    setTeam(next) {
      teamId.value = next;
    },
    step(delta) {
      const list = visible.value;
      if (list.length === 0) return;
      const at = list.findIndex((c) => c.id === selectedId.value);
      const index = at === -1 ? 0 : Math.min(list.length - 1, Math.max(0, at + delta));
      select(list[index]!.id);
    },
    onEvent(handler) {
      eventHandlers.add(handler);
      return () => eventHandlers.delete(handler);
    },
    dispose() {
      eventHandlers.clear();
      for (const unsubscribe of unsubscribes) unsubscribe();
    },
  };
}
