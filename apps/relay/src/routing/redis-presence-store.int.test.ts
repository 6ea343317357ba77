import { redisUrl } from '@parley/test-services';
import { Redis } from 'ioredis';
import { afterAll, describe } from 'vitest';
import { presenceStoreContract } from './presence-store-contract';
import { createRedisPresenceStore } from './redis-presence-store';

describe.skipIf(!redisUrl())('presence on Redis', () => {
  const redis = redisUrl() ? new Redis(redisUrl()!) : null;
  afterAll(async () => {
    await redis?.quit();
  });
  presenceStoreContract('Redis', () => createRedisPresenceStore(redis!));
});
