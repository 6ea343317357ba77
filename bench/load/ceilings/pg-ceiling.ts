/**
 * Ceiling 1b: how fast this Postgres takes rows shaped like Parley's messages, with nothing else
 * in the way (no conversation row lock, no seq, no sockets): one connection committing each row,
 * ten connections committing each row, and one connection inserting 100 rows per commit.
 * Each mode is bounded by time and by row count.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface PgCeilingMode {
  name: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

export interface PgCeilingResult {
  single: PgCeilingMode;
  pool10: PgCeilingMode;
  batch100: PgCeilingMode;
}

const MAX_ROWS_PER_MODE = 5_000_000;
const BODY = 'Benchmark message: is the Trailhead 2 tent waterproof in heavy rain, and does it fit two?';

/** The columns and unique keys of Parley's messages table, without its foreign key. */
const CREATE_TABLE = `
  drop table if exists bench_messages;
  create table bench_messages (
    id uuid primary key default gen_random_uuid(),
    workspace_id uuid not null,
    conversation_id uuid not null,
    seq integer not null,
    client_id text,
    author_kind text not null,
    author_id uuid,
    author_name text,
    kind text not null default 'text',
    body text not null,
    created_at timestamptz not null default now(),
    unique (conversation_id, seq),
    unique (conversation_id, client_id)
  )`;

const INSERT_ONE = {
  name: 'bench-insert-one',
  text: `insert into bench_messages (workspace_id, conversation_id, seq, client_id, author_kind, author_id, body)
         values ($1, $2, $3, $4, 'visitor', $5, $6)`,
};

const INSERT_MANY = {
  name: 'bench-insert-many',
  text: `insert into bench_messages (workspace_id, conversation_id, seq, client_id, author_kind, author_id, body)
         select $1::uuid, $2::uuid, s, 'c' || s, 'visitor', $3::uuid, $4::text from unnest($5::int[]) as s`,
};

/** One loop on one connection: its own conversation, seq counting up, each statement its own commit. */
async function insertLoop(client: pg.ClientBase, until: number, counter: { rows: number }, batch: number): Promise<void> {
  const workspaceId = randomUUID();
  const conversationId = randomUUID();
  const authorId = randomUUID();
  let seq = 0;
  while (Date.now() < until && counter.rows < MAX_ROWS_PER_MODE) {
    if (batch === 1) {
      seq++;
      await client.query({ ...INSERT_ONE, values: [workspaceId, conversationId, seq, `c${seq}`, authorId, BODY] });
    } else {
      const seqs = Array.from({ length: batch }, (_, i) => seq + i + 1);
      seq += batch;
      await client.query({ ...INSERT_MANY, values: [workspaceId, conversationId, authorId, BODY, seqs] });
    }
    counter.rows += batch;
  }
}

async function runMode(url: string, name: string, connections: number, batch: number, durationMs: number): Promise<PgCeilingMode> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  try {
    const counter = { rows: 0 };
    const started = Date.now();
    await Promise.all(clients.map((client) => insertLoop(client, started + durationMs, counter, batch)));
    const seconds = (Date.now() - started) / 1000;
    return { name, rows: counter.rows, seconds, rowsPerSecond: counter.rows / seconds };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

export async function measurePgCeiling(url: string, durationMs: number, log: (line: string) => void): Promise<PgCeilingResult> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    await setup.query(CREATE_TABLE);
  } finally {
    await setup.end();
  }
  const single = await runMode(url, 'one connection, commit per row', 1, 1, durationMs);
  log(`    ${single.name}: ${single.rowsPerSecond.toFixed(0)} rows/s`);
  const pool10 = await runMode(url, 'pool of 10, commit per row', 10, 1, durationMs);
  log(`    ${pool10.name}: ${pool10.rowsPerSecond.toFixed(0)} rows/s`);
  const batch100 = await runMode(url, 'one connection, 100-row batches', 1, 100, durationMs);
  log(`    ${batch100.name}: ${batch100.rowsPerSecond.toFixed(0)} rows/s`);
  return { single, pool10, batch100 };
}
