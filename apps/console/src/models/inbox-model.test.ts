import type { ConversationSummary } from '@parley/protocol';
import { fixtureTime, fixtureUuid, makeAgentProfile, makeConversationSummary } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import type { Api } from '../api';
import { ApiError } from '../api';
import { createFakeRealtimeClient } from '../fake-realtime-client';
import { memoryReadStore } from '../read-store';
import { createInboxModel } from './inbox-model';

const A = fixtureUuid(101);
const B = fixtureUuid(102);
const C = fixtureUuid(103);

/** A conversation whose last message (seq `lastSeq`) was written at second `at`. */
function conv(id: string, at: number, lastSeq = 1, authorKind: 'visitor' | 'agent' = 'visitor'): ConversationSummary {
  return makeConversationSummary({
    id,
    lastSeq,
    updatedAt: fixtureTime(at),
    lastMessage: lastSeq ? { authorKind, body: `last of ${id}`, createdAt: fixtureTime(at) } : null,
  });
}

function listApi(...pages: (ConversationSummary[] | Error)[]) {
  const queries: unknown[] = [];
  const api: Pick<Api, 'listConversations'> = {
    async listConversations(query) {
      queries.push(query);
      const page = pages.shift();
      if (!page) throw new Error('no page scripted');
      if (page instanceof Error) throw page;
      return { conversations: page };
    },
  };
  return { api, queries };
}

const ids = (list: readonly ConversationSummary[]) => list.map((c) => c.id);
const welcome = { type: 'welcome', protocolVersion: 1, agent: makeAgentProfile(), heartbeatMs: 25_000 } as const;

