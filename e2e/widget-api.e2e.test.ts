/**
 * The JS API as a site owner uses it, in Chromium, on pages of an allowed origin other than the
 * relay's (the demo origin, served here through Playwright routes so each test writes its own page
 * and headers): commands called before the loader arrives, identify with a good and a forged token,
 * a strict Content-Security-Policy, no globals beyond `Parley`, and the loader included twice.
 */
import { createHash, createHmac } from 'node:crypto';
import { chromiumPath } from '@parley/test-services';
import { renderSnippet } from '@parley/widget';
import { chromium as playwrightChromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, signInToConsole, startParleyStack, type ParleyStack } from './parley-stack';

const chromium = chromiumPath();

/** Waits for what the browser and relay settle on (a reply, a broadcast) for up to 10 s. */
const poll = <T,>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 100 });

/** An HS256 JWT made with node:crypto alone, as a site's backend without a JWT library could. */
function signJwt(claims: Record<string, unknown>, secret: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe.skipIf(!chromium)('the JS API in Chromium', () => {
  let stack: ParleyStack;
  let browser: Browser;
  let siteKey: string;
  let secret: string;
  let cookie: string;
  let hostOrigin: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startParleyStack();
    // Pages fulfilled by a Playwright route count as public-network pages, and Chromium's local
    // network access checks would then refuse them the relay on loopback; real sites and relays
    // are both public, so the check is off here.
    browser = await playwrightChromium.launch({
      executablePath: chromium!,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests',
        // Headless pages get no user gestures; the reply tone is counted, not heard.
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    // An origin the demo site allows; each test's page is served there by a route.
    hostOrigin = new URL(stack.demoUrl).origin;
    siteKey = /data-site-key',"([^"]+)"/.exec(await (await fetch(stack.demoUrl)).text())![1]!;
    const login = await fetch(`${stack.relay.baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const identity = (await (await fetch(`${stack.relay.baseUrl}/v1/identity/sites`, { headers: { cookie } })).json()) as {
      sites: { secret: string }[];
    };
    secret = identity.sites[0]!.secret;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** A page at `hostOrigin` + path with this body and these response headers, in a fresh context (a new device). */
  async function hostPage(body: string, headers: Record<string, string> = {}, context?: BrowserContext) {
    const ctx = context ?? (await browser.newContext());
    if (!context) contexts.push(ctx);
    const page = await ctx.newPage();
    const warnings: string[] = [];
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.exposeFunction('reportViolation', (what: string) => violations.push(what));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportViolation(what: string): void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const path = `/api-${Math.random().toString(36).slice(2)}.html`;
    await page.route(`${hostOrigin}${path}`, (route) =>
      route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body }),
    );
    await page.goto(`${hostOrigin}${path}`);
    return { page, warnings, violations, context: ctx };
  }

  function html(head: string, body = ''): string {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${head}</head><body><h1>Host page</h1>${body}</body></html>`;
  }

  const snippet = (nonce?: string) => renderSnippet({ relayOrigin: stack.relay.baseUrl, siteKey, ...(nonce ? { nonce } : {}) });

  async function send(page: Page, text: string) {
    const box = page.getByRole('textbox', { name: 'Message', exact: true });
    await box.fill(text);
    await box.press('Enter');
    await page.locator('[data-status="sent"]', { hasText: text }).waitFor();
  }

  async function visitorContext(visitorId: string) {
    const response = await fetch(`${stack.relay.baseUrl}/v1/visitors/${visitorId}`, { headers: { cookie } });
    return ((await response.json()) as { visitor: { externalId: string | null; name: string | null; attributes: Record<string, unknown> } }).visitor;
  }

  const visitorIdOf = async (page: Page) =>
    (await page.evaluate((key) => localStorage.getItem(`parley:${key}:token`), siteKey))!.split('.')[1]!;

  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  it('replays calls made before the loader arrived, in order, and reports events', async () => {
    const { page, warnings } = await hostPage(
      html(
        `${snippet()}<script>
          window.seen = [];
          Parley('on', 'open', function () { seen.push('open'); });
          Parley('on', 'close', function () { seen.push('close'); });
          Parley('set', { attributes: { plan: 'pro', seats: 12, trial: false } });
          Parley('open');
          Parley('close');
          Parley('toggle');
          Parley('launch-rockets');
        </script>`,
      ),
    );
    await page.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
    await page.waitForFunction(() => (window as unknown as { seen: string[] }).seen.length === 3);
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(['open', 'close', 'open']);
    expect(warnings.some((text) => text.includes('unknown command "launch-rockets"'))).toBe(true);

    await send(page, 'Hello with attributes');
    const visitor = await visitorContext(await visitorIdOf(page));
    expect(visitor.attributes).toEqual({ plan: 'pro', seats: 12, trial: false });

    // A bad call after load: a warning, never an exception in the page.
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.evaluate(() => {
      const parley = (window as unknown as { Parley: (...args: unknown[]) => void }).Parley;
      parley('set', { attributes: { nested: { no: 1 } } });
      parley('on', 'nope', 1);
    });
    await poll(() => warnings.filter((text) => text.includes('Parley')).length).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual([]);
  });

  it('identifies with a signed token: the anonymous conversation is kept and shows on another device', async () => {
    const laptop = await hostPage(html(snippet()));
    await laptop.page.getByRole('button', { name: 'Open chat' }).click();
    await send(laptop.page, 'Asked before signing in');
    const token = signJwt({ sub: 'customer-7', name: 'Grace Hopper', email: 'grace@example.com', exp: Math.floor(Date.now() / 1000) + 600 }, secret);
    await laptop.page.evaluate((jwt) => (window as unknown as { Parley: (...args: unknown[]) => void }).Parley('identify', { token: jwt }), token);
    await poll(async () => (await visitorContext(await visitorIdOf(laptop.page))).externalId).toBe('customer-7');
    expect(await laptop.page.getByRole('log').getByText('Asked before signing in').count()).toBe(1);

    // Another device: identify (HMAC form) before the widget loads, then open.
    const hash = createHmac('sha256', secret).update('customer-7').digest('hex');
    const phone = await hostPage(html(`${snippet()}<script>Parley('identify', { userId: 'customer-7', userHash: '${hash}' }); Parley('open');</script>`));
    await phone.page.getByRole('log').getByText('Asked before signing in').waitFor();
    await send(phone.page, 'Now from my phone');
    await laptop.page.getByRole('log').getByText('Now from my phone').waitFor();
    const visitor = await visitorContext(await visitorIdOf(phone.page));
    expect(visitor).toMatchObject({ externalId: 'customer-7', name: 'Grace Hopper' });

    // Logout on a single-page app: forget this device's visitor, start anonymous.
    await phone.page.evaluate(() => (window as unknown as { Parley: (...args: unknown[]) => void }).Parley('shutdown'));
    await poll(() => phone.page.getByRole('log').getByText('Now from my phone').count()).toBe(0);
    await poll(async () => (await visitorIdOf(phone.page)) !== visitor.externalId && (await visitorContext(await visitorIdOf(phone.page))).externalId).toBe(null);
  });

  it('refuses a forged or expired identify with a console warning; the visitor stays anonymous', async () => {
    const forged = signJwt({ sub: 'customer-7', exp: Math.floor(Date.now() / 1000) + 600 }, 'guessed-secret');
    const expired = signJwt({ sub: 'customer-7', exp: Math.floor(Date.now() / 1000) - 600 }, secret);
    for (const token of [forged, expired]) {
      const { page, warnings } = await hostPage(html(`${snippet()}<script>Parley('identify', { token: '${token}' }); Parley('open');</script>`));
      await page.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
      await poll(() => warnings.find((text) => text.includes('Identify refused'))).toBeTruthy();
      expect(await page.getByRole('log').getByText('Asked before signing in').count()).toBe(0);
      await send(page, 'Still anonymous');
      expect((await visitorContext(await visitorIdOf(page))).externalId).toBeNull();
    }
  });

  it('works under a strict CSP with the nonce form and the hash form of the snippet, adding only the Parley global', async () => {
    const relay = stack.relay.baseUrl;
    const connect = `connect-src ${relay} ${relay.replace(/^http/, 'ws')}`;
    const nonced = await hostPage(
      html(`<script nonce="n0nce">window.before = Object.keys(window);</script>${snippet('n0nce')}`),
      { 'content-security-policy': `default-src 'none'; script-src ${relay} 'nonce-n0nce'; ${connect}; style-src 'self'` },
    );
    await nonced.page.getByRole('button', { name: 'Open chat' }).click();
    await send(nonced.page, 'Hello from a strict page');
    const added = await nonced.page.evaluate(() => {
      const before = new Set((window as unknown as { before: string[] }).before);
      return Object.keys(window).filter((key) => !before.has(key) && key !== 'before');
    });
    expect(added).toEqual(['Parley']);
    expect(nonced.violations).toEqual([]);

    // The hash form: the snippet's script body, hashed, instead of a nonce.
    const plain = snippet();
    const body = /<script>([\s\S]*)<\/script>/.exec(plain)![1]!;
    const hash = createHash('sha256').update(body).digest('base64');
    const hashed = await hostPage(html(plain), { 'content-security-policy': `default-src 'none'; script-src ${relay} 'sha256-${hash}'; ${connect}` });
    await hashed.page.getByRole('button', { name: 'Open chat' }).click();
    await hashed.page.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
    expect(hashed.violations).toEqual([]);
  });

  it('keeps one bubble and one dispatcher when the snippet is pasted twice', async () => {
    const { page, warnings } = await hostPage(html(`${snippet()}${snippet()}<script>Parley('open');</script>`));
    await page.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('script[data-site-key]').length === 2);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('parley-launcher').count()).toBe(1);
    expect(await page.locator('parley-chat').count()).toBe(1);
    expect(warnings.filter((text) => text.includes('Parley'))).toEqual([]);
  });

  it('shares one socket and rings one tone per reply across two tabs, and reading in one clears the other', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    // Counts, per tab, the sockets opened and the tones played.
    await context.addInitScript(() => {
      const counts = ((window as unknown as { counts: { sockets: number; tones: number } }).counts = { sockets: 0, tones: 0 });
      const NativeSocket = window.WebSocket;
      window.WebSocket = class extends NativeSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          counts.sockets++;
        }
      };
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: [number?]) {
        counts.tones++;
        return start.apply(this, args);
      };
    });
    const first = await hostPage(html(snippet()), {}, context);
    await first.page.getByRole('button', { name: 'Open chat' }).click();
    await send(first.page, 'Two tabs, one question');
    await first.page.getByRole('button', { name: 'Close chat' }).click();
    // The second tab finds the conversation and loads the chat when idle, but waits for the socket.
    const second = await hostPage(html(snippet()), {}, context);
    await second.page.locator('parley-chat').waitFor({ state: 'attached' });

    const agent = await (await browser.newContext()).newPage();
    contexts.push(agent.context());
    await signInToConsole(agent, stack.consoleUrl);
    await agent.locator('[data-conversation-id]', { hasText: 'Two tabs, one question' }).click();
    await agent.getByRole('textbox', { name: 'Reply', exact: true }).fill('One answer');
    await agent.getByRole('textbox', { name: 'Reply', exact: true }).press('Enter');

    const counts = (page: Page) => page.evaluate(() => (window as unknown as { counts: { sockets: number; tones: number } }).counts);
    const badge = (page: Page) => page.locator('parley-launcher').locator('[part=badge]');
    await poll(async () => (await badge(second.page).textContent())?.trim()).toMatch(/^1\b/);
    await poll(async () => (await badge(first.page).textContent())?.trim()).toMatch(/^1\b/);
    await poll(async () => (await counts(first.page)).tones + (await counts(second.page)).tones).toBe(1);
    expect(await counts(first.page)).toMatchObject({ sockets: 1 });
    expect(await counts(second.page)).toMatchObject({ sockets: 0, tones: 0 });

    // Reading in one tab clears the badge in the other.
    await second.page.getByRole('button', { name: /Open chat/ }).click();
    await second.page.getByRole('log').getByText('One answer').waitFor();
    await poll(() => badge(first.page).isHidden()).toBe(true);

    await second.page.getByRole('button', { name: 'Close chat' }).click();
    await first.page.close();
    await agent.getByRole('textbox', { name: 'Reply', exact: true }).fill('Still here?');
    await agent.getByRole('textbox', { name: 'Reply', exact: true }).press('Enter');
    await poll(async () => (await badge(second.page).textContent())?.trim()).toMatch(/^1\b/);
    expect((await counts(second.page)).tones).toBe(1);
  });

  it('keeps the panel open and the draft across a reload, shares both with a second tab, and clears the draft everywhere once sent', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const box = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
    const draftKey = `parley:${siteKey}:draft`;
    const first = await hostPage(html(snippet()), {}, context);
    await first.page.getByRole('button', { name: 'Open chat' }).click();
    await send(first.page, 'A first question');
    await box(first.page).pressSequentially('And a second one, half writ');

    // A navigation: the chat comes back open by itself, with the words where they were.
    await first.page.reload();
    await poll(() => box(first.page).inputValue()).toBe('And a second one, half writ');
    expect(await first.page.locator('parley-chat').getAttribute('open')).not.toBeNull();

    // Another tab of the same visitor: open as well, with the same draft.
    const second = await hostPage(html(snippet()), {}, context);
    await poll(() => box(second.page).inputValue()).toBe('And a second one, half writ');
    await box(second.page).pressSequentially('ten');
    await poll(() => box(first.page).inputValue()).toBe('And a second one, half written');

    await box(second.page).press('Enter');
    await second.page.locator('[data-status="sent"]', { hasText: 'And a second one, half written' }).waitFor();
    await poll(() => box(first.page).inputValue()).toBe('');
    expect(await box(second.page).inputValue()).toBe('');
    expect(await first.page.evaluate((key) => localStorage.getItem(key), draftKey)).toBeNull();

    // Closing in one tab closes the other; the next page starts closed.
    await second.page.getByRole('button', { name: 'Close chat' }).click();
    await poll(() => first.page.locator('parley-chat').getAttribute('open')).toBeNull();
    await first.page.reload();
    await first.page.locator('parley-chat').waitFor({ state: 'attached' });
    expect(await first.page.locator('parley-chat').getAttribute('open')).toBeNull();
  });
});
