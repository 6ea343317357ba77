/**
 * Bad input never crashes the relay or silently vanishes: every case gets the documented error
 * frame or a refused upgrade, and the relay keeps serving everyone else.
 */
import { LIMITS, PROTOCOL_VERSION, WS_PATHS } from '@parley/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayUnderTest } from '../testing/relay-harness';
import { connectVisitor, eventually, RawSocket, signIn } from '../testing/test-clients';

describe('bad input on the sockets', () => {
  let relay: RelayUnderTest;
  const sockets: RawSocket[] = [];

  // One relay for the file: every case uses its own sockets and visitors, and the point of
  // several cases is that the same relay keeps serving after the others.
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await relay.close();
  });

  function visitorSocket(siteKey = relay.a.siteKey, origin = relay.a.origin): RawSocket {
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.widget}?siteKey=${encodeURIComponent(siteKey)}`, { origin });
    sockets.push(socket);
    return socket;
  }

  async function helloedVisitor(): Promise<RawSocket> {
    const socket = visitorSocket();
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await socket.next('welcome');
    return socket;
  }

  async function expectRelayStillServes(): Promise<void> {
    const visitor = connectVisitor(relay, relay.a);
    await visitor.welcome;
    visitor.client.sendMessage({ body: 'still here?' });
    await eventually(() => visitor.messages.length === 1, 'relay still serves a healthy visitor');
    visitor.client.close();
  }

  it('answers non-JSON with bad_json and keeps the socket', async () => {
    const socket = await helloedVisitor();
    socket.send('this is { not json');
    expect(await socket.next('error')).toMatchObject({ code: 'bad_json' });
    socket.send(JSON.stringify({ type: 'ping', ts: 1 }));
    expect(await socket.next('pong')).toMatchObject({ ts: 1 });
  });

  it('answers an unknown frame type with unknown_frame naming it', async () => {
    const socket = await helloedVisitor();
    socket.send(JSON.stringify({ type: 'conversation.delete', conversationId: 'x' }));
    expect(await socket.next('error')).toMatchObject({ code: 'unknown_frame', ref: 'conversation.delete' });
    socket.send(JSON.stringify([1, 2, 3]));
    expect(await socket.next('error')).toMatchObject({ code: 'invalid_frame' });
  });

  it('answers a malformed message.send with invalid_frame naming the field and the clientId', async () => {
    const socket = await helloedVisitor();
    socket.send(JSON.stringify({ type: 'message.send', clientId: 'c-1', body: '   ' }));
    const error = await socket.next('error');
    expect(error).toMatchObject({ code: 'invalid_frame', ref: 'c-1' });
    expect(String(error.message)).toContain('/body');
    socket.send(JSON.stringify({ type: 'message.send', clientId: 'c-2', body: 'x'.repeat(LIMITS.maxBodyLength + 1) }));
    expect(await socket.next('error')).toMatchObject({ code: 'invalid_frame', ref: 'c-2' });
  });

  it('refuses an oversize frame with frame_too_large and keeps serving the socket', async () => {
    const socket = await helloedVisitor();
    socket.send(JSON.stringify({ type: 'message.send', clientId: 'big', body: 'x'.repeat(LIMITS.maxFrameBytes) }));
    expect(await socket.next('error')).toMatchObject({ code: 'frame_too_large', ref: 'big' });
    socket.send(JSON.stringify({ type: 'ping' }));
    await socket.next('pong');
  });

  it('closes a socket that sends a frame beyond the hard limit (1009) and keeps serving others', async () => {
    const socket = await helloedVisitor();
    socket.send(Buffer.alloc(2 * 1024 * 1024, 0x61));
    await eventually(() => socket.closeCode !== null, 'socket closed');
    expect(socket.closeCode).toBe(1009);
    await expectRelayStillServes();
  });

  it('requires hello first', async () => {
    const socket = visitorSocket();
    await socket.opened;
    socket.send(JSON.stringify({ type: 'message.send', clientId: 'early', body: 'hi' }));
    expect(await socket.next('error')).toMatchObject({ code: 'hello_required', ref: 'message.send' });
  });

  it('answers a protocol version it does not speak with incompatible and close 4426', async () => {
    const socket = visitorSocket();
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION + 1 }));
    expect(await socket.next('incompatible')).toMatchObject({ protocolVersion: PROTOCOL_VERSION });
    await eventually(() => socket.closeCode !== null, 'closed');
    expect(socket.closeCode).toBe(4426);
  });

  it('refuses a forged or foreign-site visitor token with unauthorized and close 4401', async () => {
    const visitor = connectVisitor(relay, relay.a);
    await visitor.welcome;
    const token = visitor.token()!;
    visitor.client.close();

    const forged = visitorSocket();
    await forged.opened;
    forged.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token: `${token.slice(0, -4)}AAAA` }));
    expect(await forged.next('error')).toMatchObject({ code: 'unauthorized' });
    await eventually(() => forged.closeCode !== null, 'closed');
    expect(forged.closeCode).toBe(4401);

    // Site A's token presented on site B: the signature binds it to site A.
    const replayed = visitorSocket(relay.b.siteKey, relay.b.origin);
    await replayed.opened;
    replayed.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token }));
    expect(await replayed.next('error')).toMatchObject({ code: 'unauthorized' });
    await expectRelayStillServes();
  });

  it('refuses the visitor upgrade for an unknown site key (404) and a foreign Origin (403)', async () => {
    expect(await visitorSocket('pk_does_not_exist').failedUpgrade).toBe(404);
    expect(await visitorSocket(relay.a.siteKey, 'http://evil.example').failedUpgrade).toBe(403);
    expect(await visitorSocket(relay.a.siteKey, relay.b.origin).failedUpgrade).toBe(403);
    await expectRelayStillServes();
  });

  it('refuses the agent upgrade without a session (401) and from a foreign Origin even with a valid cookie (403)', async () => {
    const cookie = await signIn(relay, relay.a.agent);
    const url = `${relay.wsUrl}${WS_PATHS.console}`;
    const noCookie = new RawSocket(url, { origin: relay.baseUrl });
    const foreign = new RawSocket(url, { origin: relay.a.origin, cookie });
    const forgedCookie = new RawSocket(url, { origin: relay.baseUrl, cookie: 'parley_session=forged' });
    sockets.push(noCookie, foreign, forgedCookie);
    expect(await noCookie.failedUpgrade).toBe(401);
    expect(await foreign.failedUpgrade).toBe(403);
    expect(await forgedCookie.failedUpgrade).toBe(401);
    const good = new RawSocket(url, { origin: relay.baseUrl, cookie });
    sockets.push(good);
    expect(await good.failedUpgrade).toBeNull();
  });

  it('answers a REST body that does not match its schema with validation_failed', async () => {
    const response = await fetch(`${relay.baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 42 }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed' });
    const notJson = await fetch(`${relay.baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: 'validation_failed' });
  });
});
