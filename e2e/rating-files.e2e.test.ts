/**
 * Rating at close and file attachments, in headless Chromium: a visitor on a host page of another
 * origin, an agent in the console, each in their own browser context.
 */
import { chromiumPath } from '@parley/test-services';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signInToConsole, startParleyStack, type ParleyStack } from './parley-stack';

const chromium = chromiumPath();
/** A real 1x1 PNG, so both sides can decode and show it. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const MAX_BYTES = 64 * 1024;

describe.skipIf(!chromium)('rating and attachments in Chromium', () => {
  let stack: ParleyStack;
  let browser: Browser;
  let visitor: Page;
  let agent: Page;

  beforeAll(async () => {
    stack = await startParleyStack({ env: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });
    browser = await launchChromium(chromium!);
    visitor = await (await browser.newContext()).newPage();
    agent = await (await browser.newContext()).newPage();
    await visitor.goto(stack.demoUrl);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    await signInToConsole(agent, stack.consoleUrl);
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
    const row = agent.locator('button[data-conversation-id]', { hasText: text });
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
    // The chat was open, so it comes back open after the reload.
    await visitor.reload();
    await visitor.locator('[part="rating"][role="status"]').waitFor();
    expect(await visitor.locator('form[part="rating"]').count()).toBe(0);
  });

  it('carries an image from the visitor to the agent with previews on both sides, and a PDF back', async () => {
    await visitorSays('I have a question about this picture');
    await agentOpens('I have a question about this picture');

    await visitor.locator('[part="composer"] input[type="file"]').setInputFiles({ name: 'tent.png', mimeType: 'image/png', buffer: PNG });
    const preview = visitor.locator('[part~="message-visitor"] img[alt="tent.png"]');
    await preview.waitFor();
    expect(await preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

    const inConsole = agent.getByRole('log').locator('img.attachment-preview[alt="tent.png"]');
    await inConsole.waitFor();
    await expect.poll(() => inConsole.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

    await agent.locator('.tools-composer input[type="file"]').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: PDF });
    const link = visitor.locator('[part~="message-agent"] a[download="invoice.pdf"]');
    await link.waitFor();
    await expect.poll(() => link.getAttribute('href')).toMatch(/^blob:/);
  });

  it('shows a refused file as an error, on both sides, and sends nothing', async () => {
    const before = await visitor.locator('[part~="message"]').count();
    const input = visitor.locator('[part="composer"] input[type="file"]');
    const upload = () => visitor.waitForResponse((response) => response.url().includes('/v1/widget/attachments?') && response.request().method() === 'POST');
    const refused = visitor.locator('[part="notice"][role="alert"]');
    // An SVG named and typed as PNG: the relay goes by the content.
    const forbidden = upload();
    await input.setInputFiles({ name: 'cat.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') });
    expect(await (await forbidden).json()).toMatchObject({ code: 'attachment_type_refused' });
    await refused.getByText('Not sent. This kind of file cannot be sent. Send an image (PNG, JPEG, GIF, WebP) or a PDF.').waitFor();
    // Oversize, with a real image header.
    const oversize = upload();
    await input.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.concat([PNG, Buffer.alloc(MAX_BYTES)]) });
    expect(await (await oversize).json()).toMatchObject({ code: 'attachment_too_large' });
    await refused.getByText('Not sent. The file is larger than this relay accepts. Send a smaller file.').waitFor();
    expect(await visitor.locator('[part~="message"]').count()).toBe(before);

    await agent.locator('.tools-composer input[type="file"]').setInputFiles({ name: 'run.exe', mimeType: 'application/pdf', buffer: Buffer.from('MZ this is not a PDF') });
    await agent.locator('.attach-error[role="alert"]').getByText('This kind of file cannot be sent.', { exact: false }).waitFor();
  });
});