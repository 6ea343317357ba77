/**
 * Real services for tests. The global setup (global-setup.ts) starts Postgres and Redis once per
 * vitest run and provides their URLs; tests read them here. Outside CI a missing service makes
 * the dependent suites skip; with CI=true the global setup fails instead, so nothing skips.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { inject } from 'vitest';
import pg from 'pg';

export { startPostgres, type RunningPostgres } from './postgres';
export { startRedis, type RunningRedis } from './redis';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    redisUrl: string | null;
  }
}

export const servicesRequired = process.env.CI === 'true';

export function postgresUrl(): string | null {
  return inject('postgresUrl') ?? null;
}

export function redisUrl(): string | null {
  return inject('redisUrl') ?? null;
}

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Debian's Chromium, or null outside CI when it is not installed. */
export function chromiumPath(): string | null {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (servicesRequired) throw new Error(`CI=true but ${CHROMIUM_PATH} is missing: scripts/test installs it with apt-get`);
  return null;
}

/** The flags every browser test launches Chromium with (no sandbox as root, no network chatter). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** A fresh, empty database on the test Postgres server; drop() removes it. */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `parley_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
