/** Agents as routing sees them: capacity, teams and load. Presence (online/away) lives in the relay, not here. */
import { and, asc, eq } from 'drizzle-orm';
import { agentLoads } from './assignment';
import type { Db } from './open-db';
import { agents, teamMembers } from './schema';

export interface AgentRoutingInfo {
  agentId: string;
  name: string;
  capacity: number;
  load: number;
  teamIds: string[];
}

export async function listAgentRouting(db: Db, workspaceId: string): Promise<AgentRoutingInfo[]> {
  const rows = await db
    .select({ agentId: agents.id, name: agents.name, capacity: agents.capacity })
    .from(agents)
    .where(eq(agents.workspaceId, workspaceId))
    .orderBy(asc(agents.name), asc(agents.id));
  const members = await db
    .select({ agentId: teamMembers.agentId, teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.workspaceId, workspaceId));
  const loads = await agentLoads(db, workspaceId);
  return rows.map((row) => ({
    ...row,
    load: loads.get(row.agentId) ?? 0,
    teamIds: members.filter((member) => member.agentId === row.agentId).map((member) => member.teamId).sort(),
  }));
}

export async function getAgentRouting(db: Db, workspaceId: string, agentId: string): Promise<AgentRoutingInfo | null> {
  return (await listAgentRouting(db, workspaceId)).find((agent) => agent.agentId === agentId) ?? null;
}

/** False when the agent is not in the workspace. */
export async function setAgentCapacity(db: Db, workspaceId: string, agentId: string, capacity: number): Promise<boolean> {
  const updated = await db
    .update(agents)
    .set({ capacity, updatedAt: new Date() })
    .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, agentId)))
    .returning({ id: agents.id });
  return updated.length > 0;
}
