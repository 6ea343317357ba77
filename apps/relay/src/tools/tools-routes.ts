/**
 * REST for the agent's tools: canned responses, transcript search, visitor context and tags.
 * Every query takes the caller's workspace; another workspace's id answers 404 like a missing one.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  addConversationTag,
  createCannedResponse,
  deleteCannedResponse,
  getVisitorContextRecord,
  listCannedResponses,
  removeConversationTag,
  searchTranscripts,
  updateCannedResponse,
} from '@parley/db';
import {
  CannedResponseCreateBody,
  CannedResponseListReply,
  CannedResponseParams,
  CannedResponseReply,
  CannedResponseUpdateBody,
  ConversationParams,
  ErrorBody,
  SearchQuery,
  SearchReply,
  TagBody,
  TagParams,
  TagsReply,
  VisitorContextReply,
  VisitorParams,
} from '@parley/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAgent } from '../auth/agent-auth';
import { ParleyError } from '../parley-error';
import { channels } from '../realtime/channels';
import { toVisitorContext } from './visitor-context';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

function scopeOf(request: FastifyRequest) {
  const { agent } = request.agentSession!;
  return { workspaceId: agent.workspaceId, agentId: agent.id };
}

/** Tags are compared as typed, minus surrounding spaces and case: "VIP " and "vip" are one tag. */
function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase();
}

export async function toolsRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { db, hub } = app.parley;
  app.addHook('preHandler', requireAgent);

  app.get('/v1/canned-responses', { schema: { response: { 200: CannedResponseListReply, ...errors } } }, async (request) => ({
    cannedResponses: await listCannedResponses(db, scopeOf(request)),
  }));

  app.post(
    '/v1/canned-responses',
    { schema: { body: CannedResponseCreateBody, response: { 201: CannedResponseReply, ...errors } } },
    async (request, reply) => {
      const cannedResponse = await createCannedResponse(db, scopeOf(request), request.body);
      return reply.code(201).send({ cannedResponse });
    },
  );

  app.patch(
    '/v1/canned-responses/:cannedResponseId',
    { schema: { params: CannedResponseParams, body: CannedResponseUpdateBody, response: { 200: CannedResponseReply, ...errors } } },
    async (request) => {
      const cannedResponse = await updateCannedResponse(db, scopeOf(request), request.params.cannedResponseId, request.body);
      if (!cannedResponse) throw new ParleyError('not_found');
      return { cannedResponse };
    },
  );

  app.delete(
    '/v1/canned-responses/:cannedResponseId',
    { schema: { params: CannedResponseParams, response: { 204: { type: 'null' }, ...errors } } },
    async (request, reply) => {
      if (!(await deleteCannedResponse(db, scopeOf(request), request.params.cannedResponseId))) throw new ParleyError('not_found');
      return reply.code(204).send();
    },
  );

  app.get('/v1/search', { schema: { querystring: SearchQuery, response: { 200: SearchReply, ...errors } } }, async (request) => ({
    hits: await searchTranscripts(db, scopeOf(request).workspaceId, request.query.q, request.query.limit ?? 20),
  }));

  app.get(
    '/v1/visitors/:visitorId',
    { schema: { params: VisitorParams, response: { 200: VisitorContextReply, ...errors } } },
    async (request) => {
      const record = await getVisitorContextRecord(db, scopeOf(request).workspaceId, request.params.visitorId);
      if (!record) throw new ParleyError('not_found');
      return { visitor: toVisitorContext(record) };
    },
  );

  async function tagsChanged(workspaceId: string, conversationId: string, tags: string[] | null) {
    if (!tags) throw new ParleyError('not_found');
    // Stored already; a lost publish only delays what other agents see until they reload it.
    await hub
      .publish(channels.conversation(workspaceId, conversationId), { kind: 'frame', frame: { type: 'tags.changed', conversationId, tags } })
      .catch(() => {});
    return { tags };
  }

  app.post(
    '/v1/conversations/:conversationId/tags',
    { schema: { params: ConversationParams, body: TagBody, response: { 200: TagsReply, ...errors } } },
    async (request) => {
      const { workspaceId } = scopeOf(request);
      const { conversationId } = request.params;
      return tagsChanged(workspaceId, conversationId, await addConversationTag(db, workspaceId, conversationId, normalizeTag(request.body.tag)));
    },
  );

  app.delete(
    '/v1/conversations/:conversationId/tags/:tag',
    { schema: { params: TagParams, response: { 200: TagsReply, ...errors } } },
    async (request) => {
      const { workspaceId } = scopeOf(request);
      const { conversationId, tag } = request.params;
      return tagsChanged(workspaceId, conversationId, await removeConversationTag(db, workspaceId, conversationId, normalizeTag(tag)));
    },
  );
}
