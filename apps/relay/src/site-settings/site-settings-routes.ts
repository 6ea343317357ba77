/**
 * A site's settings for its admins (docs/protocol.md 6.3, "Site settings"). Every query takes the
 * caller's workspace: another workspace's site answers 404 like a missing one.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { getSite, listSites, toSiteSettings, updateSiteSettings } from '@parley/db';
import { ErrorBody, SiteParams, SiteSettingsListReply, SiteSettingsPatch, SiteSettingsReply } from '@parley/protocol';
import { originProblem } from '@parley/protocol/light';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAgent } from '../auth/agent-auth';
import { ParleyError } from '../parley-error';
import { announceSiteUpdated } from './site-config';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/**
 * Before the body is validated: someone who may not change settings learns that, not what a
 * valid body looks like.
 */
async function requireAdmin(this: FastifyInstance, request: FastifyRequest): Promise<void> {
  await requireAgent.call(this, request);
  if (request.agentSession!.agent.role !== 'admin') throw new ParleyError('forbidden', 'only admins see and change site settings');
}

/** The schema checks the shape; an origin also has to be only an origin. The error names the field. */
function checkOrigins(origins: readonly string[] | undefined): void {
  origins?.forEach((origin, index) => {
    const problem = originProblem(origin);
    if (problem) throw new ParleyError('validation_failed', `allowedOrigins.${index}: ${problem}`, `allowedOrigins.${index}`);
  });
}

export async function siteSettingsRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { db, hub } = app.parley;
  app.addHook('preValidation', requireAdmin);
  const workspaceOf = (request: FastifyRequest) => request.agentSession!.agent.workspaceId;

  app.get('/v1/sites', { schema: { response: { 200: SiteSettingsListReply, ...errors } } }, async (request) => ({
    sites: (await listSites(db, workspaceOf(request))).map(toSiteSettings),
  }));

  app.get('/v1/sites/:siteId', { schema: { params: SiteParams, response: { 200: SiteSettingsReply, ...errors } } }, async (request) => {
    const site = await getSite(db, workspaceOf(request), request.params.siteId);
    if (!site) throw new ParleyError('not_found', 'no such site');
    return { site: toSiteSettings(site) };
  });

  app.patch(
    '/v1/sites/:siteId',
    { schema: { params: SiteParams, body: SiteSettingsPatch, response: { 200: SiteSettingsReply, ...errors } } },
    async (request) => {
      checkOrigins(request.body.allowedOrigins);
      const site = await updateSiteSettings(db, workspaceOf(request), request.params.siteId, request.body);
      if (!site) throw new ParleyError('not_found', 'no such site');
      await announceSiteUpdated(db, hub, site).catch((error: unknown) => request.log.warn({ err: error }, 'site.updated not published on the bus'));
      return { site: toSiteSettings(site) };
    },
  );
}
