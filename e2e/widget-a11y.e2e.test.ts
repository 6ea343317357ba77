/**
 * What only a real browser can tell about the widget as a visitor meets it: axe-core on the open
 * widget (open shadow roots included), a keyboard-only chat, Arabic laid out right to left (with a
 * screenshot in .test-work/ to look at), the full-screen panel on a phone-sized viewport, dark
 * mode from the system or fixed by the site, and reduced motion.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromiumPath } from '@parley/test-services';
import axe from 'axe-core';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startParleyStack, type ParleyStack } from './parley-stack';

const chromium = chromiumPath();
const workDir = path.resolve(import.meta.dirname, '../.test-work');

/** WCAG 2.0–2.2 A and AA: what the issue promises (axe's best-practice rules are advice, not AA). */
const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown; failureSummary?: string }[];
}

describe.skipIf(!chromium)('the widget for every visitor, in Chromium', () => {
  let stack: ParleyStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startParleyStack();
    browser = await launchChromium(chromium!);
    await mkdir(workDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /**
   * Opens the demo host page in a fresh context. `snippetAttributes` stands in for a site owner who
   * added `s.setAttribute(...)` lines to the pasted snippet: they go on the loader's script element
   * as the snippet inserts it, before the loader runs.
   */
  async function visit(options: BrowserContextOptions = {}, snippetAttributes: Record<string, string> = {}): Promise<Page> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    if (Object.keys(snippetAttributes).length > 0) {
      await page.addInitScript((attributes) => {
        new MutationObserver((records, observer) => {
          for (const node of records.flatMap((record) => [...record.addedNodes])) {
            if (!(node instanceof HTMLScriptElement) || !node.hasAttribute('data-site-key')) continue;
            for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      }, snippetAttributes);
    }
    await page.goto(stack.demoUrl);
    return page;
  }

  /** Opens the chat by clicking the bubble (named `label`) and waits until it is ready to type in. */
  async function openChat(page: Page, label = 'Open chat'): Promise<void> {
    await page.getByRole('button', { name: label }).click();
    await page.locator('parley-chat textarea').waitFor();
    await settled(page);
  }

  /** Waits for the panel's opening animation (if motion is allowed) to finish, so nothing is mid-fade. */
  async function settled(page: Page): Promise<void> {
    await page.evaluate(async () => {
      const panel = document.querySelector('parley-chat')?.shadowRoot?.querySelector('[part=panel]');
      await Promise.all((panel?.getAnimations() ?? []).map((animation) => animation.finished));
    });
  }

  async function send(page: Page, text: string, label = 'Message'): Promise<void> {
    const composer = page.getByRole('textbox', { name: label, exact: true });
    await composer.fill(text);
    await composer.press('Enter');
    await page.locator('parley-chat [data-status="sent"]', { hasText: text }).waitFor();
  }

  /** Runs axe on the launcher and the chat; `insideShadow` counts checked nodes inside their shadow roots. */
  async function runAxe(page: Page): Promise<{ violations: AxeViolation[]; insideShadow: number }> {
    await page.evaluate(axe.source);
    return page.evaluate(async (tags) => {
      const result = await window.axe.run({ include: [['parley-launcher'], ['parley-chat']] }, { runOnly: { type: 'tag', values: tags } });
      return {
        violations: result.violations.map(({ id, help, nodes }) => ({
          id,
          help,
          nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
        })),
        // A node in a shadow root is targeted as [host selector, selector inside].
        insideShadow: result.passes.flatMap((rule) => rule.nodes).filter((node) => Array.isArray(node.target[0])).length,
      };
    }, WCAG_AA_TAGS);
  }

  const panelStyle = (page: Page, property: string) =>
    page.evaluate((name) => {
      const panel = document.querySelector('parley-chat')!.shadowRoot!.querySelector('[part=panel]')!;
      return getComputedStyle(panel).getPropertyValue(name);
    }, property);

  it('has no WCAG 2.2 A/AA violations on the open widget, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await visit({ colorScheme });
      await openChat(page);
      await send(page, `Checking the ${colorScheme} widget`);
      const { violations, insideShadow } = await runAxe(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      // axe did look inside the shadow roots, not just at the two empty-looking hosts.
      expect(insideShadow).toBeGreaterThan(10);
      await page.context().close();
    }
  });

  it('works with the keyboard alone: Tab, Enter, type and send, Escape back to the bubble, Space', async () => {
    const page = await visit();
    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        const inner = active?.shadowRoot?.activeElement;
        return { host: active?.tagName.toLowerCase(), inner: inner?.getAttribute('part') ?? inner?.tagName.toLowerCase() };
      });

    for (let presses = 0; presses < 10 && (await focused()).host !== 'parley-launcher'; presses++) await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ host: 'parley-launcher', inner: 'launcher' });
    // Keyboard focus shows a ring (:focus-visible), not just the browser's default.
    const ring = await page.evaluate(() => {
      const button = document.querySelector('parley-launcher')!.shadowRoot!.querySelector('button')!;
      const style = getComputedStyle(button);
      return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor };
    });
    expect(ring).toEqual({ style: 'solid', width: '3px', color: 'rgb(29, 78, 216)' });

    await page.keyboard.press('Enter');
    await page.locator('parley-chat[open]').waitFor();
    await expect.poll(focused).toEqual({ host: 'parley-chat', inner: 'input' });
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await page.locator('parley-chat [data-status="sent"]', { hasText: 'Typed without a mouse' }).waitFor();
    // The log announces new messages politely.
    const log = page.getByRole('log');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    expect(await log.getByText('Typed without a mouse').count()).toBe(1);

    await page.keyboard.press('Escape');
    await page.locator('parley-chat:not([open])').waitFor({ state: 'attached' });
    expect(await focused()).toEqual({ host: 'parley-launcher', inner: 'launcher' });
    expect(await page.getByRole('button', { name: 'Open chat' }).getAttribute('aria-expanded')).toBe('false');

    await page.keyboard.press('Space');
    await page.locator('parley-chat[open]').waitFor();
    await expect.poll(focused).toEqual({ host: 'parley-chat', inner: 'input' });
    // Backwards through the panel: the message history (focusable, so it scrolls by keyboard), then Close.
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toEqual({ host: 'parley-chat', inner: 'log' });
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toEqual({ host: 'parley-chat', inner: 'close' });
    await page.keyboard.press('Enter');
    await page.locator('parley-chat:not([open])').waitFor({ state: 'attached' });
    expect(await focused()).toEqual({ host: 'parley-launcher', inner: 'launcher' });
    await page.context().close();
  });

  it('speaks Arabic right to left for a browser set to Arabic, visitor bubbles on the inline-end (left) side', async () => {
    const page = await visit({ locale: 'ar', viewport: { width: 1024, height: 720 } });
    await openChat(page, 'افتح المحادثة');
    await send(page, 'مرحبا، هل تشحنون إلى عمّان؟', 'الرسالة');

    const layout = await page.evaluate(() => {
      const chat = document.querySelector('parley-chat')!;
      const root = chat.shadowRoot!;
      const box = (element: Element) => element.getBoundingClientRect();
      const panel = root.querySelector('[part=panel]')!;
      return {
        dir: panel.getAttribute('dir'),
        lang: panel.getAttribute('lang'),
        panel: box(panel).toJSON() as DOMRect,
        visitor: box(root.querySelector('[part~=message-visitor]')!).toJSON() as DOMRect,
        greeting: box(root.querySelector('.greeting') ?? root.querySelector('[part=log]')!).toJSON() as DOMRect,
        input: box(root.querySelector('textarea')!).toJSON() as DOMRect,
        send: box(root.querySelector('[part=send]')!).toJSON() as DOMRect,
        launcher: box(document.querySelector('parley-launcher')!).toJSON() as DOMRect,
        viewportWidth: window.innerWidth,
      };
    });
    expect(layout.dir).toBe('rtl');
    expect(layout.lang).toBe('ar');
    // Mirrored: the widget sits in the bottom-left corner, the visitor's bubble hugs the left,
    // the agent's greeting the right, and the send button is left of the text box.
    expect(layout.launcher.left).toBeLessThan(layout.viewportWidth / 2);
    expect(layout.panel.left).toBeLessThan(layout.viewportWidth / 2);
    expect(layout.visitor.left - layout.panel.left).toBeLessThan(20);
    expect(layout.panel.right - layout.greeting.right).toBeLessThan(20);
    expect(layout.send.right).toBeLessThanOrEqual(layout.input.left);
    await page.screenshot({ path: path.join(workDir, 'widget-rtl-ar.png') });
    await page.context().close();
  });

  it('covers a 375px-wide phone screen when open, composer in view', async () => {
    const page = await visit({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    await page.getByRole('button', { name: 'Open chat' }).tap();
    await page.locator('parley-chat textarea').waitFor();
    await settled(page);
    const boxes = await page.evaluate(() => {
      const root = document.querySelector('parley-chat')!.shadowRoot!;
      return {
        host: document.querySelector('parley-chat')!.getBoundingClientRect().toJSON() as DOMRect,
        composer: root.querySelector('[part=composer]')!.getBoundingClientRect().toJSON() as DOMRect,
        viewport: { width: window.visualViewport!.width, height: window.visualViewport!.height },
      };
    });
    expect(boxes.host).toMatchObject({ x: 0, y: 0, width: boxes.viewport.width, height: boxes.viewport.height });
    expect(boxes.composer.bottom).toBeLessThanOrEqual(boxes.viewport.height);
    await page.screenshot({ path: path.join(workDir, 'widget-375.png') });
    await page.context().close();
  });

  it("follows the system's dark mode, and a site's data-theme overrides it", async () => {
    const light = await visit({ colorScheme: 'light' });
    await openChat(light);
    expect(await panelStyle(light, 'background-color')).toBe('rgb(255, 255, 255)');
    await light.context().close();

    const dark = await visit({ colorScheme: 'dark' });
    await openChat(dark);
    expect(await panelStyle(dark, 'background-color')).toBe('rgb(17, 24, 39)');
    expect(await panelStyle(dark, 'color')).toBe('rgb(243, 244, 246)');
    await dark.screenshot({ path: path.join(workDir, 'widget-dark.png') });
    await dark.context().close();

    const fixedLight = await visit({ colorScheme: 'dark' }, { 'data-theme': 'light' });
    await openChat(fixedLight);
    expect(await panelStyle(fixedLight, 'background-color')).toBe('rgb(255, 255, 255)');
    await fixedLight.context().close();
  });

  it("lets a site's data-lang pick the language over the browser's", async () => {
    const page = await visit({ locale: 'en-US' }, { 'data-lang': 'de' });
    await openChat(page, 'Chat öffnen');
    expect(await page.getByRole('textbox', { name: 'Nachricht', exact: true }).getAttribute('placeholder')).toBe('Nachricht schreiben…');
    await page.context().close();
  });

  it('animates the opening only for visitors who have not asked for reduced motion', async () => {
    const running = (page: Page) =>
      page.evaluate(() => document.querySelector('parley-chat')!.shadowRoot!.querySelector('[part=panel]')!.getAnimations().length);
    const still = await visit({ reducedMotion: 'reduce' });
    await still.getByRole('button', { name: 'Open chat' }).click();
    await still.locator('parley-chat textarea').waitFor();
    expect(await running(still)).toBe(0);
    expect(await panelStyle(still, 'animation-name')).toBe('none');
    await still.context().close();

    const moving = await visit({ reducedMotion: 'no-preference' });
    await moving.getByRole('button', { name: 'Open chat' }).click();
    await moving.locator('parley-chat textarea').waitFor();
    expect(await panelStyle(moving, 'animation-name')).toBe('parley-open');
    await moving.context().close();
  });
});

declare global {
  interface Window {
    axe: typeof axe;
  }
}
