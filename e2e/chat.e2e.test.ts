/**
 * The foundation, as people use it, in headless Chromium: a visitor on a host page of another
 * origin chats with an agent in the console; typing both ways; reload and a second tab keep the
 * conversation. Visitor and agent live in separate browser contexts.
 */
import { chromiumPath } from '@parley/test-services';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signInToConsole, startParleyStack, type ParleyStack } from './parley-stack';

const chromium = chromiumPath();

describe.skipIf(!chromium)('visitor and agent in Chromium', () => {
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

  async function openWidget(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
  }

  async function sendAsVisitor(page: Page, text: string): Promise<void> {
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill(text);
    await page.getByRole('textbox', { name: 'Message', exact: true }).press('Enter');
    await page.locator('[data-status="sent"]', { hasText: text }).waitFor();
  }

  it('shows the bubble on a page of another origin and marks a visitor message sent', async () => {
    expect(new URL(stack.demoUrl).origin).not.toBe(new URL(stack.consoleUrl).origin);
    await visitor.goto(stack.demoUrl);
    await openWidget(visitor);
    await sendAsVisitor(visitor, 'Hello! Do you ship to Norway?');
  });

  it('lets the agent sign in, see the conversation arrive live, read it and reply', async () => {
    await signInToConsole(agent, stack.consoleUrl);
    const first = agent.locator('[data-conversation-id]');
    await first.first().waitFor();
    expect(await first.count()).toBe(1);

    // A second visitor message arrives while the agent looks at the inbox: it shows without a reload.
    await sendAsVisitor(visitor, 'We are three people, by the way.');
    await agent.locator('[data-conversation-id]', { hasText: 'We are three people' }).waitFor();

    await first.first().click();
    await agent.getByText('Hello! Do you ship to Norway?').waitFor();
    await agent.getByRole('textbox', { name: 'Reply', exact: true }).fill('Yes, in 3–5 days.');
    await agent.getByRole('textbox', { name: 'Reply', exact: true }).press('Enter');
    await visitor.getByText('Yes, in 3–5 days.').waitFor();
  });

  it('shows each side the other typing', async () => {

    await agent.getByRole('textbox', { name: 'Reply', exact: true }).pressSequentially('Let me check');
    await visitor.locator('[part="typing"]').waitFor();
    await visitor.getByRole('textbox', { name: 'Message', exact: true }).pressSequentially('Thanks');
    await agent.getByText('Visitor is typing…').waitFor();
  });

  it('keeps the conversation across a reload and shares it with a second tab', async () => {
    // The chat was open: it comes back open by itself (the open flag in localStorage).
    await visitor.reload();
    await visitor.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
    await visitor.getByText('Yes, in 3–5 days.').waitFor();
    await visitor.getByText('Hello! Do you ship to Norway?').waitFor();

    const secondTab = await visitorContext.newPage();
    await secondTab.goto(stack.demoUrl);
    // Open in the first tab, so open here too.
    await secondTab.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
    await secondTab.getByText('Yes, in 3–5 days.').waitFor();
    await sendAsVisitor(secondTab, 'Sent from my second tab');
    const inFirstTab = visitor.getByRole('log').getByText('Sent from my second tab');
    const inConsole = agent.getByRole('log').getByText('Sent from my second tab');
    await inFirstTab.waitFor();
    await inConsole.waitFor();
    // Exactly once in each view.
    expect(await inFirstTab.count()).toBe(1);
    expect(await inConsole.count()).toBe(1);
    await secondTab.close();
  });
});
