/**
 * Agents at work, in headless Chromium on a real Postgres: two agents in two browser contexts
 * hand a conversation over with a note, and the pages of visitors who write while every agent is
 * full receive their place in the queue, live, as it drains (queue.updated, and the line the
 * widget shows for it). The test reaches the same database as the
 * relay to add the second agent and to set capacities, the way an admin's tools would.
 */
import { chromiumPath, createTestDatabase, postgresUrl } from '@parley/test-services';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, launchChromium, signInToConsole, startParleyStack, type ParleyStack } from './parley-stack';

const chromium = chromiumPath();
const serverUrl = postgresUrl();

const BOB = { email: 'bob@e2e.test', name: 'Bob', password: ADMIN.password };

interface QueueFrame {
  type: 'queue.updated';
  conversationId: string;
  position: number | null;
  estimatedWaitSeconds: number | null;
}

describe.skipIf(!chromium || !serverUrl)('agents at work in Chromium', () => {
  let database: { url: string; drop(): Promise<void> };
  let sql: pg.Client;
  let stack: ParleyStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: Page;
  let bob: Page;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl!);
    stack = await startParleyStack({ env: { DATABASE_URL: database.url } });
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    // A second agent in the admin's workspace and default team. Same password, so the test can
    // reuse the seeded argon2 hash instead of hashing one itself.
    await sql.query(
      `INSERT INTO agents (workspace_id, email, name, role, password_hash)
       SELECT workspace_id, $1, $2, 'agent', password_hash FROM agents WHERE email = $3`,
      [BOB.email, BOB.name, ADMIN.email],
    );
    await sql.query(
      `INSERT INTO team_members (team_id, agent_id, workspace_id)
       SELECT t.id, a.id, a.workspace_id FROM agents a JOIN teams t ON t.workspace_id = a.workspace_id AND t.is_default
       WHERE a.email = $1`,
      [BOB.email],
    );
    browser = await launchChromium(chromium!);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await sql?.end();
    await database?.drop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
    await signInToConsole(page, stack.consoleUrl, who);
    // The capacity meter comes with presence.synced: the relay now counts this agent as online.
    await page.getByText(/\d+ \/ \d+ chats/).waitFor();
  }

  /** A visitor on the host page who starts a conversation; queue frames they receive are collected. */
  async function visitorWrites(text: string): Promise<{ page: Page; queue: QueueFrame[] }> {
    const page = await newPage();
    const queue: QueueFrame[] = [];
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string' || !payload.includes('"queue.updated"')) return;
        queue.push(JSON.parse(payload) as QueueFrame);
      });
    });
    await page.goto(stack.demoUrl);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const field = page.getByRole('textbox', { name: 'Message', exact: true });
    await field.fill(text);
    await field.press('Enter');
    await page.locator('[data-status="sent"]', { hasText: text }).waitFor();
    return { page, queue };
  }

  function view(page: Page, name: 'mine' | 'queue' | 'all' | 'closed') {
    return page.locator(`[role="tab"][data-view="${name}"]`);
  }


  /** A conversation's row by id: the preview changes as the transcript grows. */
  function rowOf(page: Page, conversationId: string) {
    return page.locator(`button[data-conversation-id="${conversationId}"]`);
  }

  let firstId = '';

  function lastPosition(queue: QueueFrame[]): number | null | undefined {
    return queue.at(-1)?.position;
  }

  /** The place-in-line status the widget shows the visitor, or null while it shows none. */
  async function queueLine(page: Page): Promise<string | null> {
    const line = page.locator('[part="queue"]');
    return (await line.count()) ? line.textContent() : null;
  }

  it('hands a conversation from one agent to another with a note, in two browser contexts', async () => {
    admin = await newPage();
    await signIn(admin, ADMIN);
    // The admin is the only agent online, so routing gives them the new conversation.
    const visitor = await visitorWrites('I was charged twice for my tent.');
    await view(admin, 'mine').click();
    // The only conversation yet (its preview is the "Admin joined" event by now, not the question).
    const first = admin.locator('button[data-conversation-id]');
    await first.click();
    await admin.getByRole('log').getByText('I was charged twice for my tent.').waitFor();
    // Routing's transcript event, in the console and in the visitor's words.
    await admin.getByRole('log').getByText('Admin joined the conversation.').waitFor();
    await visitor.page.getByRole('log').getByText('Admin joined the conversation.').waitFor();
    firstId = (await first.getAttribute('data-conversation-id'))!;

    bob = await newPage();
    await signIn(bob, BOB);

    await admin.getByRole('button', { name: 'Transfer', exact: true }).click();
    const dialog = admin.getByRole('dialog', { name: 'Transfer conversation' });
    await dialog.getByLabel('Transfer to').selectOption({ label: await optionLabel(admin, 'Bob') });
    await dialog.getByLabel('Transfer note').fill('Refund of the second charge approved.');
    await dialog.getByRole('button', { name: 'Transfer' }).click();

    // Bob has it in Mine, with the note, and the transcript says who transferred to whom.
    await view(bob, 'mine').click();
    await rowOf(bob, firstId).click();
    // The note shows above the transcript and, as an internal note, in the timeline.
    await bob.locator('.transfer-note', { hasText: 'Refund of the second charge approved.' }).waitFor();
    await bob.getByRole('log').getByText(/Refund of the second charge approved\./).waitFor();
    await bob.getByRole('log').getByText(/transferred/i).waitFor();
    // The admin still sees it, now as someone else's.
    await admin.getByText(/Assigned to Bob/).waitFor();
    expect(await view(admin, 'mine').locator('.view-count').textContent()).toBe('0');

    // Bob answers; the visitor gets it, and was told in plain words about the handover.
    await bob.getByRole('textbox', { name: 'Reply', exact: true }).fill('Bob here: the refund is on its way.');
    await bob.getByRole('textbox', { name: 'Reply', exact: true }).press('Enter');
    await visitor.page.getByText('Bob here: the refund is on its way.').waitFor();
    await visitor.page.getByRole('log').getByText(/transferred/i).waitFor();
    // The note was for Bob only.
    expect(await visitor.page.getByText('Refund of the second charge approved.').count()).toBe(0);
  });

  it("sends each waiting visitor's page its place in the queue while every agent is full, and moves it as chats close", async () => {
    // Bob holds the first conversation; with capacity 1 he is full, and the admin takes none.
    await sql.query(`UPDATE agents SET capacity = CASE WHEN email = $1 THEN 1 ELSE 0 END`, [BOB.email]);

    const second = await visitorWrites('Is the blue kayak in stock?');
    await expect.poll(() => lastPosition(second.queue)).toBe(1);
    await expect.poll(() => queueLine(second.page)).toContain('number 1 in line');
    const third = await visitorWrites('Do you deliver to Tromsø?');
    await expect.poll(() => lastPosition(third.queue)).toBe(2);
    await expect.poll(() => queueLine(third.page)).toContain('number 2 in line');

    // The console shows both waiting in Unassigned.
    await expect.poll(() => view(bob, 'queue').locator('.view-count').textContent()).toBe('2');

    // Bob closes his conversation: the longest-waiting visitor gets him, the other moves up.
    await rowOf(bob, firstId).click();
    await bob.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => lastPosition(second.queue)).toBeNull();
    await expect.poll(() => lastPosition(third.queue)).toBe(1);
    // The visitor who got Bob no longer sees a place in line; the other sees theirs move up.
    await expect.poll(() => second.page.locator('[part="queue"]').count()).toBe(0);
    await expect.poll(() => queueLine(third.page)).toContain('number 1 in line');
    await view(bob, 'mine').click();
    await rowOf(bob, second.queue[0]!.conversationId).waitFor();
  });
});

/** The transfer select's option for an agent (its label also carries status and load). */
async function optionLabel(page: Page, name: string): Promise<string> {
  const option = page.locator('select[aria-label="Transfer to"] option', { hasText: name }).first();
  await option.waitFor({ state: 'attached' });
  return (await option.textContent()) ?? name;
}
