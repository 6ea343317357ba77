/** Agent sign-in, sessions and their end: cookies, throttling, logout and password change closing sockets. */
import { WS_PATHS, PROTOCOL_VERSION } from '@parley/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelay, type RelayUnderTest } from '../testing/relay-harness';
import { eventually, RawSocket, signIn } from '../testing/test-clients';

describe('agent authentication', () => {
  let relay: RelayUnderTest;
  const sockets: RawSocket[] = [];

  beforeEach(async () => {
    relay = await startRelay();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
  });

  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`${relay.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });

  async function agentSocket(cookie: string): Promise<RawSocket> {
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.console}`, { origin: relay.baseUrl, cookie });
    sockets.push(socket);
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await socket.next('welcome');
    return socket;
  }

  it('signs in with a correct password: httpOnly SameSite cookie, profile without the hash', async () => {
    const response = await post('/v1/auth/login', { email: relay.a.agent.email.toUpperCase(), password: relay.a.agent.password });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^parley_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({
      agent: { id: relay.a.agent.id, workspaceId: relay.a.workspaceId, email: relay.a.agent.email, name: relay.a.agent.name, role: 'admin' },
    });
    expect(body).not.toMatch(/argon2|password/i);
    const me = await fetch(`${relay.baseUrl}/v1/auth/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.status).toBe(200);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    for (const body of [
      { email: relay.a.agent.email, password: 'wrong password' },
      { email: 'nobody@example.test', password: 'wrong password' },
    ]) {
      const response = await post('/v1/auth/login', body);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'invalid_credentials' });
    }
    const me = await fetch(`${relay.baseUrl}/v1/auth/me`);
    expect(me.status).toBe(401);
    expect(await me.json()).toMatchObject({ code: 'unauthorized' });
  });

  it('throttles repeated sign-in attempts for one account with too_many_attempts', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      statuses.push((await post('/v1/auth/login', { email: relay.b.agent.email, password: `guess ${attempt}` })).status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    const throttled = await post('/v1/auth/login', { email: relay.b.agent.email, password: relay.b.agent.password });
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toMatchObject({ code: 'too_many_attempts' });
    // Another account is not affected.
    expect((await post('/v1/auth/login', { email: relay.a.agent.email, password: relay.a.agent.password })).status).toBe(200);
  });

  it('logout ends the session and closes its socket with session_ended', async () => {
    const cookie = await signIn(relay, relay.a.agent);
    const socket = await agentSocket(cookie);
    expect((await post('/v1/auth/logout', {}, cookie)).status).toBe(204);
    expect(await socket.next('error')).toMatchObject({ code: 'session_ended' });
    await eventually(() => socket.closeCode !== null, 'socket closed');
    expect(socket.closeCode).toBe(4401);
    expect((await fetch(`${relay.baseUrl}/v1/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('a password change ends every other session and its sockets, keeps this one', async () => {
    const current = await signIn(relay, relay.a.agent);
    const other = await signIn(relay, relay.a.agent);
    const otherSocket = await agentSocket(other);
    const currentSocket = await agentSocket(current);

    const wrong = await post('/v1/auth/password', { currentPassword: 'nope', newPassword: 'a brand new password' }, current);
    expect(wrong.status).toBe(401);
    const changed = await post('/v1/auth/password', { currentPassword: relay.a.agent.password, newPassword: 'a brand new password' }, current);
    expect(changed.status).toBe(204);

    expect(await otherSocket.next('error')).toMatchObject({ code: 'session_ended' });
    await eventually(() => otherSocket.closeCode === 4401, 'other socket closed');
    expect((await fetch(`${relay.baseUrl}/v1/auth/me`, { headers: { cookie: other } })).status).toBe(401);
    expect((await fetch(`${relay.baseUrl}/v1/auth/me`, { headers: { cookie: current } })).status).toBe(200);
    currentSocket.send(JSON.stringify({ type: 'ping', ts: 7 }));
    expect(await currentSocket.next('pong')).toMatchObject({ ts: 7 });
    expect((await post('/v1/auth/login', { email: relay.a.agent.email, password: 'a brand new password' })).status).toBe(200);
  });

  it('reports health and readiness', async () => {
    expect(await (await fetch(`${relay.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${relay.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { db: 'ok', bus: 'ok' }, draining: false });
  });
});
