/**
 * A real relay process whose site allows the bench's own page origin.
 *
 * The relay adds `http://127.0.0.1:<DEMO_PORT>` to the demo site's allowed origins, but it also
 * serves its demo page on that port, which only has `/`. So the relay is started once with
 * DEMO_PORT = the port the bench will serve its pages on (that start seeds the site and allows the
 * origin), stopped, and started again on the same DATA_DIR without DEMO_PORT: seeding keeps what
 * it stored, and the port is free for the bench's page server. No relay code is bypassed and no
 * database is written from outside.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRelayProcess, type RelayProcess } from '@parley/relay/testing/relay-process';

const ADMIN = { PARLEY_ADMIN_EMAIL: 'admin@bench.test', PARLEY_ADMIN_PASSWORD: 'page impact bench password' };

export interface RelayForPages {
  relay: RelayProcess;
  siteKey: string;
  stop(): Promise<void>;
}

/** The relay gets 30 s to answer /readyz; on a machine busy with other work a first start can miss it. */
const START_ATTEMPTS = 3;

export async function startRelayForPages(pagePort: number): Promise<RelayForPages> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(pagePort);
    } catch (error) {
      if (attempt >= START_ATTEMPTS) throw error;
      process.stderr.write(`page-impact: relay start ${attempt} failed, trying again: ${(error as Error).message.split('\n')[0]}\n`);
    }
  }
}

async function startOnce(pagePort: number): Promise<RelayForPages> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-page-impact-'));
  try {
    const seeding = await startRelayProcess({ DATA_DIR: dataDir, DEMO_PORT: String(pagePort), ...ADMIN });
    const siteKey = await siteKeyFromBanner(seeding);
    await seeding.stop();
    const relay = await startRelayProcess({ DATA_DIR: dataDir, ...ADMIN });
    return {
      relay,
      siteKey,
      async stop() {
        await relay.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The start banner is written just after the relay listens, so it may trail /readyz by a moment. */
async function siteKeyFromBanner(relay: RelayProcess): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const key = /Site key\s+(\S+)/.exec(relay.output())?.[1];
    if (key) return key;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await relay.stop();
  throw new Error(`the relay printed no site key:\n${relay.output()}`);
}
