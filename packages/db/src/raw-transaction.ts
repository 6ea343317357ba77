/**
 * Transactions of plain SQL for the one path where the query builder costs more than the work:
 * the group commit (message-writer.ts). The statements there have a fixed text whatever the
 * batch size (arrays as parameters), so on Postgres each is parsed and planned once per pooled
 * connection (a named prepared statement with a generic plan) and nothing is rebuilt per message. PGlite runs the
 * same text through its own transaction, which also keeps its single-connection mutex rule.
 */
import type { PGlite, Transaction as PgliteTransaction } from '@electric-sql/pglite';
import pg from 'pg';
import type { Db } from './open-db';

export interface Statement {
  /** Unique per text: the prepared statement's name on Postgres. */
  name: string;
  text: string;
}

export type RawQuery = <Row>(statement: Statement, values: unknown[]) => Promise<Row[]>;

export type RawTransaction = <T>(body: (query: RawQuery) => Promise<T>) => Promise<T>;

/** The driver under a `Db` opened by `openDb` (drizzle keeps it as `$client`). */
export function rawTransactions(db: Db): RawTransaction {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) return pgTransactions(client);
  if (client && typeof (client as PGlite).transaction === 'function') return pgliteTransactions(client as PGlite);
  throw new Error('rawTransactions needs a Db opened by openDb (a pg Pool or PGlite underneath)');
}

/**
 * How the transaction's statements are planned; SET LOCAL ends with the transaction, so the pool's
 * other queries keep the defaults, and it goes with BEGIN as one simple query: no extra round trip.
 * - Generic plans: left to choose, Postgres planned each execution afresh (a custom plan per batch,
 *   the arrays' sizes vary), which cost more CPU than running the statements did.
 * - No sequential scans, hash or merge joins: every statement here is a few index probes per batch
 *   row. With a small or not yet analyzed table (a new install, the benchmark's 1,000
 *   conversations) the planner preferred hashing a sequential scan of conversations, visitors or
 *   even all messages, on every batch, and a generic plan would keep that choice for the
 *   connection's life while the table grows. These settings only weigh plans; where no index fits,
 *   Postgres still scans.
 */
const BEGIN = [
  'BEGIN',
  'SET LOCAL plan_cache_mode = force_generic_plan',
  'SET LOCAL enable_seqscan = off',
  'SET LOCAL enable_hashjoin = off',
  'SET LOCAL enable_mergejoin = off',
].join('; ');

function pgTransactions(pool: pg.Pool): RawTransaction {
  return async (body) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(BEGIN);
      const result = await body(async <Row>(statement: Statement, values: unknown[]) => {
        const { rows } = await client.query({ name: statement.name, text: statement.text, values });
        return rows as Row[];
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is not given back to the pool.
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  };
}

function pgliteTransactions(client: PGlite): RawTransaction {
  return (body) =>
    client.transaction((tx: PgliteTransaction) =>
      body(async <Row>(statement: Statement, values: unknown[]) => (await tx.query<Row>(statement.text, values)).rows),
    );
}
