/**
 * A real relay for integration tests: the app from app.ts listening on a free loopback port,
 * over PGlite in memory or a fresh database on the test Postgres, with the in-process or Redis bus,
 * and two seeded workspaces (A and B) so every test can check tenant isolation.
 */
import { createBus, type Bus } from '@parley/bus';
import { createTestDatabase, postgresUrl, redisUrl } from '@parley/test-services';
import { freePort } from '@parley/test-services/start';
import { createAgent, createSite, createWorkspace, openDb, setAgentCapacity, type Database } from '@parley/db';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { hashPassword } from '../auth/passwords';
import { loadConfig, type Config } from '../config';

export interface SeededWorkspace {
  workspaceId: string;
  siteId: string;
  siteKey: string;
  /** An origin the site allows (the "customer page"). */
  origin: string;
  agent: { id: string; email: string; password: string; name: string };
}

export interface RelayUnderTest {
  app: FastifyInstance;
  database: Database;
  bus: Bus;
  config: Config;
  baseUrl: string;
  wsUrl: string;
  a: SeededWorkspace;
  b: SeededWorkspace;
  close(): Promise<void>;
}

export interface StartRelayOptions {
  /** A Postgres URL (a fresh test database); PGlite in memory when omitted. */
  databaseUrl?: string;
  /** Share one database between several relays (two nodes): pass the first one's. */
  database?: Database;
  redisUrl?: string;
  /** Seed the two workspaces (skip on the second node of a pair). */
  seed?: boolean;
  secret?: string;
  env?: Record<string, string>;
}

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
const PASSWORD = 'correct horse battery staple';

export async function seedWorkspace(database: Database, label: 'a' | 'b'): Promise<SeededWorkspace> {
  const db = database.db;
  const workspace = await createWorkspace(db, { name: `Workspace ${label.toUpperCase()}` });
  const origin = `http://site-${label}.example`;
  const site = await createSite(db, workspace.id, { name: `Site ${label}`, allowedOrigins: [origin], greeting: `Hello from ${label}` });
  const email = `agent-${label}@example.test`;
  const name = `Agent ${label.toUpperCase()}`;
  const agent = await createAgent(db, workspace.id, { email, name, role: 'admin', passwordHash: await hashPassword(PASSWORD) });
  // Takes no chats: routing would otherwise assign them the conversations of tests about the
  // message path, and its "joined" events would take seqs those tests count. Routing tests add
  // agents of their own (routing/routing-test-kit.ts).
  await setAgentCapacity(db, workspace.id, agent.id, 0);
  return { workspaceId: workspace.id, siteId: site.id, siteKey: site.publicKey, origin, agent: { id: agent.id, email, password: PASSWORD, name } };
}

export async function startRelay(options: StartRelayOptions = {}): Promise<RelayUnderTest> {
  const ownsDatabase = !options.database;
  const database = options.database ?? (await openDb(options.databaseUrl ? { url: options.databaseUrl } : { dataDir: 'memory://' }));
  const bus = createBus({ redisUrl: options.redisUrl });
  // The console's origin is the relay's own, so the port is chosen before the config is made.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'silent',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  });
  const app = await buildApp({ config, database, bus, secret: options.secret ?? TEST_SECRET });
  await app.listen({ port, host: '127.0.0.1' });
  const seeded = options.seed === false ? null : { a: await seedWorkspace(database, 'a'), b: await seedWorkspace(database, 'b') };
  return {
    app,
    database,
    bus,
    config,
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}`,
    a: seeded?.a as SeededWorkspace,
    b: seeded?.b as SeededWorkspace,
    async close() {
      await app.close();
      await bus.close();
      if (ownsDatabase) await database.close();
    },
  };
}

/** What a test started, stopped last first by its afterEach. */
export type Cleanups = Array<() => Promise<unknown> | unknown>;

/**
 * Two relay nodes as deployed: each with its own pool on one fresh database of the test Postgres,
 * and one Redis (the shared test Redis unless given); the first seeds the workspaces. Their stops
 * and the database's drop go on `cleanups`.
 */
export async function startTwoNodes(
  cleanups: Cleanups,
  options: { env?: Record<string, string>; redisUrl?: string } = {},
): Promise<[RelayUnderTest, RelayUnderTest]> {
  const created = await createTestDatabase(postgresUrl()!);
  cleanups.push(() => created.drop());
  const shared = { databaseUrl: created.url, redisUrl: options.redisUrl ?? redisUrl()!, ...(options.env ? { env: options.env } : {}) };
  const node1 = await startRelay(shared);
  cleanups.push(() => node1.close());
  const node2 = await startRelay({ ...shared, seed: false });
  cleanups.push(() => node2.close());
  return [node1, node2];
}
