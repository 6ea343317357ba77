/**
 * Rating at close and file attachments, in headless Chromium: a visitor on a host page of another
 * origin, an agent in the console, each in their own browser context.
 */
import { chromiumPath } from '@parley/test-services';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, launchChromium, startParleyStack, type ParleyStack } from './parley-stack';

const chromium = chromiumPath();

describe.skipIf(!chromium)('rating and attachments in Chromium', () => {
  let stack: ParleyStack;
  let browser: Browser;
  let visitor: Page;
  let agent: Page;

  beforeAll(async () => {
    stack = await startParleyStack();
    browser = await launchChromium(chromium!);
    visitor = await (await browser.newContext()).newPage();
    agent = await (await browser.newContext()).newPage();
    await visitor.goto(stack.demoUrl);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    await agent.goto(stack.consoleUrl);
    await agent.getByLabel('Email').fill(ADMIN.email);
    await agent.getByLabel('Password').fill(ADMIN.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const composer = () => visitor.getByRole('textbox', { name: 'Message', exact: true });

  async function visitorSays(text: string): Promise<void> {
    await composer().fill(text);
    await composer().press('Enter');
    await visitor.locator('[data-status="sent"]', { hasText: text }).waitFor();
  }

  /** Opens the conversation whose last message is `text` in the console. */
  async function agentOpens(text: string): Promise<string> {
    const row = agent.locator('[data-conversation-id]', { hasText: text });
    await row.waitFor();
    await row.click();
    return (await row.getAttribute('data-conversation-id'))!;
  }

  it('asks the visitor for a rating when the agent closes, stores it and shows it to the agent', async () => {
    await visitorSays('Where is my order?');
    const conversationId = await agentOpens('Where is my order?');
    await agent.getByRole('button', { name: 'Close', exact: true }).click();

    const prompt = visitor.locator('[part="rating"]');
    await prompt.getByText('How was this chat?').waitFor();
    await prompt.getByRole('textbox', { name: 'Comment (optional)' }).fill('Fast answer');
    await prompt.getByRole('button', { name: '👍' }).click();
    await visitor.locator('[part="rating"][role="status"]', { hasText: 'Thanks for your feedback!' }).waitFor();

    await agent.getByRole('log').getByText('The visitor rated this conversation good 👍: “Fast answer”').waitFor();
    const stored = await agent.evaluate(async (id) => (await fetch(`/v1/conversations/${id}/rating`)).json(), conversationId);
    expect(stored).toMatchObject({ rating: { score: 'good', comment: 'Fast answer' } });

    // A reload does not ask again.
    await visitor.reload();
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    await visitor.locator('[part="rating"][role="status"]').waitFor();
    expect(await visitor.locator('form[part="rating"]').count()).toBe(0);
  });
});
