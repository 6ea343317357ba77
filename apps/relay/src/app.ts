/**
 * The relay as a Fastify application, without a process around it (server.ts is the process).
 * Tests build it with their own config, database and bus.
 */
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ERRORS, type ErrorBody } from '@parley/protocol';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { attachmentRoutes } from './attachments/attachment-routes';
import { ParleyError } from './parley-error';
import { ratingRoutes } from './rating/rating-routes';
import { realtimeRoutes } from './realtime/realtime-routes';
import { availabilityRoutes } from './availability/availability-routes';
import { emailRoutes } from './email/email-routes';
import { authRoutes } from './routes/auth-routes';
import { conversationRoutes } from './routes/conversation-routes';
import { healthRoutes } from './routes/health-routes';
import { identityRoutes } from './identity/identity-routes';
import { staticRoutes } from './routes/static-routes';
import { routingRoutes } from './routing/routing-routes';
import { servicesPlugin, type ServicesOptions } from './services';
import { siteSettingsRoutes } from './site-settings/site-settings-routes';
import { widgetConfigRoutes } from './site-settings/widget-config-routes';
import { toolsRoutes } from './tools/tools-routes';

export interface AppOptions extends ServicesOptions {
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.config.trustProxy,
    bodyLimit: 64 * 1024,
    // One error shape for everything, schema failures included.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(servicesPlugin, options);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(compress, { threshold: 1024 });
  const wsOrigins = options.config.consoleOrigins.map((origin) => origin.replace(/^http/, 'ws'));
  await app.register(helmet, {
    // The widget's files are loaded by customers' pages on other origins.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...wsOrigins],
        frameAncestors: ["'none'"],
      },
    },
  });

  app.setErrorHandler((thrown, request, reply) => {
    const error = thrown as FastifyError;
    let body: ErrorBody;
    let status: number;
    if (error instanceof ParleyError) {
      status = error.statusCode;
      body = { code: error.code, message: error.message, ...(error.ref ? { ref: error.ref } : {}) };
    } else if (error.validation) {
      status = 400;
      const field = validationField(error);
      body = { code: 'validation_failed', message: `${ERRORS.validation_failed.message} (${error.message})`, ...(field ? { ref: field } : {}) };
    } else if (error.statusCode === 413) {
      status = 413;
      body = { code: 'frame_too_large', message: 'The request body is too large.' };
    } else if (error.statusCode === 400 || error.statusCode === 415) {
      status = 400;
      body = { code: 'validation_failed', message: `${ERRORS.validation_failed.message} (${error.message})` };
    } else {
      request.log.error({ err: error }, 'request failed');
      status = 500;
      body = { code: 'internal', message: ERRORS.internal.message, ref: request.id };
    }
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ code: 'not_found', message: ERRORS.not_found.message }));

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(conversationRoutes);
  await app.register(routingRoutes);
  await app.register(toolsRoutes);
  await app.register(availabilityRoutes);
  await app.register(emailRoutes);
  await app.register(ratingRoutes);
  await app.register(attachmentRoutes);
  await app.register(siteSettingsRoutes);
  await app.register(widgetConfigRoutes);
  await app.register(identityRoutes);
  await app.register(realtimeRoutes);
  await app.register(staticRoutes);
  return app;
}

/** The field a schema failure is about, dotted (`widget.offsetX`), for the error's `ref`. */
function validationField(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const params = first.params as { missingProperty?: string; additionalProperty?: string };
  const path = first.instancePath.slice(1).replace(/\//g, '.');
  const child = params.missingProperty ?? params.additionalProperty;
  return [path, child].filter(Boolean).join('.') || undefined;
}
