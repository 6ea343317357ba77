import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, postgresUrl } from '@parley/test-services';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Database } from './open-db';
import { describeEachBackend } from './testing/each-backend';
import { countWorkspaces, createWorkspace } from './workspaces';

const TABLES = [
  'agents',
  'assignments',
  'attachments',
  'canned_responses',
  'conversation_ratings',
  'conversation_tags',
  'conversations',
  'email_follow_ups',
  'messages',
  'sessions',
  'site_business_hours',
  'sites',
  'team_members',
  'teams',
  'visitor_pages',
  'visitors',
  'workspaces',
];
/** Every committed migration, as drizzle-kit journals them. */
const MIGRATIONS = (JSON.parse(readFileSync(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] }).entries.length;

async function tableNames(database: Database): Promise<string[]> {
  const result = await database.db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return result.rows.map((row) => row.table_name);
}

describeEachBackend('openDb', (database, kind) => {
  it('applies the migrations', async () => {
    expect(database().kind).toBe(kind);
    expect(await tableNames(database())).toEqual(TABLES);
    const applied = await database().db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(applied.rows[0]?.n).toBe(MIGRATIONS);
  });

  it('pings', async () => {
    expect(await database().ping()).toBe(true);
  });
});

describe('openDb on PGlite', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps data in its data directory across opens, migrating only once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-pglite-'));
    dirs.push(dir);
    const dataDir = join(dir, 'nested', 'pglite');
    const first = await openDb({ dataDir });
    await createWorkspace(first.db, { name: 'kept' });
    await first.close();

    const second = await openDb({ dataDir });
    try {
      expect(await countWorkspaces(second.db)).toBe(1);
      const applied = await second.db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(applied.rows[0]?.n).toBe(MIGRATIONS);
    } finally {
      await second.close();
    }
  });

  it('reports down after close, and closes twice without error', async () => {
    const database = await openDb({ dataDir: 'memory://' });
    await database.close();
    await database.close();
    expect(await database.ping()).toBe(false);
  });
});

describe.skipIf(!postgresUrl())('openDb on Postgres', () => {
  it('lets several nodes migrate one fresh database at once', async () => {
    const target = await createTestDatabase(postgresUrl()!);
    const opened: Database[] = [];
    try {
      opened.push(...(await Promise.all(Array.from({ length: 4 }, () => openDb({ url: target.url })))));
      const applied = await opened[0]!.db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(applied.rows[0]?.n).toBe(MIGRATIONS);
      expect(await tableNames(opened[0]!)).toEqual(TABLES);
    } finally {
      await Promise.all(opened.map((database) => database.close()));
      await target.drop();
    }
  });

  it('reports down after close, and closes twice without error', async () => {
    const target = await createTestDatabase(postgresUrl()!);
    try {
      const database = await openDb({ url: target.url });
      await database.close();
      await database.close();
      expect(await database.ping()).toBe(false);
    } finally {
      await target.drop();
    }
  });

  it('fails to open, closing its pool, when the server is unreachable', async () => {
    const unreachable = new URL(postgresUrl()!);
    unreachable.port = '1';
    await expect(openDb({ url: unreachable.toString() })).rejects.toThrow();
  });
});
