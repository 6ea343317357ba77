/**
 * Identify over a real relay: a signed identify switches the socket to the user's visitor (keeping
 * the anonymous conversation), another device with the same user sees that history, a forged or
 * expired identify is refused with `identity_rejected` and the socket stays anonymous; attributes
 * reach the visitor context; the identity secret is admin-only and rotatable.
 */
import { createAgent, getSite } from '@parley/db';
import { PROTOCOL_VERSION, WS_PATHS, type VisitorContext } from '@parley/protocol';
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords';
import { startRelay, type RelayUnderTest } from '../testing/relay-harness';
import { RawSocket, signIn } from '../testing/test-clients';
import { userHash } from './verify-identity';

describe('visitor identity over a real relay', () => {
  let relay: RelayUnderTest;
  let adminA: string;
  let agentA: string;
  let adminB: string;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    relay = await startRelay();
    const plain = { email: 'plain-a@example.test', password: 'a long enough password' };
    await createAgent(relay.database.db, relay.a.workspaceId, { email: plain.email, name: 'Pat', role: 'agent', passwordHash: await hashPassword(plain.password) });
    [adminA, agentA, adminB] = await Promise.all([signIn(relay, relay.a.agent), signIn(relay, plain), signIn(relay, relay.b.agent)]);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await relay.close();
  });

  async function siteSecret(site: 'a' | 'b') {
    return (await getSite(relay.database.db, relay[site].workspaceId, relay[site].siteId))!.secret;
  }

  async function jwt(claims: Record<string, unknown>, secret: string, expiresAt = Math.floor(Date.now() / 1000) + 600) {
    return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(expiresAt).sign(new TextEncoder().encode(secret));
  }

  async function visitor(token?: string) {
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.widget}?siteKey=${relay.a.siteKey}`, { origin: relay.a.origin });
    sockets.push(socket);
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, ...(token ? { token } : {}) }));
    const welcome = await socket.next('welcome');
    return { socket, visitorId: welcome.visitorId as string, token: welcome.token as string };
  }

  async function say(socket: RawSocket, body: string) {
    socket.send(JSON.stringify({ type: 'message.send', clientId: `c-${Math.random().toString(36).slice(2)}`, body }));
    return (await socket.next('message.ack')).conversationId as string;
  }

  async function api(cookie: string, method: string, path: string) {
    const response = await fetch(`${relay.baseUrl}${path}`, { method, headers: { cookie } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('keeps the anonymous conversation, and shows it on another device of the same user', async () => {
    const secret = await siteSecret('a');
    const laptop = await visitor();
    const conversationId = await say(laptop.socket, 'Started before signing in');
    laptop.socket.send(JSON.stringify({ type: 'visitor.identify', token: await jwt({ sub: 'user-1', name: 'Ada', email: 'ada@example.com' }, secret) }));
    const identified = await laptop.socket.next('visitor.identified');
    // The first identify of user-1 turns this anonymous visitor into user-1's visitor.
    expect(identified).toMatchObject({ visitorId: laptop.visitorId, userId: 'user-1', name: 'Ada', email: 'ada@example.com' });

    const phone = await visitor();
    phone.socket.send(JSON.stringify({ type: 'visitor.identify', userId: 'user-1', userHash: userHash(secret, 'user-1') }));
    const onPhone = await phone.socket.next('visitor.identified');
    expect(onPhone.visitorId).toBe(laptop.visitorId);
    const synced = await phone.socket.next('conversation.synced');
    expect(synced).toMatchObject({ conversation: { id: conversationId }, messages: [{ body: 'Started before signing in' }] });

    // The phone's token now opens user-1's history on a later page, too.
    const later = await visitor(onPhone.token as string);
    expect(later.visitorId).toBe(laptop.visitorId);
  });

  it('merges a second anonymous visitor into a known user, and delivers new agent replies there', async () => {
    const secret = await siteSecret('a');
    const first = await visitor();
    first.socket.send(JSON.stringify({ type: 'visitor.identify', token: await jwt({ sub: 'user-2' }, secret) }));
    const known = await first.socket.next('visitor.identified');

    const tablet = await visitor();
    const startedAnonymously = await say(tablet.socket, 'Question from the tablet');
    tablet.socket.send(JSON.stringify({ type: 'visitor.identify', token: await jwt({ sub: 'user-2' }, secret) }));
    const merged = await tablet.socket.next('visitor.identified');
    expect(merged.visitorId).toBe(known.visitorId);
    expect(merged.visitorId).not.toBe(tablet.visitorId);
    // The socket now acts for user-2: it may keep writing into the conversation it started.
    tablet.socket.send(JSON.stringify({ type: 'message.send', conversationId: startedAnonymously, clientId: 'after-merge', body: 'Still me' }));
    expect(await tablet.socket.next('message.ack')).toMatchObject({ conversationId: startedAnonymously });
    // And the other device of user-2 gets it live.
    const live = await first.socket.next('message.created');
    expect(live).toMatchObject({ message: { conversationId: startedAnonymously, body: 'Still me' } });
  });

  it('refuses a forged, an expired and a wrong-site identify with identity_rejected; the visitor stays anonymous', async () => {
    const secret = await siteSecret('a');
    const anon = await visitor();
    const attempts = [
      { token: await jwt({ sub: 'user-3' }, 'not-the-site-secret') },
      { token: await jwt({ sub: 'user-3' }, secret, Math.floor(Date.now() / 1000) - 3600) },
      { token: await jwt({ sub: 'user-3' }, await siteSecret('b')) },
      { userId: 'user-3', userHash: userHash('not-the-site-secret', 'user-3') },
    ];
    for (const attempt of attempts) {
      anon.socket.send(JSON.stringify({ type: 'visitor.identify', ...attempt }));
      expect(await anon.socket.next('error')).toMatchObject({ code: 'identity_rejected', ref: 'visitor.identify' });
    }
    anon.socket.send(JSON.stringify({ type: 'visitor.identify', userId: 'user-3' }));
    expect(await anon.socket.next('error')).toMatchObject({ code: 'invalid_frame' });
    expect(anon.socket.frames.some((frame) => frame.type === 'visitor.identified')).toBe(false);
    // Still open, still the anonymous visitor.
    const conversationId = await say(anon.socket, 'still here');
    const context = await api(adminA, 'GET', `/v1/visitors/${anon.visitorId}`);
    expect(context.body.visitor).toMatchObject({ externalId: null, conversations: [{ id: conversationId }] });
  });

  it('stores attributes for the agents to see, and refuses invalid ones with invalid_frame', async () => {
    const anon = await visitor();
    anon.socket.send(JSON.stringify({ type: 'visitor.attributes.set', attributes: { plan: 'pro', seats: 12, trial: true } }));
    anon.socket.send(JSON.stringify({ type: 'visitor.attributes.set', attributes: { trial: null, 'company.size': 'large' } }));
    anon.socket.send(JSON.stringify({ type: 'visitor.attributes.set', attributes: { nested: { no: 1 } } }));
    expect(await anon.socket.next('error')).toMatchObject({ code: 'invalid_frame', ref: 'visitor.attributes.set' });
    anon.socket.send(JSON.stringify({ type: 'visitor.attributes.set', attributes: { ['9starts-with-digit']: 'x' } }));
    expect(await anon.socket.next('error')).toMatchObject({ code: 'invalid_frame' });
    const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, i]));
    anon.socket.send(JSON.stringify({ type: 'visitor.attributes.set', attributes: many }));
    expect(await anon.socket.next('error')).toMatchObject({ code: 'invalid_frame', ref: 'visitor.attributes.set' });
    const context = await api(adminA, 'GET', `/v1/visitors/${anon.visitorId}`);
    expect((context.body.visitor as VisitorContext).attributes).toEqual({ plan: 'pro', seats: 12, 'company.size': 'large' });
  });

  it('shows identity secrets to admins of the workspace only, and rotates them', async () => {
    const listed = await api(adminA, 'GET', '/v1/identity/sites');
    expect(listed.status).toBe(200);
    expect(listed.body.sites).toEqual([{ siteId: relay.a.siteId, siteName: 'Site a', secret: await siteSecret('a') }]);
    expect((await api(agentA, 'GET', '/v1/identity/sites')).body).toMatchObject({ code: 'forbidden' });
    expect((await api(agentA, 'POST', `/v1/identity/sites/${relay.a.siteId}/rotate`)).status).toBe(403);
    expect((await api(adminB, 'POST', `/v1/identity/sites/${relay.a.siteId}/rotate`)).body).toMatchObject({ code: 'not_found' });
    expect((await api(adminA, 'POST', '/v1/identity/sites/not-a-uuid/rotate')).body).toMatchObject({ code: 'validation_failed' });
    expect((await fetch(`${relay.baseUrl}/v1/identity/sites`)).status).toBe(401);

    const old = await siteSecret('a');
    const rotated = await api(adminA, 'POST', `/v1/identity/sites/${relay.a.siteId}/rotate`);
    expect(rotated.status).toBe(200);
    const fresh = (rotated.body.site as { secret: string }).secret;
    expect(fresh).toMatch(/^[0-9a-f]{64}$/);
    expect(fresh).not.toBe(old);

    const anon = await visitor();
    anon.socket.send(JSON.stringify({ type: 'visitor.identify', token: await jwt({ sub: 'user-4' }, old) }));
    expect(await anon.socket.next('error')).toMatchObject({ code: 'identity_rejected' });
    anon.socket.send(JSON.stringify({ type: 'visitor.identify', token: await jwt({ sub: 'user-4' }, fresh) }));
    expect(await anon.socket.next('visitor.identified')).toMatchObject({ userId: 'user-4' });
  });
});
