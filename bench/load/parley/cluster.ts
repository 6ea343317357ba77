/**
 * Parley as the benchmark sees it: relay processes (`startRelayProcess`, the real server.ts) over
 * a fresh seeded database, with Redis when there are several nodes, and an agent session from
 * the REST login. Only the process and the wire protocol are used, so the relay's internals may
 * change underneath.
 */
import { randomBytes } from 'node:crypto';
import { WS_PATHS } from '@parley/protocol/light';
import { startRelayProcess, type RelayProcess } from '@parley/relay/testing/relay-process';
import type { RunningPostgres } from '@parley/test-services/start';
import type { Cleanup } from '../cleanup';
import { createDatabase } from './databases';
import { seedTenant, type SeededTenant } from './seed';

export interface ParleyCluster {
  nodes: RelayProcess[];
  tenant: SeededTenant;
  visitorUrl(node: RelayProcess): string;
  agentUrl(node: RelayProcess): string;
  /** The session cookie of the seeded agent (sessions live in Postgres: valid on every node). */
  agentCookie: string;
}

export interface ClusterOptions {
  postgres: RunningPostgres;
  database: string;
  nodes: number;
  redisUrl?: string;
  secret: string;
  /** More environment for every node. */
  extraEnv?: Record<string, string>;
  /** Node flags for every node (e.g. --cpu-prof when profiling, see bench/probe.ts). */
  nodeArgs?: string[];
}

/**
 * Every generator socket comes from 127.0.0.1, so the relay's flood limits (per socket and per
 * client IP) would refuse the load long before the relay is busy. They are raised out of reach
 * rather than switched off (0), so checking them still costs what it costs in production.
 */
const FLOOD_LIMITS_OUT_OF_REACH = {
  FRAME_LIMIT_VISITOR_SOCKET: '100000000',
  FRAME_LIMIT_AGENT_SOCKET: '100000000',
  FRAME_LIMIT_IP: '100000000',
};

export function newSecret(): string {
  return randomBytes(32).toString('hex');
}

async function signIn(baseUrl: string, agent: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: agent.email, password: agent.password }),
  });
  if (response.status !== 200) throw new Error(`agent login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('agent login set no cookie');
  return cookie;
}

export async function startCluster(options: ClusterOptions, cleanup: Cleanup): Promise<ParleyCluster> {
  const url = await createDatabase(options.postgres.url, options.database);
  const tenant = await seedTenant(url);
  const nodes: RelayProcess[] = [];
  // One after the other: each start runs the migrator and the first-start seed check.
  for (let i = 0; i < options.nodes; i++) {
    const env: Record<string, string> = { DATABASE_URL: url, PARLEY_SECRET: options.secret, ...FLOOD_LIMITS_OUT_OF_REACH, ...options.extraEnv };
    if (options.redisUrl) env.REDIS_URL = options.redisUrl;
    const node = await startRelayProcess(env, options.nodeArgs ? { nodeArgs: options.nodeArgs } : {});
    cleanup.add(`relay node ${i + 1} (pid ${node.child.pid})`, () => node.stop());
    nodes.push(node);
  }
  const agentCookie = await signIn(nodes.at(-1)!.baseUrl, tenant.agent);
  return {
    nodes,
    tenant,
    agentCookie,
    visitorUrl: (node) => `${node.wsUrl}${WS_PATHS.widget}?siteKey=${encodeURIComponent(tenant.siteKey)}`,
    agentUrl: (node) => `${node.wsUrl}${WS_PATHS.console}`,
  };
}

/** The pids of a cluster's relay processes, for the CPU sampler. */
export function relayPids(cluster: ParleyCluster): number[] {
  return cluster.nodes.map((node) => node.child.pid!);
}
