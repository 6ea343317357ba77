/**
 * What `scripts/start` runs, for browser tests: the relay process on embedded defaults (PGlite in a
 * temp DATA_DIR, in-process bus) with the demo host page on another origin, and Debian Chromium.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '@parley/test-services';
import { freePort } from '@parley/test-services/start';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startRelayProcess, type RelayProcess } from '@parley/relay/testing/relay-process';

export const ADMIN = { email: 'admin@e2e.test', password: 'e2e password that is long' };

export interface ParleyStack {
  relay: RelayProcess;
  consoleUrl: string;
  demoUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** `env` adds to the relay's environment (DATABASE_URL for a real Postgres the test can also reach). */
export async function startParleyStack(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<ParleyStack> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'parley-e2e-')));
  const demoPort = await freePort();
  const relay = await startRelayProcess({
    DATA_DIR: dataDir,
    DEMO_PORT: String(demoPort),
    PARLEY_ADMIN_EMAIL: ADMIN.email,
    PARLEY_ADMIN_PASSWORD: ADMIN.password,
    ...options.env,
  });
  // The demo page is served on 127.0.0.1:<demoPort>, a different origin from the relay's port.
  const demoUrl = `http://127.0.0.1:${demoPort}/`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await fetch(demoUrl).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    relay,
    consoleUrl: `${relay.baseUrl}/`,
    demoUrl,
    dataDir,
    async stop() {
      await relay.stop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
  });
}

/** Signs `page` into the console at `consoleUrl` and waits until the inbox is on screen. */
export async function signInToConsole(page: Page, consoleUrl: string, who: { email: string; password: string } = ADMIN): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('tablist', { name: 'Views' }).waitFor();
}
