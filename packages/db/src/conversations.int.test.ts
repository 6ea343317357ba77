import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { ConversationSummary } from '@parley/protocol';
import { expect, it } from 'vitest';
import {
  getConversationSummary,
  getVisitorConversation,
  listConversations,
  listVisitorConversations,
} from './conversations';
import { appendMessage, startConversation } from './messages';
import type { Db } from './open-db';
import { conversations } from './schema';
import { createVisitor } from './visitors';
import { createChatFixture, type ChatFixture } from './testing/chat-fixture';
import { describeEachBackend } from './testing/each-backend';

async function start(db: Db, fixture: ChatFixture, visitorId = fixture.visitor.id, body = 'hi') {
  const started = await startConversation(db, fixture.workspace.id, {
    siteId: fixture.site.id,
    visitorId,
    clientId: randomUUID(),
    author: { kind: 'visitor', id: visitorId, name: null },
    body,
  });
  if (!started) throw new Error('startConversation returned null for a valid visitor');
  return started.conversation;
}

/**
 * Pins a conversation's times to `second` seconds after 2000-01-01, so order never depends on
 * two quick inserts landing in different milliseconds.
 */
async function pinTimes(db: Db, conversationId: string, second: number): Promise<void> {
  const at = new Date(Date.UTC(2000, 0, 1) + second * 1000);
  await db.update(conversations).set({ createdAt: at, updatedAt: at }).where(eq(conversations.id, conversationId));
}

describeEachBackend('conversations', (database) => {
  const db = () => database().db;

  it('lists the workspace inbox by newest activity first', async () => {
    const fixture = await createChatFixture(db());
    const first = await start(db(), fixture, fixture.visitor.id, 'first');
    const second = await start(db(), fixture, fixture.visitor.id, 'second');
    await pinTimes(db(), first.id, 1);
    await pinTimes(db(), second.id, 2);
    expect((await listConversations(db(), fixture.workspace.id)).map((c) => c.id)).toEqual([second.id, first.id]);

    const replied = await appendMessage(
      db(),
      { workspaceId: fixture.workspace.id },
      { conversationId: first.id, clientId: 'reply', author: fixture.agentAuthor, body: 'on it' },
    );
    const inbox = await listConversations(db(), fixture.workspace.id);
    expect(inbox.map((c) => c.id)).toEqual([first.id, second.id]);
    expect(inbox[0]).toEqual(replied?.conversation);
    expect(inbox[0]?.lastMessage).toEqual({ authorKind: 'agent', body: 'on it', createdAt: replied?.message.createdAt });
  });

  it('filters by status and pages backwards with before', async () => {
    const fixture = await createChatFixture(db());
    const made: ConversationSummary[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(await start(db(), fixture, fixture.visitor.id, `c${i}`));
      await pinTimes(db(), made[i]!.id, i);
    }
    await db().update(conversations).set({ status: 'closed' }).where(eq(conversations.id, made[1]!.id));
    const newestFirst = made.map((c) => c.id).reverse();

    expect((await listConversations(db(), fixture.workspace.id, { status: 'closed' })).map((c) => c.id)).toEqual([made[1]!.id]);
    expect((await listConversations(db(), fixture.workspace.id, { status: 'open' })).map((c) => c.id)).toEqual(
      newestFirst.filter((id) => id !== made[1]!.id),
    );

    const page1 = await listConversations(db(), fixture.workspace.id, { status: 'all', limit: 2 });
    expect(page1.map((c) => c.id)).toEqual(newestFirst.slice(0, 2));
    const page2 = await listConversations(db(), fixture.workspace.id, { limit: 2, before: page1.at(-1)!.updatedAt });
    expect(page2.map((c) => c.id)).toEqual(newestFirst.slice(2, 4));
  });

  it('shows nothing of another workspace', async () => {
    const a = await createChatFixture(db(), 'A');
    const b = await createChatFixture(db(), 'B');
    const ofA = await start(db(), a);
    expect(await listConversations(db(), b.workspace.id)).toEqual([]);
    expect((await listConversations(db(), a.workspace.id)).map((c) => c.id)).toEqual([ofA.id]);
    expect(await getConversationSummary(db(), b.workspace.id, ofA.id)).toBeNull();
    expect(await getConversationSummary(db(), a.workspace.id, ofA.id)).toEqual(ofA);
    expect(await getConversationSummary(db(), a.workspace.id, randomUUID())).toBeNull();
    expect(await listVisitorConversations(db(), b.workspace.id, a.visitor.id)).toEqual([]);
    expect(await getVisitorConversation(db(), b.workspace.id, a.visitor.id, ofA.id)).toBeNull();
  });

  it("lists a visitor's own conversations only, newest first", async () => {
    const fixture = await createChatFixture(db());
    const other = await createVisitor(db(), fixture.workspace.id, fixture.site.id);
    const older = await start(db(), fixture);
    const newer = await start(db(), fixture);
    const ofOther = await start(db(), fixture, other.id);
    await pinTimes(db(), older.id, 1);
    await pinTimes(db(), newer.id, 2);

    const mine = await listVisitorConversations(db(), fixture.workspace.id, fixture.visitor.id);
    expect(mine).toEqual([
      { id: newer.id, status: 'open', lastSeq: 1, createdAt: '2000-01-01T00:00:02.000Z' },
      { id: older.id, status: 'open', lastSeq: 1, createdAt: '2000-01-01T00:00:01.000Z' },
    ]);
    expect(await listVisitorConversations(db(), fixture.workspace.id, fixture.visitor.id, 1)).toEqual(mine.slice(0, 1));
    expect(await getVisitorConversation(db(), fixture.workspace.id, fixture.visitor.id, older.id)).toEqual(mine[1]);
    expect(await getVisitorConversation(db(), fixture.workspace.id, fixture.visitor.id, ofOther.id)).toBeNull();
  });
});
