/** Sign in, sign out, who am I, change password. Sessions live in Postgres; the cookie holds a random token. */
import {
  createSession,
  deleteAgentSessions,
  deleteSessionByTokenHash,
  findAgentByEmail,
  findSessionByTokenHash,
  setAgentPassword,
  toAgentProfile,
} from '@parley/db';
import { AgentReply, ErrorBody, LoginBody, PasswordChangeBody } from '@parley/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAgent, sessionTokenOf } from '../auth/agent-auth';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { hashSessionToken, newSessionToken, sessionCookieName } from '../auth/session-token';
import { ParleyError } from '../parley-error';
import { channels } from '../realtime/channels';

const errors = { 400: ErrorBody, 401: ErrorBody, 429: ErrorBody };

export async function authRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { db, hub, config } = app.parley;
  const cookieName = sessionCookieName(config.publicUrl);
  const secure = config.publicUrl.startsWith('https://');

  // Per account, on top of the per-IP route limit: guessing one agent's password from many IPs is
  // throttled too. createRateLimit (not rateLimit) because the plugin runs only one of its hooks per request.
  const accountLimit = app.createRateLimit({
    max: 10,
    timeWindow: '15 minutes',
    keyGenerator: (request) => `login:${String((request.body as { email?: unknown })?.email ?? '').toLowerCase()}`,
  });
  const perAccount = async (request: FastifyRequest) => {
    const limit = await accountLimit(request);
    // `isAllowed` is true only for allow-listed keys; the count over `max` is `isExceeded`.
    if (!limit.isAllowed && limit.isExceeded) throw new ParleyError('too_many_attempts');
  };

  app.post(
    '/v1/auth/login',
    {
      schema: { body: LoginBody, response: { 200: AgentReply, ...errors } },
      config: { rateLimit: { max: 30, timeWindow: '1 minute', errorResponseBuilder: () => new ParleyError('too_many_attempts') } },
      preHandler: perAccount,
    },
    async (request, reply) => {
      const found = await findAgentByEmail(db, request.body.email);
      const valid = await verifyPassword(found?.passwordHash ?? null, request.body.password);
      if (!found || !valid) throw new ParleyError('invalid_credentials');
      const token = newSessionToken();
      await createSession(db, {
        workspaceId: found.workspaceId,
        agentId: found.id,
        tokenHash: hashSessionToken(token),
        expiresAt: new Date(Date.now() + config.sessionTtlMs),
      });
      reply.setCookie(cookieName, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure,
        path: '/',
        maxAge: Math.floor(config.sessionTtlMs / 1000),
      });
      return { agent: toAgentProfile(found) };
    },
  );

  app.post('/v1/auth/logout', { schema: { response: { 204: { type: 'null' } } } }, async (request, reply) => {
    const token = sessionTokenOf(app, request);
    if (token) {
      const session = await findSessionByTokenHash(db, hashSessionToken(token));
      await deleteSessionByTokenHash(db, hashSessionToken(token));
      if (session) {
        await hub.publish(channels.agent(session.workspaceId, session.agentId), {
          kind: 'sessions.ended',
          sessionId: session.sessionId,
        });
      }
    }
    reply.clearCookie(cookieName, { path: '/', secure, httpOnly: true, sameSite: 'strict' });
    return reply.code(204).send();
  });

  app.get('/v1/auth/me', { schema: { response: { 200: AgentReply, ...errors } }, preHandler: requireAgent }, async (request) => ({
    agent: request.agentSession!.agent,
  }));

  app.post(
    '/v1/auth/password',
    { schema: { body: PasswordChangeBody, response: { 204: { type: 'null' }, ...errors } }, preHandler: requireAgent },
    async (request, reply) => {
      const { agent, sessionId } = request.agentSession!;
      const found = await findAgentByEmail(db, agent.email);
      if (!found || !(await verifyPassword(found.passwordHash, request.body.currentPassword))) {
        throw new ParleyError('invalid_credentials', 'the current password is wrong');
      }
      await setAgentPassword(db, agent.workspaceId, agent.id, await hashPassword(request.body.newPassword));
      const keep = hashSessionToken(sessionTokenOf(app, request)!);
      await deleteAgentSessions(db, agent.workspaceId, agent.id, { exceptTokenHash: keep });
      await hub.publish(channels.agent(agent.workspaceId, agent.id), { kind: 'sessions.ended', keepSessionId: sessionId });
      return reply.code(204).send();
    },
  );
}
