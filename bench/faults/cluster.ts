/**
 * The system under test as real processes on loopback: one Postgres, one Redis and N relay nodes
 * sharing them. Nodes can be killed (SIGKILL) and revived on the same port; Postgres can be frozen.
 * Every process is registered with the teardown, so it is stopped by its PID even after an error.
 */
import { startRelayProcess, type RelayProcess } from '@parley/relay/testing/relay-process';
import { startPostgres, startRedis, type RunningPostgres, type RunningRedis } from '@parley/test-services/start';
import type { Prng } from './prng';
import { freezePostgres, type FrozenPostgres } from './postgres-pause';
import type { Teardown } from './teardown';
import { withTimeout } from './waiting';

/** The agents' sockets come from one console origin, whichever node they land on. */
export const CONSOLE_ORIGIN = 'http://console.faults.test';
export const HARNESS_SECRET = 'fault-harness-secret-0123456789abcdef0123';

/** A distinct address per simulated client (visitors in 10.0/16 upwards, agents in 10.255/16). */
export function clientAddress(kind: 'visitor' | 'agent', index: number): string {
  const base = kind === 'agent' ? 255 << 16 : 0;
  const n = base + index + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

const GRACEFUL_STOP_MS = 15_000;
const REVIVE_ATTEMPTS = 3;

export interface RelayNode {
  readonly index: number;
  readonly port: number;
  readonly wsUrl: string;
  readonly baseUrl: string;
  /** Null while the node is killed. */
  process: RelayProcess | null;
}

export interface Cluster {
  readonly postgres: RunningPostgres;
  readonly redis: RunningRedis;
  readonly nodes: readonly RelayNode[];
  /** Nodes currently running (what a health-checking load balancer would route to). */
  up(): RelayNode[];
  pickNode(rng: Prng): RelayNode;
  /** SIGKILL: sockets drop without a close frame, in-flight work is lost. */
  kill(index: number): Promise<void>;
  /** Starts the node again on its port and waits until it is ready. */
  revive(index: number): Promise<void>;
  freezePostgres(): FrozenPostgres;
  /** Relay exits the harness did not cause, with the tail of their output. */
  readonly unexpectedExits: string[];
  /** Everything every relay process wrote (JSON log lines at LOG_LEVEL warn), killed ones included. */
  output(): string;
}

async function stopRelay(relay: RelayProcess): Promise<void> {
  try {
    await withTimeout(relay.stop(), GRACEFUL_STOP_MS, `relay on port ${relay.port}`);
  } catch {
    await relay.stop({ kill: true });
  }
}

export async function startCluster(opts: { nodes: number; teardown: Teardown; log: (line: string) => void }): Promise<Cluster> {
  const { teardown, log } = opts;
  const postgres = await startPostgres();
  let frozen: FrozenPostgres | null = null;
  teardown.add('postgres', async () => {
    frozen?.thaw();
    await postgres.stop();
  });
  const redis = await startRedis();
  teardown.add('redis', () => redis.stop());
  log(`postgres ${postgres.url} (pid file ${postgres.dataDir}/postmaster.pid), redis ${redis.url}`);

  const env = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    PARLEY_SECRET: HARNESS_SECRET,
    CONSOLE_ORIGINS: CONSOLE_ORIGIN,
    // Every simulated client comes from 127.0.0.1; each one names its own address in
    // X-Forwarded-For (clientAddress) so the per-IP limits apply per person, as behind a proxy.
    TRUST_PROXY: 'true',
  };
  const unexpectedExits: string[] = [];
  const killing = new Set<RelayProcess>();
  const nodes: RelayNode[] = [];
  const retiredOutput: string[] = [];

  teardown.add('relay nodes', async () => {
    await Promise.all(
      nodes.map(async (node) => {
        const relay = node.process;
        node.process = null;
        if (relay) {
          killing.add(relay);
          await stopRelay(relay);
        }
      }),
    );
  }, GRACEFUL_STOP_MS + 5_000);

  async function launch(index: number, port?: number): Promise<RelayProcess> {
    const relay = await startRelayProcess(env, port === undefined ? {} : { port });
    relay.child.once('exit', (code, signal) => {
      if (killing.has(relay)) return;
      const tail = relay.output().split('\n').slice(-15).join('\n');
      unexpectedExits.push(`node ${index} (port ${relay.port}) exited by itself (${signal ?? code}):\n${tail}`);
      const node = nodes[index];
      if (node?.process === relay) node.process = null;
    });
    return relay;
  }

  const place = (index: number, relay: RelayProcess) => {
    nodes[index] = { index, port: relay.port, wsUrl: relay.wsUrl, baseUrl: relay.baseUrl, process: relay };
  };
  // The first node applies the migrations; the others find them applied.
  place(0, await launch(0));
  const rest = await Promise.allSettled(Array.from({ length: opts.nodes - 1 }, (_, i) => launch(i + 1)));
  rest.forEach((result, i) => {
    if (result.status === 'fulfilled') place(i + 1, result.value);
  });
  const failed = rest.find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  log(`relay nodes on ports ${nodes.map((node) => node.port).join(', ')}`);

  const up = () => nodes.filter((node) => node.process !== null);
  return {
    postgres,
    redis,
    nodes,
    up,
    unexpectedExits,
    pickNode(rng) {
      const live = up();
      // With every node down a client still has to try somewhere; it fails and backs off.
      return rng.pick(live.length > 0 ? live : nodes);
    },
    async kill(index) {
      const node = nodes[index]!;
      const relay = node.process;
      if (!relay) return;
      killing.add(relay);
      node.process = null;
      await relay.stop({ kill: true });
      retiredOutput.push(relay.output());
    },
    async revive(index) {
      const node = nodes[index]!;
      if (node.process) return;
      for (let attempt = 1; ; attempt++) {
        try {
          node.process = await launch(index, node.port);
          return;
        } catch (error) {
          if (attempt >= REVIVE_ATTEMPTS) throw error;
        }
      }
    },
    output: () => [...retiredOutput, ...nodes.map((node) => node.process?.output() ?? '')].join('\n'),
    freezePostgres() {
      frozen = freezePostgres(postgres.dataDir);
      return frozen;
    },
  };
}
