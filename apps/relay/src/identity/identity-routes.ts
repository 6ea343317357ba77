/**
 * The sites' identity secrets, for admins: read them (to configure the site's backend) and rotate
 * them (after a leak: identify tokens and user hashes made with the old secret stop working).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { getSite, listSites, rotateSiteSecret, type SiteRecord } from '@parley/db';
import { ErrorBody, SiteIdentityListReply, SiteIdentityReply, SiteParams, type SiteIdentity } from '@parley/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAgent } from '../auth/agent-auth';
import { ParleyError } from '../parley-error';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

function adminWorkspace(request: FastifyRequest): string {
  const { agent } = request.agentSession!;
  if (agent.role !== 'admin') throw new ParleyError('forbidden', 'only admins see or rotate identity secrets');
  return agent.workspaceId;
}

function toSiteIdentity(site: SiteRecord): SiteIdentity {
  return { siteId: site.id, siteName: site.name, secret: site.secret };
}

export async function identityRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.parley;
  app.addHook('preHandler', requireAgent);

  app.get('/v1/identity/sites', { schema: { response: { 200: SiteIdentityListReply, ...errors } } }, async (request) => {
    const sites = await listSites(db, adminWorkspace(request));
    return { sites: sites.map(toSiteIdentity) };
  });

  app.post(
    '/v1/identity/sites/:siteId/rotate',
    { schema: { params: SiteParams, response: { 200: SiteIdentityReply, ...errors } } },
    async (request) => {
      const workspaceId = adminWorkspace(request);
      const secret = await rotateSiteSecret(db, workspaceId, request.params.siteId);
      const site = secret ? await getSite(db, workspaceId, request.params.siteId) : null;
      if (!site) throw new ParleyError('not_found', 'no such site in your workspace');
      request.log.info({ siteId: site.id, agentId: request.agentSession!.agent.id }, 'identity secret rotated');
      return { site: toSiteIdentity(site) };
    },
  );
}
