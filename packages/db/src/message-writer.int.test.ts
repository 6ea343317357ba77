import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { getConversationSummary } from './conversations';
import { createMessageWriter } from './message-writer';
import { listMessages } from './messages';
import { rawTransactions } from './raw-transaction';
import { createVisitor } from './visitors';
import { createChatFixture, insertEmptyConversation } from './testing/chat-fixture';
import { describeEachBackend } from './testing/each-backend';

describeEachBackend('message writer (group commit)', (database, kind) => {
  const db = () => database().db;

  it('writes many concurrent messages over several conversations with gapless seqs in arrival order', async () => {
    const fixture = await createChatFixture(db());
    const conversationIds = await Promise.all(Array.from({ length: 5 }, () => insertEmptyConversation(db(), fixture)));
    const writer = createMessageWriter(db(), { maxBatch: 16, concurrency: 1 });
    const sends = Array.from({ length: 100 }, (_, i) => ({ conversationId: conversationIds[i % 5]!, body: `m${i}` }));
    const results = await Promise.all(
      sends.map((send) =>
        writer.append({ workspaceId: fixture.workspace.id }, { ...send, clientId: randomUUID(), author: fixture.visitorAuthor }),
      ),
    );
    expect(results.every((result) => result?.created)).toBe(true);
    for (const conversationId of conversationIds) {
      const { messages } = await listMessages(db(), fixture.workspace.id, conversationId);
      expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // Arrival order per conversation is seq order.
      const sentBodies = sends.filter((s) => s.conversationId === conversationId).map((s) => s.body);
      expect(messages.map((m) => m.body)).toEqual(sentBodies);
      expect((await getConversationSummary(db(), fixture.workspace.id, conversationId))?.lastSeq).toBe(20);
    }
  });

  it('keeps seqs gapless and in arrival order with several batches in flight', async () => {
    const fixture = await createChatFixture(db());
    const conversationIds = await Promise.all(Array.from({ length: 3 }, () => insertEmptyConversation(db(), fixture)));
    const writer = createMessageWriter(db(), { maxBatch: 8, concurrency: 4 });
    await Promise.all(
      Array.from({ length: 90 }, (_, i) =>
        writer.append(
          { workspaceId: fixture.workspace.id },
          { conversationId: conversationIds[i % 3]!, clientId: `c${i}`, author: fixture.visitorAuthor, body: `m${i}` },
        ),
      ),
    );
    for (const conversationId of conversationIds) {
      const { messages } = await listMessages(db(), fixture.workspace.id, conversationId);
      expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(messages.map((m) => m.clientId)).toEqual(
        Array.from({ length: 90 }, (_, i) => i).filter((i) => conversationIds[i % 3] === conversationId).map((i) => `c${i}`),
      );
    }
  });

  // Needs a second connection to hold the lock, which PGlite (one connection) does not have.
  if (kind === 'pg') {
    it("holds a conversation's next message while its batch waits, and lets other conversations pass", async () => {
      const fixture = await createChatFixture(db());
      const [held, free] = await Promise.all([insertEmptyConversation(db(), fixture), insertEmptyConversation(db(), fixture)]);
      const writer = createMessageWriter(db(), { concurrency: 2 });
      const scope = { workspaceId: fixture.workspace.id };
      const send = (conversationId: string, clientId: string) =>
        writer.append(scope, { conversationId, clientId, author: fixture.visitorAuthor, body: clientId });
      let first: ReturnType<typeof send> | undefined;
      let second: ReturnType<typeof send> | undefined;
      await rawTransactions(db())(async (query) => {
        await query({ name: 'test_hold_conversation', text: 'SELECT id FROM conversations WHERE id = $1 FOR UPDATE' }, [held]);
        first = send(held, 'first'); // its batch now waits for the lock
        second = send(held, 'second');
        // A free batch slot takes the other conversation, not `second`: were `second` in flight
        // beside `first`, the lock's release could let either commit first.
        const other = await send(free, 'other');
        expect(other?.message.seq).toBe(1);
      });
      expect((await first)?.message.seq).toBe(1);
      expect((await second)?.message.seq).toBe(2);
    });
  }

  it('returns the first row for a resend, whether already stored or twice in one batch, using no seq', async () => {
    const fixture = await createChatFixture(db());
    const conversationId = await insertEmptyConversation(db(), fixture);
    const writer = createMessageWriter(db(), { concurrency: 1 });
    const scope = { workspaceId: fixture.workspace.id };
    const input = { conversationId, clientId: 'same', author: fixture.visitorAuthor, body: 'once' };
    const [first, twin, other] = await Promise.all([
      writer.append(scope, input),
      writer.append(scope, input),
      writer.append(scope, { ...input, clientId: 'other', body: 'two' }),
    ]);
    const later = await writer.append(scope, input);
    expect(first?.created).toBe(true);
    expect(twin).toMatchObject({ created: false, message: { id: first!.message.id, seq: 1 } });
    expect(later).toMatchObject({ created: false, message: { id: first!.message.id, seq: 1 } });
    expect(other?.message.seq).toBe(2);
    const { messages } = await listMessages(db(), fixture.workspace.id, conversationId);
    expect(messages.map((m) => m.body)).toEqual(['once', 'two']);
  });

  it('answers a resend of a stored message inside a batch of new ones, which keep gapless seqs', async () => {
    const fixture = await createChatFixture(db());
    const resent = await insertEmptyConversation(db(), fixture);
    const other = await insertEmptyConversation(db(), fixture);
    const holder = await insertEmptyConversation(db(), fixture);
    const writer = createMessageWriter(db(), { concurrency: 1 });
    const scope = { workspaceId: fixture.workspace.id };
    const send = (conversationId: string, clientId: string) => writer.append(scope, { conversationId, clientId, author: fixture.visitorAuthor, body: clientId });
    const stored = await send(resent, 'stored');
    // The first send takes the writer's only batch slot, so the next three queue into one batch.
    const [, again, next, elsewhere] = await Promise.all([send(holder, 'h'), send(resent, 'stored'), send(resent, 'next'), send(other, 'elsewhere')]);
    expect(again).toMatchObject({ created: false, message: { id: stored!.message.id, seq: 1 } });
    expect(next).toMatchObject({ created: true, message: { seq: 2 } });
    expect(elsewhere).toMatchObject({ created: true, message: { seq: 1 } });
    const { messages } = await listMessages(db(), fixture.workspace.id, resent);
    expect(messages.map((m) => [m.seq, m.clientId])).toEqual([
      [1, 'stored'],
      [2, 'next'],
    ]);
    expect((await getConversationSummary(db(), fixture.workspace.id, resent))?.lastSeq).toBe(2);
  });

  it('refuses, in a mixed batch, only the messages outside their scope', async () => {
    const mine = await createChatFixture(db());
    const theirs = await createChatFixture(db(), 'Other');
    const myConversation = await insertEmptyConversation(db(), mine);
    const theirConversation = await insertEmptyConversation(db(), theirs);
    const stranger = await createVisitor(db(), mine.workspace.id, mine.site.id);
    const writer = createMessageWriter(db());
    const [ok, otherWorkspace, otherVisitor, missing] = await Promise.all([
      writer.append({ workspaceId: mine.workspace.id, visitorId: mine.visitor.id }, { conversationId: myConversation, clientId: 'a', author: mine.visitorAuthor, body: 'mine' }),
      writer.append({ workspaceId: mine.workspace.id }, { conversationId: theirConversation, clientId: 'b', author: mine.agentAuthor, body: 'cross' }),
      writer.append({ workspaceId: mine.workspace.id, visitorId: stranger.id }, { conversationId: myConversation, clientId: 'c', author: mine.visitorAuthor, body: 'intrude' }),
      writer.append({ workspaceId: mine.workspace.id }, { conversationId: randomUUID(), clientId: 'd', author: mine.agentAuthor, body: 'nowhere' }),
    ]);
    expect(ok?.message.seq).toBe(1);
    expect([otherWorkspace, otherVisitor, missing]).toEqual([null, null, null]);
    expect((await listMessages(db(), theirs.workspace.id, theirConversation)).messages).toEqual([]);
  });

  it('records the first agent response time and the last message preview per conversation', async () => {
    const fixture = await createChatFixture(db());
    const conversationId = await insertEmptyConversation(db(), fixture);
    const writer = createMessageWriter(db());
    const scope = { workspaceId: fixture.workspace.id };
    const [, agentReply, last] = await Promise.all([
      writer.append(scope, { conversationId, clientId: 'v1', author: fixture.visitorAuthor, body: 'hi' }),
      writer.append(scope, { conversationId, clientId: 'a1', author: fixture.agentAuthor, body: 'hello!' }),
      writer.append(scope, { conversationId, clientId: 'v2', author: fixture.visitorAuthor, body: 'thanks' }),
    ]);
    expect(agentReply?.conversation.lastMessage?.body).toBe('hello!');
    expect(last?.conversation).toMatchObject({ lastSeq: 3, lastMessage: { authorKind: 'visitor', body: 'thanks' } });
    const summary = await getConversationSummary(db(), fixture.workspace.id, conversationId);
    expect(summary).toMatchObject({ lastSeq: 3, lastMessage: { body: 'thanks' } });
    await writer.drain();
  });
});
