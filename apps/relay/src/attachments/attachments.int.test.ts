/**
 * Attachments through a real relay, on PGlite and on real Postgres + Redis: uploads from the
 * widget (visitor token, CORS for the site's origins) and the console (session), the download
 * headers that keep a file from running, access limited to its visitor and its workspace, and
 * typed refusals for oversize and forbidden files, which leave nothing stored.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_VERSION, WS_PATHS } from '@parley/protocol';
import { createTestDatabase, postgresUrl, redisUrl } from '@parley/test-services';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelay, type RelayUnderTest, type SeededWorkspace } from '../testing/relay-harness';
import { eventually, RawSocket, signIn } from '../testing/test-clients';

const MAX_BYTES = 4096;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR and the rest of a tiny picture')]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"></svg>');

const backends = [
  { name: 'PGlite + in-process bus', available: true, database: async () => ({ env: {}, drop: async () => {} }) },
  {
    name: 'Postgres + Redis',
    available: Boolean(postgresUrl() && redisUrl()),
    database: async () => {
      const database = await createTestDatabase(postgresUrl()!);
      return { env: { databaseUrl: database.url, redisUrl: redisUrl()! }, drop: () => database.drop() };
    },
  },
];

describe.each(backends.filter((backend) => backend.available))('attachments ($name)', (backend) => {
  let relay: RelayUnderTest;
  let drop: () => Promise<void>;
  let dir: string;
  const sockets: RawSocket[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-attachments-'));
    const database = await backend.database();
    drop = database.drop;
    relay = await startRelay({ ...database.env, env: { ATTACHMENTS_DIR: dir, ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  async function visitor(site: SeededWorkspace = relay.a): Promise<{ socket: RawSocket; token: string }> {
    const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.widget}?siteKey=${site.siteKey}`, { origin: site.origin });
    sockets.push(socket);
    await socket.opened;
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    return { socket, token: (await socket.next('welcome')).token as string };
  }

  function form(data: Buffer, name: string, declaredType: string): FormData {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(data)], { type: declaredType }), name);
    return body;
  }

  function widgetUpload(site: SeededWorkspace, token: string | null, query: Record<string, string>, body: FormData, origin = site.origin) {
    const params = new URLSearchParams({ siteKey: site.siteKey, ...query });
    return fetch(`${relay.baseUrl}/v1/widget/attachments?${params}`, {
      method: 'POST',
      headers: { origin, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
  }

  const widgetDownload = (site: SeededWorkspace, token: string, id: string) =>
    fetch(`${relay.baseUrl}/v1/widget/attachments/${id}?siteKey=${site.siteKey}`, { headers: { origin: site.origin, authorization: `Bearer ${token}` } });

  it('carries a visitor image to the agent and back, with headers that let nothing run', async () => {
    const guest = await visitor();
    const cookie = await signIn(relay, relay.a.agent);

    // Declared as HTML with a .html name: the relay goes by the content alone.
    const uploaded = await widgetUpload(relay.a, guest.token, { clientId: 'f1' }, form(PNG, 'photo.html', 'text/html'));
    expect(uploaded.status).toBe(201);
    expect(uploaded.headers.get('access-control-allow-origin')).toBe(relay.a.origin);
    const reply = (await uploaded.json()) as { attachment: { id: string; name: string; type: string; size: number }; conversationId: string; seq: number };
    expect(reply.attachment).toMatchObject({ name: 'photo.html', type: 'image/png', size: PNG.length });
    expect(reply.seq).toBe(1);

    // The message carries the metadata, on the visitor's socket (all tabs)...
    const created = await guest.socket.next('message.created');
    expect(created.message).toMatchObject({ conversationId: reply.conversationId, body: 'photo.html', attachment: reply.attachment });
    // ...and for the agent, in the conversation's history.
    const messages = await fetch(`${relay.baseUrl}/v1/conversations/${reply.conversationId}/messages`, { headers: { cookie } });
    expect(((await messages.json()) as { messages: unknown[] }).messages).toEqual([expect.objectContaining({ attachment: reply.attachment })]);

    for (const response of [
      await widgetDownload(relay.a, guest.token, reply.attachment.id),
      await fetch(`${relay.baseUrl}/v1/attachments/${reply.attachment.id}`, { headers: { cookie } }),
    ]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('content-disposition')).toBe(`inline; filename="photo.html"; filename*=UTF-8''photo.html`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
    }

    // A resend of the same upload (same clientId) stores nothing twice.
    const again = await widgetUpload(relay.a, guest.token, { clientId: 'f1' }, form(PNG, 'photo.html', 'image/png'));
    expect(((await again.json()) as { attachment: { id: string } }).attachment.id).toBe(reply.attachment.id);
    expect(await readdir(dir)).toEqual([reply.attachment.id]);
  });

  it('lets an agent send a PDF, which is served only as a download', async () => {
    const guest = await visitor();
    guest.socket.send(JSON.stringify({ type: 'message.send', clientId: 'm1', body: 'Can I have the invoice?' }));
    const conversationId = (await guest.socket.next('message.ack')).conversationId as string;
    const cookie = await signIn(relay, relay.a.agent);
    const uploaded = await fetch(`${relay.baseUrl}/v1/attachments?conversationId=${conversationId}&clientId=a1`, {
      method: 'POST',
      headers: { cookie },
      body: form(PDF, 'Rechnung März.pdf', 'application/octet-stream'),
    });
    expect(uploaded.status).toBe(201);
    const { attachment } = (await uploaded.json()) as { attachment: { id: string; type: string } };
    expect(attachment.type).toBe('application/pdf');
    await eventually(() => guest.socket.frames.some((f) => f.type === 'message.created' && (f.message as { attachment?: unknown }).attachment !== undefined), 'the file, live, to the visitor');

    const download = await widgetDownload(relay.a, guest.token, attachment.id);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Rechnung M_rz.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf`);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('refuses other visitors, other workspaces, foreign origins and missing tokens', async () => {
    const owner = await visitor();
    const uploaded = await widgetUpload(relay.a, owner.token, { clientId: 'f1' }, form(PNG, 'mine.png', 'image/png'));
    const { attachment, conversationId } = (await uploaded.json()) as { attachment: { id: string }; conversationId: string };

    const stranger = await visitor();
    expect(await (await widgetDownload(relay.a, stranger.token, attachment.id)).json()).toMatchObject({ code: 'not_found' });
    // Nor may a stranger post a file into someone else's conversation.
    const intrusion = await widgetUpload(relay.a, stranger.token, { clientId: 'x1', conversationId }, form(PNG, 'x.png', 'image/png'));
    expect(intrusion.status).toBe(404);

    const otherSite = await visitor(relay.b);
    expect((await widgetDownload(relay.b, otherSite.token, attachment.id)).status).toBe(404);
    // A site-A token with site B's key is not a visitor of B.
    expect((await widgetDownload(relay.b, owner.token, attachment.id)).status).toBe(401);
    const cookieB = await signIn(relay, relay.b.agent);
    expect((await fetch(`${relay.baseUrl}/v1/attachments/${attachment.id}`, { headers: { cookie: cookieB } })).status).toBe(404);
    expect((await fetch(`${relay.baseUrl}/v1/attachments/${attachment.id}`)).status).toBe(401);

    const foreign = await widgetUpload(relay.a, owner.token, { clientId: 'f2' }, form(PNG, 'a.png', 'image/png'), 'http://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(await foreign.json()).toMatchObject({ code: 'forbidden_origin' });
    const anonymous = await widgetUpload(relay.a, null, { clientId: 'f3' }, form(PNG, 'a.png', 'image/png'));
    expect(await anonymous.json()).toMatchObject({ code: 'unauthorized' });

    const preflight = await fetch(`${relay.baseUrl}/v1/widget/attachments?siteKey=${relay.a.siteKey}&clientId=f4`, {
      method: 'OPTIONS',
      headers: { origin: relay.a.origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(relay.a.origin);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization');
    expect(await readdir(dir)).toEqual([attachment.id]);
  });

  it('refuses oversize and forbidden files with typed errors the widget can read, storing nothing', async () => {
    const guest = await visitor();
    const oversize = await widgetUpload(relay.a, guest.token, { clientId: 'big' }, form(Buffer.concat([PNG, Buffer.alloc(MAX_BYTES)]), 'big.png', 'image/png'));
    expect(oversize.status).toBe(413);
    expect(oversize.headers.get('access-control-allow-origin')).toBe(relay.a.origin);
    expect(await oversize.json()).toMatchObject({ code: 'attachment_too_large' });

    const svg = await widgetUpload(relay.a, guest.token, { clientId: 'svg' }, form(SVG, 'cat.png', 'image/png'));
    expect(svg.status).toBe(415);
    expect(await svg.json()).toMatchObject({ code: 'attachment_type_refused' });

    const noFile = new FormData();
    noFile.append('note', 'hello');
    expect((await widgetUpload(relay.a, guest.token, { clientId: 'nf' }, noFile)).status).toBeGreaterThanOrEqual(400);
    const notMultipart = await fetch(`${relay.baseUrl}/v1/widget/attachments?siteKey=${relay.a.siteKey}&clientId=j1`, {
      method: 'POST',
      headers: { origin: relay.a.origin, authorization: `Bearer ${guest.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await notMultipart.json()).toMatchObject({ code: 'validation_failed' });
    const badQuery = await widgetUpload(relay.a, guest.token, { clientId: 'not a valid id!' }, form(PNG, 'a.png', 'image/png'));
    expect(await badQuery.json()).toMatchObject({ code: 'validation_failed' });

    expect(await readdir(dir)).toEqual([]);
    // Nothing was said in any conversation either.
    expect(guest.socket.frames.filter((f) => f.type === 'message.created')).toEqual([]);
  });
});
