/**
 * vitest global setup: one real Postgres and one real Redis for the whole run, on free loopback
 * ports, stopped at the end. URLs given in PARLEY_TEST_POSTGRES_URL / PARLEY_TEST_REDIS_URL are
 * used as they are (a developer's own servers). With CI=true a service that cannot start fails
 * the run instead of letting suites skip.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';
import { startRedis } from './redis';

const required = process.env.CI === 'true';

async function tryStart<T>(name: string, start: () => Promise<T>): Promise<T | null> {
  try {
    return await start();
  } catch (error) {
    if (required) throw new Error(`CI=true and ${name} could not start: ${(error as Error).message}`);
    console.warn(`[test-services] ${name} unavailable, its suites will skip: ${(error as Error).message}`);
    return null;
  }
}

export default async function setup(project: TestProject) {
  const postgres = process.env.PARLEY_TEST_POSTGRES_URL
    ? null
    : await tryStart('Postgres', () => startPostgres());
  const redis = process.env.PARLEY_TEST_REDIS_URL ? null : await tryStart('Redis', () => startRedis());
  project.provide('postgresUrl', process.env.PARLEY_TEST_POSTGRES_URL ?? postgres?.url ?? null);
  project.provide('redisUrl', process.env.PARLEY_TEST_REDIS_URL ?? redis?.url ?? null);
  return async () => {
    await Promise.all([postgres?.stop(), redis?.stop()]);
  };
}
