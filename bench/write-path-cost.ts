/**
 * `npx tsx bench/write-path-cost.ts [--rates=700,2000] [--seconds=15] [--rounds=1000 --round-size=20] [--conversations=1000]`:
 * the group commit (createMessageWriter) alone, in this process, over a fresh Postgres, at fixed
 * open-loop rates, and then in closed rounds: round-size messages to distinct conversations at once,
 * the next round after the last ack. The rounds give the same batch sizes on every run (1, 1, then
 * the rest, with two batches in flight), so their figures compare across runs on a busy machine,
 * where the open-loop rates' batch sizes follow how long each commit waited for a core. No relay, no sockets, no load generator: what is left is what each acked
 * message costs Postgres and the writer, so a change to the write path can be A/B'd on a shared
 * machine. Prints per rate the CPU milliseconds per 1,000 messages of the Postgres processes and
 * of this process, and the transactions per message (1 / mean batch size), which the CPU per
 * message depends on.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createMessageWriter, createVisitor, openDb, type Database } from '@parley/db';
import { seedWorkspace } from '@parley/relay/testing/relay-harness';
import { startPostgres } from '@parley/test-services/start';
import { Cleanup } from './load/cleanup';
import { createDatabase } from './load/parley/databases';
import { cpuSeconds } from './load/proc-stats';
import { postgresPids } from './load/run-context';

function option(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const TICK_MS = 5;

async function conversationsOf(database: Database, url: string, count: number): Promise<{ workspaceId: string; ids: Array<{ id: string; visitorId: string }> }> {
  const tenant = await seedWorkspace(database, 'a');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ids: Array<{ id: string; visitorId: string }> = [];
    for (let i = 0; i < count; i++) {
      const visitor = await createVisitor(database.db, tenant.workspaceId, tenant.siteId);
      // Straight into the table, as the message-writer tests do: seq starts at 1 with the first message.
      const { rows } = await client.query<{ id: string }>('insert into conversations (workspace_id, site_id, visitor_id) values ($1, $2, $3) returning id', [
        tenant.workspaceId,
        tenant.siteId,
        visitor.id,
      ]);
      ids.push({ id: rows[0]!.id, visitorId: visitor.id });
    }
    return { workspaceId: tenant.workspaceId, ids };
  } finally {
    await client.end();
  }
}

/** COMMITs sent by this process: the group commit's batches (the statistics views lag by up to a second). */
let commits = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countCommits(this: pg.Client, ...args: unknown[]) {
  const config = args[0] as string | { text?: string } | undefined;
  if ((typeof config === 'string' ? config : config?.text) === 'COMMIT') commits++;
  return (query as (...rest: unknown[]) => unknown).apply(this, args);
} as typeof query;

async function main(): Promise<void> {
  const rates = (option('rates') ?? '700,2000').split(',').filter(Boolean).map(Number);
  const seconds = Number(option('seconds') ?? 15);
  const conversationCount = Number(option('conversations') ?? 1000);
  const cleanup = new Cleanup();
  try {
    const postgres = await startPostgres();
    cleanup.add('postgres', () => postgres.stop());
    const url = await createDatabase(postgres.url, 'bench_write_path');
    const database = await openDb({ url });
    cleanup.add('database', () => database.close());
    const { workspaceId, ids } = await conversationsOf(database, url, conversationCount);
    const writer = createMessageWriter(database.db);
    const pgPids = postgresPids(postgres);

    const run = async (rate: number, durationMs: number) => {
      let sent = 0;
      let failed = 0;
      const pending: Array<Promise<unknown>> = [];
      const started = performance.now();
      while (performance.now() - started < durationMs) {
        const due = Math.floor(((performance.now() - started) / 1000) * rate);
        for (; sent < due; sent++) {
          const conversation = ids[Math.floor(Math.random() * ids.length)]!;
          pending.push(
            writer
              .append(
                { workspaceId, visitorId: conversation.visitorId },
                { conversationId: conversation.id, clientId: randomUUID(), author: { kind: 'visitor', id: conversation.visitorId, name: null }, body: `message ${sent} about an order that has not arrived yet` },
              )
              .then((result) => (result?.created ? undefined : failed++), () => failed++),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, TICK_MS));
      }
      await Promise.all(pending);
      return { sent, failed };
    };

    const rounds = async (count: number, size: number) => {
      let failed = 0;
      for (let round = 0; round < count; round++) {
        const start = (round * size) % ids.length;
        await Promise.all(
          Array.from({ length: size }, (_, i) => {
            const conversation = ids[(start + i) % ids.length]!;
            return writer
              .append(
                { workspaceId, visitorId: conversation.visitorId },
                { conversationId: conversation.id, clientId: randomUUID(), author: { kind: 'visitor', id: conversation.visitorId, name: null }, body: `message ${round} about an order that has not arrived yet` },
              )
              .then((result) => (result?.created ? undefined : failed++), () => failed++);
          }),
        );
      }
      return { sent: count * size, failed };
    };

    const measure = async (label: string, work: () => Promise<{ sent: number; failed: number }>) => {
      const pids = pgPids();
      const pgBefore = new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
      const selfBefore = process.cpuUsage();
      const commitsBefore = commits;
      const { sent, failed } = await work();
      const self = process.cpuUsage(selfBefore);
      const xacts = commits - commitsBefore;
      let pgCpu = 0;
      for (const pid of pgPids()) pgCpu += Math.max(0, cpuSeconds(pid) - (pgBefore.get(pid) ?? 0));
      const perThousand = (cpu: number) => ((cpu * 1000 * 1000) / sent).toFixed(0);
      process.stderr.write(
        `${label}: ${sent} messages (${failed} failed), ${(xacts / sent).toFixed(3)} transactions per message; ` +
          `cpu per 1,000: postgres ${perThousand(pgCpu)} ms, writer process ${perThousand((self.user + self.system) / 1e6)} ms\n`,
      );
    };

    await run(300, 2000);
    for (const rate of rates) await measure(`rate ${rate}/s`, () => run(rate, seconds * 1000));
    const roundCount = Number(option('rounds') ?? 1000);
    const roundSize = Number(option('round-size') ?? 20);
    if (roundCount > 0) await measure(`${roundCount} rounds of ${roundSize}`, () => rounds(roundCount, roundSize));
  } finally {
    await cleanup.run();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`write-path-cost failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
