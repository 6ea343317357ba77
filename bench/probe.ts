/**
 * `npx tsx bench/probe.ts [--rates=700,2000] [--step-ms=10000] [--visitors=1000] [--cpu-prof=DIR]`:
 * one relay process at a few fixed rates, for working on the hot path between full `pnpm bench`
 * runs. With `--cpu-prof` the relay runs under `node --cpu-prof` and writes its profile to DIR when
 * it stops. Prints one line per step with the 1-minute load average beside it, and the CPU time each
 * process group spent per 1,000 acked messages: on a machine shared with other work that figure
 * moves far less than the rates and latencies do, so it is the one to A/B a hot-path change with.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '@parley/test-services/start';
import { Cleanup } from './load/cleanup';
import { LoadRig, type StepResult } from './load/load-rig';
import { newSecret, relayPids, startCluster } from './load/parley/cluster';
import { formatStep } from './load/ramp';
import { postgresPids } from './load/run-context';

function option(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** CPU milliseconds per 1,000 acked messages, per process group (generators and other left out). */
function cpuPerThousand(result: StepResult): string {
  const acked = result.ackedRate ?? 0;
  if (acked <= 0) return 'cpu per 1,000 acked: nothing acked';
  const groups = Object.entries(result.cpu.groups).filter(([name]) => name !== 'generators' && name !== 'other');
  // % of one core over the window -> CPU ms per second -> per 1,000 acked messages.
  return `cpu per 1,000 acked: ${groups.map(([name, use]) => `${name} ${((use * 10 * 1000) / acked).toFixed(0)} ms`).join(', ')}`;
}

async function main(): Promise<void> {
  const rates = (option('rates') ?? '700').split(',').map(Number);
  const stepMs = Number(option('step-ms') ?? 10_000);
  const visitors = Number(option('visitors') ?? 1000);
  const profileDir = option('cpu-prof');
  const countFile = option('count-statements');
  const nodeArgs = [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(countFile ? ['--import', fileURLToPath(new URL('./load/parley/count-statements.mjs', import.meta.url))] : []),
  ];
  const cleanup = new Cleanup();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const postgres = await startPostgres();
    cleanup.add('postgres', () => postgres.stop());
    const cluster = await startCluster(
      {
        postgres,
        database: 'bench_probe',
        nodes: 1,
        secret: newSecret(),
        nodeArgs,
        ...(countFile ? { extraEnv: { PARLEY_STATEMENT_COUNT_FILE: countFile } } : {}),
      },
      cleanup,
    );
    const node = cluster.nodes[0]!;
    const rig = await LoadRig.start(
      {
        dialect: 'parley',
        visitorUrls: [cluster.visitorUrl(node)],
        visitorOrigin: cluster.tenant.origin,
        agentUrl: cluster.agentUrl(node),
        agentOrigin: node.baseUrl,
        agentCookie: cluster.agentCookie,
        visitors,
        agents: 2,
        visitorWorkers: 2,
        drainMs: 3000,
        cpuGroups: { relay: () => relayPids(cluster), postgres: postgresPids(postgres) },
      },
      cleanup,
    );
    await rig.step(300, 3000);
    if (countFile) {
      writeFileSync(`${countFile}.reset`, '');
      while (existsSync(`${countFile}.reset`)) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    let acked = 0;
    for (const rate of rates) {
      const result = await rig.step(rate, stepMs);
      acked += (result.ackedRate ?? 0) * result.seconds;
      log(`${formatStep(result)} | load ${loadavg()[0]!.toFixed(2)}`);
      log(`  ${cpuPerThousand(result)}`);
    }
    if (countFile) {
      await cleanup.run();
      const counts = JSON.parse(readFileSync(countFile, 'utf8')) as Record<string, number>;
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      log(`statements: ${total} for ~${acked.toFixed(0)} acked messages = ${(total / acked).toFixed(2)} per message; top:`);
      for (const [text, n] of Object.entries(counts).slice(0, 15)) log(`  ${String(n).padStart(8)}  ${text}`);
    }
  } finally {
    await cleanup.run();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`probe failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
