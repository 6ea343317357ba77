/** Teams (departments) and their members. Every workspace has exactly one default team. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { SiteTeams, Team, TeamCreateBody, TeamUpdateBody } from '@parley/protocol';
import type { Db } from './open-db';
import { agents, sites, teamMembers, teams } from './schema';

export const DEFAULT_TEAM_NAME = 'Support';

type TeamRow = typeof teams.$inferSelect;

function toTeam(row: TeamRow, memberIds: string[]): Team {
  return {
    id: row.id,
    name: row.name,
    isDefault: row.isDefault,
    autoAssign: row.autoAssign,
    firstResponseTargetSeconds: row.firstResponseTargetSeconds,
    reassignAfterSeconds: row.reassignAfterSeconds,
    memberIds,
  };
}

async function membersOf(db: Db, workspaceId: string, teamIds: string[]): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return members;
  const rows = await db
    .select({ teamId: teamMembers.teamId, agentId: teamMembers.agentId })
    .from(teamMembers)
    .where(and(eq(teamMembers.workspaceId, workspaceId), inArray(teamMembers.teamId, teamIds)))
    .orderBy(asc(teamMembers.agentId));
  for (const row of rows) members.get(row.teamId)?.push(row.agentId);
  return members;
}

export async function listTeams(db: Db, workspaceId: string): Promise<Team[]> {
  const rows = await db
    .select()
    .from(teams)
    .where(eq(teams.workspaceId, workspaceId))
    .orderBy(sql`${teams.isDefault} desc`, asc(teams.name), asc(teams.id));
  const members = await membersOf(db, workspaceId, rows.map((row) => row.id));
  return rows.map((row) => toTeam(row, members.get(row.id) ?? []));
}

export async function getTeam(db: Db, workspaceId: string, teamId: string): Promise<Team | null> {
  const [row] = await db.select().from(teams).where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, teamId)));
  if (!row) return null;
  return toTeam(row, (await membersOf(db, workspaceId, [row.id])).get(row.id) ?? []);
}

/** The default team, created (with every agent of the workspace in it) when the workspace has none yet. */
export async function ensureDefaultTeam(db: Db, workspaceId: string): Promise<Team> {
  const [existing] = await db.select().from(teams).where(and(eq(teams.workspaceId, workspaceId), eq(teams.isDefault, true)));
  if (existing) return toTeam(existing, (await membersOf(db, workspaceId, [existing.id])).get(existing.id) ?? []);
  // Two starts racing: the partial unique index lets one insert win; the other reads it.
  await db.insert(teams).values({ workspaceId, name: DEFAULT_TEAM_NAME, isDefault: true }).onConflictDoNothing();
  const [row] = await db.select().from(teams).where(and(eq(teams.workspaceId, workspaceId), eq(teams.isDefault, true)));
  if (!row) throw new Error('the default team was neither found nor created');
  await db.execute(sql`
    INSERT INTO team_members (team_id, agent_id, workspace_id)
    SELECT ${row.id}::uuid, id, workspace_id FROM agents WHERE workspace_id = ${workspaceId}::uuid
    ON CONFLICT DO NOTHING`);
  return toTeam(row, (await membersOf(db, workspaceId, [row.id])).get(row.id) ?? []);
}

/** Agent ids of the workspace among `agentIds`: membership never crosses tenants. */
async function agentsOfWorkspace(db: Db, workspaceId: string, agentIds: string[]): Promise<string[]> {
  if (agentIds.length === 0) return [];
  const rows = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.workspaceId, workspaceId), inArray(agents.id, agentIds)));
  return rows.map((row) => row.id);
}

export async function setTeamMembers(db: Db, workspaceId: string, teamId: string, agentIds: string[]): Promise<void> {
  const valid = await agentsOfWorkspace(db, workspaceId, [...new Set(agentIds)]);
  await db.transaction(async (tx) => {
    await tx.delete(teamMembers).where(and(eq(teamMembers.workspaceId, workspaceId), eq(teamMembers.teamId, teamId)));
    if (valid.length > 0) await tx.insert(teamMembers).values(valid.map((agentId) => ({ teamId, agentId, workspaceId })));
  });
}

export async function addTeamMember(db: Db, workspaceId: string, teamId: string, agentId: string): Promise<void> {
  if ((await agentsOfWorkspace(db, workspaceId, [agentId])).length === 0) return;
  await db.insert(teamMembers).values({ teamId, agentId, workspaceId }).onConflictDoNothing();
}

