/**
 * The Team screen in headless Chromium, on the relay's embedded defaults: the admin lowers their
 * own capacity to 0, so a visitor who writes waits in line; raising it in the same screen assigns
 * the waiting conversation at once (the capacity meter and the visitor's page both show it).
 */
import { chromiumPath } from '@parley/test-services';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signInToConsole, startParleyStack, type ParleyStack } from './parley-stack';

const chromium = chromiumPath();

describe.skipIf(!chromium)('the Team screen in Chromium', () => {
  let stack: ParleyStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startParleyStack();
    browser = await launchChromium(chromium!);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  it('an admin’s capacity change takes effect: zero queues the visitor, one assigns them', async () => {
    const admin = await newPage();
    await signInToConsole(admin, stack.consoleUrl);
    await admin.getByText(/0 \/ \d+ chats/).waitFor();

    await admin.getByRole('button', { name: 'Team', exact: true }).click();
    const screen = admin.getByRole('dialog', { name: 'Team' });
    const capacity = screen.getByRole('spinbutton', { name: /^Capacity of / });
    await capacity.fill('0');
    await screen.getByRole('button', { name: /^Save capacity of / }).click();
    await screen.getByRole('status').getByText(/can now hold 0 chats/).waitFor();
    await admin.getByText('0 / 0 chats').waitFor();

    const visitor = await newPage();
    await visitor.goto(stack.demoUrl);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const field = visitor.getByRole('textbox', { name: 'Message', exact: true });
    await field.fill('Do you rent canoes?');
    await field.press('Enter');
    await expect.poll(() => visitor.locator('[part="queue"]').textContent()).toContain('number 1 in line');

    await capacity.fill('1');
    await screen.getByRole('button', { name: /^Save capacity of / }).click();
    await admin.getByText('1 / 1 chats').waitFor();
    await expect.poll(() => visitor.locator('[part="queue"]').count()).toBe(0);
    await screen.press('Escape');
    await admin.locator('[role="tab"][data-view="mine"]').click();
    await admin.locator('button[data-conversation-id]', { hasText: 'Do you rent canoes?' }).waitFor();
  });
});
