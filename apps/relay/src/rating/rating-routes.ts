/**
 * REST for ratings: one conversation's rating (the console's sidebar) and the workspace's
 * report per period. Scoped to the caller's workspace like every agent route.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { getConversationRating, getConversationSummary, ratingReport } from '@parley/db';
import { ConversationParams, ConversationRatingReply, ErrorBody, RatingReportQuery, RatingReportReply } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { requireAgent } from '../auth/agent-auth';
import { ParleyError } from '../parley-error';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const DEFAULT_RANGE_MS = 30 * 24 * 3600_000;
/** A report spans at most about two years: enough for trends, bounded for the database. */
const MAX_RANGE_MS = 800 * 24 * 3600_000;

export async function ratingRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.parley;
  app.addHook('preHandler', requireAgent);

  app.get(
    '/v1/conversations/:conversationId/rating',
    { schema: { params: ConversationParams, response: { 200: ConversationRatingReply, ...errors } } },
    async (request) => {
      const { workspaceId } = request.agentSession!.agent;
      const { conversationId } = request.params;
      if (!(await getConversationSummary(db, workspaceId, conversationId))) throw new ParleyError('not_found');
      return { rating: await getConversationRating(db, workspaceId, conversationId) };
    },
  );

  app.get('/v1/reports/ratings', { schema: { querystring: RatingReportQuery, response: { 200: RatingReportReply, ...errors } } }, async (request) => {
    const { agent } = request.agentSession!;
    // Reports compare agents and teams: for the people who run the desk, like the supervisor views.
    if (agent.role === 'agent') throw new ParleyError('forbidden', 'reports are for supervisors and admins');
    const to = request.query.to ? new Date(request.query.to) : new Date();
    const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - DEFAULT_RANGE_MS);
    if (Number.isNaN(to.getTime()) || Number.isNaN(from.getTime())) throw new ParleyError('validation_failed', 'from and to must be ISO 8601 times');
    if (from >= to || to.getTime() - from.getTime() > MAX_RANGE_MS) throw new ParleyError('validation_failed', 'from must be before to, at most 800 days apart');
    const period = request.query.period ?? 'day';
    const report = await ratingReport(db, agent.workspaceId, { from, to, period });
    return { from: from.toISOString(), to: to.toISOString(), period, ...report };
  });
}
