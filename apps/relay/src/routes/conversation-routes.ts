/** The agent's REST view of conversations. Every query is scoped by the caller's workspace. */
import { getConversationSummary, listConversations, listMessages } from '@parley/db';
import {
  ConversationListQuery,
  ConversationListReply,
  ConversationParams,
  ConversationReply,
  ErrorBody,
  LIMITS,
  MessagesQuery,
  MessagesReply,
} from '@parley/protocol';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireAgent } from '../auth/agent-auth';
import { ParleyError } from '../parley-error';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

export async function conversationRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.parley;
  app.addHook('preHandler', requireAgent);

  app.get(
    '/v1/conversations',
    { schema: { querystring: ConversationListQuery, response: { 200: ConversationListReply, ...errors } } },
    async (request) => {
      const { status = 'open', limit = 50, before } = request.query;
      const conversations = await listConversations(db, request.agentSession!.agent.workspaceId, { status, limit, before });
      return { conversations };
    },
  );

  app.get(
    '/v1/conversations/:conversationId',
    { schema: { params: ConversationParams, response: { 200: ConversationReply, ...errors } } },
    async (request) => {
      const conversation = await getConversationSummary(db, request.agentSession!.agent.workspaceId, request.params.conversationId);
      if (!conversation) throw new ParleyError('not_found');
      return { conversation };
    },
  );

  app.get(
    '/v1/conversations/:conversationId/messages',
    { schema: { params: ConversationParams, querystring: MessagesQuery, response: { 200: MessagesReply, ...errors } } },
    async (request) => {
      const workspaceId = request.agentSession!.agent.workspaceId;
      const conversation = await getConversationSummary(db, workspaceId, request.params.conversationId);
      if (!conversation) throw new ParleyError('not_found');
      const { afterSeq = 0, limit = LIMITS.maxSyncMessages } = request.query;
      return listMessages(db, workspaceId, conversation.id, { afterSeq, limit });
    },
  );
}
