/**
 * An agent socket opened with a live session is closed, typed, when that session expires — not
 * left open until the next reconnect checks the cookie. The session is shortened in the database
 * (SESSION_TTL_HOURS counts in hours); the socket was upgraded while it was still valid.
 */
import { PROTOCOL_VERSION, WS_PATHS } from '@parley/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelay, type RelayUnderTest } from '../testing/relay-harness';
import { eventually, RawSocket, signIn } from '../testing/test-clients';
import { hashSessionToken } from './session-token';

describe('an agent socket when its session expires', () => {
  let relay: RelayUnderTest;
  const sockets: RawSocket[] = [];
  beforeEach(async () => {
    relay = await startRelay();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
  });

  async function openConsole(cookie: string): Promise<RawSocket> {
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.console}`, { origin: relay.baseUrl, cookie });
    sockets.push(socket);
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await socket.next('welcome');
    return socket;
  }

  it('gets error unauthorized and close 4401 when the session ends, while a longer session’s socket stays', async () => {
    const [short, long] = [await signIn(relay, relay.a.agent), await signIn(relay, relay.a.agent)];
    const sessionOf = (cookie: string) => hashSessionToken(decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)));
    // Ids and hashes are the server's own hex, so inlining them is safe.
    await relay.database.db.execute(
      `UPDATE sessions SET expires_at = now() + interval '4 seconds' WHERE token_hash = '${sessionOf(short)}'`,
    );
    const expiring = await openConsole(short);
    const staying = await openConsole(long);

    await eventually(() => expiring.closeCode !== null, 'the expiring socket closed', 30_000);
    expect(expiring.closeCode).toBe(4401);
    expect(expiring.frames.find((frame) => frame.type === 'error')).toMatchObject({ code: 'unauthorized' });

    staying.send(JSON.stringify({ type: 'ping', ts: 1 }));
    expect(await staying.next('pong')).toMatchObject({ ts: 1 });
    expect(staying.closeCode).toBeNull();
    // And the expired cookie no longer opens one.
    const refused = await fetch(`${relay.baseUrl}/v1/auth/me`, { headers: { cookie: short } });
    expect(refused.status).toBe(401);
  });
});
