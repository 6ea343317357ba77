/**
 * The offline flow in Chromium, with a real SMTP server as the mail sink: with no agent online the
 * widget says so and asks for an email with the message; an agent who signs in later answers in the
 * console; the reply arrives by email with a link, and the link's page takes the visitor's answer
 * back into the conversation.
 */
import { chromiumPath } from '@parley/test-services';
import axe from 'axe-core';
import { startSmtpSink, type SmtpSink } from '@parley/relay/testing/smtp-sink';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, launchChromium, signInToConsole, startParleyStack, type ParleyStack } from './parley-stack';

const chromium = chromiumPath();

async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!chromium)('leave a message, get the answer by email', () => {
  let sink: SmtpSink;
  let stack: ParleyStack;
  let browser: Browser;
  let visitor: Page;
  let agent: Page;

  beforeAll(async () => {
    sink = await startSmtpSink();
    stack = await startParleyStack({ env: { SMTP_URL: sink.url, EMAIL_DEBOUNCE_MS: '300', ROUTING_SWEEP_MS: '500' } });
    browser = await launchChromium(chromium!);
    visitor = await (await browser.newContext()).newPage();
    agent = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await sink?.close();
  });

  it('shows the offline form with nobody online and keeps the message', async () => {
    // The site owner picks the leave-a-message form (the default only says nobody is there).
    const login = await fetch(`${stack.relay.baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { sites } = (await (await fetch(`${stack.relay.baseUrl}/v1/business-hours`, { headers: { cookie } })).json()) as { sites: Array<{ siteId: string }> };
    const saved = await fetch(`${stack.relay.baseUrl}/v1/sites/${sites[0]!.siteId}/business-hours`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false, timeZone: 'UTC', weekly: [], holidays: [], offlineBehaviour: 'form' }),
    });
    expect(saved.status).toBe(200);

    await visitor.goto(stack.demoUrl);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    await visitor.getByText("We're away. Leave a message.").waitFor();
    const email = visitor.getByRole('textbox', { name: 'Email' });
    const message = visitor.getByRole('textbox', { name: 'Message', exact: true });

    // No address, or a wrong one: the browser's own validation stops it, nothing is sent.
    await message.fill('Can I order a custom tent?');
    await message.press('Enter');
    await email.fill('sam@');
    await message.press('Enter');
    // `type=email` alone would pass this; the relay's rule (a dot in the domain) is checked here too.
    await email.fill('sam@example');
    await message.press('Enter');
    expect(await email.evaluate((input: HTMLInputElement) => input.validity.patternMismatch)).toBe(true);
    expect(await visitor.locator('[part~="message-visitor"]').count()).toBe(0);

    await email.fill('sam@example.com');
    await message.press('Enter');
    await visitor.locator('[data-status="sent"]', { hasText: 'Can I order a custom tent?' }).waitFor();

    // The form and the transcript offer pass WCAG 2.2 A/AA like the rest of the panel.
    await visitor.getByText('Email me this chat').waitFor();
    await visitor.evaluate(axe.source);
    const violations = await visitor.evaluate(async () => {
      const run = (window as unknown as { axe: typeof axe }).axe.run;
      const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
      const result = await run({ include: [['parley-chat']] }, { runOnly: { type: 'tag', values: tags } });
      return result.violations.map(({ id, help }) => `${id}: ${help}`);
    });
    expect(violations).toEqual([]);
  });

  it('lets an agent who comes online answer in the console, and the widget sees the change live', async () => {
    await signInToConsole(agent, stack.consoleUrl);
    const conversation = agent.locator('[data-conversation-id]', { hasText: 'Can I order a custom tent?' });
    await conversation.waitFor();
    // Somebody is online now: the widget drops the notice and the email field.
    await visitor.getByText("We're away. Leave a message.").waitFor({ state: 'detached' });
    expect(await visitor.getByRole('textbox', { name: 'Email' }).count()).toBe(0);

    await conversation.click();
    await agent.getByRole('log').getByText('Can I order a custom tent?').waitFor();
    await agent.getByRole('textbox', { name: 'Reply', exact: true }).fill('Yes: tell us the size you need.');
    await agent.getByRole('textbox', { name: 'Reply', exact: true }).press('Enter');
  });

  it('emails the reply to the address from the form, and the link brings the answer back', async () => {
    const mail = await waitFor(() => sink.mails.find((candidate) => candidate.to.includes('sam@example.com')), 'the reply email');
    expect(mail.subject).toBe('New reply from Acme Outdoor');
    expect(mail.text).toContain('Yes: tell us the size you need.');
    const link = /(http:\/\/\S+\/v1\/email\/reply\?t=\S+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();

    const page = await visitor.context().newPage();
    await page.goto(link!);
    await page.getByText('Yes: tell us the size you need.').waitFor();
    await page.getByLabel('Your reply').fill('Three metres by four, please.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Your reply was sent.').waitFor();
    await agent.getByRole('log').getByText('Three metres by four, please.').waitFor();
  });
});
