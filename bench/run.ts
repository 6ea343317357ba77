/**
 * `pnpm bench`: the load and latency benchmarks, in one run. Ceilings first (a bare ws server, raw
 * Postgres inserts), then Parley on several nodes, on one node, and idle sockets; a summary table
 * on stdout (progress on stderr) and, for a full run, docs/benchmarks.md.
 *
 * Section 3 runs before section 2 so that the one-node run can also measure latency at the rates
 * section 3 needs as its baseline; the table keeps the numbered order.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startPostgres, startRedis, type RunningPostgres, type RunningRedis } from '@parley/test-services/start';
import { measurePgCeiling } from './load/ceilings/pg-ceiling';
import { runWsCeiling } from './load/ceilings/ws-ceiling';
import { Cleanup } from './load/cleanup';
import { runIdleSockets } from './load/idle-sockets';
import type { LatencyPoint } from './load/latency-points';
import { machineFacts } from './load/machine';
import { newSecret } from './load/parley/cluster';
import { createDatabase } from './load/parley/databases';
import { runMultiNode, type MultiNodeResult } from './load/parley/multi-node';
import { runOneNode } from './load/parley/one-node';
import { benchmarksDoc } from './load/report/benchmarks-doc';
import type { BenchResults } from './load/report/results';
import { summaryRows } from './load/report/summary-rows';
import { textTable } from './load/report/text-table';
import type { RunContext } from './load/run-context';
import { parseSettings, type Section } from './load/settings';

const DOC = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const settings = parseSettings(argv);
  const cleanup = new Cleanup();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const stopOnSignal = (signal: NodeJS.Signals) => {
    log(`bench: ${signal}, stopping everything that was started`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  let postgres = null as Promise<RunningPostgres> | null;
  let redis = null as Promise<RunningRedis> | null;
  const ctx: RunContext = {
    settings,
    cleanup,
    postgres: () =>
      (postgres ??= startPostgres().then((server) => {
        cleanup.add(`postgres (port ${server.port})`, () => server.stop());
        return server;
      })),
    redis: () =>
      (redis ??= startRedis().then((server) => {
        cleanup.add(`redis (port ${server.port})`, () => server.stop());
        return server;
      })),
    secret: newSecret(),
    log,
  };

  const started = Date.now();
  const failures: string[] = [];
  const has = (section: Section) => settings.sections.includes(section);
  const section = async <T>(name: string, body: () => Promise<T>): Promise<T | undefined> => {
    log(`== ${name}`);
    try {
      return await body();
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
      log(`   FAILED: ${(error as Error).stack}`);
      return undefined;
    }
  };

  try {
    const wsCeiling = has('1a') ? await section('1a. bare ws ceiling', () => runWsCeiling(ctx)) : undefined;
    const pgCeiling = has('1b')
      ? await section('1b. raw pg insert ceiling', async () => measurePgCeiling(await createDatabase((await ctx.postgres()).url, 'bench_raw'), settings.pgMs, log))
      : undefined;
    const multiNode: MultiNodeResult[] = [];
    if (has('3')) {
      for (const nodes of settings.multiNodeSizes) {
        const result = await section(`3. Parley, ${nodes} nodes behind Redis`, () => runMultiNode(ctx, nodes));
        if (result) multiNode.push(result);
      }
    }
    const baselineRates = [...new Set(multiNode.flatMap((cluster) => (cluster.half ? [cluster.half.rate] : [])))].map((rate) => ({
      label: `1-node baseline at ${rate}/s`,
      rate,
    }));
    let baseline: LatencyPoint[] = [];
    const oneNode = has('2') ? await section('2. Parley, one node', () => runOneNode(ctx, { ramp: true, extraRates: baselineRates })) : undefined;
    if (oneNode) baseline = oneNode.points.filter((point) => point.label.startsWith('1-node baseline'));
    else if (baselineRates.length > 0) {
      const only = await section('3. one-node baseline', () => runOneNode(ctx, { ramp: false, extraRates: baselineRates }));
      baseline = only?.points ?? [];
    }
    const idle = has('4') ? await section('4. idle sockets', () => runIdleSockets(ctx)) : undefined;

    const results: BenchResults = {
      settings,
      machine: await machineFacts(postgres ? (await postgres).url : null, redis !== null),
      command: ['pnpm bench', ...argv].join(' '),
      seconds: (Date.now() - started) / 1000,
      wsCeiling,
      pgCeiling,
      oneNode,
      multiNode,
      baseline,
      idle,
      failures,
    };
    process.stdout.write(`\n${textTable(summaryRows(results))}\n\n`);
    if (failures.length > 0) process.stdout.write(`Failed sections:\n${failures.map((f) => `  ${f}`).join('\n')}\n\n`);
    if (settings.writeDoc) {
      // The fault harness's and the page-impact bench's sections are not this run's: kept as they were.
      const previous = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
      const kept = ['fault-harness', 'page-impact'].flatMap((name) => new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->\\n?`).exec(previous)?.[0] ?? []);
      writeFileSync(DOC, [benchmarksDoc(results), ...kept].join('\n'));
      log(`wrote ${DOC}`);
    }
    return failures.length > 0 ? 1 : 0;
  } finally {
    await cleanup.run();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
