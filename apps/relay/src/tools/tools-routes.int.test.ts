/**
 * The tools' REST API and the live page-view flow, against a real relay: canned responses,
 * search and visitor context stay inside the caller's workspace (and personal responses with
 * their owner), and a page view reaches the agent watching that visitor's conversation.
 */
import { createAgent } from '@parley/db';
import { PROTOCOL_VERSION, WS_PATHS, type CannedResponse, type VisitorContext } from '@parley/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords';
import { startRelay, type RelayUnderTest } from '../testing/relay-harness';
import { RawSocket, signIn } from '../testing/test-clients';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';

describe('tools REST and live visitor context', () => {
  let relay: RelayUnderTest;
  let cookieA: string;
  let cookieA2: string;
  let cookieB: string;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    relay = await startRelay();
    const colleague = { email: 'colleague-a@example.test', password: 'a long enough password' };
    await createAgent(relay.database.db, relay.a.workspaceId, {
      email: colleague.email,
      name: 'Cy Colleague',
      role: 'agent',
      passwordHash: await hashPassword(colleague.password),
    });
    [cookieA, cookieA2, cookieB] = await Promise.all([signIn(relay, relay.a.agent), signIn(relay, colleague), signIn(relay, relay.b.agent)]);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await relay.close();
  });

  async function api(cookie: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${relay.baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  }

  async function visitorWithConversation(site: 'a' | 'b', body: string, headers: Record<string, string> = {}) {
    const seeded = relay[site];
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.widget}?siteKey=${seeded.siteKey}`, { origin: seeded.origin, ...headers });
    sockets.push(socket);
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    const welcome = await socket.next('welcome');
    socket.send(JSON.stringify({ type: 'message.send', clientId: `c-${Math.random().toString(36).slice(2)}`, body }));
    const ack = await socket.next('message.ack');
    return { socket, visitorId: welcome.visitorId as string, conversationId: ack.conversationId as string };
  }

  it('keeps canned responses in their workspace, and personal ones with their owner', async () => {
    const team = await api(cookieA, 'POST', '/v1/canned-responses', { scope: 'team', shortcut: 'hello', title: 'Hello', body: 'Hi {{visitor.name}}!' });
    expect(team.status).toBe(201);
    const teamId = (team.body!.cannedResponse as CannedResponse).id;
    const personal = await api(cookieA, 'POST', '/v1/canned-responses', { scope: 'personal', shortcut: 'sig', title: 'Signature', body: 'Ada' });
    const personalId = (personal.body!.cannedResponse as CannedResponse).id;

    const shortcuts = async (cookie: string) =>
      ((await api(cookie, 'GET', '/v1/canned-responses')).body!.cannedResponses as CannedResponse[]).map((r) => r.shortcut);
    expect(await shortcuts(cookieA)).toEqual(['hello', 'sig']);
    expect(await shortcuts(cookieA2)).toEqual(['hello']);
    expect(await shortcuts(cookieB)).toEqual([]);

    expect((await api(cookieB, 'PATCH', `/v1/canned-responses/${teamId}`, { body: 'pwned' })).body).toMatchObject({ code: 'not_found' });
    expect((await api(cookieB, 'DELETE', `/v1/canned-responses/${teamId}`)).status).toBe(404);
    expect((await api(cookieA2, 'PATCH', `/v1/canned-responses/${personalId}`, { body: 'pwned' })).status).toBe(404);
    expect((await api(cookieA2, 'DELETE', `/v1/canned-responses/${personalId}`)).status).toBe(404);

    const edited = await api(cookieA2, 'PATCH', `/v1/canned-responses/${teamId}`, { title: 'Greeting' });
    expect(edited).toMatchObject({ status: 200, body: { cannedResponse: { title: 'Greeting', scope: 'team' } } });
    expect((await api(cookieA, 'POST', '/v1/canned-responses', { scope: 'team', shortcut: 'Has Space', title: 'x', body: 'x' })).status).toBe(400);
    expect((await api(cookieA, 'PATCH', `/v1/canned-responses/${teamId}`, {})).status).toBe(400);
    expect((await api(cookieA, 'DELETE', `/v1/canned-responses/${personalId}`)).status).toBe(204);
    expect(await shortcuts(cookieA)).toEqual(['hello']);
    expect((await fetch(`${relay.baseUrl}/v1/canned-responses`)).status).toBe(401);
  });

  it('searches only the caller\'s workspace, notes included', async () => {
    const inA = await visitorWithConversation('a', 'The kayak paddle snapped');
    await visitorWithConversation('b', 'A kayak question for B');
    const agent = new RawSocket(`${relay.wsUrl}${WS_PATHS.console}`, { origin: relay.baseUrl, cookie: cookieA });
    sockets.push(agent);
    await agent.opened;
    agent.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await agent.next('welcome');
    agent.send(JSON.stringify({ type: 'note.send', conversationId: inA.conversationId, clientId: 'note-kayak', body: 'Kayak warranty: 2 years' }));
    await agent.next('message.ack');

    const search = async (cookie: string, q: string) =>
      ((await api(cookie, 'GET', `/v1/search?q=${encodeURIComponent(q)}`)).body!.hits as Array<{ message: { body: string; kind: string }; conversation: { id: string } }>);
    const hits = await search(cookieA, 'kayak');
    expect(hits.map((hit) => hit.message.body).sort()).toEqual(['Kayak warranty: 2 years', 'The kayak paddle snapped']);
    expect(hits.every((hit) => hit.conversation.id === inA.conversationId)).toBe(true);
    expect((await search(cookieB, 'kayak')).map((hit) => hit.message.body)).toEqual(['A kayak question for B']);
    expect((await api(cookieA, 'GET', '/v1/search?q=')).status).toBe(400);
  });

  it('sends page views live to the agent watching, and serves the visitor context with tags', async () => {
    const visitor = await visitorWithConversation('a', 'Which tent is lightest?', { 'user-agent': FIREFOX });
    const agent = new RawSocket(`${relay.wsUrl}${WS_PATHS.console}`, { origin: relay.baseUrl, cookie: cookieA });
    sockets.push(agent);
    await agent.opened;
    agent.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await agent.next('welcome');
    agent.send(JSON.stringify({ type: 'conversation.watch', conversationId: visitor.conversationId, afterSeq: 0 }));
    await agent.next('conversation.synced');
    const other = new RawSocket(`${relay.wsUrl}${WS_PATHS.console}`, { origin: relay.baseUrl, cookie: cookieB });
    sockets.push(other);
    await other.opened;
    other.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await other.next('welcome');

    visitor.socket.send(
      JSON.stringify({ type: 'page.view', url: 'http://site-a.example/tents', title: 'Tents', referrer: 'https://search.example/', timeZone: 'America/Denver' }),
    );
    const viewed = await agent.next('page.viewed');
    expect(viewed).toMatchObject({ visitorId: visitor.visitorId, page: { url: 'http://site-a.example/tents', title: 'Tents' } });
    visitor.socket.send(JSON.stringify({ type: 'page.view', url: 'http://site-a.example/tents/ultralight', title: 'Ultralight', referrer: '' }));
    await agent.next('page.viewed');

    expect(await api(cookieA, 'POST', `/v1/conversations/${visitor.conversationId}/tags`, { tag: 'VIP' })).toMatchObject({ status: 200, body: { tags: ['vip'] } });
    expect(await agent.next('tags.changed')).toMatchObject({ conversationId: visitor.conversationId, tags: ['vip'] });
    expect((await api(cookieB, 'POST', `/v1/conversations/${visitor.conversationId}/tags`, { tag: 'x' })).status).toBe(404);

    const context = (await api(cookieA, 'GET', `/v1/visitors/${visitor.visitorId}`)).body!.visitor as VisitorContext;
    expect(context).toMatchObject({
      id: visitor.visitorId,
      currentPage: { title: 'Ultralight' },
      referrer: 'https://search.example/',
      browser: { name: 'Firefox', version: '121.0' },
      os: { name: 'Linux' },
      timeZone: 'America/Denver',
      conversations: [{ id: visitor.conversationId, tags: ['vip'], lastMessage: { body: 'Which tent is lightest?' } }],
    });
    expect(context.pages.map((page) => page.title)).toEqual(['Ultralight', 'Tents']);
    expect((await api(cookieB, 'GET', `/v1/visitors/${visitor.visitorId}`)).status).toBe(404);
    expect(await api(cookieA, 'DELETE', `/v1/conversations/${visitor.conversationId}/tags/vip`)).toMatchObject({ status: 200, body: { tags: [] } });
    // Workspace B's agent heard nothing of A's visitor.
    expect(other.frames.filter((frame) => frame.type === 'page.viewed' || frame.type === 'tags.changed')).toEqual([]);
    // The visitor's socket is told nothing back and refuses nothing.
    expect(visitor.socket.frames.filter((frame) => frame.type === 'error')).toEqual([]);
  });
});
