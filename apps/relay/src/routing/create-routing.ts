/** Builds this node's RoutingService with the presence store that fits: Redis when nodes share it, memory otherwise. */
import type { Db } from '@parley/db';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { MessageService } from '../chat/message-service';
import type { ServicesOptions } from '../services';
import type { Hub } from '../realtime/hub';
import { createMemoryPresenceStore } from './memory-presence-store';
import { createRedisPresenceStore } from './redis-presence-store';
import { RoutingService } from './routing-service';

export function createRouting(app: FastifyInstance, options: ServicesOptions, db: Db, hub: Hub, messages: MessageService): RoutingService {
  const { redisUrl, routing: timing } = options.config;
  // Its own connection, queueing while it connects: an agent's hello right after start-up must
  // count them present (the limits' client fails fast instead, by design).
  const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1 }) : null;
  redis?.on('error', (error) => app.log.debug({ err: error }, 'redis (presence) error'));
  const store = redis ? createRedisPresenceStore(redis) : createMemoryPresenceStore();
  const routing = new RoutingService(db, hub, messages, store, timing, app.log);
  routing.start();
  const stopResync = hub.onRecovered(() => void routing.resyncPresence());
  app.addHook('onClose', async () => {
    stopResync();
    await routing.close();
    if (redis) await redis.quit().catch(() => redis.disconnect());
  });
  return routing;
}
