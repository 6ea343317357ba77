import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createCannedResponse, deleteCannedResponse, listCannedResponses, updateCannedResponse } from './canned-responses';
import { getConversationSummary, getVisitorConversation } from './conversations';
import { createMessageWriter } from './message-writer';
import { appendMessage, listMessages, startConversation } from './messages';
import type { Db } from './open-db';
import { createChatFixture, type ChatFixture } from './testing/chat-fixture';
import { describeEachBackend } from './testing/each-backend';
import { searchTranscripts } from './transcript-search';
import {
  addConversationTag,
  getVisitorContextRecord,
  listActiveConversationIds,
  recordPageView,
  removeConversationTag,
} from './visitor-context';
import { listVisitorMessages } from './visitor-messages';
import { createAgent } from './agents';

async function openConversation(db: Db, fixture: ChatFixture, body = 'hello') {
  const started = await startConversation(db, fixture.workspace.id, {
    siteId: fixture.site.id,
    visitorId: fixture.visitor.id,
    clientId: randomUUID(),
    author: fixture.visitorAuthor,
    body,
  });
  if (!started) throw new Error('startConversation returned null for a valid visitor');
  return started.conversation.id;
}

describeEachBackend('tools', (database) => {
  const db = () => database().db;

  it('gives notes a seq but no visitorSeq, so the visitor numbering has no gap (single appends)', async () => {
    const fixture = await createChatFixture(db());
    const id = await openConversation(db(), fixture);
    const scope = { workspaceId: fixture.workspace.id };
    const note = await appendMessage(db(), scope, { conversationId: id, clientId: 'n1', author: fixture.agentAuthor, kind: 'note', body: 'internal' });
    const reply = await appendMessage(db(), scope, { conversationId: id, clientId: 'r1', author: fixture.agentAuthor, body: 'public' });
    expect(note).toMatchObject({ visitorSeq: null, message: { seq: 2, kind: 'note' } });
    expect(reply).toMatchObject({ visitorSeq: 2, message: { seq: 3 } });
    // A resend of the note still says it is not the visitor's.
    const again = await appendMessage(db(), scope, { conversationId: id, clientId: 'n1', author: fixture.agentAuthor, kind: 'note', body: 'internal' });
    expect(again).toMatchObject({ created: false, visitorSeq: null });

    const visitorView = await listVisitorMessages(db(), fixture.workspace.id, id);
    expect(visitorView.messages.map((m) => [m.seq, m.body])).toEqual([[1, 'hello'], [2, 'public']]);
    expect((await listMessages(db(), fixture.workspace.id, id)).messages.map((m) => m.kind)).toEqual(['text', 'note', 'text']);
    expect(await getVisitorConversation(db(), fixture.workspace.id, fixture.visitor.id, id)).toMatchObject({ lastSeq: 2 });
    const summary = await getConversationSummary(db(), fixture.workspace.id, id);
    expect(summary).toMatchObject({ lastSeq: 3, lastMessage: { body: 'public' } });
  });

  it('keeps the visitor numbering gapless through a group-committed batch mixing notes', async () => {
    const fixture = await createChatFixture(db());
    const id = await openConversation(db(), fixture);
    const writer = createMessageWriter(db(), { concurrency: 1 });
    const scope = { workspaceId: fixture.workspace.id };
    const results = await Promise.all(
      ['text', 'note', 'note', 'text', 'note'].map((kind, index) =>
        writer.append(scope, { conversationId: id, clientId: `b${index}`, author: fixture.agentAuthor, kind: kind as 'text' | 'note', body: `${kind} ${index}` }),
      ),
    );
    expect(results.map((r) => [r!.message.seq, r!.visitorSeq])).toEqual([[2, 2], [3, null], [4, null], [5, 3], [6, null]]);
    // The last message of the batch is a note: the preview stays the last visible one.
    expect(results[4]!.conversation.lastMessage?.body).toBe('text 3');
    const summary = await getConversationSummary(db(), fixture.workspace.id, id);
    expect(summary).toMatchObject({ lastSeq: 6, lastMessage: { body: 'text 3' } });
    expect(await getVisitorConversation(db(), fixture.workspace.id, fixture.visitor.id, id)).toMatchObject({ lastSeq: 3 });
    expect((await listVisitorMessages(db(), fixture.workspace.id, id, { afterSeq: 1 })).messages.map((m) => m.seq)).toEqual([2, 3]);
  });

  it('does not count a note as the first response', async () => {
    const fixture = await createChatFixture(db());
    const id = await openConversation(db(), fixture);
    await appendMessage(db(), { workspaceId: fixture.workspace.id }, { conversationId: id, clientId: 'n', author: fixture.agentAuthor, kind: 'note', body: 'x' });
    expect((await getConversationSummary(db(), fixture.workspace.id, id))?.lastMessage?.authorKind).toBe('visitor');
  });

  it('scopes canned responses: team for everyone in the workspace, personal for the owner only', async () => {
    const fixture = await createChatFixture(db());
    const other = await createChatFixture(db(), 'Other');
    const colleague = await createAgent(db(), fixture.workspace.id, { email: `c-${randomUUID()}@example.test`, name: 'Cy', role: 'agent', passwordHash: 'x' });
    const me = { workspaceId: fixture.workspace.id, agentId: fixture.agent.id };
    const them = { workspaceId: fixture.workspace.id, agentId: colleague.id };
    const outsider = { workspaceId: other.workspace.id, agentId: other.agent.id };
    const team = await createCannedResponse(db(), me, { scope: 'team', shortcut: 'hi', title: 'Greeting', body: 'Hi {{visitor.name}}' });
    const mine = await createCannedResponse(db(), me, { scope: 'personal', shortcut: 'bye', title: 'Bye', body: 'Bye!' });
    expect((await listCannedResponses(db(), me)).map((r) => r.id)).toEqual([mine.id, team.id]);
    expect((await listCannedResponses(db(), them)).map((r) => r.id)).toEqual([team.id]);
    expect(await listCannedResponses(db(), outsider)).toEqual([]);
    expect(await updateCannedResponse(db(), them, mine.id, { body: 'hijack' })).toBeNull();
    expect(await updateCannedResponse(db(), outsider, team.id, { body: 'hijack' })).toBeNull();
    expect(await deleteCannedResponse(db(), outsider, team.id)).toBe(false);
    expect(await updateCannedResponse(db(), them, team.id, { title: 'Hello' })).toMatchObject({ title: 'Hello', scope: 'team' });
    expect(await deleteCannedResponse(db(), me, mine.id)).toBe(true);
    expect(await listCannedResponses(db(), me)).toHaveLength(1);
  });

  it('searches transcripts of the workspace only, notes included', async () => {
    const fixture = await createChatFixture(db());
    const other = await createChatFixture(db(), 'Other');
    const id = await openConversation(db(), fixture, 'My tent zipper broke');
    await openConversation(db(), other, 'A zipper question from elsewhere');
    await appendMessage(db(), { workspaceId: fixture.workspace.id }, { conversationId: id, clientId: 'n', author: fixture.agentAuthor, kind: 'note', body: 'Zipper warranty applies' });
    const hits = await searchTranscripts(db(), fixture.workspace.id, 'zipper');
    expect(hits.map((hit) => hit.message.body).sort()).toEqual(['My tent zipper broke', 'Zipper warranty applies']);
    expect(hits.every((hit) => hit.conversation.id === id)).toBe(true);
    expect(await searchTranscripts(db(), fixture.workspace.id, 'warranty -zipper')).toEqual([]);
    expect(await searchTranscripts(db(), fixture.workspace.id, 'nothing-like-this')).toEqual([]);
  });

  it('records page views and tags, scoped to the workspace', async () => {
    const fixture = await createChatFixture(db());
    const other = await createChatFixture(db(), 'Other');
    const id = await openConversation(db(), fixture);
    const page = { url: 'https://acme.example/a', title: 'A', referrer: 'https://search.example/', timeZone: 'Europe/Berlin', userAgent: 'UA/1' };
    expect(await recordPageView(db(), other.workspace.id, fixture.visitor.id, page)).toBeNull();
    expect(await recordPageView(db(), fixture.workspace.id, fixture.visitor.id, page)).toMatchObject({ url: page.url, title: 'A' });
    await recordPageView(db(), fixture.workspace.id, fixture.visitor.id, { url: 'https://acme.example/b', title: 'B', referrer: '' });
    expect(await addConversationTag(db(), fixture.workspace.id, id, 'vip')).toEqual(['vip']);
    expect(await addConversationTag(db(), fixture.workspace.id, id, 'billing')).toEqual(['billing', 'vip']);
    expect(await addConversationTag(db(), fixture.workspace.id, id, 'vip')).toEqual(['billing', 'vip']);
    expect(await addConversationTag(db(), other.workspace.id, id, 'x')).toBeNull();
    expect(await removeConversationTag(db(), fixture.workspace.id, id, 'billing')).toEqual(['vip']);
    expect(await listActiveConversationIds(db(), fixture.workspace.id, fixture.visitor.id)).toEqual([id]);

    const context = await getVisitorContextRecord(db(), fixture.workspace.id, fixture.visitor.id);
    expect(context).toMatchObject({ userAgent: 'UA/1', timeZone: 'Europe/Berlin', conversations: [{ id, tags: ['vip'] }] });
    expect(context!.pages.map((p) => p.title)).toEqual(['B', 'A']);
    expect(await getVisitorContextRecord(db(), other.workspace.id, fixture.visitor.id)).toBeNull();
  });
});
