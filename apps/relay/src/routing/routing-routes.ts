/** Teams, presence and which teams a site offers its visitors: the REST side of routing. Scoped to the caller's workspace. */
import { createTeam, listTeams, setSiteVisitorTeams, updateTeam } from '@parley/db';
import {
  ErrorBody,
  PresenceReply,
  SiteParams,
  SiteTeamsBody,
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

export async function routingRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { db, routing } = app.parley;
  app.addHook('preHandler', requireAgent);

  app.get('/v1/teams', { schema: { response: { 200: TeamListReply, ...errors } } }, async (request) => ({
    teams: await listTeams(db, request.agentSession!.agent.workspaceId),
  }));

  app.post('/v1/teams', { schema: { body: TeamCreateBody, response: { 201: TeamReply, ...errors } } }, async (request, reply) => {
    requireAdmin(request);
    const team = await createTeam(db, request.agentSession!.agent.workspaceId, request.body);
    return reply.code(201).send({ team });
  });

  app.patch(
    '/v1/teams/:teamId',
    { schema: { params: TeamParams, body: TeamUpdateBody, response: { 200: TeamReply, ...errors } } },
    async (request) => {
      requireAdmin(request);
      const workspaceId = request.agentSession!.agent.workspaceId;
      const team = await updateTeam(db, workspaceId, request.params.teamId, request.body);
      if (!team) throw new ParleyError('not_found', 'no such team');
      // Auto-assignment switched on, or new members: the queue may move now.
      await routing.routeTeam(workspaceId, team.id);
      return { team };
    },
  );

  app.get('/v1/presence', { schema: { response: { 200: PresenceReply, ...errors } } }, async (request) => ({
    agents: await routing.roster(request.agentSession!.agent.workspaceId),
  }));

  app.put(
    '/v1/sites/:siteId/teams',
    { schema: { params: SiteParams, body: SiteTeamsBody, response: { 204: { type: 'null' }, ...errors } } },
    async (request, reply) => {
      requireAdmin(request);
      if (!(await setSiteVisitorTeams(db, request.agentSession!.agent.workspaceId, request.params.siteId, request.body.teamIds))) {
        throw new ParleyError('not_found', 'no such site');
      }
      return reply.code(204).send();
    },
  );
}
