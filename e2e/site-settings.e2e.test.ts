/**
 * Site settings as an admin uses them, in headless Chromium: a change saved in the console reaches
 * a widget already open on a customer's page (another origin) without a reload, and a required
 * pre-chat field holds the visitor's first message until it is filled in.
 */
import { chromiumPath } from '@parley/test-services';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signInToConsole, startParleyStack, type ParleyStack } from './parley-stack';

const chromium = chromiumPath();

describe.skipIf(!chromium)('site settings in Chromium', () => {
  let stack: ParleyStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: Page;

  beforeAll(async () => {
    stack = await startParleyStack();
    browser = await launchChromium(chromium!);
    admin = await newPage();
    await signInToConsole(admin, stack.consoleUrl);
    await admin.getByRole('link', { name: 'Site settings' }).click();
    await admin.getByRole('heading', { name: 'Site settings' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  async function save(): Promise<void> {
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await admin.getByText('Saved. Open widgets have the changes.').waitFor();
  }

  const panel = (page: Page) => page.locator('parley-chat [part=panel]');

  it('updates an open widget’s colour, greeting, side and label when the admin saves, without a reload', async () => {
    const visitor = await newPage();
    await visitor.goto(stack.demoUrl);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    await visitor.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
    await visitor.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
    const launcherBox = await visitor.locator('parley-launcher').boundingBox();
    expect(launcherBox!.x).toBeGreaterThan(visitor.viewportSize()!.width / 2);

    // The preview follows the form before anything is saved.
    await admin.locator('input[name=color]').fill('#0f766e');
    await admin.locator('textarea[name=greeting]').fill('Hello from the settings page');
    await admin.locator('input[name=launcherLabel]').fill('Talk to us');
    await admin.getByLabel('Bottom left').check();
    const preview = admin.getByTestId('widget-preview');
    await preview.locator('parley-chat').getByText('Hello from the settings page').waitFor();
    await expect.poll(() => preview.locator('parley-launcher').evaluate((el) => el.shadowRoot!.querySelector('[part=label]')!.textContent)).toBe('Talk to us');
    await save();

    await visitor.locator('parley-chat').getByText('Hello from the settings page').waitFor();
    await expect.poll(() => panel(visitor).evaluate((el) => (el as HTMLElement).style.getPropertyValue('--parley-site-color'))).toBe('#0f766e');
    await visitor.getByRole('button', { name: 'Talk to us' }).waitFor();
    await expect.poll(async () => (await visitor.locator('parley-launcher').boundingBox())!.x).toBeLessThan(visitor.viewportSize()!.width / 2);
    expect(await visitor.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');

    // A page loaded afterwards gets the new settings before its first click.
    const later = await newPage();
    await later.goto(stack.demoUrl);
    await later.getByRole('button', { name: 'Talk to us' }).waitFor();
    expect((await later.locator('parley-launcher').boundingBox())!.x).toBeLessThan(later.viewportSize()!.width / 2);
  });

  it('warns about a brand colour text cannot be read on', async () => {
    await admin.locator('input[name=color]').fill('#808080');
    await admin.getByTestId('contrast').getByText('Low contrast').waitFor();
    await admin.locator('input[name=color]').fill('#0f766e');
    await expect.poll(() => admin.getByTestId('contrast').textContent()).toContain('4.5:1');
  });

  it('holds the first message until a required name and a valid email are given; agents see them', async () => {
    await admin.locator('select[name=prechat-name]').selectOption('required');
    await admin.locator('select[name=prechat-email]').selectOption('required');
    await save();

    const visitor = await newPage();
    await visitor.goto(stack.demoUrl);
    await visitor.getByRole('button', { name: 'Talk to us' }).click();
    const message = visitor.getByRole('textbox', { name: 'Message', exact: true });
    await message.fill('Do you ship to Norway?');
    await message.press('Enter');
    const email = visitor.getByRole('textbox', { name: 'Email' });
    const name = visitor.getByRole('textbox', { name: 'Name' });
    await name.fill('Grace Hopper');
    await email.fill('grace@example');
    await message.press('Enter');
    expect(await email.evaluate((input) => (input as HTMLInputElement).validity.valid)).toBe(false);
    expect(await visitor.locator('parley-chat [data-status]').count()).toBe(0);
    expect(await message.inputValue()).toBe('Do you ship to Norway?');

    await email.fill('grace@example.com');
    await message.press('Enter');
    await visitor.locator('parley-chat [data-status="sent"]', { hasText: 'Do you ship to Norway?' }).waitFor();
    expect(await visitor.locator('parley-chat [part=prechat]').count()).toBe(0);

    await admin.getByRole('button', { name: 'Back to the inbox' }).click();
    const conversation = admin.locator('[data-conversation-id]', { hasText: 'Grace Hopper' });
    await conversation.waitFor();
    await conversation.click();
    await admin.getByText('grace@example.com').first().waitFor();
  });
});
