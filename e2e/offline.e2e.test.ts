/**
 * Messages typed while the network is gone survive a reload and arrive exactly once: the widget's
 * outbox lives in localStorage and every resend carries the same clientId.
 */
import { chromiumPath } from '@parley/test-services';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signInToConsole, startParleyStack, type ParleyStack } from './parley-stack';

const chromium = chromiumPath();

describe.skipIf(!chromium)('the widget offline', () => {
  let stack: ParleyStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startParleyStack();
    browser = await launchChromium(chromium!);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('keeps messages typed offline across a reload and delivers each once when back', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Lets the test hold the widget's socket closed after the reload, so the outbox must carry the messages.
    let socketsBlocked = false;
    await page.routeWebSocket(/\/v1\/widget\/ws/, (ws) => {
      if (socketsBlocked) ws.close();
      else ws.connectToServer();
    });
    await page.goto(stack.demoUrl);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const composer = page.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill('online before');
    await composer.press('Enter');
    await page.locator('[data-status="sent"]', { hasText: 'online before' }).waitFor();

    await context.setOffline(true);
    for (const text of ['typed offline one', 'typed offline two']) {
      await composer.fill(text);
      await composer.press('Enter');
      await page.locator('[data-status="sending"]', { hasText: text }).waitFor();
    }

    socketsBlocked = true;
    await context.setOffline(false);
    await page.reload();
    // Open before the reload, so open again after it (no click: that would toggle it closed).
    await composer.waitFor();
    // Still unsent after the reload: shown from the persisted outbox.
    await page.locator('[data-status="sending"]', { hasText: 'typed offline two' }).waitFor();

    socketsBlocked = false;
    await page.locator('[data-status="sent"]', { hasText: 'typed offline two' }).waitFor({ timeout: 45_000 });
    const log = page.getByRole('log');
    for (const text of ['online before', 'typed offline one', 'typed offline two']) {
      await expect.poll(() => log.getByText(text, { exact: true }).count()).toBe(1);
    }
    expect(await log.locator('[data-status="sending"]').count()).toBe(0);

    // The agent's transcript has each exactly once, in the order typed.
    const agentPage = await (await browser.newContext()).newPage();
    await signInToConsole(agentPage, stack.consoleUrl);
    await agentPage.locator('[data-conversation-id]').first().click();
    const transcript = agentPage.getByRole('log');
    await transcript.getByText('typed offline two', { exact: true }).waitFor();
    const bodies = await transcript.locator('[data-seq]').allInnerTexts();
    const order = ['online before', 'typed offline one', 'typed offline two'].map((text) =>
      bodies.findIndex((body) => body.includes(text)),
    );
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const text of ['online before', 'typed offline one', 'typed offline two']) {
      expect(bodies.filter((body) => body.includes(text))).toHaveLength(1);
    }
    await context.close();
  });
});
