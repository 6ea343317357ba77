/**
 * The agent's tools in Chromium: an internal note stays in the console — the visitor's page never
 * shows it, live or after a reload — while the reply right after it arrives; and a canned response
 * is inserted with `/` in the composer, its placeholder filled.
 */
import { chromiumPath } from '@parley/test-services';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signInToConsole, startParleyStack, type ParleyStack } from './parley-stack';

const chromium = chromiumPath();
const NOTE = 'SECRET-NOTE: refund already issued twice';

describe.skipIf(!chromium)('notes and canned responses in Chromium', () => {
  let stack: ParleyStack;
  let browser: Browser;
  let visitorContext: BrowserContext;
  let agentContext: BrowserContext;
  let visitor: Page;
  let agent: Page;

  beforeAll(async () => {
    stack = await startParleyStack();
    browser = await launchChromium(chromium!);
    visitorContext = await browser.newContext();
    agentContext = await browser.newContext();
    visitor = await visitorContext.newPage();
    agent = await agentContext.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const message = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });

  it('keeps a note off the visitor page while the reply arrives, and inserts a canned response with /', async () => {
    await visitor.goto(stack.demoUrl);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    await message(visitor).fill('Has my order shipped?');
    await message(visitor).press('Enter');
    await visitor.locator('[data-status="sent"]', { hasText: 'Has my order shipped?' }).waitFor();

    await signInToConsole(agent, stack.consoleUrl);
    await agent.locator('[data-conversation-id]').first().waitFor();
    // A team canned response, made over REST with the agent's session, then the console reloaded to list it.
    const created = await agentContext.request.post(`${stack.consoleUrl}v1/canned-responses`, {
      data: { scope: 'team', shortcut: 'shipped', title: 'Order shipped', body: 'Your order shipped today. — {{agent.name}}' },
      headers: { origin: new URL(stack.consoleUrl).origin },
    });
    expect(created.status()).toBe(201);
    await agent.reload();
    await agent.locator('[data-conversation-id]').first().click();
    await agent.getByRole('log').getByText('Has my order shipped?').waitFor();

    await agent.getByRole('radio', { name: 'Internal note' }).click();
    await agent.getByRole('textbox', { name: 'Internal note', exact: true }).fill(NOTE);
    await agent.getByRole('textbox', { name: 'Internal note', exact: true }).press('Enter');
    await agent.locator('.message.is-note', { hasText: NOTE }).waitFor();

    await agent.getByRole('radio', { name: 'Reply' }).click();
    const reply = agent.getByRole('textbox', { name: 'Reply', exact: true });
    await reply.pressSequentially('/ship');
    await agent.getByRole('option', { name: /\/shipped/ }).waitFor();
    await reply.press('Enter');
    const filled = await reply.inputValue();
    expect(filled).toMatch(/^Your order shipped today\. — \S/);
    expect(filled).not.toContain('{{');
    await reply.press('Enter');

    // The reply was stored after the note, so once it is on the visitor's page the note would be too.
    await visitor.getByRole('log').getByText(filled).waitFor();
    expect(await visitor.getByText('SECRET-NOTE').count()).toBe(0);
    // The chat was open, so it comes back open after the reload.
    await visitor.reload();
    await visitor.getByRole('log').getByText(filled).waitFor();
    expect(await visitor.getByText('SECRET-NOTE').count()).toBe(0);
    expect(await visitor.content()).not.toContain('SECRET-NOTE');
  });
});
