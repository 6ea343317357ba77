/**
 * Presence shared by every relay node through Redis. Per agent: a sorted set of socket ids
 * scored by the time each counts as alive until (a crashed node's sockets simply expire), and a
 * hash with the chosen status, the last activity and the last announced status. Keys expire
 * after a week without writes.
 */
import type { AgentStatus } from '@parley/protocol';
import type { Redis } from 'ioredis';
import type { PresenceRecord, PresenceStore } from './presence-store';

const KEY_TTL_SECONDS = 7 * 24 * 3600;
const PREFIX = 'parley:presence';

const keys = {
  workspaces: `${PREFIX}:workspaces`,
  agents: (workspaceId: string) => `${PREFIX}:${workspaceId}:agents`,
  sockets: (workspaceId: string, agentId: string) => `${PREFIX}:${workspaceId}:${agentId}:sockets`,
  state: (workspaceId: string, agentId: string) => `${PREFIX}:${workspaceId}:${agentId}:state`,
};

/** Returns 1 when the announced status changed. One script, so two nodes cannot both see the old value. */
const SWAP_ANNOUNCED = `
local old = redis.call('HGET', KEYS[1], 'announced')
redis.call('HSET', KEYS[1], 'announced', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
if old == ARGV[1] then return 0 else return 1 end`;

export function createRedisPresenceStore(redis: Redis): PresenceStore {
  const touch = (workspaceId: string, agentId: string) =>
    redis
      .multi()
      .sadd(keys.workspaces, workspaceId)
      .sadd(keys.agents(workspaceId), agentId)
      .expire(keys.agents(workspaceId), KEY_TTL_SECONDS);
  return {
    async keepAlive(workspaceId, agentId, socketId, until) {
      const sockets = keys.sockets(workspaceId, agentId);
      await touch(workspaceId, agentId)
        .zadd(sockets, until, socketId)
        .zremrangebyscore(sockets, '-inf', until - 3600_000)
        .expire(sockets, KEY_TTL_SECONDS)
        .exec();
    },
    async choose(workspaceId, agentId, status) {
      const state = keys.state(workspaceId, agentId);
      await touch(workspaceId, agentId).hset(state, 'chosen', status).expire(state, KEY_TTL_SECONDS).exec();
    },
    async activity(workspaceId, agentId, at) {
      const state = keys.state(workspaceId, agentId);
      // Concurrent reports from two nodes: the later time wins, whatever the order they land in.
      await redis.eval(
        `local old = tonumber(redis.call('HGET', KEYS[1], 'activeAt') or '0')
         if tonumber(ARGV[1]) > old then redis.call('HSET', KEYS[1], 'activeAt', ARGV[1]) end
         redis.call('EXPIRE', KEYS[1], ARGV[2]) return 1`,
        1,
        state,
        String(at),
        String(KEY_TTL_SECONDS),
      );
      await touch(workspaceId, agentId).exec();
    },
    async read(workspaceId) {
      const agentIds = await redis.smembers(keys.agents(workspaceId));
      if (agentIds.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const agentId of agentIds) {
        pipeline.zrange(keys.sockets(workspaceId, agentId), -1, -1, 'WITHSCORES');
        pipeline.hmget(keys.state(workspaceId, agentId), 'chosen', 'activeAt');
      }
      const replies = (await pipeline.exec()) ?? [];
      return agentIds.map((agentId, index): PresenceRecord => {
        const [socketError, newest] = replies[index * 2]!;
        const [stateError, state] = replies[index * 2 + 1]!;
        if (socketError) throw socketError;
        if (stateError) throw stateError;
        const [chosen, activeAt] = state as [string | null, string | null];
        return {
          agentId,
          liveUntil: Number((newest as string[])[1] ?? 0),
          chosen: (chosen as AgentStatus | null) ?? 'online',
          activeAt: Number(activeAt ?? 0),
        };
      });
    },
    async swapAnnounced(workspaceId, agentId, status) {
      return (await redis.eval(SWAP_ANNOUNCED, 1, keys.state(workspaceId, agentId), status, String(KEY_TTL_SECONDS))) === 1;
    },
    async workspaces() {
      return redis.smembers(keys.workspaces);
    },
  };
}
