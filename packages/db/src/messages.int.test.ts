import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { getConversationSummary } from './conversations';
import { appendMessage, listMessages, startConversation } from './messages';
import { createVisitor } from './visitors';
import { createChatFixture, insertEmptyConversation, type ChatFixture } from './testing/chat-fixture';
import { describeEachBackend } from './testing/each-backend';
import type { Db } from './open-db';

async function openConversation(db: Db, fixture: ChatFixture, clientId = randomUUID()) {
  const started = await startConversation(db, fixture.workspace.id, {
    siteId: fixture.site.id,
    visitorId: fixture.visitor.id,
    clientId,
    author: fixture.visitorAuthor,
    body: 'hello',
  });
  if (!started) throw new Error('startConversation returned null for a valid visitor');
  return started.conversation.id;
}

describeEachBackend('messages', (database, kind) => {
  const db = () => database().db;

  it('starts a conversation with its first message at seq 1', async () => {
    const fixture = await createChatFixture(db());
    const result = await startConversation(db(), fixture.workspace.id, {
      siteId: fixture.site.id,
      visitorId: fixture.visitor.id,
      clientId: 'first',
      author: fixture.visitorAuthor,
      body: 'Where is my order?',
    });
    expect(result?.created).toBe(true);
    expect(result?.message).toMatchObject({
      seq: 1,
      clientId: 'first',
      author: fixture.visitorAuthor,
      kind: 'text',
      body: 'Where is my order?',
    });
    expect(result?.conversation).toMatchObject({
      siteId: fixture.site.id,
      visitor: { id: fixture.visitor.id, name: null, email: null },
      status: 'open',
      assigneeId: null,
      lastSeq: 1,
      lastMessage: { authorKind: 'visitor', body: 'Where is my order?', createdAt: result?.message.createdAt },
      updatedAt: result?.message.createdAt,
    });
    expect(result?.message.conversationId).toBe(result?.conversation.id);
  });

  it('gives consecutive seqs without gaps and keeps the summary current', async () => {
    const fixture = await createChatFixture(db());
    const conversationId = await openConversation(db(), fixture);
    const seqs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await appendMessage(
        db(),
        { workspaceId: fixture.workspace.id },
        { conversationId, clientId: `c${i}`, author: fixture.agentAuthor, body: `reply ${i}` },
      );
      seqs.push(result!.message.seq);
      expect(result!.conversation.lastSeq).toBe(result!.message.seq);
      expect(result!.conversation.lastMessage).toEqual({
        authorKind: 'agent',
        body: `reply ${i}`,
        createdAt: result!.message.createdAt,
      });
    }
    expect(seqs).toEqual([2, 3, 4, 5, 6]);
  });

  it('returns the first row for a resend with the same clientId and uses no seq', async () => {
    const fixture = await createChatFixture(db());
    const conversationId = await openConversation(db(), fixture);
    const input = { conversationId, clientId: 'resend-me', author: fixture.visitorAuthor, body: 'once' };
    const scope = { workspaceId: fixture.workspace.id, visitorId: fixture.visitor.id };

    const first = await appendMessage(db(), scope, input);
    const again = await appendMessage(db(), scope, { ...input, body: 'a changed body is ignored' });
    expect(first?.created).toBe(true);
    expect(again?.created).toBe(false);
    expect(again?.message).toEqual(first?.message);
    expect(again?.conversation.lastSeq).toBe(2);

    const next = await appendMessage(db(), scope, { ...input, clientId: 'next' });
    expect(next?.message.seq).toBe(3);
    const { messages } = await listMessages(db(), fixture.workspace.id, conversationId);
    expect(messages.map((m) => m.clientId)).toEqual([expect.any(String), 'resend-me', 'next']);
  });

  it('stores every message without a clientId (system events) as a new row', async () => {
    const fixture = await createChatFixture(db());
    const conversationId = await openConversation(db(), fixture);
    const event = {
      conversationId,
      clientId: null,
      author: { kind: 'system', id: null, name: null } as const,
      kind: 'event' as const,
      body: 'Ada joined',
    };
    const a = await appendMessage(db(), { workspaceId: fixture.workspace.id }, event);
    const b = await appendMessage(db(), { workspaceId: fixture.workspace.id }, event);
    expect([a?.created, b?.created]).toEqual([true, true]);
    expect([a?.message.seq, b?.message.seq]).toEqual([2, 3]);
    expect(b?.message).toMatchObject({ kind: 'event', clientId: null, author: { kind: 'system', id: null, name: null } });
  });

  it('sets first response on the first agent message only', async () => {
    const fixture = await createChatFixture(db());
    const conversationId = await openConversation(db(), fixture);
    const scope = { workspaceId: fixture.workspace.id };
    await appendMessage(db(), scope, { conversationId, clientId: 'v2', author: fixture.visitorAuthor, body: 'anyone?' });
    const firstReply = await appendMessage(db(), scope, { conversationId, clientId: 'a1', author: fixture.agentAuthor, body: 'yes' });
    await appendMessage(db(), scope, { conversationId, clientId: 'a2', author: fixture.agentAuthor, body: 'still here' });
    const rows = await database().db.query.conversations.findFirst({
      where: (c, { eq }) => eq(c.id, conversationId),
      columns: { firstResponseAt: true },
    });
    expect(rows?.firstResponseAt?.toISOString()).toBe(firstReply?.message.createdAt);
  });

  it('previews the first 140 characters without splitting an emoji', async () => {
    const fixture = await createChatFixture(db());
    const conversationId = await openConversation(db(), fixture);
    const body = `${'a'.repeat(139)}😀${'b'.repeat(50)}`;
    const result = await appendMessage(
      db(),
      { workspaceId: fixture.workspace.id },
      { conversationId, clientId: 'long', author: fixture.visitorAuthor, body },
    );
    expect(result?.message.body).toBe(body);
    expect(result?.conversation.lastMessage?.body).toBe(`${'a'.repeat(139)}😀`);
  });

  it('refuses a conversation of another visitor or another workspace', async () => {
    const a = await createChatFixture(db(), 'A');
    const b = await createChatFixture(db(), 'B');
    const conversationOfA = await openConversation(db(), a);
    const otherVisitorOfA = await createVisitor(db(), a.workspace.id, a.site.id);
    const input = { conversationId: conversationOfA, clientId: 'x', author: a.visitorAuthor, body: 'sneaky' };

    expect(await appendMessage(db(), { workspaceId: a.workspace.id, visitorId: otherVisitorOfA.id }, input)).toBeNull();
    expect(await appendMessage(db(), { workspaceId: b.workspace.id }, input)).toBeNull();
    expect(await appendMessage(db(), { workspaceId: a.workspace.id }, { ...input, conversationId: randomUUID() })).toBeNull();
    expect((await listMessages(db(), b.workspace.id, conversationOfA)).messages).toEqual([]);
    expect((await getConversationSummary(db(), a.workspace.id, conversationOfA))?.lastSeq).toBe(1);
  });

  it('refuses to start a conversation for a visitor of another workspace or site', async () => {
    const a = await createChatFixture(db(), 'A');
    const b = await createChatFixture(db(), 'B');
    const start = { siteId: a.site.id, visitorId: b.visitor.id, clientId: 'x', author: b.visitorAuthor, body: 'hi' };
    expect(await startConversation(db(), a.workspace.id, start)).toBeNull();
    expect(await startConversation(db(), b.workspace.id, start)).toBeNull();
  });

  it('returns the first conversation and message when the starting message is resent', async () => {
    const fixture = await createChatFixture(db());
    const start = {
      siteId: fixture.site.id,
      visitorId: fixture.visitor.id,
      clientId: 'start-1',
      author: fixture.visitorAuthor,
      body: 'hi',
    };
    const first = await startConversation(db(), fixture.workspace.id, start);
    const again = await startConversation(db(), fixture.workspace.id, start);
    expect(again?.created).toBe(false);
    expect(again?.conversation.id).toBe(first?.conversation.id);
    expect(again?.message).toEqual(first?.message);
    expect(again?.conversation.lastSeq).toBe(1);

    const other = await startConversation(db(), fixture.workspace.id, { ...start, clientId: 'start-2' });
    expect(other?.conversation.id).not.toBe(first?.conversation.id);
  });

  it('opens one conversation when the same start races itself', async () => {
    const fixture = await createChatFixture(db());
    const start = {
      siteId: fixture.site.id,
      visitorId: fixture.visitor.id,
      clientId: 'racing-start',
      author: fixture.visitorAuthor,
      body: 'hi',
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => startConversation(database().db, fixture.workspace.id, start)),
    );
    expect(new Set(results.map((r) => r?.conversation.id)).size).toBe(1);
    expect(new Set(results.map((r) => r?.message.id)).size).toBe(1);
    expect(results.filter((r) => r?.created)).toHaveLength(1);
    const { messages } = await listMessages(db(), fixture.workspace.id, results[0]!.conversation.id);
    expect(messages.map((m) => m.seq)).toEqual([1]);
  });

  it(`gives 50 concurrent appends the seqs 1..50 exactly, in createdAt order (${kind})`, async () => {
    const fixture = await createChatFixture(db());
    const conversationId = await insertEmptyConversation(db(), fixture);
    const oneToFifty = Array.from({ length: 50 }, (_, i) => i + 1);
    const results = await Promise.all(
      oneToFifty.map((n) =>
        appendMessage(
          database().db,
          { workspaceId: fixture.workspace.id },
          { conversationId, clientId: `burst-${n}`, author: fixture.agentAuthor, body: `burst ${n}` },
        ),
      ),
    );
    expect(results.every((r) => r?.created)).toBe(true);
    expect(results.map((r) => r!.message.seq).sort((x, y) => x - y)).toEqual(oneToFifty);

    const { messages, complete } = await listMessages(db(), fixture.workspace.id, conversationId);
    expect(complete).toBe(true);
    expect(messages.map((m) => m.seq)).toEqual(oneToFifty);
    const times = messages.map((m) => Date.parse(m.createdAt));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect((await getConversationSummary(db(), fixture.workspace.id, conversationId))?.lastSeq).toBe(50);
  });

  it('lets concurrent resends of one clientId store one row', async () => {
    const fixture = await createChatFixture(db());
    const conversationId = await openConversation(db(), fixture);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        appendMessage(
          database().db,
          { workspaceId: fixture.workspace.id, visitorId: fixture.visitor.id },
          { conversationId, clientId: 'same', author: fixture.visitorAuthor, body: 'dup?' },
        ),
      ),
    );
    expect(results.filter((r) => r?.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r?.message.seq))).toEqual(new Set([2]));
  });

  it('pages messages by afterSeq and says when the page is the last', async () => {
    const fixture = await createChatFixture(db());
    const conversationId = await openConversation(db(), fixture);
    for (let i = 2; i <= 7; i++) {
      await appendMessage(
        db(),
        { workspaceId: fixture.workspace.id },
        { conversationId, clientId: `m${i}`, author: fixture.visitorAuthor, body: `m${i}` },
      );
    }
    const page1 = await listMessages(db(), fixture.workspace.id, conversationId, { limit: 3 });
    expect(page1.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(page1.complete).toBe(false);
    const page2 = await listMessages(db(), fixture.workspace.id, conversationId, { afterSeq: 3, limit: 3 });
    expect(page2.messages.map((m) => m.seq)).toEqual([4, 5, 6]);
    expect(page2.complete).toBe(false);
    const page3 = await listMessages(db(), fixture.workspace.id, conversationId, { afterSeq: 6, limit: 3 });
    expect(page3.messages.map((m) => m.seq)).toEqual([7]);
    expect(page3.complete).toBe(true);
    const exact = await listMessages(db(), fixture.workspace.id, conversationId, { afterSeq: 4, limit: 3 });
    expect(exact.messages.map((m) => m.seq)).toEqual([5, 6, 7]);
    expect(exact.complete).toBe(true);
    expect(await listMessages(db(), fixture.workspace.id, conversationId, { afterSeq: 7 })).toEqual({
      messages: [],
      complete: true,
    });
  });
});