export async function createTeam(db: Db, workspaceId: string, input: TeamCreateBody): Promise<Team> {
  const [row] = await db
    .insert(teams)
    .values({
      workspaceId,
      name: input.name,
      autoAssign: input.autoAssign ?? true,
      firstResponseTargetSeconds: input.firstResponseTargetSeconds ?? null,
      reassignAfterSeconds: input.reassignAfterSeconds ?? null,
    })
    .returning();
  if (!row) throw new Error('insert into teams returned no row');
  if (input.memberIds) await setTeamMembers(db, workspaceId, row.id, input.memberIds);
  return (await getTeam(db, workspaceId, row.id))!;
}

/** Null when the team is not in the workspace. */
export async function updateTeam(db: Db, workspaceId: string, teamId: string, input: TeamUpdateBody): Promise<Team | null> {
  const { memberIds, ...fields } = input;
  const set = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  if (Object.keys(set).length > 0) {
    const updated = await db
      .update(teams)
      .set(set)
      .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, teamId)))
      .returning({ id: teams.id });
    if (updated.length === 0) return null;
  }
  if (!(await getTeam(db, workspaceId, teamId))) return null;
  if (memberIds) await setTeamMembers(db, workspaceId, teamId, memberIds);
  return getTeam(db, workspaceId, teamId);
}

/** Ids of the teams an agent belongs to. */
export async function teamIdsOfAgent(db: Db, workspaceId: string, agentId: string): Promise<string[]> {
  const rows = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.workspaceId, workspaceId), eq(teamMembers.agentId, agentId)));
  return rows.map((row) => row.teamId);
}

/**
 * The team a new conversation of this site goes to: `requested` when the site offers it to its
 * visitors, otherwise the workspace's default team.
 */
export async function resolveConversationTeam(
  db: Db,
  workspaceId: string,
  siteId: string,
  requested: string | undefined,
): Promise<string> {
  if (requested) {
    const [site] = await db
      .select({ visitorTeamIds: sites.visitorTeamIds })
      .from(sites)
      .where(and(eq(sites.workspaceId, workspaceId), eq(sites.id, siteId)));
    if (site?.visitorTeamIds.includes(requested) && (await getTeam(db, workspaceId, requested))) return requested;
  }
  return (await ensureDefaultTeam(db, workspaceId)).id;
}

/** The teams a site's visitors may pick (SitePublic.teams), in the site's order. */
export async function siteVisitorTeams(db: Db, workspaceId: string, siteId: string): Promise<Array<{ id: string; name: string }>> {
  const [site] = await db
    .select({ visitorTeamIds: sites.visitorTeamIds })
    .from(sites)
    .where(and(eq(sites.workspaceId, workspaceId), eq(sites.id, siteId)));
  if (!site || site.visitorTeamIds.length === 0) return [];
  const rows = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, site.visitorTeamIds)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return site.visitorTeamIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** Only teams of the workspace are kept. False when the site is not in the workspace. */
export async function setSiteVisitorTeams(db: Db, workspaceId: string, siteId: string, teamIds: string[]): Promise<boolean> {
  const unique = [...new Set(teamIds)];
  const valid =
    unique.length === 0
      ? []
      : (await db.select({ id: teams.id }).from(teams).where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, unique)))).map((row) => row.id);
  const ordered = unique.filter((id) => valid.includes(id));
  const updated = await db
    .update(sites)
    .set({ visitorTeamIds: ordered })
    .where(and(eq(sites.workspaceId, workspaceId), eq(sites.id, siteId)))
    .returning({ id: sites.id });
  return updated.length > 0;
}

/** Every site of the workspace with the teams its visitors may pick (the Team admin screen). */
export async function listSiteTeams(db: Db, workspaceId: string): Promise<SiteTeams[]> {
  const rows = await db
    .select({ siteId: sites.id, name: sites.name, teamIds: sites.visitorTeamIds })
    .from(sites)
    .where(eq(sites.workspaceId, workspaceId))
    .orderBy(asc(sites.name), asc(sites.id));
  return rows;
}

/** Of `teamIds`, those that are not teams of the workspace: an admin's request naming one is refused, not trimmed. */
export async function unknownTeamIds(db: Db, workspaceId: string, teamIds: string[]): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const found = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, [...new Set(teamIds)])));
  const known = new Set(found.map((row) => row.id));
  return teamIds.filter((id) => !known.has(id));
}

/** Of `agentIds`, those that are not agents of the workspace. */
export async function unknownAgentIds(db: Db, workspaceId: string, agentIds: string[]): Promise<string[]> {
  const known = new Set(await agentsOfWorkspace(db, workspaceId, [...new Set(agentIds)]));
  return agentIds.filter((id) => !known.has(id));
}
