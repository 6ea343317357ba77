/**
 * scripts/start's promise: Ctrl-C stops the relay cleanly, and starting again on the same data
 * directory keeps every conversation and every visitor's identity.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@parley/test-services/start';
import { afterAll, describe, expect, it } from 'vitest';
import { startRelayProcess } from './testing/relay-process';
import { connectVisitor, eventually, signIn } from './testing/test-clients';

describe('restart on embedded defaults', () => {
  let dataDir: string;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('stops on SIGINT with exit code 0 and keeps conversations and visitor tokens across a restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parley-restart-'));
    const demoPort = await freePort();
    const admin = { email: 'owner@restart.test', password: 'restart password 123' };
    const env = { DATA_DIR: dataDir, DEMO_PORT: String(demoPort), PARLEY_ADMIN_EMAIL: admin.email, PARLEY_ADMIN_PASSWORD: admin.password };
    const first = await startRelayProcess(env);
    const siteKey = /Site key\s+(\S+)/.exec(first.output())?.[1];
    expect(siteKey).toMatch(/^pk_/);
    const site = { siteKey: siteKey!, origin: `http://127.0.0.1:${demoPort}` } as const;

    const visitor = connectVisitor(first, site);
    await visitor.welcome;
    visitor.client.sendMessage({ body: 'Remember me after a restart' });
    await eventually(() => visitor.messages.length === 1, 'stored');
    const token = visitor.token();
    visitor.client.close();

    first.child.kill('SIGINT');
    const exitCode = await new Promise<number | null>((resolve) => first.child.once('exit', (code) => resolve(code)));
    expect(exitCode).toBe(0);

    const second = await startRelayProcess(env, { port: first.port });
    try {
      expect(/Site key\s+(\S+)/.exec(second.output())?.[1]).toBe(siteKey);
      const cookie = await signIn(second, admin);
      const list = await fetch(`${second.baseUrl}/v1/conversations`, { headers: { cookie } });
      const { conversations } = (await list.json()) as { conversations: Array<{ lastMessage: { body: string } | null }> };
      expect(conversations.map((c) => c.lastMessage?.body)).toEqual(['Remember me after a restart']);

      const returning = connectVisitor(second, site, { token });
      await returning.welcome;
      await eventually(() => returning.messages.length === 1, 'history after restart');
      expect(returning.messages[0]!.body).toBe('Remember me after a restart');
      returning.client.close();
    } finally {
      await second.stop();
    }
    // Two embedded-Postgres starts (migrations, admin password hashing): on a loaded 2-core machine
    // that alone passes vitest's default 30 s.
  }, 120_000);
});
