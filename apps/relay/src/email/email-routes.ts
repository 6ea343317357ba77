/**
 * The reply-by-link page (HTML for people, so no JSON response schema; errors still go through the
 * relay's typed error handler) (GET shows it, POST sends the reply), reached from an emailed agent
 * reply. The token in the link is the only credential: it names one conversation of one visitor
 * and expires. Both routes are rate-limited per IP, the POST tighter; a reply repeated with the
 * same words from the same link (a double submit, a refresh) is stored once.
 */
import { createHash } from 'node:crypto';
import { getSite, listVisitorMessages } from '@parley/db';
import { EmailReplyForm, EmailReplyQuery, ERRORS, LIMITS } from '@parley/protocol';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ParleyError } from '../parley-error';
import { REPLY_PATH } from './email-service';
import { problemPage, replyPage } from './reply-page';
import { verifyReplyToken, type ReplyGrant } from './reply-token';

const ReplyPageQuery = Type.Composite([EmailReplyQuery, Type.Object({ sent: Type.Optional(Type.Literal('1')) })]);
const limited = () => new ParleyError('rate_limited');
/** Messages the page shows: the most recent ones. */
const PAGE_MESSAGES = 50;

export async function emailRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { db, messages, secret } = app.parley;

  // An HTML form posts urlencoded; only these routes (this plugin's scope) accept it.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  /** The token's grant, or a refusal already sent as a page with the registry's status. */
  function grantOr(reply: FastifyReply, token: string): ReplyGrant | null {
    const grant = verifyReplyToken(secret, token);
    if (typeof grant === 'object') return grant;
    const why = grant === 'expired' ? 'The link has expired. Open the chat on the website to write to us again.' : 'The link is not valid. Use the link from the newest email.';
    void reply.code(ERRORS.unauthorized.status).type('text/html; charset=utf-8').send(problemPage(why));
    return null;
  }

  app.get(
    REPLY_PATH,
    { config: { rateLimit: { max: 60, timeWindow: '1 minute', errorResponseBuilder: limited } }, schema: { querystring: ReplyPageQuery } },
    async (request, reply) => {
      const grant = grantOr(reply, request.query.t);
      if (!grant) return reply;
      const [site, history] = await Promise.all([
        getSite(db, grant.workspaceId, grant.siteId),
        listVisitorMessages(db, grant.workspaceId, grant.conversationId, { afterSeq: 0, limit: LIMITS.maxSyncMessages }),
      ]);
      const page = replyPage({
        siteName: site?.name ?? 'us',
        messages: history.messages.slice(-PAGE_MESSAGES),
        token: request.query.t,
        action: REPLY_PATH,
        sent: request.query.sent === '1',
      });
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
    },
  );

  app.post(
    REPLY_PATH,
    { config: { rateLimit: { max: 10, timeWindow: '1 minute', errorResponseBuilder: limited } }, schema: { body: EmailReplyForm } },
    async (request, reply) => {
      const grant = grantOr(reply, request.body.t);
      if (!grant) return reply;
      const clientId = `email-${createHash('sha256').update(`${request.body.t}\n${request.body.body}`).digest('base64url').slice(0, 40)}`;
      await messages.sendFromVisitor(
        { workspaceId: grant.workspaceId, siteId: grant.siteId, visitorId: grant.visitorId, name: null },
        { conversationId: grant.conversationId, clientId, body: request.body.body },
      );
      // Post/redirect/get: a refresh shows the page, it does not send again.
      return reply.redirect(`${REPLY_PATH}?t=${encodeURIComponent(request.body.t)}&sent=1`, 303);
    },
  );
}
