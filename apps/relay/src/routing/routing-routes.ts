/** Teams, presence, capacities and which teams a site offers its visitors: the REST side of routing. Scoped to the caller's workspace. */
import { createTeam, getTeam, listSiteTeams, listTeams, setSiteVisitorTeams, unknownAgentIds, unknownTeamIds, updateTeam } from '@parley/db';
import {
  AgentCapacityBody,
  AgentParams,
  AgentPresenceReply,
  ErrorBody,
  PresenceReply,
  SiteParams,
  SiteTeamsBody,
  SiteTeamsListReply,
  TeamCreateBody,
  TeamListReply,
  TeamParams,
  TeamReply,
  TeamUpdateBody,
} from '@parley/protocol';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAgent } from '../auth/agent-auth';
import { ParleyError } from '../parley-error';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Changing how work is routed is for admins. */
function requireAdmin(request: FastifyRequest): void {
  if (request.agentSession!.agent.role !== 'admin') throw new ParleyError('forbidden', 'admins only');
}

/** An admin naming an agent or team that is not theirs gets told which, rather than having it silently dropped. */
function refuseUnknown(kind: 'agent' | 'team', unknown: string[]): void {
  if (unknown.length > 0) throw new ParleyError('not_found', `no such ${kind} in this workspace: ${unknown.join(', ')}`);
}

export async function routingRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { db, routing } = app.parley;
  app.addHook('preHandler', requireAgent);

  app.get('/v1/teams', { schema: { response: { 200: TeamListReply, ...errors } } }, async (request) => ({
    teams: await listTeams(db, request.agentSession!.agent.workspaceId),
  }));

  app.post('/v1/teams', { schema: { body: TeamCreateBody, response: { 201: TeamReply, ...errors } } }, async (request, reply) => {
    requireAdmin(request);
    const workspaceId = request.agentSession!.agent.workspaceId;
    refuseUnknown('agent', await unknownAgentIds(db, workspaceId, request.body.memberIds ?? []));
    const team = await createTeam(db, workspaceId, request.body);
    routing.agentsChanged(workspaceId, team.memberIds);
    if (team.memberIds.length > 0) await routing.routeTeam(workspaceId, team.id);
    return reply.code(201).send({ team });
  });

  app.patch(
    '/v1/teams/:teamId',
    { schema: { params: TeamParams, body: TeamUpdateBody, response: { 200: TeamReply, ...errors } } },
    async (request) => {
      requireAdmin(request);
      const workspaceId = request.agentSession!.agent.workspaceId;
      const before = await getTeam(db, workspaceId, request.params.teamId);
      if (!before) throw new ParleyError('not_found', 'no such team');
      refuseUnknown('agent', await unknownAgentIds(db, workspaceId, request.body.memberIds ?? []));
      const team = await updateTeam(db, workspaceId, request.params.teamId, request.body);
      if (!team) throw new ParleyError('not_found', 'no such team');
      // Who joined or left: their consoles' roster shows their new teams.
      const changed = new Set([...before.memberIds, ...team.memberIds]);
      for (const id of before.memberIds) if (team.memberIds.includes(id)) changed.delete(id);
      routing.agentsChanged(workspaceId, changed);
      // Auto-assignment switched on, or new members: the queue may move now.
      await routing.routeTeam(workspaceId, team.id);
      return { team };
    },
  );

  app.get('/v1/presence', { schema: { response: { 200: PresenceReply, ...errors } } }, async (request) => ({
    agents: await routing.roster(request.agentSession!.agent.workspaceId),
  }));

  app.put(
    '/v1/agents/:agentId/capacity',
    { schema: { params: AgentParams, body: AgentCapacityBody, response: { 200: AgentPresenceReply, ...errors } } },
    async (request) => {
      requireAdmin(request);
      const workspaceId = request.agentSession!.agent.workspaceId;
      if (!(await routing.setCapacity(workspaceId, request.params.agentId, request.body.capacity))) {
        throw new ParleyError('not_found', 'no such agent');
      }
      const agent = (await routing.roster(workspaceId)).find((entry) => entry.agentId === request.params.agentId);
      if (!agent) throw new ParleyError('not_found', 'no such agent');
      return { agent };
    },
  );

  app.get('/v1/site-teams', { schema: { response: { 200: SiteTeamsListReply, ...errors } } }, async (request) => {
    requireAdmin(request);
    return { sites: await listSiteTeams(db, request.agentSession!.agent.workspaceId) };
  });

  app.put(
    '/v1/sites/:siteId/teams',
    { schema: { params: SiteParams, body: SiteTeamsBody, response: { 204: { type: 'null' }, ...errors } } },
    async (request, reply) => {
      requireAdmin(request);
      const workspaceId = request.agentSession!.agent.workspaceId;
      refuseUnknown('team', await unknownTeamIds(db, workspaceId, request.body.teamIds));
      if (!(await setSiteVisitorTeams(db, workspaceId, request.params.siteId, request.body.teamIds))) {
        throw new ParleyError('not_found', 'no such site');
      }
      return reply.code(204).send();
    },
  );
}
