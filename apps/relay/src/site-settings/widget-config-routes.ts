/**
 * `GET /v1/widget/config`: what the loader needs before it shows the bubble (side, offsets,
 * z-index, label, colour, language), so the bubble appears where the site wants it.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { findSiteByPublicKey } from '@parley/db';
import { ErrorBody, WidgetConfig, WidgetConfigQuery } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { ParleyError } from '../parley-error';
import { launcherConfigOf } from './site-config';

/** Short: a site owner's change reaches new page views within this, open widgets at once (site.updated). */
const CONFIG_MAX_AGE_SECONDS = 30;

export async function widgetConfigRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.parley;

  app.get(
    '/v1/widget/config',
    { schema: { querystring: WidgetConfigQuery, response: { 200: WidgetConfig, 400: ErrorBody, 404: ErrorBody } } },
    async (request, reply) => {
      const site = await findSiteByPublicKey(db, request.query.siteKey);
      if (!site) throw new ParleyError('unknown_site');
      // Readable by the site's own pages only, like its socket: a foreign page's fetch fails and
      // its widget keeps the defaults (and is refused at the upgrade anyway).
      const origin = request.headers.origin;
      if (origin && site.allowedOrigins.includes(origin)) reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
      reply.header('cache-control', `public, max-age=${CONFIG_MAX_AGE_SECONDS}`);
      return { launcher: launcherConfigOf(site) };
    },
  );
}
