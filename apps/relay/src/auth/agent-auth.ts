/** Who is calling, from the session cookie. Used by REST routes and the agent socket's upgrade. */
import { findSessionByTokenHash } from '@parley/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AgentSession } from '../realtime/agent-connection';
import { ParleyError } from '../parley-error';
import { hashSessionToken, sessionCookieName } from './session-token';

declare module 'fastify' {
  interface FastifyRequest {
    agentSession: AgentSession | null;
  }
}

export function sessionTokenOf(app: FastifyInstance, request: FastifyRequest): string | undefined {
  return request.cookies[sessionCookieName(app.parley.config.publicUrl)];
}

export async function findAgentSession(app: FastifyInstance, request: FastifyRequest): Promise<AgentSession | null> {
  const token = sessionTokenOf(app, request);
  if (!token) return null;
  const found = await findSessionByTokenHash(app.parley.db, hashSessionToken(token));
  return found ? { sessionId: found.sessionId, agent: found.agent, expiresAt: found.expiresAt } : null;
}

/** A preHandler: 401 `unauthorized` without a live session; otherwise sets request.agentSession. */
export async function requireAgent(this: FastifyInstance, request: FastifyRequest): Promise<void> {
  const session = await findAgentSession(this, request);
  if (!session) throw new ParleyError('unauthorized', 'sign in first');
  request.agentSession = session;
}

/** The console may open the agent socket only from its own origin(s); a cookie alone is not enough. */
export function isConsoleOrigin(app: FastifyInstance, origin: string | undefined): boolean {
  return origin !== undefined && app.parley.config.consoleOrigins.includes(origin);
}
