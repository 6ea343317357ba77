/**
 * Section 4: how many idle visitor sockets one server process holds, and its resident memory per
 * socket: (RSS after - RSS before) / sockets held, RSS from /proc/<pid>/status. The sockets come
 * from several generator processes (each stays well under the 20,000 open-file limit), say hello,
 * get their welcome, then only keep the heartbeat. Done for the relay and for the bare ws server.
 */
import { loadavg } from 'node:os';
import { Cleanup, withCleanup } from './cleanup';
import { sleep } from './clock';
import { startBareWsServer } from './ceilings/bare-ws-process';
import type { Dialect, IdleOpenReport, IdleStatus } from './generator/commands';
import { GeneratorProcess } from './generator/generator-process';
import { startCluster } from './parley/cluster';
import { SITE_ORIGIN } from './parley/seed';
import { rssBytes } from './proc-stats';
import type { RunContext } from './run-context';

export interface IdleResult {
  server: string;
  target: number;
  welcomed: number;
  /** Still open at the end of the hold. */
  held: number;
  failed: number;
  failures: string[];
  closeCodes: Record<string, number>;
  openSeconds: number;
  /** The 1-minute load average when the hold ended. */
  load1: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  bytesPerSocket: number;
}

export interface IdleSectionResult {
  bare: IdleResult;
  relay: IdleResult;
}

const OPEN_DEADLINE_MS = 150_000;
const SETTLE_MS = 2000;

interface Target {
  server: string;
  pid: number;
  url: string;
  dialect: Dialect;
  /** Handshakes in flight per generator process. */
  concurrency: number;
}

async function holdIdleSockets(ctx: RunContext, target: Target, parent: Cleanup): Promise<IdleResult> {
  const { settings, log } = ctx;
  return withCleanup(async (cleanup) => {
    await sleep(SETTLE_MS);
    const rssBeforeBytes = rssBytes(target.pid) ?? 0;
    const workers = Math.ceil(settings.idleSockets / settings.idlePerWorker);
    const generators = await Promise.all(Array.from({ length: workers }, (_, i) => GeneratorProcess.start(`idle-${i + 1}`)));
    for (const generator of generators) cleanup.add(`generator ${generator.name} (pid ${generator.pid})`, () => generator.stop());
    const share = (i: number) => Math.floor(settings.idleSockets / workers) + (i < settings.idleSockets % workers ? 1 : 0);
    const started = Date.now();
    const reports: IdleOpenReport[] = await Promise.all(
      generators.map((generator, i) =>
        generator.call(
          'idle.open',
          { urls: [target.url], origin: SITE_ORIGIN, count: share(i), dialect: target.dialect, concurrency: target.concurrency, deadlineMs: OPEN_DEADLINE_MS },
          OPEN_DEADLINE_MS + 60_000,
        ),
      ),
    );
    const openSeconds = (Date.now() - started) / 1000;
    const welcomed = reports.reduce((sum, r) => sum + r.welcomed, 0);
    const failed = reports.reduce((sum, r) => sum + r.failed, 0);
    log(`    ${target.server}: ${welcomed} welcomed, ${failed} failed in ${openSeconds.toFixed(1)} s; holding ${settings.idleHoldMs / 1000} s`);
    await sleep(settings.idleHoldMs);
    const statuses: IdleStatus[] = await Promise.all(generators.map((generator) => generator.call('idle.status', {})));
    const held = statuses.reduce((sum, s) => sum + s.open, 0);
    const closeCodes: Record<string, number> = {};
    for (const status of statuses) for (const [code, n] of Object.entries(status.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + n;
    const rssAfterBytes = rssBytes(target.pid) ?? 0;
    const bytesPerSocket = held > 0 ? (rssAfterBytes - rssBeforeBytes) / held : Number.NaN;
    log(`    ${target.server}: ${held} held; RSS ${(rssBeforeBytes / 2 ** 20).toFixed(0)} -> ${(rssAfterBytes / 2 ** 20).toFixed(0)} MiB, ${(bytesPerSocket / 1024).toFixed(1)} KiB per socket`);
    return {
      server: target.server,
      target: settings.idleSockets,
      welcomed,
      held,
      failed,
      failures: reports.flatMap((r) => r.failures).slice(0, 5),
      closeCodes,
      openSeconds,
      load1: loadavg()[0]!,
      rssBeforeBytes,
      rssAfterBytes,
      bytesPerSocket,
    };
  }, parent);
}

export async function runIdleSockets(ctx: RunContext): Promise<IdleSectionResult> {
  const bare = await withCleanup(async (cleanup) => {
    const server = await startBareWsServer();
    cleanup.add(`bare ws server (pid ${server.pid})`, () => server.stop());
    return holdIdleSockets(ctx, { server: 'bare ws', pid: server.pid, url: `${server.url}/visitor`, dialect: 'bare', concurrency: 100 }, cleanup);
  }, ctx.cleanup);
  const postgres = await ctx.postgres();
  const relay = await withCleanup(async (cleanup) => {
    // BENCH_RELAY_NODE_ARGS: node flags for the relay when investigating by hand (e.g. --heapsnapshot-signal=SIGUSR2).
    const nodeArgs = process.env.BENCH_RELAY_NODE_ARGS?.split(' ').filter(Boolean);
    const cluster = await startCluster({ postgres, database: 'bench_idle', nodes: 1, secret: ctx.secret, ...(nodeArgs ? { nodeArgs } : {}) }, cleanup);
    const node = cluster.nodes[0]!;
    return holdIdleSockets(ctx, { server: 'Parley relay', pid: node.child.pid!, url: cluster.visitorUrl(node), dialect: 'parley', concurrency: 50 }, cleanup);
  }, ctx.cleanup);
  return { bare, relay };
}
