/**
 * The one workspace the run uses: the relay test seed (a site that allows one origin, an admin),
 * plus as many agents as the run simulates. They share the seeded password, so no extra hashing.
 */
import { createAgent, findAgentByEmail, openDb } from '@parley/db';
// The relay exports only its process starter; its seed lives beside it and is what every relay test uses.
import { seedWorkspace } from '@parley/relay/testing/relay-harness';

export interface AgentLogin {
  email: string;
  password: string;
}

export interface HarnessWorkspace {
  workspaceId: string;
  siteKey: string;
  /** The customer page's origin, allowed by the site. */
  origin: string;
  agents: AgentLogin[];
}

export async function seedHarnessWorkspace(databaseUrl: string, agentCount: number): Promise<HarnessWorkspace> {
  const database = await openDb({ url: databaseUrl });
  try {
    const seeded = await seedWorkspace(database, 'a');
    const admin = await findAgentByEmail(database.db, seeded.agent.email);
    if (!admin) throw new Error('the seeded agent is missing');
    const agents: AgentLogin[] = [{ email: seeded.agent.email, password: seeded.agent.password }];
    for (let i = 1; i < agentCount; i++) {
      const email = `agent-${i}@faults.test`;
      await createAgent(database.db, seeded.workspaceId, { email, name: `Agent ${i}`, role: 'agent', passwordHash: admin.passwordHash });
      agents.push({ email, password: seeded.agent.password });
    }
    return { workspaceId: seeded.workspaceId, siteKey: seeded.siteKey, origin: seeded.origin, agents };
  } finally {
    await database.close();
  }
}
