/**
 * Site settings over REST (admins only, workspace-scoped, validated field by field), the loader's
 * config endpoint, the live push to open widgets, and the pre-chat form's checks on the socket.
 */
import { createAgent, getVisitor } from '@parley/db';
import type { SitePublic, SiteSettings } from '@parley/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords';
import { startRelay, type RelayUnderTest } from '../testing/relay-harness';
import { connectVisitor, eventually, signIn } from '../testing/test-clients';

describe('site settings', () => {
  let relay: RelayUnderTest;
  let admin: string;
  const cleanups: Array<() => void> = [];

  // One relay for the file (starting one per test costs seconds): the first test reads the
  // defaults, the others set what they rely on.
  beforeAll(async () => {
    relay = await startRelay();
    admin = await signIn(relay, relay.a.agent);
  });
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  afterAll(async () => {
    await relay.close();
  });

  const call = (cookie: string, method: string, path: string, body?: unknown) =>
    fetch(`${relay.baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const patch = (body: unknown, siteId = relay.a.siteId, cookie = admin) => call(cookie, 'PATCH', `/v1/sites/${siteId}`, body);

  it('lists and reads the workspace’s sites with their widget defaults, and no secret', async () => {
    const list = await call(admin, 'GET', '/v1/sites');
    expect(list.status).toBe(200);
    const { sites } = (await list.json()) as { sites: SiteSettings[] };
    expect(sites).toEqual([
      {
        id: relay.a.siteId,
        name: 'Site a',
        publicKey: relay.a.siteKey,
        greeting: 'Hello from a',
        color: '#4f46e5',
        allowedOrigins: [relay.a.origin],
        widget: {
          position: 'right',
          offsetX: 20,
          offsetY: 20,
          zIndex: 2147483000,
          launcherLabel: '',
          prechat: { name: 'off', email: 'off' },
          language: 'auto',
        },
      },
    ]);
    expect(JSON.stringify(sites)).not.toContain('secret');
    const one = await call(admin, 'GET', `/v1/sites/${relay.a.siteId}`);
    expect(((await one.json()) as { site: SiteSettings }).site).toEqual(sites[0]);
  });

  it('changes only the fields given, and keeps them', async () => {
    const response = await patch({
      color: '#0F766E',
      greeting: 'Ask us about tents',
      allowedOrigins: ['https://shop.example.com', 'http://localhost:8080'],
      widget: { position: 'left', offsetX: 0, offsetY: 48, launcherLabel: 'Chat with us', prechat: { name: 'optional', email: 'required' }, language: 'fr' },
    });
    expect(response.status).toBe(200);
    const { site } = (await response.json()) as { site: SiteSettings };
    expect(site).toMatchObject({
      name: 'Site a',
      color: '#0F766E',
      greeting: 'Ask us about tents',
      allowedOrigins: ['https://shop.example.com', 'http://localhost:8080'],
      widget: { position: 'left', offsetX: 0, offsetY: 48, zIndex: 2147483000, launcherLabel: 'Chat with us', prechat: { name: 'optional', email: 'required' }, language: 'fr' },
    });
    await patch({ widget: { zIndex: 10 } });
    const again = (await (await call(admin, 'GET', `/v1/sites/${relay.a.siteId}`)).json()) as { site: SiteSettings };
    expect(again.site).toEqual({ ...site, widget: { ...site.widget, zIndex: 10 } });
    // The page origin the widget tests below connect from.
    expect((await patch({ allowedOrigins: [relay.a.origin] })).status).toBe(200);
  });

  it.each([
    ['a colour that is not #rrggbb', { color: 'red' }, 'color'],
    ['a short hex colour', { color: '#fff' }, 'color'],
    ['an origin with a path', { allowedOrigins: ['https://shop.example.com', 'https://shop.example.com/cart'] }, 'allowedOrigins.1'],
    ['an origin with a trailing slash', { allowedOrigins: ['https://shop.example.com/'] }, 'allowedOrigins.0'],
    ['an origin that is not a URL', { allowedOrigins: ['shop.example.com'] }, 'allowedOrigins.0'],
    ['an origin with another scheme', { allowedOrigins: ['ftp://shop.example.com'] }, 'allowedOrigins.0'],
    ['a negative offset', { widget: { offsetX: -1 } }, 'widget.offsetX'],
    ['an offset past the limit', { widget: { offsetY: 401 } }, 'widget.offsetY'],
    ['a fractional offset', { widget: { offsetY: 1.5 } }, 'widget.offsetY'],
    ['a z-index past 32 bits', { widget: { zIndex: 2147483648 } }, 'widget.zIndex'],
    ['an unknown position', { widget: { position: 'top' } }, 'widget.position'],
    ['an unknown pre-chat mode', { widget: { prechat: { name: 'maybe', email: 'off' } } }, 'widget.prechat.name'],
    ['a language the widget lacks', { widget: { language: 'xx' } }, 'widget.language'],
    ['a launcher label too long', { widget: { launcherLabel: 'x'.repeat(41) } }, 'widget.launcherLabel'],
    ['an unknown field', { secret: 'mine' }, 'secret'],
  ])('refuses %s with validation_failed naming the field, and changes nothing', async (_case, body, field) => {
    const read = async () => ((await (await call(admin, 'GET', `/v1/sites/${relay.a.siteId}`)).json()) as { site: SiteSettings }).site;
    const before = await read();
    const response = await patch(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', ref: field });
    expect(await read()).toEqual(before);
  });

  it('is for admins only: agents and supervisors get forbidden, even with a bad body', async () => {
    for (const role of ['agent', 'supervisor'] as const) {
      const email = `${role}@a.example.test`;
      await createAgent(relay.database.db, relay.a.workspaceId, { email, name: role, role, passwordHash: await hashPassword('a long enough password') });
      const cookie = await signIn(relay, { email, password: 'a long enough password' });
      for (const [method, path, body] of [
        ['GET', '/v1/sites', undefined],
        ['GET', `/v1/sites/${relay.a.siteId}`, undefined],
        ['PATCH', `/v1/sites/${relay.a.siteId}`, { color: '#000000' }],
        ['PATCH', `/v1/sites/${relay.a.siteId}`, { color: 'nope' }],
      ] as const) {
        const response = await call(cookie, method, path, body);
        expect(response.status, `${role} ${method} ${path}`).toBe(403);
        expect(await response.json()).toMatchObject({ code: 'forbidden' });
      }
    }
    const anonymous = await fetch(`${relay.baseUrl}/v1/sites`);
    expect(anonymous.status).toBe(401);
  });

  it('answers not_found for another workspace’s site, like a missing one, and changes nothing there', async () => {
    for (const siteId of [relay.b.siteId, '00000000-0000-4000-8000-000000000000']) {
      expect((await call(admin, 'GET', `/v1/sites/${siteId}`)).status).toBe(404);
      const response = await patch({ color: '#000000' }, siteId);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'not_found' });
    }
    const { sites } = (await (await call(admin, 'GET', '/v1/sites')).json()) as { sites: SiteSettings[] };
    expect(sites.map((site) => site.id)).toEqual([relay.a.siteId]);
    const ownerOfB = await signIn(relay, relay.b.agent);
    const b = (await (await call(ownerOfB, 'GET', `/v1/sites/${relay.b.siteId}`)).json()) as { site: SiteSettings };
    expect(b.site.color).toBe('#4f46e5');
    expect(b.site.allowedOrigins).toEqual([relay.b.origin]);
  });

  it('serves the loader its config, readable only by the site’s own origins', async () => {
    await patch({ color: '#fde047', widget: { position: 'left', offsetX: 12, offsetY: 30, zIndex: 5, launcherLabel: 'Help', language: 'de' } });
    const url = `${relay.baseUrl}/v1/widget/config?siteKey=${relay.a.siteKey}`;
    const own = await fetch(url, { headers: { origin: relay.a.origin } });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(relay.a.origin);
    // Ready to apply: a light colour gets a near-black icon.
    expect(await own.json()).toEqual({
      launcher: {
        style: 'inset:auto;inset-inline-start:12px;bottom:30px;z-index:5;--parley-site-color:#fde047;--parley-site-accent-text:#111827',
        label: 'Help',
        language: 'de',
      },
    });
    await patch({ color: '#4f46e5', widget: { position: 'right', offsetX: 20, offsetY: 20, zIndex: 2147483000, launcherLabel: '', language: 'auto' } });
    const auto = (await (await fetch(url)).json()) as { launcher: { language: string | null } };
    expect(auto.launcher.language).toBeNull();
    const foreign = await fetch(url, { headers: { origin: relay.b.origin } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const unknown = await fetch(`${relay.baseUrl}/v1/widget/config?siteKey=pk_nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'unknown_site' });
  });

  it('pushes site.updated to the site’s open widgets, and not to another site’s', async () => {
    const visitorA = connectVisitor(relay, relay.a);
    const visitorB = connectVisitor(relay, relay.b);
    cleanups.push(() => visitorA.client.close(), () => visitorB.client.close());
    const seenA: SitePublic[] = [];
    const seenB: SitePublic[] = [];
    visitorA.client.on('site.updated', (frame) => seenA.push(frame.site));
    visitorB.client.on('site.updated', (frame) => seenB.push(frame.site));
    await Promise.all([visitorA.welcome, visitorB.welcome]);
    expect((await patch({ color: '#be123c', greeting: 'New greeting', widget: { launcherLabel: 'Talk' } })).status).toBe(200);
    await eventually(() => seenA.length === 1, 'site.updated on the widget');
    expect(seenA[0]).toMatchObject({ name: 'Site a', color: '#be123c', greeting: 'New greeting', widget: { launcherLabel: 'Talk' } });
    // B's widget shares the node: a publish for A would have arrived by now, before this hello round trip.
    const late = connectVisitor(relay, relay.b);
    cleanups.push(() => late.client.close());
    await late.welcome;
    expect(seenB).toEqual([]);
  });

  describe('pre-chat form', () => {
    const refusals = (visitor: ReturnType<typeof connectVisitor>) => {
      const errors: Array<{ code: string; ref?: string }> = [];
      visitor.client.onError((error) => errors.push(error));
      return errors;
    };

    it('refuses a new conversation until a required field is given, then stores it on the visitor', async () => {
      await patch({ widget: { prechat: { name: 'optional', email: 'required' } } });
      const visitor = connectVisitor(relay, relay.a);
      cleanups.push(() => visitor.client.close());
      await visitor.welcome;
      const first = visitor.client.sendMessage({ body: 'hello?' });
      const refusal = () => visitor.client.pending().find((item) => item.clientId === first.clientId)?.error;
      await eventually(() => refusal() !== undefined, 'refused');
      expect(refusal()).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('email') });
      expect(visitor.messages).toEqual([]);

      visitor.client.send({ type: 'prechat.submit', email: 'ada@example.com' });
      visitor.client.sendMessage({ body: 'now?' });
      await eventually(() => visitor.messages.length === 1, 'accepted');
      const stored = await getVisitor(relay.database.db, relay.a.workspaceId, visitor.messages[0]!.author.id!);
      expect(stored).toMatchObject({ name: null, email: 'ada@example.com' });
    });

    it('refuses a malformed email on the socket, stores nothing, and lets optional fields be skipped', async () => {
      await patch({ widget: { prechat: { name: 'optional', email: 'optional' } } });
      const visitor = connectVisitor(relay, relay.a);
      cleanups.push(() => visitor.client.close());
      const errors = refusals(visitor);
      await visitor.welcome;
      visitor.client.send({ type: 'prechat.submit', name: 'Ada', email: 'ada@example' } as never);
      await eventually(() => errors.length === 1, 'refused');
      expect(errors[0]).toMatchObject({ code: 'invalid_frame' });
      visitor.client.sendMessage({ body: 'skipping the form' });
      await eventually(() => visitor.messages.length === 1, 'accepted without the form');
      expect(await getVisitor(relay.database.db, relay.a.workspaceId, visitor.messages[0]!.author.id!)).toMatchObject({ name: null, email: null });
    });

    it('shows the name in the agent’s inbox', async () => {
      await patch({ widget: { prechat: { name: 'required', email: 'off' } } });
      const visitor = connectVisitor(relay, relay.a);
      cleanups.push(() => visitor.client.close());
      await visitor.welcome;
      visitor.client.send({ type: 'prechat.submit', name: '  Grace Hopper ' });
      visitor.client.sendMessage({ body: 'hi' });
      await eventually(() => visitor.messages.length === 1, 'accepted');
      const list = await call(admin, 'GET', '/v1/conversations');
      const { conversations } = (await list.json()) as { conversations: Array<{ visitor: { name: string | null } }> };
      expect(conversations[0]?.visitor.name).toBe('Grace Hopper');
    });
  });
});
