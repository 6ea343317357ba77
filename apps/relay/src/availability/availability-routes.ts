/** Business hours of a site, for the console: any agent of the workspace reads them, admins change them. */
import { getBusinessHours, getSite, listSites, setBusinessHours } from '@parley/db';
import { BusinessHours, BusinessHoursListReply, BusinessHoursReply, ErrorBody, SiteParams } from '@parley/protocol';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireAgent } from '../auth/agent-auth';
import { ParleyError } from '../parley-error';
import { isTimeZone } from './schedule';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function availabilityRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { db, availability } = app.parley;
  app.addHook('preHandler', requireAgent);

  app.get('/v1/business-hours', { schema: { response: { 200: BusinessHoursListReply, ...errors } } }, async (request) => {
    const workspaceId = request.agentSession!.agent.workspaceId;
    const sites = await listSites(db, workspaceId);
    return {
      sites: await Promise.all(
        sites.map(async (site) => ({
          siteId: site.id,
          siteName: site.name,
          businessHours: await getBusinessHours(db, workspaceId, site.id),
          availability: await availability.current(workspaceId, site.id),
        })),
      ),
    };
  });

  app.get(
    '/v1/sites/:siteId/business-hours',
    { schema: { params: SiteParams, response: { 200: BusinessHoursReply, ...errors } } },
    async (request) => {
      const workspaceId = request.agentSession!.agent.workspaceId;
      const { siteId } = request.params;
      if (!(await getSite(db, workspaceId, siteId))) throw new ParleyError('not_found', 'no such site');
      const [businessHours, current] = await Promise.all([getBusinessHours(db, workspaceId, siteId), availability.current(workspaceId, siteId)]);
      return { businessHours, availability: current };
    },
  );

  app.put(
    '/v1/sites/:siteId/business-hours',
    { schema: { params: SiteParams, body: BusinessHours, response: { 200: BusinessHoursReply, ...errors } } },
    async (request) => {
      const { agent } = request.agentSession!;
      if (agent.role !== 'admin') throw new ParleyError('forbidden', 'admins only');
      if (!isTimeZone(request.body.timeZone)) throw new ParleyError('validation_failed', `unknown time zone ${JSON.stringify(request.body.timeZone)}; use an IANA name such as Europe/Berlin`);
      const businessHours = await setBusinessHours(db, agent.workspaceId, request.params.siteId, request.body);
      if (!businessHours) throw new ParleyError('not_found', 'no such site');
      // Open widgets learn the new state now, not at the next periodic check: here before the
      // answer, on the other nodes through the bus.
      await availability.refreshSite(request.params.siteId);
      availability.announce(agent.workspaceId);
      return { businessHours, availability: await availability.current(agent.workspaceId, request.params.siteId) };
    },
  );
}
