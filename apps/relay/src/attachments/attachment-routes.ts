/**
 * REST for attachments. Agents (session cookie) upload into and download from conversations of
 * their workspace. Visitors (the widget, on a customer's page: `Authorization: Bearer <visitor
 * token>` and the site key) upload into and download from their own conversations only, with
 * CORS answered for the site's allowed origins alone.
 */
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { findSiteByPublicKey, findVisitorAttachment, findWorkspaceAttachment, getVisitor, type SiteRecord } from '@parley/db';
import { AttachmentParams, AttachmentUploadQuery, AttachmentUploadReply, ErrorBody, WidgetAttachmentQuery } from '@parley/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAgent } from '../auth/agent-auth';
import { verifyVisitorToken } from '../auth/visitor-token';
import { ParleyError } from '../parley-error';
import type { AttachmentStore } from './attachment-store';
import { LocalDiskStore } from './local-disk-store';
import { receiveAttachment } from './receive-attachment';
import { serveAttachment } from './serve-attachment';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody };
/** Uploads per client IP and minute: generous for people, a wall for scripts filling the disk. */
const uploadLimit = { rateLimit: { max: 30, timeWindow: '1 minute', errorResponseBuilder: () => new ParleyError('rate_limited') } };

export interface AttachmentRoutesOptions {
  /** Defaults to a LocalDiskStore in the configured ATTACHMENTS_DIR. */
  store?: AttachmentStore;
}

declare module 'fastify' {
  interface FastifyRequest {
    widgetVisitor?: { site: SiteRecord; visitorId: string; name: string | null };
  }
}

export async function attachmentRoutes(parent: FastifyInstance, options: AttachmentRoutesOptions = {}): Promise<void> {
  const { config } = parent.parley;
  const store = options.store ?? new LocalDiskStore(config.attachments.dir);
  // busboy stops reading a file one byte past the limit, so the guard sees it is too large.
  await parent.register(multipart, { limits: { fileSize: config.attachments.maxBytes + 1, files: 1, fields: 0, parts: 1 }, throwFileSizeLimit: false });
  await parent.register((scope, _, done) => agentRoutes(scope, store).then(() => done(), done));
  await parent.register((scope, _, done) => widgetRoutes(scope, store).then(() => done(), done));
}

async function agentRoutes(parent: FastifyInstance, store: AttachmentStore): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { db, messages, config } = app.parley;
  app.addHook('preHandler', requireAgent);

  app.post(
    '/v1/attachments',
    { config: uploadLimit, schema: { querystring: AttachmentUploadQuery, response: { 201: AttachmentUploadReply, ...errors } } },
    async (request, reply) => {
      const { agent } = request.agentSession!;
      const { conversationId, clientId } = request.query;
      if (!conversationId) throw new ParleyError('validation_failed', 'conversationId is required for agents');
      const uploaded = await receiveAttachment(request, {
        db,
        store,
        maxBytes: config.attachments.maxBytes,
        workspaceId: agent.workspaceId,
        uploader: { kind: 'agent', id: agent.id },
        send: (attachment) =>
          messages.sendFromAgent({ workspaceId: agent.workspaceId, agentId: agent.id, name: agent.name }, { conversationId, clientId, body: attachment.name, attachment }),
      });
      return reply.code(201).send(uploaded);
    },
  );

  app.get('/v1/attachments/:attachmentId', { schema: { params: AttachmentParams } }, async (request, reply) =>
    serveAttachment(reply, store, await findWorkspaceAttachment(db, request.agentSession!.agent.workspaceId, request.params.attachmentId)),
  );
}

async function widgetRoutes(parent: FastifyInstance, store: AttachmentStore): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { db, messages, config, secret } = app.parley;

  // CORS by hand: the allowed origins are per site, known only once the site key is looked up.
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    const siteKey = (request.query as { siteKey?: unknown }).siteKey;
    const site = typeof siteKey === 'string' ? await findSiteByPublicKey(db, siteKey) : null;
    if (!site) throw new ParleyError('unknown_site');
    const origin = request.headers.origin;
    if (!origin || !site.allowedOrigins.includes(origin)) throw new ParleyError('forbidden_origin', origin ?? 'no Origin header');
    reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    if (request.method === 'OPTIONS') return;
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const visitorId = token ? verifyVisitorToken(secret, site.id, token) : null;
    const visitor = visitorId ? await getVisitor(db, site.workspaceId, visitorId) : null;
    if (!visitor || visitor.siteId !== site.id) throw new ParleyError('unauthorized', 'send the visitor token as Authorization: Bearer');
    request.widgetVisitor = { site, visitorId: visitor.id, name: visitor.name };
  });

  const preflight = async (_request: FastifyRequest, reply: import('fastify').FastifyReply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'authorization')
      .header('access-control-max-age', '600')
      .send();
  app.options('/v1/widget/attachments', preflight);
  app.options('/v1/widget/attachments/:attachmentId', preflight);

  app.post(
    '/v1/widget/attachments',
    { config: uploadLimit, schema: { querystring: AttachmentUploadQuery, response: { 201: AttachmentUploadReply, ...errors } } },
    async (request, reply) => {
      const { site, visitorId, name } = request.widgetVisitor!;
      const { conversationId, clientId } = request.query;
      const uploaded = await receiveAttachment(request, {
        db,
        store,
        maxBytes: config.attachments.maxBytes,
        workspaceId: site.workspaceId,
        uploader: { kind: 'visitor', id: visitorId },
        send: (attachment) =>
          messages.sendFromVisitor(
            { workspaceId: site.workspaceId, siteId: site.id, visitorId, name },
            { ...(conversationId ? { conversationId } : {}), clientId, body: attachment.name, attachment },
          ),
      });
      return reply.code(201).send(uploaded);
    },
  );

  app.get('/v1/widget/attachments/:attachmentId', { schema: { params: AttachmentParams, querystring: WidgetAttachmentQuery } }, async (request, reply) => {
    const { site, visitorId } = request.widgetVisitor!;
    return serveAttachment(reply, store, await findVisitorAttachment(db, { workspaceId: site.workspaceId, visitorId }, request.params.attachmentId));
  });
}
