/**
 * The one way in: `openDb` connects (real Postgres over a pool, or embedded PGlite), applies
 * the committed migrations with the same SQL on both, and hands back one `Db` type the query
 * modules take as their first argument. Nothing here runs at import time.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema';

/**
 * A raw query's result as both drivers shape it: pg's QueryResult and PGlite's Results both
 * carry `rows`, which is all `db.execute(sql...)` callers may rely on.
 */
export interface RowsResultHKT extends PgQueryResultHKT {
  type: RowsResult<this['row']>;
}
interface RowsResult<Row> {
  rows: (Row extends Record<string, unknown> ? Row : Record<string, unknown>)[];
}

/** What the query modules take: either driver, or a transaction of either (a transaction is a PgDatabase too). */
export type Db = PgDatabase<RowsResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pg' | 'pglite';
  /** True when a trivial query succeeds; for readiness checks. Never throws. */
  ping(): Promise<boolean>;
  /** Ends the pool or closes PGlite. Safe to call twice. */
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** A Postgres connection string; without it, embedded PGlite is used. */
  url?: string;
  /** PGlite's data directory (default `./data/pglite`); `'memory://'` keeps everything in memory. */
  dataDir?: string;
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));
const POOL_SIZE = 10;
/** Any constant works; it only has to be the same for every relay node migrating one database. */
const MIGRATION_LOCK_KEY = 0x7061726c; // 'parl'

export async function openDb(opts: OpenDbOptions = {}): Promise<Database> {
  return opts.url ? openPostgres(opts.url) : openPglite(opts.dataDir ?? './data/pglite');
}

async function openPostgres(url: string): Promise<Database> {
  // Bounded waits: a stalled Postgres turns into a retryable error for the sender instead of a
  // send that never answers. Safe even if a commit did land: the resend is idempotent on clientId.
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: 5_000, query_timeout: 15_000 });
  // An idle client that loses its server (restart, failover) emits 'error' on the pool, which
  // would crash the process without a listener. The next query on a fresh client reports the
  // outage to its caller, and ping() reports it to the readiness check, so nothing is lost here.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case' });
  try {
    await migrateExclusively(pool, () => migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER }));
  } catch (error) {
    await pool.end();
    throw error;
  }
  let closing: Promise<void> | null = null;
  return {
    db,
    kind: 'pg',
    ping: () => ping(db),
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}

/**
 * Several relay nodes may start at once against one database; drizzle's migrator is not safe
 * to run concurrently (both would create its bookkeeping table and apply the same migration),
 * so the nodes take turns on a session-level advisory lock.
 */
async function migrateExclusively(pool: pg.Pool, run: () => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await run();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/**
 * PGlite is a single connection. Its `transaction()` holds an exclusive mutex for the whole
 * transaction and its top-level `query()`/`exec()` wait on that same mutex, and drizzle's PGlite
 * session maps `db.transaction()` onto it; so transactions from concurrent callers already run
 * one after another and never interleave (messages.int.test.ts proves it with 50 concurrent
 * appends). The one rule for callers: inside a transaction, query through `tx`, never the outer
 * `db`, or the outer query waits for a mutex its own transaction holds.
 */
async function openPglite(dataDir: string): Promise<Database> {
  // PGlite creates the last directory of a path but not its parents (a fresh checkout has no ./data).
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite({ client, schema, casing: 'snake_case' });
  try {
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await client.close();
    throw error;
  }
  let closing: Promise<void> | null = null;
  return {
    db,
    kind: 'pglite',
    ping: () => ping(db),
    close() {
      closing ??= client.closed ? Promise.resolve() : client.close();
      return closing;
    },
  };
}

async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
