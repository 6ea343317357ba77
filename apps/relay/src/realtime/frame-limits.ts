/**
 * Flood limits for socket frames: a budget per socket (memory: a socket lives on one node) and,
 * for visitor sockets, a budget per IP shared by every node through Redis when there is one, so
 * opening sockets on several nodes does not multiply it. If Redis is unreachable the IP budget
 * falls back to each node's memory rather than letting everything through or refusing everyone.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface FrameLimitsConfig {
  /** Frames per window per socket; 0 turns the limit off. */
  perSocket: number;
  /** Frames per window per client IP over all its visitor sockets; 0 turns it off. */
  perIp: number;
  windowSeconds: number;
}

export interface FrameLimits {
  /** Takes one frame from the budgets; false when a budget is spent (the frame is refused). */
  allow(socketKey: string, ip: string | null): Promise<boolean>;
}

function spent(result: unknown): false {
  // rate-limiter-flexible rejects with a RateLimiterRes when the budget is spent, and with an
  // Error when its store fails; the insurance limiter already covers store failures.
  if (result instanceof Error) throw result;
  return false;
}

export function createFrameLimits(config: FrameLimitsConfig, redis: Redis | null): FrameLimits {
  const perSocket: RateLimiterAbstract | null =
    config.perSocket > 0 ? new RateLimiterMemory({ points: config.perSocket, duration: config.windowSeconds, keyPrefix: 'socket' }) : null;
  let perIp: RateLimiterAbstract | null = null;
  if (config.perIp > 0) {
    const memory = new RateLimiterMemory({ points: config.perIp, duration: config.windowSeconds, keyPrefix: 'ip' });
    perIp = redis
      ? new RateLimiterRedis({
          storeClient: redis,
          points: config.perIp,
          duration: config.windowSeconds,
          keyPrefix: 'parley:frames:ip',
          insuranceLimiter: memory,
        })
      : memory;
  }
  return {
    async allow(socketKey, ip) {
      if (perSocket && !(await perSocket.consume(socketKey).then(() => true, spent))) return false;
      if (perIp && ip !== null && !(await perIp.consume(ip).then(() => true, spent))) return false;
      return true;
    },
  };
}
