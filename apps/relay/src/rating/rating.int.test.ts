/**
 * Rating at close over real sockets and REST, on PGlite and on real Postgres + Redis: the widget
 * is asked after an agent closes, the rating is stored once (changeable within the window), agents
 * see it, the report counts it, and every refusal is a typed error.
 */
import { PROTOCOL_VERSION, RATING_LIMITS, WS_PATHS } from '@parley/protocol';
import { createTestDatabase, postgresUrl, redisUrl } from '@parley/test-services';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelay, type RelayUnderTest, type SeededWorkspace } from '../testing/relay-harness';
import { eventually, RawSocket, signIn } from '../testing/test-clients';

const backends = [
  { name: 'PGlite + in-process bus', available: true, start: async () => ({ relay: await startRelay(), drop: async () => {} }) },
  {
    name: 'Postgres + Redis',
    available: Boolean(postgresUrl() && redisUrl()),
    start: async () => {
      const database = await createTestDatabase(postgresUrl()!);
      return { relay: await startRelay({ databaseUrl: database.url, redisUrl: redisUrl()! }), drop: () => database.drop() };
    },
  },
];

describe.each(backends.filter((backend) => backend.available))('rating at close ($name)', (backend) => {
  let relay: RelayUnderTest;
  let drop: () => Promise<void>;
  const sockets: RawSocket[] = [];

  beforeEach(async () => {
    ({ relay, drop } = await backend.start());
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    await drop();
  });

  async function visitorSocket(site: SeededWorkspace = relay.a): Promise<RawSocket> {
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.widget}?siteKey=${site.siteKey}`, { origin: site.origin });
    sockets.push(socket);
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await socket.next('welcome');
    return socket;
  }

  async function agentSocket(cookie: string): Promise<RawSocket> {
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.console}`, { origin: relay.baseUrl, cookie });
    sockets.push(socket);
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await socket.next('welcome');
    return socket;
  }

  const get = (path: string, cookie: string) => fetch(`${relay.baseUrl}${path}`, { headers: { cookie } });

  it('asks after the close, stores one rating that can change, shows it to agents and counts it', async () => {
    const visitor = await visitorSocket();
    visitor.send(JSON.stringify({ type: 'message.send', clientId: 'v1', body: 'Do you ship to Norway?' }));
    const conversationId = (await visitor.next('message.ack')).conversationId as string;
    const rate = (score: string, extra: Record<string, unknown> = {}) =>
      visitor.send(JSON.stringify({ type: 'rating.submit', conversationId, score, ...extra }));

    // Not closed yet: nothing to rate.
    rate('good');
    expect(await visitor.next('error')).toMatchObject({ code: 'conflict', ref: conversationId });

    const cookie = await signIn(relay, relay.a.agent);
    const agent = await agentSocket(cookie);
    agent.send(JSON.stringify({ type: 'conversation.watch', conversationId, afterSeq: 0 }));
    await agent.next('conversation.synced');
    agent.send(JSON.stringify({ type: 'conversation.close', conversationId }));
    expect(await visitor.next('rating.requested')).toEqual({ type: 'rating.requested', conversationId });

    rate('good', { comment: '  Quick and clear  ' });
    const first = await visitor.next('rating.recorded');
    expect(first).toMatchObject({ conversationId, rating: { score: 'good', comment: 'Quick and clear' } });
    expect(await agent.next('rating.recorded')).toEqual(first);
    await eventually(
      () => agent.frames.some((f) => f.type === 'message.created' && (f.message as { body: string }).body === 'The visitor rated this conversation good 👍: “Quick and clear”'),
      'the rating in the transcript',
    );

    // Changed within the window: still one rating, the newest.
    rate('bad', { comment: '   ' });
    expect(await visitor.next('rating.recorded')).toMatchObject({ rating: { score: 'bad', comment: null } });
    const rows = await relay.database.db.execute(`SELECT score FROM conversation_ratings WHERE conversation_id = '${conversationId}'`);
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([{ score: 'bad' }]);

    const one = await get(`/v1/conversations/${conversationId}/rating`, cookie);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ rating: { score: 'bad', comment: null } });

    const report = await get('/v1/reports/ratings?period=month', cookie);
    expect(report.status).toBe(200);
    const body = (await report.json()) as { totals: unknown; buckets: Array<{ start: string }>; period: string };
    expect(body.period).toBe('month');
    expect(body.totals).toEqual({ good: 0, bad: 1, commented: 0 });
    expect(body.buckets).toHaveLength(1);
    expect(body.buckets[0]!.start).toMatch(/^\d{4}-\d{2}-01T00:00:00\.000Z$/);

    // After the window, the rating stands.
    await relay.database.db.execute(
      `UPDATE conversations SET closed_at = now() - interval '${RATING_LIMITS.changeWindowMs / 3600_000 + 1} hours' WHERE id = '${conversationId}'`,
    );
    rate('good');
    expect(await visitor.next('error')).toMatchObject({ code: 'conflict' });
  });

  it('refuses bad frames, other visitors and other workspaces with typed errors', async () => {
    const visitor = await visitorSocket();
    visitor.send(JSON.stringify({ type: 'message.send', clientId: 'v1', body: 'Hello' }));
    const conversationId = (await visitor.next('message.ack')).conversationId as string;
    const cookieA = await signIn(relay, relay.a.agent);
    const agent = await agentSocket(cookieA);
    agent.send(JSON.stringify({ type: 'conversation.close', conversationId }));
    await visitor.next('rating.requested');

    visitor.send(JSON.stringify({ type: 'rating.submit', conversationId, score: 'meh' }));
    expect(await visitor.next('error')).toMatchObject({ code: 'invalid_frame' });
    visitor.send(JSON.stringify({ type: 'rating.submit', conversationId, score: 'good', comment: 'x'.repeat(RATING_LIMITS.maxCommentLength + 1) }));
    expect(await visitor.next('error')).toMatchObject({ code: 'invalid_frame' });

    const stranger = await visitorSocket();
    stranger.send(JSON.stringify({ type: 'rating.submit', conversationId, score: 'bad' }));
    expect(await stranger.next('error')).toMatchObject({ code: 'not_found', ref: conversationId });
    const otherSite = await visitorSocket(relay.b);
    otherSite.send(JSON.stringify({ type: 'rating.submit', conversationId, score: 'bad' }));
    expect(await otherSite.next('error')).toMatchObject({ code: 'not_found' });

    visitor.send(JSON.stringify({ type: 'rating.submit', conversationId, score: 'good' }));
    await visitor.next('rating.recorded');

    const cookieB = await signIn(relay, relay.b.agent);
    expect((await get(`/v1/conversations/${conversationId}/rating`, cookieB)).status).toBe(404);
    expect(await (await get('/v1/reports/ratings', cookieB)).json()).toMatchObject({ totals: { good: 0, bad: 0, commented: 0 }, buckets: [] });
    expect((await get('/v1/reports/ratings', '')).status).toBe(401);

    const badPeriod = await get('/v1/reports/ratings?period=year', cookieA);
    expect(badPeriod.status).toBe(400);
    expect(await badPeriod.json()).toMatchObject({ code: 'validation_failed' });
    const backwards = await get('/v1/reports/ratings?from=2026-02-01T00:00:00.000Z&to=2026-01-01T00:00:00.000Z', cookieA);
    expect(await backwards.json()).toMatchObject({ code: 'validation_failed' });
  });
});
