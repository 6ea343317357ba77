/** Liveness (the process answers) and readiness (storage and bus reachable; a load balancer reads it). */
import { HealthReply, ReadyReply } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { database, bus, lifecycle } = app.parley;
  app.get('/healthz', { schema: { response: { 200: HealthReply } } }, async () => ({ status: 'ok' as const }));
  app.get('/readyz', { schema: { response: { 200: ReadyReply, 503: ReadyReply } } }, async (_request, reply) => {
    const db = (await database.ping().catch(() => false)) ? 'ok' : 'down';
    const busState = bus.isHealthy() ? 'ok' : 'down';
    // Without Postgres nothing can be acked: unavailable. Without the bus each node still serves its own sockets.
    // A stopping relay is unavailable too: the load balancer should send new sockets elsewhere.
    const unavailable = db === 'down' || lifecycle.draining;
    const status = unavailable ? 'unavailable' : busState === 'down' ? 'degraded' : 'ready';
    return reply.code(unavailable ? 503 : 200).send({ status, checks: { db, bus: busState }, draining: lifecycle.draining });
  });
}
