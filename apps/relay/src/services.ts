/**
 * The shared infrastructure every route uses, as one named plugin (STYLE §8): config, storage,
 * bus, this node's hub and the message service. Routes read them from `app.parley`.
 */
import type { Bus } from '@parley/bus';
import type { Database, Db } from '@parley/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { Config } from './config';
import { MessageService } from './chat/message-service';
import { Hub } from './realtime/hub';
import { AvailabilityService } from './availability/availability-service';
import { EmailService } from './email/email-service';
import { createMailer } from './email/mailer';
import { createRouting } from './routing/create-routing';
import type { RoutingService } from './routing/routing-service';

export interface Services {
  config: Config;
  database: Database;
  db: Db;
  bus: Bus;
  hub: Hub;
  messages: MessageService;
  /** Signs visitor tokens. */
  secret: string;
  /** Shared counters (flood limits) across nodes; null on a single node. Not the bus's connections. */
  redis: Redis | null;
  /** Presence, assignment and the queue (routing/). */
  routing: RoutingService;
  /** What each site's widgets are told about being answered now (availability/). */
  availability: AvailabilityService;
  /** Email follow-up and transcripts; null without SMTP_URL (email/). */
  email: EmailService | null;
  /** Set when the relay is stopping: no new sockets, readiness says so. */
  lifecycle: { draining: boolean };
}

declare module 'fastify' {
  interface FastifyInstance {
    parley: Services;
  }
}

export interface ServicesOptions {
  config: Config;
  database: Database;
  bus: Bus;
  secret: string;
}

export const servicesPlugin = fp(
  async (app: FastifyInstance, options: ServicesOptions) => {
    const hub = new Hub(options.bus, (error, context) => app.log.warn({ err: error }, `bus: ${context}`));
    app.addHook('onClose', async () => hub.close());
    const db = options.database.db;
    // Commands fail fast while Redis is away (the limiters then fall back to memory) instead of queueing.
    const redis = options.config.redisUrl
      ? new Redis(options.config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
      : null;
    redis?.on('error', (error) => app.log.debug({ err: error }, 'redis (limits) error'));
    if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
    const messages = new MessageService(db, hub, app.log, { concurrency: options.database.kind === 'pglite' ? 1 : 4 });
    const routing = createRouting(app, options, db, hub, messages);
    const { email: emailConfig, routing: timing, publicUrl } = options.config;
    const availability = new AvailabilityService(db, (workspaceId) => routing.anyoneOnline(workspaceId), {
      checkMs: timing.sweepMs,
      seenEveryMs: 20_000,
      emailFollowUp: emailConfig.smtpUrl !== undefined,
    }, app.log, hub);
    routing.onPresenceChanged = (workspaceId) => availability.announce(workspaceId);
    availability.start();
    const email = emailConfig.smtpUrl
      ? new EmailService(db, createMailer(emailConfig.smtpUrl, emailConfig.from), (visitorId) => availability.hasVisitor(visitorId), {
          publicUrl,
          debounceMs: emailConfig.debounceMs,
          linkTtlMs: emailConfig.linkTtlMs,
          secret: options.secret,
        }, app.log, redis)
      : null;
    if (email) {
      messages.onAgentReply = (workspaceId, conversation) => email.agentReplied(workspaceId, conversation);
      email.start();
    }
    app.addHook('onClose', async () => {
      availability.close();
      await email?.close();
    });
    app.decorate('parley', {
      config: options.config,
      database: options.database,
      db,
      bus: options.bus,
      hub,
      // PGlite has one connection: more than one batch in flight would only queue.
      messages,
      routing,
      availability,
      email,
      secret: options.secret,
      redis,
      lifecycle: { draining: false },
    });
  },
  { name: 'parley-services' },
);