describe('inbox model', () => {
  it('loads every status over REST, newest activity first', async () => {
    const client = createFakeRealtimeClient();
    const { api, queries } = listApi([conv(A, 10), conv(B, 30), conv(C, 20)]);
    const inbox = createInboxModel(client, api);
    await inbox.load();
    expect(queries).toEqual([{ status: 'all', limit: 100 }]);
    expect(ids(inbox.conversations.value)).toEqual([B, C, A]);
    expect(inbox.loading.value).toBe(false);
  });

  it('inserts a new conversation from conversation.updated and re-sorts on replacement', async () => {
    const client = createFakeRealtimeClient();
    const inbox = createInboxModel(client, listApi([conv(A, 10), conv(B, 20)]).api);
    await inbox.load();

    client.receive({ type: 'conversation.updated', conversation: conv(C, 25) });
    expect(ids(inbox.conversations.value)).toEqual([C, B, A]);

    const newer = conv(A, 40, 2);
    client.receive({ type: 'conversation.updated', conversation: newer });
    expect(ids(inbox.conversations.value)).toEqual([A, C, B]);
    expect(inbox.conversations.value[0]).toBe(newer);
    expect(inbox.conversations.value).toHaveLength(3);
  });

  it('replaces on a status change that keeps lastSeq', async () => {
    const client = createFakeRealtimeClient();
    const inbox = createInboxModel(client, listApi([conv(A, 10, 3)]).api);
    await inbox.load();
    client.receive({ type: 'conversation.updated', conversation: { ...conv(A, 11, 3), status: 'closed' } });
    expect(inbox.conversations.value[0]?.status).toBe('closed');
  });

  it('keeps a live update when a slower REST page brings an older copy', async () => {
    const client = createFakeRealtimeClient();
    let release: (page: ConversationSummary[]) => void = () => {};
    const api: Pick<Api, 'listConversations'> = {
      listConversations: () => new Promise((resolve) => (release = (page) => resolve({ conversations: page }))),
    };
    const inbox = createInboxModel(client, api);
    const loading = inbox.load();
    expect(inbox.loading.value).toBe(true);
    client.receive({ type: 'conversation.updated', conversation: conv(A, 50, 5) });
    release([conv(A, 10, 2), conv(B, 20)]);
    await loading;
    expect(inbox.conversations.value.find((c) => c.id === A)?.lastSeq).toBe(5);
    expect(ids(inbox.conversations.value)).toEqual([A, B]);
  });

  it('applies the summary carried by conversation.synced', async () => {
    const client = createFakeRealtimeClient();
    const inbox = createInboxModel(client, listApi([conv(A, 10, 1)]).api);
    await inbox.load();
    client.receive({ type: 'conversation.synced', conversation: conv(A, 12, 4), messages: [], complete: true });
    expect(inbox.conversations.value[0]?.lastSeq).toBe(4);
  });

  it('counts conversations whose last visitor message is unseen; selecting reads them', async () => {
    const client = createFakeRealtimeClient();
    const inbox = createInboxModel(client, listApi([conv(A, 10, 2), conv(B, 20, 3, 'agent'), conv(C, 5, 0)]).api);
    await inbox.load();
    expect([...inbox.unreadIds.value]).toEqual([A]);
    expect(inbox.unreadCount.value).toBe(1);

    inbox.select(A);
    expect(inbox.selectedId.value).toBe(A);
    expect(inbox.selected.value?.id).toBe(A);
    expect(inbox.unreadCount.value).toBe(0);

    client.receive({ type: 'conversation.updated', conversation: conv(B, 30, 4) });
    expect([...inbox.unreadIds.value]).toEqual([B]);
  });

  it('treats new messages in the open conversation as read, and later ones elsewhere as unread again', async () => {
    const client = createFakeRealtimeClient();
    const inbox = createInboxModel(client, listApi([conv(A, 10, 2), conv(B, 20, 1)]).api);
    await inbox.load();
    inbox.select(A);
    client.receive({ type: 'conversation.updated', conversation: conv(A, 40, 3) });
    expect(inbox.unreadIds.value.has(A)).toBe(false);

    inbox.select(B);
    client.receive({ type: 'conversation.updated', conversation: conv(A, 50, 4) });
    expect(inbox.unreadIds.value.has(A)).toBe(true);
    inbox.select(null);
    expect(inbox.selected.value).toBeNull();
  });

  it('remembers read marks in its read store across models', async () => {
    const store = memoryReadStore();
    const page = [conv(A, 10, 2), conv(B, 20, 1)];
    const first = createInboxModel(createFakeRealtimeClient(), listApi(page).api, { readStore: store });
    await first.load();
    first.select(A);
    expect(store.load()).toEqual({ [A]: 2 });

    const second = createInboxModel(createFakeRealtimeClient(), listApi(page).api, { readStore: store });
    await second.load();
    expect([...second.unreadIds.value]).toEqual([B]);
  });

  it('reloads the list after a reconnect, not on the first welcome', async () => {
    const client = createFakeRealtimeClient();
    const { api, queries } = listApi([conv(A, 10)], [conv(A, 10), conv(B, 60)]);
    const inbox = createInboxModel(client, api);
    await inbox.load();
    client.receive(welcome);
    expect(queries).toHaveLength(1);
    client.receive(welcome);
    await expect.poll(() => inbox.conversations.value.length).toBe(2);
    expect(queries).toHaveLength(2);
  });

  it('shows the error of a failed load and clears it on the next success', async () => {
    const client = createFakeRealtimeClient();
    const inbox = createInboxModel(
      client,
      listApi(new ApiError(503, 'unavailable', 'Storage is down.'), [conv(A, 10)]).api,
    );
    await inbox.load();
    expect(inbox.error.value).toBe('Storage is down.');
    expect(inbox.loading.value).toBe(false);
    await inbox.load();
    expect(inbox.error.value).toBeNull();
    expect(ids(inbox.conversations.value)).toEqual([A]);
  });

  it('stops listening on dispose', async () => {
    const client = createFakeRealtimeClient();
    const inbox = createInboxModel(client, listApi([]).api);
    expect(client.listenerCount()).toBeGreaterThan(0);
    inbox.dispose();
    expect(client.listenerCount()).toBe(0);
    client.receive({ type: 'conversation.updated', conversation: conv(A, 10) });
    expect(inbox.conversations.value).toEqual([]);
  });
});
