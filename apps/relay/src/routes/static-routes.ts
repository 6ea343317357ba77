/**
 * The built widget and console. Hashed files are cached for a year; the loader (whose URL is in
 * every customer's snippet) and the console's index.html are revalidated, so a deploy reaches
 * pages within minutes. Widget files carry CORS headers because customers' pages import them.
 */
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const HASHED = /-[0-9a-zA-Z]{8,}\.(js|css)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

export async function staticRoutes(app: FastifyInstance): Promise<void> {
  const { widgetDist, consoleDist } = app.parley.config;

  if (existsSync(widgetDist)) {
    await app.register(fastifyStatic, {
      root: widgetDist,
      prefix: '/widget/',
      decorateReply: false,
      index: false,
      setHeaders(reply, path) {
        reply.header('Access-Control-Allow-Origin', '*');
        reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
        reply.header('Cache-Control', HASHED.test(path) ? IMMUTABLE : 'public, max-age=300, must-revalidate');
      },
    });
  } else {
    app.log.warn({ widgetDist }, 'widget not built: /widget/* is not served (run the build)');
  }

  if (existsSync(consoleDist)) {
    await app.register(fastifyStatic, {
      root: consoleDist,
      prefix: '/',
      decorateReply: false,
      index: ['index.html'],
      wildcard: false,
      setHeaders(reply, path) {
        reply.header('Cache-Control', HASHED.test(path) ? IMMUTABLE : 'no-cache');
      },
    });
  } else {
    app.log.warn({ consoleDist }, 'console not built: / is not served (run the build)');
  }
}
