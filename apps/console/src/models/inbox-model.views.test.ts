import type { ConversationSummary } from '@parley/protocol';
import { fixtureTime, fixtureUuid, makeConversationSummary } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import { createFakeRealtimeClient } from '../fake-realtime-client';
import type { InboxEvent } from '../notify/inbox-events';
import { createInboxModel } from './inbox-model';

const ME = fixtureUuid(601);
const ids = (list: readonly ConversationSummary[]) => list.map((c) => c.id);

function conv(n: number, overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return makeConversationSummary({ id: fixtureUuid(n), updatedAt: fixtureTime(n), ...overrides });
}

function setup(list: ConversationSummary[]) {
  const client = createFakeRealtimeClient();
  const inbox = createInboxModel(client, { listConversations: async () => ({ conversations: list }) }, { agentId: ME });
  return { client, inbox };
}

describe('inbox model views', () => {
  it('shows the chosen view longest-waiting first, with live counts', async () => {
    const a = conv(1, { assigneeId: ME, waitingSince: fixtureTime(50), lastSeq: 1 });
    const b = conv(2, { waitingSince: fixtureTime(10), lastSeq: 1 });
    const c = conv(3, { status: 'closed' });
    const { client, inbox } = setup([a, b, c]);
    await inbox.load();
    expect(ids(inbox.visible.value)).toEqual([b.id, a.id]);
    inbox.setView('mine');
    expect(ids(inbox.visible.value)).toEqual([a.id]);
    expect(inbox.counts.value.all.total).toBe(2);

    // The queued one is claimed by me: it moves from Unassigned to Mine live.
    client.receive({ type: 'conversation.updated', conversation: { ...b, assigneeId: ME, updatedAt: fixtureTime(60) } });
    expect(ids(inbox.visible.value)).toEqual([b.id, a.id]);
    expect(inbox.counts.value.queue.total).toBe(0);
    expect(inbox.counts.value.mine.total).toBe(2);
  });

  it('steps through the current view with next and previous, stopping at the ends', async () => {
    const list = [1, 2, 3].map((n) => conv(n, { waitingSince: fixtureTime(n) }));
    const { inbox } = setup(list);
    await inbox.load();
    inbox.step(1);
    expect(inbox.selectedId.value).toBe(list[0]!.id);
    inbox.step(1);
    inbox.step(1);
    inbox.step(1);
    expect(inbox.selectedId.value).toBe(list[2]!.id);
    inbox.step(-1);
    expect(inbox.selectedId.value).toBe(list[1]!.id);
  });

  it('announces live news, never what a REST load brings', async () => {
    const old = conv(1, { lastSeq: 1 });
    const { client, inbox } = setup([old]);
    const events: InboxEvent['kind'][] = [];
    inbox.onEvent((event) => events.push(event.kind));
    await inbox.load();
    expect(events).toEqual([]);

    client.receive({ type: 'conversation.updated', conversation: conv(2) });
    client.receive({
      type: 'conversation.assigned',
      conversation: { ...old, assigneeId: ME },
      reason: 'auto',
      byAgentId: null,
      note: null,
    });
    client.receive({
      type: 'conversation.updated',
      conversation: {
        ...old,
        assigneeId: ME,
        lastSeq: 2,
        lastMessage: { authorKind: 'visitor', body: 'hello?', createdAt: fixtureTime(9) },
      },
    });
    expect(events).toEqual(['conversation.new', 'assigned.to-me', 'message.visitor']);

    // The same summary again (conversation.updated after conversation.assigned) is no news.
    client.receive({ type: 'conversation.updated', conversation: conv(2) });
    expect(events).toHaveLength(3);
    inbox.dispose();
  });
});
