/**
 * The tenant a benchmark talks to, written straight into a fresh database before any relay
 * starts: a workspace, a site that allows the "customer page" origin, and an agent who signs in.
 * (The same shape as the relay's test harness seeds; the hash uses the relay's argon2id parameters.)
 */
import { hash } from '@node-rs/argon2';
import { createAgent, createSite, createWorkspace, openDb } from '@parley/db';

export const SITE_ORIGIN = 'http://site-a.example';

export interface SeededTenant {
  siteKey: string;
  origin: string;
  agent: { email: string; password: string };
}

export async function seedTenant(url: string): Promise<SeededTenant> {
  const database = await openDb({ url });
  try {
    const db = database.db;
    const workspace = await createWorkspace(db, { name: 'Benchmark workspace' });
    const site = await createSite(db, workspace.id, { name: 'Benchmark site', allowedOrigins: [SITE_ORIGIN], greeting: 'Hello from the benchmark' });
    const agent = { email: 'bench-agent@example.test', password: 'correct horse battery staple' };
    const passwordHash = await hash(agent.password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    await createAgent(db, workspace.id, { email: agent.email, name: 'Bench Agent', role: 'admin', passwordHash });
    return { siteKey: site.publicKey, origin: SITE_ORIGIN, agent };
  } finally {
    await database.close();
  }
}
