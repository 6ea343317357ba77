/**
 * The visitor sidebar's data for one conversation: loaded over REST, then kept current by the
 * socket's `page.viewed` and `tags.changed` frames for the conversations this console watches.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { ConsoleSide, RealtimeClient } from '@parley/client';
import type { VisitorContext } from '@parley/protocol';
import type { ToolsApi } from './tools-api';

export interface VisitorContextModel {
  readonly context: ReadonlySignal<VisitorContext | null>;
  readonly tags: ReadonlySignal<readonly string[]>;
  readonly error: ReadonlySignal<string | null>;
  addTag(tag: string): Promise<void>;
  removeTag(tag: string): Promise<void>;
  dispose(): void;
}

/** How many pages the sidebar keeps after live updates (the REST answer has at most 50). */
const MAX_PAGES = 50;

export function createVisitorContextModel(
  client: RealtimeClient<ConsoleSide>,
  api: Pick<ToolsApi, 'visitor' | 'addTag' | 'removeTag'>,
  ids: { visitorId: string; conversationId: string },
): VisitorContextModel {
  const context = signal<VisitorContext | null>(null);
  const tags = signal<readonly string[]>([]);
  const error = signal<string | null>(null);
  let disposed = false;

  const fail = (thrown: unknown) => {
    if (!disposed) error.value = thrown instanceof Error ? thrown.message : String(thrown);
  };

  const offs = [
    client.on('page.viewed', (frame) => {
      const current = context.value;
      if (!current || frame.visitorId !== ids.visitorId) return;
      // Page views from before the REST answer may arrive again: keep each viewedAt+url once.
      if (current.pages.some((page) => page.viewedAt === frame.page.viewedAt && page.url === frame.page.url)) return;
      context.value = { ...current, currentPage: frame.page, pages: [frame.page, ...current.pages].slice(0, MAX_PAGES) };
    }),
    client.on('tags.changed', (frame) => {
      if (frame.conversationId === ids.conversationId) tags.value = frame.tags;
    }),
  ];

  api.visitor(ids.visitorId).then(({ visitor }) => {
    if (disposed) return;
    context.value = visitor;
    tags.value = visitor.conversations.find((conversation) => conversation.id === ids.conversationId)?.tags ?? [];
  }, fail);

  return {
    context,
    tags,
    error,
    async addTag(tag) {
      const clean = tag.trim();
      if (!clean) return;
      try {
        tags.value = (await api.addTag(ids.conversationId, clean)).tags;
      } catch (thrown) {
        fail(thrown);
      }
    },
    async removeTag(tag) {
      try {
        tags.value = (await api.removeTag(ids.conversationId, tag)).tags;
      } catch (thrown) {
        fail(thrown);
      }
    },
    dispose() {
      disposed = true;
      for (const off of offs) off();
    },
  };
}
